import Foundation
import Synchronization
import Testing
import TestSupport
@testable import InBeeldCoaching
@testable import InBeeldMarkers
@testable import InBeeldMedia

/// Stills checked by the barcode in their pixels, read back by the ffmpeg CLI, against the frame the
/// rule of MEDIA-NOTES picks on ffprobe's packet times.
@Suite struct StillsTests {

    /// Times in microseconds that probe the rule: on a pts, one tick before a pts, mid-interval, rounded
    /// to the millisecond, the first and the last frame.
    static func probeTimes(_ t: (pts: [Int64], num: Int64, den: Int64, startMicroseconds: Int64)) -> [Int64] {
        func us(_ ticks: Int64) -> Int64 { ticks * t.num * 1_000_000 / t.den - t.startMicroseconds }  // rounded down
        var times: [Int64] = [0]
        for i in [1, 7, 30, 31, 45, 100, t.pts.count - 2] where i > 0 && i < t.pts.count {
            let p = t.pts[i]
            times.append(us(p))                                      // on (or just after) a pts
            times.append(us(p - 1))                                  // one tick before
            times.append((us(t.pts[i - 1]) + us(p)) / 2)             // mid-interval
            times.append((us(p) + 500) / 1000 * 1000)                // the pts written to the millisecond
            times.append(max(0, (us(p) - 501) / 1000 * 1000))        // a millisecond time just too early
        }
        times.append(us(t.pts.last!))                                // the last frame
        return times
    }

    @Test(arguments: [
        ("barcode-bframes.mp4", BarcodeEdge.top), ("barcode-vfr.mp4", .top), ("barcode-rotated.mp4", .right),
        ("barcode-hevc.mp4", .top), ("barcode-bframes.mkv", .top),
    ])
    func everyStillIsTheFrameShownAtItsTime(_ name: String, _ edge: BarcodeEdge) throws {
        let path = fixture(name)
        let oracle = try Oracle.presentationTimes(path)
        let times = Self.probeTimes(oracle)
        var markers = times.enumerated().map { Marker(time: .clock(microseconds: $1), note: "t\($0)", line: $0 + 2) }
        markers.append(Marker(time: .frame(57), note: "frame", line: 1000))
        let folder = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let manifest = try StillsJob(recording: try openedRecording(path), markers: markers, folder: folder, format: .png, language: .en).run()
        #expect(manifest.stills.count == markers.count)
        for still in manifest.stills {
            let expected: Int
            if still.requested == "#57" { expected = 57 } else {
                let marker = try #require(markers.first { $0.line == still.line })
                guard case .clock(let us) = marker.time else { continue }
                expected = Oracle.frameShown(atMicroseconds: us, in: oracle)
            }
            let barcode = try Oracle.barcode((folder as NSString).appendingPathComponent(still.file), edge: edge)
            #expect(barcode == expected, "\(name) at \(still.requested): barcode \(barcode), expected \(expected)")
            #expect(still.frameIndex == expected)
        }
    }

    /// `4.533` on 30 fps is the frame at 4.5333 s: frame 136, by the fixture's construction.
    @Test func millisecondTimesMeanTheFrameAPlayerPrintsThem() throws {
        let folder = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let markers = try MarkerFile.parse("time\n4.533\n\"4,534\"\n0:04.5\n#179\n", name: "m.csv")
        let manifest = try StillsJob(recording: try openedRecording(fixture("barcode-bframes.mp4")), markers: markers, folder: folder,
                                     format: .png, language: .en).run()
        let barcodes = try manifest.stills.map { try Oracle.barcode((folder as NSString).appendingPathComponent($0.file)) }
        #expect(barcodes == [135, 136, 136, 179])
    }

    @Test func rotatedStillsAreUpright() throws {
        let folder = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let manifest = try StillsJob(recording: try openedRecording(fixture("barcode-rotated.mp4")), markers: [Marker(time: .frame(77), line: 1)],
                                     folder: folder, format: .png, language: .en).run()
        let file = (folder as NSString).appendingPathComponent(manifest.stills[0].file)
        let (w, h, _) = try Oracle.grayPixels(file)
        #expect((w, h) == (240, 320))
        // Turned a quarter clockwise, the barcode that ran along the top runs down the right edge.
        #expect(try Oracle.barcode(file, edge: .right) == 77)
    }

    @Test func stillsHaveSquarePixels() throws {
        let folder = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let manifest = try StillsJob(recording: try openedRecording(fixture("barcode-anamorphic.mp4")), markers: [Marker(time: .frame(33), line: 1)],
                                     folder: folder, format: .png, language: .en).run()
        let file = (folder as NSString).appendingPathComponent(manifest.stills[0].file)
        let (w, h, _) = try Oracle.grayPixels(file)
        #expect((w, h) == (427, 240))  // 320 x 4/3
        #expect(try Oracle.barcode(file) == 33)
    }

    @Test func widthScalesKeepingTheShape() throws {
        let folder = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let manifest = try StillsJob(recording: try openedRecording(fixture("barcode-rotated.mp4")), markers: [Marker(time: .frame(5), line: 1)],
                                     folder: folder, format: .jpg, width: 120, language: .en).run()
        let (w, h, _) = try Oracle.grayPixels((folder as NSString).appendingPathComponent(manifest.stills[0].file))
        #expect((w, h) == (120, 160))
    }

    /// A flat patch of RGB (200, 50, 80) stored with the stream's matrix and range comes out within ±3.
    @Test(arguments: ["colour-709.mp4", "colour-601-full.mp4"], [ImageFormat.png, .jpg])
    func coloursFollowTheStreamsMatrixAndRange(_ name: String, _ format: ImageFormat) throws {
        let folder = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let manifest = try StillsJob(recording: try openedRecording(fixture(name)), markers: [Marker(time: .clock(microseconds: 200_000), line: 1)],
                                     folder: folder, format: format, language: .en).run()
        let rgb = try Oracle.rgb((folder as NSString).appendingPathComponent(manifest.stills[0].file), x: 100, y: 100)
        #expect(zip(rgb, [200, 50, 80]).allSatisfy { abs($0 - $1) <= 3 }, "\(rgb)")
    }

    @Test func tenBitHDRIsConverted() throws {
        let folder = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let manifest = try StillsJob(recording: try openedRecording(fixture("hdr-hlg.mp4")), markers: [Marker(time: .frame(10), line: 1)],
                                     folder: folder, format: .png, language: .en).run()
        let (w, h, px) = try Oracle.grayPixels((folder as NSString).appendingPathComponent(manifest.stills[0].file))
        #expect((w, h) == (640, 480))
        #expect(Set(px).count > 16, "a real picture, not a flat one")
        // HDR is tone-mapped (HDRTests compares with the SDR original): nothing to warn the coach about.
        #expect(manifest.notes.isEmpty)
    }

    @Test func namesSortAndTheManifestSaysWhatWasMade() throws {
        let folder = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let markers = try MarkerFile.parse("time;child;note\n0:02.5;Sam;geeft een blokje\n0:01,25;Anne Fleur;kijkt\n", name: "m.csv")
        let manifest = try StillsJob(recording: try openedRecording(fixture("barcode-bframes.mp4")), markers: markers, folder: folder, language: .en).run()
        #expect(manifest.stills.map(\.file) == ["01_0-00-01.250_Anne-Fleur.jpg", "02_0-00-02.500_Sam.jpg"])
        #expect(manifest.notes.isEmpty)
        let names = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
        #expect(names == ["01_0-00-01.250_Anne-Fleur.jpg", "02_0-00-02.500_Sam.jpg", "stills.json"])
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder + "/stills.json"))) as? [String: Any]
        let stills = try #require(json?["stills"] as? [[String: Any]])
        #expect(stills[0]["requested_seconds"] as? Double == 1.25)
        #expect(stills[0]["frame_index"] as? Int == 37)  // the frame at 1.2333 s, the last before 1.25 + 0.5 ms
        #expect(abs((stills[0]["frame_seconds"] as? Double ?? 0) - 37.0 / 30) < 1e-9)
        // A JPEG starts with SOI and carries no EXIF (APP1) segment.
        let jpeg = try Data(contentsOf: URL(fileURLWithPath: folder + "/" + manifest.stills[0].file))
        #expect(jpeg.prefix(2) == Data([0xFF, 0xD8]))
        #expect(jpeg.range(of: Data("Exif".utf8)) == nil)
        #expect(jpeg.range(of: Data("Lavc".utf8)) == nil)
    }

    @Test func markersOutsideTheRecordingAreErrorsAndNothingIsWritten() throws {
        let folder = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let markers = [Marker(time: .clock(microseconds: 1_000_000), line: 2), Marker(time: .clock(microseconds: 7_000_000), line: 3),
                       Marker(time: .frame(180), line: 4)]
        let opened = try openedRecording(fixture("barcode-bframes.mp4"))
        do {
            _ = try StillsJob(recording: opened, markers: markers, folder: folder, language: .en).run()
            Issue.record("no error")
        } catch {
            #expect(error.messages.count == 2)
            #expect(error.messages[0].contains("line 3") && error.messages[0].contains("0:00:07.000") && error.messages[0].contains("0:00:06.000"))
            #expect(error.messages[1].contains("line 4") && error.messages[1].contains("180 frames"))
        }
        #expect((try? FileManager.default.contentsOfDirectory(atPath: folder))?.isEmpty ?? true, "nothing written")
    }

    @Test func existingStillsAreKeptWithoutForce() throws {
        let folder = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let job = StillsJob(recording: try openedRecording(fixture("barcode-bframes.mp4")), markers: [Marker(time: .frame(3), line: 1)],
                            folder: folder, language: .en)
        let first = try job.run()
        let path = (folder as NSString).appendingPathComponent(first.stills[0].file)
        try Data("kept".utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: StillsJob.Failure.self) { try job.run() }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data("kept".utf8))
        var forced = job
        forced.force = true
        _ = try forced.run()
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) != Data("kept".utf8))
    }

    /// Markers within one GOP are reached by decoding on; a marker in a later GOP by one seek.
    @Test func oneRunOfDecodingServesAGOP() throws {
        let grabber = try StillGrabber(path: fixture("barcode-bframes.mp4"))  // keyframes every 30 frames
        let seen = Mutex<[Int]>([])
        try grabber.grab(frames: [20, 10, 10]) { index, _ in seen.withLock { $0.append(index) } }
        #expect(seen.withLock { $0 }.sorted() == [10, 20], "each once (delivered from two lanes, in no fixed order)")
        #expect(grabber.seeks == 1)
        // Frames 0...20, each decoded once, except pictures nothing refers to (skipped before the target).
        #expect(grabber.framesDecoded + grabber.framesSkipped == 21)
        #expect(grabber.framesSkipped > 0)
        try grabber.grab(frames: [100]) { _, _ in }
        #expect(grabber.seeks == 2)
        #expect(grabber.framesDecoded + grabber.framesSkipped == 21 + 11)  // frames 90...100
    }

    /// Markers in different GOPs are shared between two decoders (every other run of decoding to the
    /// second): every frame still comes out once, the exact frame by its barcode, on H.264 and HEVC.
    @Test(arguments: ["barcode-bframes.mp4", "barcode-hevc.mp4"])
    func twoDecodersGiveEveryFrameOnce(_ name: String) throws {
        let grabber = try StillGrabber(path: fixture(name))  // keyframes every 30 frames
        let wanted = [3, 29, 31, 58, 61, 95, 100, 119]  // four runs: after keyframes 0, 30, 60 and 90
        let seen = Mutex<[Int: Int]>([:])
        try grabber.grab(frames: wanted.reversed()) { index, picture in
            let bars = (0..<12).map { k in picture.pixels[(8 * picture.width + k * 20 + 10) * 3] > 128 ? 1 << k : 0 }.reduce(0, |)
            seen.withLock { $0[index] = bars }
        }
        #expect(seen.withLock { $0 } == Dictionary(uniqueKeysWithValues: wanted.map { ($0, $0) }))
        #expect(grabber.seeks == 4, "one seek per run, over both decoders")
    }

    /// A frame wanted at once (`lastAtOnce`: its decoding ends with its own packet, the frames held back
    /// for reordering handed out without decoding the ones after it) is still the exact frame, by its
    /// barcode, and the grabs after it, decoding on or seeking, are too: on B-frames, HEVC and VFR.
    @Test(arguments: ["barcode-bframes.mp4", "barcode-hevc.mp4", "barcode-vfr.mp4"])
    func aFrameWantedAtOnceIsTheExactFrame(_ name: String) throws {
        let grabber = try StillGrabber(path: fixture(name))
        let total = grabber.timeline.frameCount
        // Jumps (at once), steps on from there (decoding on), a step back, a keyframe and the last frame.
        let moves: [(Int, Bool)] = [(58, true), (59, false), (60, false), (57, true), (30, true), (31, false),
                                    (total - 1, true), (5, true), (6, false), (100, true), (99, false)]
        for (frame, atOnce) in moves {
            let seen = Mutex<[Int: Int]>([:])
            try grabber.grab(frames: [frame], lastAtOnce: atOnce) { index, picture in
                let bars = (0..<12).map { k in picture.pixels[(8 * picture.width + k * 20 + 10) * 3] > 128 ? 1 << k : 0 }.reduce(0, |)
                seen.withLock { $0[index] = bars }
            }
            #expect(seen.withLock { $0 } == [frame: frame], "\(name), frame \(frame), at once \(atOnce)")
        }
        // Each frame wanted at once ended with its packet (the packets carry the frames' times).
        #expect(grabber.endedAtTarget == moves.filter(\.1).count)
    }

    /// HEVC too: sub-layer non-reference pictures before the target are left out (x265's B-frames here).
    @Test func hevcPicturesNothingRefersToAreSkipped() throws {
        let grabber = try StillGrabber(path: fixture("barcode-hevc.mp4"))  // keyframes every 30 frames
        let seen = Mutex<[Int]>([])
        try grabber.grab(frames: [28]) { index, _ in seen.withLock { $0.append(index) } }
        #expect(seen.withLock { $0 } == [28])
        #expect(grabber.framesSkipped > 0)
        #expect(grabber.framesDecoded + grabber.framesSkipped == 29)
    }
}

/// The pixels of a still against the ffmpeg CLI's own decode of the same frame (it decodes every frame;
/// we skip pictures nothing refers to on the way, which must change nothing).
@Suite struct StillPixelTests {
    @Test(arguments: [("barcode-bframes.mp4", 58), ("barcode-bframes.mp4", 119), ("barcode-vfr.mp4", 88),
                      ("barcode-hevc.mp4", 58), ("barcode-hevc.mp4", 89)])
    func stillMatchesTheCLIsDecode(_ name: String, _ frame: Int) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("inbeeld-px-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let manifest = try StillsJob(recording: try openedRecording(fixture(name)), markers: [Marker(time: .frame(frame), line: 1)],
                                     folder: folder, format: .png, language: .en).run()
        let ours = try Oracle.grayPixels((folder as NSString).appendingPathComponent(manifest.stills[0].file))
        let ffmpeg = try #require(which("ffmpeg"))
        let theirs = try runData(ffmpeg, ["-nostdin", "-v", "error", "-i", fixture(name), "-vf", "select=eq(n\\,\(frame))",
                                          "-fps_mode", "passthrough", "-frames:v", "1", "-f", "rawvideo", "-pix_fmt", "gray", "-"])
        #expect(theirs.count == ours.pixels.count)
        let diff = zip(ours.pixels, theirs).map { abs(Int($0) - Int($1)) }
        let mean = Double(diff.reduce(0, +)) / Double(max(diff.count, 1))
        #expect(mean < 1.0, "mean difference \(mean)")
        #expect(diff.max() ?? 255 <= 4)
    }

    /// A still that cannot be written (here its name is taken by a folder) is named in the message, with
    /// the reason, and the stills written before it are removed.
    @Test func aStillThatCannotBeWrittenIsNamedAndNothingIsLeft() throws {
        let folder = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let markers = [Marker(time: .frame(10), child: "Sam", line: 1), Marker(time: .frame(40), child: "Zoë", line: 2)]
        let job = StillsJob(recording: try openedRecording(fixture("barcode-vfr.mp4")), markers: markers, folder: folder, format: .png, force: true, language: .en)
        let first = try job.run()
        let blocked = folder + "/" + first.stills[1].file
        try FileManager.default.removeItem(atPath: folder)
        try FileManager.default.createDirectory(atPath: blocked, withIntermediateDirectories: true)
        let failure = try #require(throws: StillsJob.Failure.self) { try job.run() }
        #expect(failure.messages == ["the stills could not be made: \(blocked): that is a folder. Nothing was left behind."], "\(failure.messages)")
        #expect(!FileManager.default.fileExists(atPath: folder + "/" + first.stills[0].file))
    }
}
