import Foundation
import Testing
import TestSupport
@testable import InBeeldMedia

/// Browser copies are scaled down: every frame still there, at its time, in the smaller size.
@Suite struct ScaledClipTests {
    @Test func fittingKeepsTheShapeInEvenNumbers() {
        #expect(ClipCutter.fit(width: 3840, height: 2160, inside: (1280, 720)) == (1280, 720))
        #expect(ClipCutter.fit(width: 1440, height: 1080, inside: (1280, 720)) == (960, 720))
        #expect(ClipCutter.fit(width: 1080, height: 1920, inside: (720, 1280)) == (720, 1280))
        #expect(ClipCutter.fit(width: 1001, height: 563, inside: (640, 360)) == (640, 360))
        #expect(ClipCutter.fit(width: 320, height: 240, inside: (1280, 720)) == (320, 240))
        #expect(ClipCutter.fit(width: 320, height: 240, inside: nil) == (320, 240))
    }

    @Test(arguments: ["barcode-vfr.mp4", "barcode-hevc.mp4"])
    func aScaledWholeCopyKeepsEveryFrameAtItsTime(_ name: String) throws {
        let dir = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let cutter = try ClipCutter(source: fixture(name))
        let t = cutter.timeline
        var request = ClipRequest(destination: dir + "/copy.mp4", fromMicroseconds: t.microseconds(ofFrame: 0),
                                  toMicroseconds: t.endMicroseconds, mode: .exact(crf: 23, preset: "veryfast"))
        request.fitInside = (160, 120)
        _ = try cutter.cut(request)
        let stream = try #require(try Oracle.stream(dir + "/copy.mp4", "v"))
        #expect(stream["width"] as? Int == 160 && stream["height"] as? Int == 120)
        #expect(try Oracle.barcodes(ofVideo: dir + "/copy.mp4") == Array(0..<t.frameCount))
        #expect(try Oracle.openH264Barcodes(ofVideo: dir + "/copy.mp4") == Array(0..<t.frameCount), "GStreamer and OpenH264")
        // The same timestamps as the source's, from its first frame (the copy's time base is the source's).
        let source = try Oracle.presentationTimes(fixture(name)), copy = try Oracle.presentationTimes(dir + "/copy.mp4")
        #expect(copy.num * source.den == source.num * copy.den)
        #expect(zip(copy.pts, source.pts).allSatisfy { abs($0 - ($1 - source.pts[0])) <= 1 })
    }
}
