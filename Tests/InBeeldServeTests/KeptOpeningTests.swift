import Foundation
import InBeeldCoaching
import InBeeldMedia
import Testing
import TestSupport
@testable import InBeeldServe

/// What opening a recording found is kept in the folder's `.inbeeld`, so that the next server opens it
/// without reading its packets again: the kept timeline is the one ffprobe finds, it is what the next
/// server uses, it says nothing about where or with what the recording was made, and a kept file that is
/// out of order is not used.
@Suite struct KeptOpeningTests {
    @Test func theNextServerOpensARecordingFromWhatTheFirstKept() throws {
        let folder = temporaryFolder()
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // Variable rate, 1/600 time base, rotated, with a GPS position and the phone's make and model.
        let path = folder + "/IMG_0001.mov"
        try FileManager.default.copyItem(atPath: fixture("phone-like.mov"), toPath: path)
        let access = try FolderAccess(folder: folder)
        let first = Library(access: access)
        let (media, timeline) = try first.media(path, relative: "IMG_0001.mov", language: .en)
        let oracle = try Oracle.presentationTimes(path)
        #expect(timeline.pts == oracle.pts)
        #expect(media.frameMicroseconds.count == oracle.pts.count)

        let keptFile = Library.cachePath(for: path, in: first.openingsFolder, extension: "opening")
        let kept = try #require(FileManager.default.contents(atPath: keptFile))
        let mode = try #require(try FileManager.default.attributesOfItem(atPath: keptFile)[.posixPermissions] as? Int)
        #expect(mode & 0o077 == 0, "mode \(String(mode, radix: 8))")
        let text = String(decoding: kept, as: UTF8.self)
        for revealing in ["52.3676", "iPhone", "Apple", "2026-03-14"] { #expect(!text.contains(revealing), "\(revealing) kept") }

        // The next server takes the kept timeline as it is: shortened by its last frame, it shows one frame
        // fewer (it did not read the recording again).
        var object = try #require(try JSONSerialization.jsonObject(with: kept) as? [String: Any])
        var keptTimeline = try #require(object["timeline"] as? [String: Any])
        let pts = try #require(keptTimeline["pts"] as? [NSNumber])
        keptTimeline["pts"] = Array(pts.dropLast())
        object["timeline"] = keptTimeline
        try rewrite(keptFile, with: object)
        let (_, shortened) = try Library(access: access).media(path, relative: "IMG_0001.mov", language: .en)
        #expect(shortened.frameCount == timeline.frameCount - 1)

        // Out of order (as someone's edit could leave it): read from the recording again, and kept again.
        keptTimeline["pts"] = Array(pts.reversed())
        object["timeline"] = keptTimeline
        try rewrite(keptFile, with: object)
        let (_, again) = try Library(access: access).media(path, relative: "IMG_0001.mov", language: .en)
        #expect(again == timeline)
        let rewritten = try #require(FileManager.default.contents(atPath: keptFile))
        #expect(try JSONDecoder().decode(TimelineOnly.self, from: rewritten).timeline == timeline)
    }

    private struct TimelineOnly: Decodable { var timeline: PresentationTimeline }

    private func rewrite(_ file: String, with object: [String: Any]) throws {
        try JSONSerialization.data(withJSONObject: object).write(to: URL(fileURLWithPath: file))
    }
}
