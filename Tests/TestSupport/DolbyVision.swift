import Foundation

/// Test recordings with a Dolby Vision configuration record. The ffmpeg CLI cannot give a stream one
/// (FFmpeg's muxer writes `dvcC` only when copying a stream that has it), so a copy of an MP4 the CLI made
/// gets the box added by hand: a `dvcC` box appended to the first HEVC sample entry, that entry renamed
/// `dvh1` (as Dolby Vision cameras write it), and every enclosing box's size grown by the box's length.
/// The sample index stays valid only because the CLI writes `moov` after `mdat` (no chunk offset moves);
/// a file with `moov` first is refused. Whether the result is what it should be is for ffprobe to say
/// (`Oracle.dolbyVision`), not for this code.
public enum DolbyVisionFixture {
    public enum Failure: Error, CustomStringConvertible {
        case notFound(String)
        public var description: String { switch self { case .notFound(let what): return what } }
    }

    /// Writes `source` to `destination` with a `dvcC` box stating `profile` and base-layer
    /// `compatibility` (0 none, 1 HDR10, 2 SDR, 4 HLG).
    public static func write(_ source: String, to destination: String, profile: Int, compatibility: Int) throws {
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: source)))
        let top = boxes(in: bytes, from: 0, to: bytes.count)
        guard let moov = top.first(where: { $0.type == "moov" }) else { throw Failure.notFound("\(source): no moov box") }
        guard let mdat = top.first(where: { $0.type == "mdat" }), mdat.start < moov.start else {
            throw Failure.notFound("\(source): moov comes before mdat; chunk offsets would move")
        }
        // The path down to the sample description, through the first track that has an HEVC entry.
        for trak in boxes(in: bytes, from: moov.start + 8, to: moov.end) where trak.type == "trak" {
            guard let mdia = child("mdia", of: trak, bytes), let minf = child("minf", of: mdia, bytes),
                  let stbl = child("stbl", of: minf, bytes), let stsd = child("stsd", of: stbl, bytes) else { continue }
            // stsd: version/flags and an entry count before the entries.
            guard let entry = boxes(in: bytes, from: stsd.start + 16, to: stsd.end).first,
                  entry.type == "hvc1" || entry.type == "hev1" else { continue }
            let record = dvcC(profile: profile, compatibility: compatibility)
            bytes.insert(contentsOf: record, at: entry.end)
            for box in [moov, trak, mdia, minf, stbl, stsd, entry] { grow(&bytes, at: box.start, by: record.count) }
            bytes.replaceSubrange(entry.start + 4..<entry.start + 8, with: Array("dvh1".utf8))
            try Data(bytes).write(to: URL(fileURLWithPath: destination))
            return
        }
        throw Failure.notFound("\(source): no HEVC track")
    }

    /// The box as the Dolby Vision ISO-BMFF specification lays it out: version 1.0, then profile (7 bits),
    /// level (6), rpu/el/bl present flags, the compatibility id (4 bits), and reserved zeros to 24 bytes.
    static func dvcC(profile: Int, compatibility: Int) -> [UInt8] {
        let level = 6
        let fields = (profile << 9) | (level << 3) | (1 << 2) | (0 << 1) | 1  // RPU and base layer, no enhancement layer
        var payload: [UInt8] = [1, 0, UInt8(fields >> 8), UInt8(fields & 0xFF), UInt8(compatibility << 4)]
        payload += [UInt8](repeating: 0, count: 24 - payload.count)
        return bigEndian32(8 + payload.count) + Array("dvcC".utf8) + payload
    }

    struct Box { var type: String; var start: Int; var end: Int }

    static func boxes(in bytes: [UInt8], from start: Int, to end: Int) -> [Box] {
        var found: [Box] = []
        var at = start
        while at + 8 <= end {
            let size = Int(bytes[at]) << 24 | Int(bytes[at + 1]) << 16 | Int(bytes[at + 2]) << 8 | Int(bytes[at + 3])
            guard size >= 8, at + size <= end else { break }
            found.append(Box(type: String(decoding: bytes[at + 4..<at + 8], as: UTF8.self), start: at, end: at + size))
            at += size
        }
        return found
    }

    static func child(_ type: String, of box: Box, _ bytes: [UInt8]) -> Box? {
        boxes(in: bytes, from: box.start + 8, to: box.end).first { $0.type == type }
    }

    static func grow(_ bytes: inout [UInt8], at start: Int, by count: Int) {
        let size = Int(bytes[start]) << 24 | Int(bytes[start + 1]) << 16 | Int(bytes[start + 2]) << 8 | Int(bytes[start + 3])
        bytes.replaceSubrange(start..<start + 4, with: bigEndian32(size + count))
    }

    static func bigEndian32(_ value: Int) -> [UInt8] {
        [UInt8(value >> 24 & 0xFF), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
    }
}
