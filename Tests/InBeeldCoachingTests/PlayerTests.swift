import Foundation
import Testing
import TestSupport
@testable import InBeeldCoaching

/// Clips played by two stacks that share no code: FFmpeg, and GStreamer's demuxer with Cisco's OpenH264
/// decoder (strict where FFmpeg forgives: it refuses a level it does not support, and at an IDR that
/// starts a new sequence it may lose pictures still waiting for output). Each clip must show exactly the
/// source's frames [from, to) in both, and declare the level an ordinary x264 encode of its picture would.
@Suite struct PlayerTests {
    /// Fragments that start inside a GOP and end inside one, on sources with B-frames: constant 30 fps
    /// (GOPs of 30), 29.97 fps (GOPs of 60), variable rate in 1/600 (GOPs of 45), and a phone-like
    /// QuickTime file (1/600, variable, rotated, AAC at 44.1 kHz, GOPs of 45).
    static let fragments: [(String, Int64, Int64)] = [
        ("barcode-bframes.mp4", 1_300_000, 4_500_000),
        ("barcode-ntsc.mp4", 1_234_000, 8_100_000),
        ("barcode-vfr.mp4", 1_234_000, 4_567_000),
        ("barcode-phone.mov", 2_345_000, 6_100_000),
    ]

    static func cut(_ name: String, _ from: Int64, _ to: Int64, _ mode: CutJob.Mode, in dir: String) throws -> (clip: String, result: CutJob.Result) {
        let clip = dir + "/\(mode).mp4"
        let result = try CutJob(recording: try openedRecording(fixture(name)), from: .clock(microseconds: from), to: .clock(microseconds: to),
                                output: clip, mode: mode, preset: "veryfast", anyLength: true, language: .en).run()
        return (clip, result)
    }

    @Test(arguments: fragments)
    func smartAndExactClipsShowExactlyTheFragmentInBothStacks(_ name: String, _ from: Int64, _ to: Int64) throws {
        let dir = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let expected = Array(try CutTests.expectedRange(fixture(name), from: from, to: to))
        for mode in [CutJob.Mode.smart, .exact] {
            let (clip, result) = try Self.cut(name, from, to, mode, in: dir)
            if mode == .smart { #expect(result.notes.first?.hasPrefix("smart cut: ") == true, "\(name): \(result.notes)") }
            #expect(try Oracle.barcodes(ofVideo: clip) == expected, "\(name), \(mode): FFmpeg")
            #expect(try Oracle.openH264Barcodes(ofVideo: clip) == expected, "\(name), \(mode): GStreamer and OpenH264")
        }
    }

    /// The level an exact clip declares is the one x264 gives an ordinary encode of the same picture at the
    /// same rate (the ffmpeg CLI, which passes x264 the stream's frame rate); a smart clip keeps the source's.
    @Test(arguments: fragments)
    func clipsDeclareTheLevelOfAnOrdinaryEncode(_ name: String, _ from: Int64, _ to: Int64) throws {
        let dir = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let ordinary = dir + "/ordinary.mp4"
        _ = try run(try #require(which("ffmpeg")), ["-nostdin", "-v", "error", "-i", fixture(name), "-map", "0:v:0", "-frames:v", "30",
                                                    "-c:v", "libx264", "-preset", "veryfast", "-crf", "18", ordinary])
        let ordinaryLevel = try #require(try Oracle.declaredLevel(ordinary))
        #expect(ordinaryLevel <= 31, "a small picture at about 30 fps needs a low level (\(ordinaryLevel))")
        let exact = try Self.cut(name, from, to, .exact, in: dir).clip
        #expect(try Oracle.declaredLevel(exact) == ordinaryLevel)
        let smart = try Self.cut(name, from, to, .smart, in: dir).clip
        #expect(try Oracle.declaredLevel(smart) == (try Oracle.declaredLevel(fixture(name))))
    }

    /// Copy mode: the edit list starts and ends the presentation at the fragment, in both stacks, never a
    /// frame after `to`. GStreamer's demuxer ends a track at a picture past the end that directly follows
    /// a keyframe in decode order; the B-frames after it are inside the fragment, so such a keyframe near
    /// the end must not be listed as one (the barcode-phone cut has one 4 frames before its end).
    @Test(arguments: fragments)
    func copyClipsShowExactlyTheFragmentInBothStacks(_ name: String, _ from: Int64, _ to: Int64) throws {
        let dir = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let expected = Array(try CutTests.expectedRange(fixture(name), from: from, to: to))
        let (clip, _) = try Self.cut(name, from, to, .copy, in: dir)
        #expect(try Oracle.barcodes(ofVideo: clip) == expected, "\(name): FFmpeg")
        #expect(try Oracle.openH264Barcodes(ofVideo: clip) == expected, "\(name): GStreamer and OpenH264")
    }

    /// Smart cut is the default of `cut` and `prepare`.
    @Test func smartIsTheDefault() throws {
        let job = CutJob(recording: try openedRecording(fixture("barcode-bframes.mp4")), from: .clock(microseconds: 0), to: .clock(microseconds: 1), output: "o.mp4", language: .en)
        #expect(job.mode == .smart)
    }
}
