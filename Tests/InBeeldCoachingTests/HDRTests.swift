import Foundation
import Testing
import TestSupport
@testable import InBeeldCoaching
@testable import InBeeldMarkers
import InBeeldMedia

/// HDR recordings become SDR in everything InBeeld makes. The fixtures are known SDR pictures (testsrc2 with
/// the barcode band, `hdr-reference-sdr.mp4`) carried by zscale into HLG and PQ (10-bit HEVC, BT.2020): what
/// comes out must look like the SDR original, within a mean difference calibrated on zscale's own round
/// trip (HLG and back through zscale alone: about 12 levels of 255; with the soft highlight roll-off about
/// 15; a conversion that ignores the transfer, as before: about 80), and still be the exact frame.
@Suite struct HDRTests {
    static let reference = "hdr-reference-sdr.mp4"
    static let sources = ["hdr-hlg-barcode.mp4", "hdr-pq-barcode.mp4"]
    /// Mean absolute difference allowed against the SDR original, in levels of 255.
    static let tolerance = 20.0

    @Test(arguments: sources)
    func stillsLookLikeTheSDROriginalAndAreTheExactFrame(_ name: String) throws {
        let folder = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let frames = [0, 17, 46, 89]
        let manifest = try StillsJob(recording: try openedRecording(fixture(name)), markers: frames.enumerated().map { Marker(time: .frame($1), line: $0 + 1) },
                                     folder: folder, format: .png, language: .en).run()
        #expect(manifest.notes.isEmpty)
        for still in manifest.stills {
            let path = (folder as NSString).appendingPathComponent(still.file)
            #expect(try Oracle.barcode(path) == still.frameIndex)
            let difference = Oracle.meanAbsoluteDifference(try Oracle.rgbPixels(path),
                                                           try Oracle.rgbPixels(fixture(Self.reference), frame: still.frameIndex))
            #expect(difference < Self.tolerance, "\(name), frame \(still.frameIndex): \(difference)")
        }
    }

    /// The same conversion without the transfer (what InBeeld did before) is far off: the comparison can fail.
    @Test func theComparisonTellsHDRFromSDR() throws {
        let naive = Oracle.meanAbsoluteDifference(try Oracle.rgbPixels(fixture("hdr-hlg-barcode.mp4"), frame: 17),
                                                  try Oracle.rgbPixels(fixture(Self.reference), frame: 17))
        #expect(naive > 3 * Self.tolerance, "\(naive)")
    }

    @Test(arguments: sources)
    func exactSmartAndBrowserClipsAreSDRAndExact(_ name: String) throws {
        let dir = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let (from, to): (Int64, Int64) = (1_010_000, 2_500_000)
        let expected = Array(try CutTests.expectedRange(fixture(name), from: from, to: to))
        for mode in [CutJob.Mode.exact, .smart] {
            let clip = dir + "/\(mode).mp4"
            let result = try CutJob(recording: try openedRecording(fixture(name)), from: .clock(microseconds: from), to: .clock(microseconds: to),
                                    output: clip, mode: mode, preset: "veryfast", anyLength: true, language: .en).run()
            if mode == .smart { #expect(result.notes.contains { $0.contains("HDR") }, "\(result.notes)") }
            try expectSDR(clip, frames: expected, label: "\(name), \(mode)")
        }
        // The page's copy for browsers: the whole recording, through the same cutter.
        let cutter = try ClipCutter(source: fixture(name))
        var request = ClipRequest(destination: dir + "/browser.mp4", fromMicroseconds: cutter.timeline.microseconds(ofFrame: 0),
                                  toMicroseconds: cutter.timeline.endMicroseconds, mode: .exact(crf: 23, preset: "veryfast"))
        request.fitInside = (1280, 720)
        _ = try cutter.cut(request)
        try expectSDR(dir + "/browser.mp4", frames: Array(0..<cutter.timeline.frameCount), label: "\(name), browser copy")
    }

    /// 8-bit 4:2:0 H.264 tagged BT.709, the exact frames in FFmpeg and OpenH264, and pictures like the original.
    func expectSDR(_ clip: String, frames: [Int], label: String) throws {
        let v = try #require(try Oracle.stream(clip, "v"))
        #expect(v["codec_name"] as? String == "h264" && v["pix_fmt"] as? String == "yuv420p", "\(label): \(v)")
        #expect(v["color_transfer"] as? String == "bt709" && v["color_primaries"] as? String == "bt709"
                && v["color_space"] as? String == "bt709", "\(label): tags")
        #expect(try Oracle.barcodes(ofVideo: clip) == frames, "\(label): FFmpeg")
        #expect(try Oracle.openH264Barcodes(ofVideo: clip) == frames, "\(label): OpenH264")
        for k in [0, frames.count / 2] {
            let difference = Oracle.meanAbsoluteDifference(try Oracle.rgbPixels(clip, frame: k),
                                                           try Oracle.rgbPixels(fixture(Self.reference), frame: frames[k]))
            #expect(difference < Self.tolerance, "\(label), frame \(frames[k]): \(difference)")
        }
    }

    /// The sheet's still comes through the same conversion.
    @Test func theSheetsStillLooksLikeTheSDROriginal() throws {
        let sheet = try StillSheetJob(recording: try openedRecording(fixture("hdr-pq-barcode.mp4")), markers: [Marker(time: .frame(33), line: 1)],
                                      language: .nl).prepare()
        let entry = try #require(sheet.entries.first)
        #expect(sheet.notes.isEmpty)
        let difference = Oracle.meanAbsoluteDifference(entry.picture.pixels, try Oracle.rgbPixels(fixture(Self.reference), frame: 33))
        #expect(difference < Self.tolerance, "\(difference)")
    }

    /// The phone-like file in HLG (rotated a quarter turn, variable rate in 1/600): upright stills of the
    /// exact frame that look like the SDR phone-like file shown upright.
    @Test func aRotatedVariableRateHLGPhoneFile() throws {
        let folder = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let manifest = try StillsJob(recording: try openedRecording(fixture("hdr-hlg-phone.mov")), markers: [Marker(time: .frame(100), line: 1)],
                                     folder: folder, format: .png, language: .en).run()
        let path = (folder as NSString).appendingPathComponent(manifest.stills[0].file)
        #expect(try Oracle.barcode(path, edge: .right) == 100)
        let (w, h, _) = try Oracle.grayPixels(path)
        #expect(h > w, "upright")
        let difference = Oracle.meanAbsoluteDifference(try Oracle.rgbPixels(path), try Oracle.rgbPixels(fixture("barcode-phone.mov"), frame: 100))
        #expect(difference < Self.tolerance, "\(difference)")
    }

    /// Dolby Vision: profile 8.4 (iPhones: an HLG picture with Dolby Vision's extra data) is read as its HLG
    /// picture; profile 5 (no picture but Dolby Vision's own, which FFmpeg does not reshape) is refused by
    /// check, stills, sheet and cut, naming the file and what to do, and nothing is left behind. The
    /// recordings are the HLG and PQ fixtures with a `dvcC` box added; ffprobe confirms what they state.
    @Test func dolbyVisionProfile84IsReadAsHLGAndProfile5IsRefused() throws {
        let dir = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let dv84 = dir + "/dv84.mp4", dv5 = dir + "/dv5.mp4"
        try DolbyVisionFixture.write(fixture("hdr-hlg-barcode.mp4"), to: dv84, profile: 8, compatibility: 4)
        try DolbyVisionFixture.write(fixture("hdr-pq-barcode.mp4"), to: dv5, profile: 5, compatibility: 0)
        #expect(try Oracle.dolbyVision(dv84).map { [$0.profile, $0.compatibility] } == [8, 4])
        #expect(try Oracle.dolbyVision(dv5).map { [$0.profile, $0.compatibility] } == [5, 0])
        #expect(try Oracle.dolbyVision(fixture("hdr-hlg-barcode.mp4")) == nil, "the record comes from the added box")

        let limits = RecordingLimits(minimumMilliseconds: 0, maximumMilliseconds: 3_600_000)
        let checked84 = RecordingCheck(limits: limits, language: .en).check(path: dv84)
        #expect(checked84.verdict != .fail && checked84.problems.contains { $0.code == .hdr }
                && !checked84.problems.contains { $0.code == .dolbyVisionOnly }, "\(checked84.problems)")
        let checked5 = RecordingCheck(limits: limits, language: .nl).check(path: dv5)
        #expect(checked5.verdict == .fail && checked5.problems.contains { $0.code == .dolbyVisionOnly && $0.message.contains("Dolby Vision") },
                "\(checked5.problems)")

        // 8.4: the exact frame, looking like the SDR original.
        let stills = dir + "/stills84"
        let manifest = try StillsJob(recording: try openedRecording(dv84), markers: [Marker(time: .frame(46), line: 1)], folder: stills, format: .png, language: .en).run()
        let still = (stills as NSString).appendingPathComponent(manifest.stills[0].file)
        #expect(try Oracle.barcode(still) == 46)
        let difference = Oracle.meanAbsoluteDifference(try Oracle.rgbPixels(still), try Oracle.rgbPixels(fixture(Self.reference), frame: 46))
        #expect(difference < Self.tolerance, "\(difference)")

        // 5: refused everywhere, with the file named: every job takes an opened `Recording`, and opening
        // refuses it (the commands that open one say so: BadInputTests).
        if case .failure(let problem) = Recording.open(dv5, language: .en) {
            #expect(problem.message.contains(dv5) && problem.message.contains("Dolby Vision") && problem.message.contains("profile 5"), "\(problem.message)")
        } else {
            Issue.record("a Dolby Vision profile 5 recording was opened for work")
        }
    }

    /// 10-bit SDR (`sdr-10bit-ramp.mp4`: a ramp of 64 ten-bit levels, 5 columns each, grey) becomes 8-bit
    /// with error diffusion, not rounding: over each 5-column block the picture's mean is the source's exact
    /// value (the 10-bit samples as the ffmpeg CLI decodes them, by the BT.709 limited-range equation).
    /// Rounding or truncation, as swscale alone did, leaves blocks a quarter to half a level off: mean 0.25,
    /// worst 0.5. Stills and the sheet's picture are checked; a clip is 8-bit 4:2:0 (x264 then smooths the
    /// dither itself, so its blocks are not).
    @Test func tenBitSDRIsDitheredToEightBits() throws {
        let name = "sdr-10bit-ramp.mp4"
        let luma = try Oracle.luma10(fixture(name), frame: 15)
        #expect(luma.count == 320 * 240 && luma[0] == 400 && luma[319] == 463, "the ramp as made")
        let expected = (0..<320).map { (Double(luma[$0]) / 4 - 16) * 255 / 219 }
        func blockErrors(_ rgb: [UInt8]) -> (mean: Double, worst: Double) {
            let errors = (0..<64).map { block in
                var sum = 0.0
                for row in 0..<240 { for column in block * 5..<block * 5 + 5 { sum += Double(rgb[(row * 320 + column) * 3 + 1]) } }
                return abs(sum / (240 * 5) - expected[block * 5..<block * 5 + 5].reduce(0, +) / 5)
            }
            return (errors.reduce(0, +) / 64, errors.max()!)
        }
        let folder = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let manifest = try StillsJob(recording: try openedRecording(fixture(name)), markers: [Marker(time: .frame(15), line: 1)], folder: folder,
                                     format: .png, language: .en).run()
        let still = blockErrors(try Oracle.rgbPixels((folder as NSString).appendingPathComponent(manifest.stills[0].file)))
        #expect(still.mean < 0.08 && still.worst < 0.2, "still: \(still)")
        let sheet = try StillSheetJob(recording: try openedRecording(fixture(name)), markers: [Marker(time: .frame(15), line: 1)], language: .en).prepare()
        let picture = try #require(sheet.entries.first?.picture)
        #expect(picture.width == 320 && picture.height == 240)
        let sheetErrors = blockErrors(picture.pixels)
        #expect(sheetErrors.mean < 0.08 && sheetErrors.worst < 0.2, "sheet: \(sheetErrors)")

        let clip = folder + "/clip.mp4"
        _ = try CutJob(recording: try openedRecording(fixture(name)), from: .frame(0), to: .frame(30), output: clip, mode: .exact, preset: "veryfast",
                       anyLength: true, language: .en).run()
        let v = try #require(try Oracle.stream(clip, "v"))
        #expect(v["pix_fmt"] as? String == "yuv420p" && v["color_transfer"] as? String == "bt709", "\(v)")
    }

    /// `check` still names HDR, as information: it no longer lowers the verdict.
    @Test func checkNamesHDRAsInformation() {
        for name in Self.sources {
            let result = RecordingCheck(limits: RecordingLimits(minimumMilliseconds: 0, maximumMilliseconds: 3_600_000), language: .nl).check(path: fixture(name))
            let hdr = result.problems.first { $0.code == .hdr }
            #expect(hdr?.severity == .info && hdr?.message.contains("SDR") == true, "\(result.problems)")
        }
    }
}
