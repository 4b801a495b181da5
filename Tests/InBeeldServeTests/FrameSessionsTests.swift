import Foundation
import InBeeldCoaching
import InBeeldMedia
import Testing
import TestSupport
@testable import InBeeldServe

/// The frame sessions behind `api/frame`, without a server or a browser: each answer is the frame asked
/// for (read from its barcode), in any order of asking, stepping back inside a group of pictures included;
/// a frame the recording does not have is said so; a fourth recording closes the one least recently used.
@Suite struct FrameSessionsTests {
    static func opened(_ path: String) throws -> (info: MediaInfo, timeline: PresentationTimeline) {
        let recording = try Recording.open(path, language: .en).get()
        return (recording.info, recording.timeline)
    }

    static func barcode(_ jpeg: Data) throws -> Int {
        let file = temporaryFolder() + "/frame.jpg"
        defer { try? FileManager.default.removeItem(atPath: Paths.parent(of: file)) }
        try jpeg.write(to: URL(fileURLWithPath: file))
        return try Oracle.barcode(file)
    }

    /// Variable frame rate with B-frames (`barcode-vfr.mp4`, 180 frames): forward, back inside the group,
    /// far away and back to the start.
    @Test func everyAnswerIsTheFrameAskedFor() async throws {
        let path = fixture("barcode-vfr.mp4")
        let (info, timeline) = try Self.opened(path)
        let frames = FrameSessions()
        for n in [0, 1, 2, 37, 36, 30, 179, 100, 101, 99, 0] {
            let answer = await frames.picture(path: path, stamp: FileStamp(path), info: info, timeline: timeline, index: n, width: 320, language: .en)
            guard case .success(let jpeg) = answer else { Issue.record("frame \(n): \(answer)"); continue }
            #expect(try Self.barcode(jpeg) == n)
        }
        let outside = await frames.picture(path: path, stamp: FileStamp(path), info: info, timeline: timeline, index: 180, width: 320, language: .en)
        guard case .failure(.noSuchFrame) = outside else { Issue.record("frame 180: \(outside)"); return }
    }

    /// At most three recordings keep a decoder: asking a fourth closes the one asked least recently.
    @Test func aFourthRecordingClosesTheLeastRecentlyUsed() async throws {
        let folder = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let paths = (1...4).map { "\(folder)/opname\($0).mp4" }
        for p in paths { try FileManager.default.copyItem(atPath: fixture("barcode-bframes.mp4"), toPath: p) }
        let (info, timeline) = try Self.opened(paths[0])
        let frames = FrameSessions()
        for p in [paths[0], paths[1], paths[2], paths[0], paths[3]] {
            let answer = await frames.picture(path: p, stamp: FileStamp(p), info: info, timeline: timeline, index: 45, width: 160, language: .en)
            guard case .success(let jpeg) = answer else { Issue.record("\(p): \(answer)"); continue }
            #expect(try Self.barcode(jpeg) == 45)
        }
        #expect(FrameSessions.openAtMost == 3)
        #expect(frames.openRecordings == [paths[0], paths[2], paths[3]])
    }
}
