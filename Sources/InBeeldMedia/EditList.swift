import Foundation

/// Ends an MP4's presentation at a point in time by shortening its edit lists in place.
///
/// A copied fragment must hold every packet a kept frame depends on, and with B-frames those include
/// pictures shown after the fragment's end. FFmpeg's MP4 muxer lets each track's edit run to its last
/// sample, so players that honour edit lists showed one or two frames past `--to`. The edit list is the
/// standard's way to say where presentation ends (ISO/IEC 14496-12, 8.6.6): the last edit's
/// `segment_duration` is set so that the tracks end at `end`, rounded down in the movie's time scale.
/// `tkhd` and `mvhd` durations follow. Only numbers change; no box grows or moves.
enum EditList {
    struct Failure: Error {
        var problem: EditListProblem
    }

    /// Shortens every track that runs past `end` (from the presentation's start) to end there.
    static func endPresentation(of path: String, at end: MediaTime) throws(MediaError) {
        do {
            try patch(path: path, end: end)
        } catch let failure as Failure {
            throw .inconsistent(.editList(failure.problem))
        } catch {
            throw .inconsistent(.editList(.io(errno: Self.errorNumber(error))))
        }
    }

    /// The system's error number behind a file handle's error (Foundation wraps it), EIO when none.
    private static func errorNumber(_ error: any Error) -> Int32 {
        let cocoa = error as NSError
        if cocoa.domain == NSPOSIXErrorDomain { return Int32(cocoa.code) }
        if let underlying = cocoa.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return Int32(underlying.code)
        }
        return EIO
    }

    private static func patch(path: String, end: MediaTime) throws {
        guard let handle = FileHandle(forUpdatingAtPath: path) else { throw Failure(problem: .cannotOpen) }
        defer { try? handle.close() }
        let moov = try movieBox(in: handle)
        try handle.seek(toOffset: moov.offset)
        var bytes = [UInt8](try handle.read(upToCount: moov.size) ?? Data())
        guard bytes.count == moov.size else { throw Failure(problem: .movieBoxCutShort) }

        guard let mvhd = child("mvhd", in: bytes, from: 8, to: bytes.count) else { throw Failure(problem: .noMovieHeader) }
        let movieVersion = bytes[mvhd.body]
        let timescaleAt = mvhd.body + (movieVersion == 1 ? 20 : 12)
        let timescale = Int64(read32(bytes, timescaleAt))
        guard timescale > 0 else { throw Failure(problem: .noTimeScale) }
        // Rounded down: an edit that ends a fraction of a tick after `end` would show the next frame.
        let limit = end.ticks * Int64(end.timeBase.numerator) * timescale / Int64(end.timeBase.denominator)

        var movieDuration: Int64 = 0
        var position = 8
        while let trak = child("trak", in: bytes, from: position, to: bytes.count) {
            position = trak.end
            movieDuration = max(movieDuration, try shorten(track: trak, in: &bytes, to: limit))
        }
        let durationAt = timescaleAt + 4
        if movieVersion == 1 { write64(&bytes, durationAt, UInt64(movieDuration)) } else { write32(&bytes, durationAt, UInt32(movieDuration)) }
        try handle.seek(toOffset: moov.offset)
        try handle.write(contentsOf: Data(bytes))
        try handle.synchronize()
    }

    /// Where the movie box (`moov`) is among the file's top-level boxes (at the front with +faststart, or
    /// at the end), and its size.
    private static func movieBox(in handle: FileHandle) throws -> (offset: UInt64, size: Int) {
        let fileSize = try handle.seekToEnd()
        var offset: UInt64 = 0
        while offset + 8 <= fileSize {
            try handle.seek(toOffset: offset)
            let header = [UInt8](try handle.read(upToCount: 16) ?? Data())
            guard header.count >= 8 else { break }
            var size = UInt64(read32(header, 0))
            if size == 1, header.count >= 16 { size = read64(header, 8) } else if size == 0 { size = fileSize - offset }
            guard size >= 8 else { throw Failure(problem: .impossibleBoxSize) }
            if String(decoding: header[4..<8], as: UTF8.self) == "moov" { return (offset, Int(size)) }
            offset += size
        }
        throw Failure(problem: .noMovieBox)
    }

    /// Shortens the edit list of one track (`trak`, inside `bytes`) so that it ends at `limit` (in the
    /// movie's time scale), and its header's duration with it. Returns the track's duration.
    private static func shorten(track trak: (body: Int, end: Int), in bytes: inout [UInt8], to limit: Int64) throws -> Int64 {
        var trackDuration: Int64?
        if let edts = child("edts", in: bytes, from: trak.body, to: trak.end),
           let elst = child("elst", in: bytes, from: edts.body, to: edts.end) {
            let version = bytes[elst.body]
            let count = Int(read32(bytes, elst.body + 4))
            let entrySize = version == 1 ? 20 : 12
            guard count > 0, elst.body + 8 + count * entrySize <= elst.end else { throw Failure(problem: .unparsableEditList) }
            var total: Int64 = 0
            for i in 0..<count {
                let at = elst.body + 8 + i * entrySize
                total += version == 1 ? Int64(read64(bytes, at)) : Int64(read32(bytes, at))
            }
            if total > limit {
                let last = elst.body + 8 + (count - 1) * entrySize
                let lastDuration = version == 1 ? Int64(read64(bytes, last)) : Int64(read32(bytes, last))
                let shortened = lastDuration - (total - limit)
                guard shortened > 0 else { throw Failure(problem: .endsBeforeLastEdit) }
                if version == 1 { write64(&bytes, last, UInt64(shortened)) } else { write32(&bytes, last, UInt32(shortened)) }
                total = limit
            }
            trackDuration = total
        }
        if let tkhd = child("tkhd", in: bytes, from: trak.body, to: trak.end) {
            let version = bytes[tkhd.body]
            let at = tkhd.body + (version == 1 ? 28 : 20)
            var duration = version == 1 ? Int64(read64(bytes, at)) : Int64(read32(bytes, at))
            if let trackDuration, duration > trackDuration {
                duration = trackDuration
                if version == 1 { write64(&bytes, at, UInt64(duration)) } else { write32(&bytes, at, UInt32(duration)) }
            }
            return duration
        }
        return 0
    }

    /// The first box of `type` among the boxes in `bytes[from..<to]`: where its body (after the header)
    /// starts and where it ends.
    private static func child(_ type: String, in bytes: [UInt8], from: Int, to: Int) -> (body: Int, end: Int)? {
        var at = from
        while at + 8 <= to {
            var size = Int(read32(bytes, at)), header = 8
            if size == 1, at + 16 <= to { size = Int(read64(bytes, at + 8)); header = 16 }
            guard size >= header, at + size <= to else { return nil }
            if String(decoding: bytes[at + 4..<at + 8], as: UTF8.self) == type { return (at + header, at + size) }
            at += size
        }
        return nil
    }

    private static func read32(_ b: [UInt8], _ at: Int) -> UInt32 {
        (0..<4).reduce(UInt32(0)) { $0 << 8 | UInt32(b[at + $1]) }
    }
    private static func read64(_ b: [UInt8], _ at: Int) -> UInt64 {
        (0..<8).reduce(UInt64(0)) { $0 << 8 | UInt64(b[at + $1]) }
    }
    private static func write32(_ b: inout [UInt8], _ at: Int, _ v: UInt32) {
        for i in 0..<4 { b[at + i] = UInt8(truncatingIfNeeded: v >> (8 * (3 - i))) }
    }
    private static func write64(_ b: inout [UInt8], _ at: Int, _ v: UInt64) {
        for i in 0..<8 { b[at + i] = UInt8(truncatingIfNeeded: v >> (8 * (7 - i))) }
    }
}
