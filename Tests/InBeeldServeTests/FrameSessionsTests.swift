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
    /// No recording is closed for being idle here: in the whole suite, with the browsers' tests beside it,
    /// a minute can pass between two of its requests (it failed so once, the third closed as idle).
    @Test func aFourthRecordingClosesTheLeastRecentlyUsed() async throws {
        let folder = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let paths = (1...4).map { "\(folder)/opname\($0).mp4" }
        for p in paths { try FileManager.default.copyItem(atPath: fixture("barcode-bframes.mp4"), toPath: p) }
        let (info, timeline) = try Self.opened(paths[0])
        let frames = FrameSessions(idleSeconds: 24 * 3600)
        for p in [paths[0], paths[1], paths[2], paths[0], paths[3]] {
            let answer = await frames.picture(path: p, stamp: FileStamp(p), info: info, timeline: timeline, index: 45, width: 160, language: .en)
            guard case .success(let jpeg) = answer else { Issue.record("\(p): \(answer)"); continue }
            #expect(try Self.barcode(jpeg) == 45)
        }
        #expect(FrameSessions.openAtMost == 3)
        #expect(frames.openRecordings == [paths[0], paths[2], paths[3]])
    }

    /// The picture under the pointer and the paused picture do not take each other's place: asked for at
    /// once, both come, each the frame asked for; a newer preview takes the place of one still waiting.
    @Test func aPreviewAndThePausedPictureBothCome() async throws {
        let path = fixture("barcode-25fps-5min.mp4")
        let (info, timeline) = try Self.opened(path)
        let frames = FrameSessions()
        func ask(_ n: Int, preview: Bool) async -> Result<Data, FrameSessions.Failure> {
            await frames.picture(path: path, stamp: FileStamp(path), info: info, timeline: timeline, index: n, width: 160,
                                 preview: preview, language: .en)
        }
        async let paused = ask(4321, preview: false)
        async let first = ask(1234, preview: true)
        try await Task.sleep(for: .milliseconds(5))
        async let second = ask(6543, preview: true)
        let (p, f, s) = await (paused, first, second)
        guard case .success(let pausedPicture) = p, case .success(let secondPicture) = s else {
            Issue.record("paused \(p), second preview \(s)")
            return
        }
        #expect(try Self.barcode(pausedPicture) == 4321)
        #expect(try Self.barcode(secondPicture) == 6543)
        // The first preview either came before the second was asked for, or gave way to it.
        switch f {
        case .success(let jpeg): #expect(try Self.barcode(jpeg) == 1234)
        case .failure(.superseded): break
        case .failure(let other): Issue.record("first preview: \(other)")
        }
    }

    /// The previews of the timeline's columns are made ahead, the newest view asked for in place of the one
    /// before; each is its frame (barcode), and a hover on a column made is answered without a decoder.
    @Test func theColumnsPreviewsAreMadeAheadExactly() async throws {
        let path = fixture("barcode-25fps-5min.mp4")
        let (info, timeline) = try Self.opened(path)
        let frames = FrameSessions(idleSeconds: 24 * 3600)
        func view(_ columns: [Int]) -> PreviewColumns.View {
            .init(path: path, stamp: FileStamp(path), info: info, timeline: timeline, width: 160, frames: columns)
        }
        let whole = Array(stride(from: 3, to: 7750, by: 6)), zoomed = Array(stride(from: 5001, to: 5900, by: 3))
        frames.columns.want(view(whole))
        frames.columns.want(view(zoomed))
        var progress: (made: Int, frames: [Int]) = (0, [])
        for _ in 0..<6000 {
            progress = frames.columns.progress(path: path, stamp: FileStamp(path), width: 160)
            if progress.made == progress.frames.count { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect(progress.frames == zoomed && progress.made == zoomed.count)
        // The whole recording's columns gave way at once: few of them made (the zoomed view's own aside),
        // where making them all takes some thousand times longer than asking for the next view.
        let wholeMade = whole.filter { !zoomed.contains($0) && frames.columns.picture(path: path, stamp: FileStamp(path), width: 160, index: $0) != nil }
        #expect(wholeMade.count < 60, "\(wholeMade.count) of the whole recording's \(whole.count) columns made")
        for n in stride(from: 0, to: zoomed.count, by: 31).map({ zoomed[$0] }) + [zoomed.last!] {
            let answer = await frames.picture(path: path, stamp: FileStamp(path), info: info, timeline: timeline, index: n, width: 160,
                                              preview: true, language: .en)
            guard case .success(let jpeg) = answer else { Issue.record("frame \(n): \(answer)"); continue }
            #expect(try Self.barcode(jpeg) == n)
        }
        #expect(frames.openRecordings.isEmpty)
        // The same frames at another width are not made: asked for, they open the recording's decoder.
        _ = try await frames.picture(path: path, stamp: FileStamp(path), info: info, timeline: timeline, index: zoomed[0], width: 161,
                                     preview: true, language: .en).get()
        #expect(frames.openRecordings == [path])
    }

    /// While a picture is made for the page, the columns' work waits (at most the pictures already decoded,
    /// four, are finished meanwhile), and goes on afterwards. The work is asked for while the page waits:
    /// asked for before, a small view can be made whole before a loaded test gets to wait (it failed so once
    /// in the full suite, every column made before the pause began).
    @Test func theColumnsWaitWhileThePageWaits() async throws {
        let path = fixture("barcode-25fps-5min.mp4")
        let (info, timeline) = try Self.opened(path)
        let frames = FrameSessions(idleSeconds: 24 * 3600)
        let columns = Array(stride(from: 3, to: 7750, by: 6))
        let made = { frames.columns.progress(path: path, stamp: FileStamp(path), width: 160).made }
        defer { frames.columns.stop() }
        let whileWaiting = await frames.columns.pausing { () async -> Int in
            frames.columns.want(.init(path: path, stamp: FileStamp(path), info: info, timeline: timeline, width: 160, frames: columns))
            // Two seconds: the whole view takes about that long unpaused on an idle machine.
            try? await Task.sleep(for: .seconds(2))
            return made()
        }
        #expect(whileWaiting <= 4, "\(whileWaiting) of \(columns.count) made while the page waited")
        for _ in 0..<2400 where made() < columns.count { try await Task.sleep(for: .milliseconds(50)) }
        #expect(made() == columns.count)
    }

    /// The timeline's strip and sound: made once, kept in the cache file, and read from it by the next
    /// server (the same pictures and levels, no decoding).
    /// A large recording's strip (every recording counts as large here) is made by the paused picture's own
    /// decoder: every picture is its keyframe (barcode), that decoder is the only one open, and a paused
    /// picture asked for while the strip is under way is answered, exactly (requests come before the strip
    /// by construction: `Scripts/bench.sh steps` measures the steps on a 4K recording while its strip is
    /// made). Stopping the timeline's work ends the strip where it stands.
    @Test func aLargeRecordingsStripIsMadeByItsOwnDecoder() async throws {
        let folder = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let path = folder + "/opname.mp4"
        try FileManager.default.copyItem(atPath: fixture("barcode-25fps-5min.mp4"), toPath: path)
        let (info, timeline) = try Self.opened(path)
        // Never closed for being idle here: a test under load may take minutes, and a closed session would
        // hand what is left to the timeline's own decoder.
        let frames = FrameSessions(idleSeconds: 24 * 3600)
        let overviews = TimelineOverviews(frames: frames, largeAbove: 0)
        let overview = overviews.overview(path: path, stamp: FileStamp(path), info: info, timeline: timeline,
                                          cacheFile: folder + "/.inbeeld/timeline/opname.timeline", language: .en)
        let paused = try await frames.picture(path: path, stamp: FileStamp(path), info: info, timeline: timeline,
                                              index: 4321, width: 320, language: .en).get()
        #expect(try Self.barcode(paused) == 4321)
        for _ in 0..<6000 where !overview.summary.done { try await Task.sleep(for: .milliseconds(50)) }
        let summary = overview.summary
        #expect(summary.done && summary.picturesProblem == nil)
        #expect(summary.made == Array(Set(summary.pictures.map(\.frame))).sorted())
        // The recording's own decoder stayed open throughout (closed, it would have left the rest to one of the timeline's own).
        #expect(frames.openRecordings == [path])
        for slot in summary.pictures.prefix(6) {
            #expect(try Self.barcode(try #require(overview.picture(frame: slot.frame))) == slot.frame)
        }

        // Stopped as soon as it starts (another copy of the recording, nothing kept): done, with the pictures
        // made so far only (a strip of 104 takes far longer than starting and stopping it).
        let copy = folder + "/kopie.mp4"
        try FileManager.default.copyItem(atPath: path, toPath: copy)
        let stopped = overviews.overview(path: copy, stamp: FileStamp(copy), info: info, timeline: timeline,
                                         cacheFile: folder + "/.inbeeld/timeline/kopie.timeline", language: .en)
        overviews.cancelAll()
        for _ in 0..<6000 where !stopped.summary.done { try await Task.sleep(for: .milliseconds(50)) }
        #expect(stopped.summary.done && stopped.summary.made.count < summary.made.count, "\(stopped.summary.made.count) of \(summary.made.count)")
    }

    @Test func theTimelineOverviewIsKeptBetweenOpenings() async throws {
        let folder = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/opname.mp4"
        try FileManager.default.copyItem(atPath: fixture("barcode-25fps-5min.mp4"), toPath: path)
        let (info, timeline) = try Self.opened(path)
        let cacheFile = folder + "/.inbeeld/timeline/opname.timeline"
        func made(_ overviews: TimelineOverviews) async throws -> TimelineOverview {
            let overview = overviews.overview(path: path, stamp: FileStamp(path), info: info, timeline: timeline, cacheFile: cacheFile, language: .en)
            for _ in 0..<6000 where !overview.summary.done { try await Task.sleep(for: .milliseconds(50)) }
            return overview
        }
        let first = try await made(TimelineOverviews(frames: FrameSessions()))
        let summary = first.summary
        #expect(summary.done && summary.sound == "levels" && summary.picturesProblem == nil)
        #expect(summary.made == Array(Set(summary.pictures.map(\.frame))).sorted())
        for _ in 0..<1200 where !FileManager.default.fileExists(atPath: cacheFile) { try await Task.sleep(for: .milliseconds(50)) }
        #expect(FileManager.default.fileExists(atPath: cacheFile))
        // Read, not made again: done as soon as it is opened.
        let again = TimelineOverviews(frames: FrameSessions()).overview(path: path, stamp: FileStamp(path), info: info, timeline: timeline, cacheFile: cacheFile, language: .en)
        #expect(again.summary.done)
        #expect(again.summary.peak == summary.peak && again.summary.rms == summary.rms)
        for frame in summary.made { #expect(again.picture(frame: frame) == first.picture(frame: frame)) }
        // Every picture is its keyframe (barcode), at the time it stands for.
        let keyframes = Set(try Oracle.videoPackets(path).filter(\.key).map(\.pts))
        for slot in summary.pictures.prefix(8) {
            let picture = try #require(again.picture(frame: slot.frame))
            #expect(try Self.barcode(picture) == slot.frame)
            #expect(keyframes.contains(timeline.pts[slot.frame]))
        }
    }
}
