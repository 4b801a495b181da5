import Foundation
import Testing
import TestSupport
@testable import InBeeldMedia

/// `InputFile.describe` against ffprobe's answers for the same files.
@Suite struct DescribeTests {
    static let videoFixtures = [
        "barcode-bframes.mp4", "barcode-bframes.mkv", "barcode-vfr.mp4", "barcode-rotated.mp4", "barcode-hevc.mp4",
        "phone-like.mov", "gps.mp4", "hdr-hlg.mp4", "pass-7min.mp4", "low-res.mp4",
    ]

    @Test(arguments: videoFixtures, [false, true])
    func durationAndStreamsMatchFFprobe(_ name: String, thorough: Bool) throws {
        let path = fixture(name)
        let info = try InputFile(path: path).describe(thorough: thorough)
        let format = try Oracle.format(path)

        let oracleDuration = try #require(Double(format["duration"] as? String ?? ""))
        let duration = try #require(info.durationSeconds)
        #expect(abs(duration - oracleDuration) < 0.000_001, "duration \(duration) vs ffprobe \(oracleDuration)")
        #expect(info.sizeBytes == Int64(format["size"] as? String ?? ""))

        let v = try #require(try Oracle.stream(path, "v"))
        let video = try #require(info.video)
        #expect(video.codec == v["codec_name"] as? String)
        #expect(video.video?.width == v["width"] as? Int)
        #expect(video.video?.height == v["height"] as? Int)
        #expect(video.timeBase.description == v["time_base"] as? String)
        if let profile = v["profile"] as? String { #expect(video.profile == profile) }

        if let a = try Oracle.stream(path, "a") {
            let audio = try #require(info.audio?.audio)
            #expect(info.audio?.codec == a["codec_name"] as? String)
            #expect(audio.sampleRate == Int(a["sample_rate"] as? String ?? ""))
            #expect(audio.channels == a["channels"] as? Int)
        } else {
            #expect(info.audio == nil)
        }
    }

    @Test(arguments: videoFixtures)
    func frameCountsAndKeyframesMatchThePackets(_ name: String) throws {
        let path = fixture(name)
        let timing = try #require(try InputFile(path: path).describe(thorough: false).video?.timing)
        let packets = try Oracle.videoPackets(path)
        #expect(timing.frameCount == packets.count)
        #expect(timing.keyframeCount == packets.filter(\.key).count)
    }

    /// Variable frame rate judged from ffprobe's packet times: sorted presentation times whose
    /// intervals differ by more than 2 ms.
    @Test(arguments: videoFixtures)
    func variableFrameRateMatchesThePacketTimes(_ name: String) throws {
        let path = fixture(name)
        let info = try InputFile(path: path).describe(thorough: false)
        let video = try #require(info.video)
        let timing = try #require(video.timing)
        let pts = try Oracle.videoPackets(path).map(\.pts).sorted()
        let tb = video.timeBase.doubleValue
        let intervals = zip(pts.dropFirst(), pts).map { Double($0 - $1) * tb }
        let spread = (intervals.max() ?? 0) - (intervals.min() ?? 0)
        #expect(timing.isVariable == (spread > 0.002), "spread \(spread) s")
        // The average: ffprobe's packet count over its stream duration; where the container states no
        // stream duration (Matroska), ffprobe's own average frame rate.
        let v = try #require(try Oracle.stream(path, "v"))
        let expected: Double
        if let duration = Double(v["duration"] as? String ?? "") {
            expected = Double(pts.count) / duration
        } else {
            let parts = (v["avg_frame_rate"] as? String ?? "").split(separator: "/").compactMap { Double($0) }
            expected = parts[0] / parts[1]
        }
        let rate = try #require(timing.averageFrameRate)
        #expect(abs(rate / expected - 1) < 0.001, "\(rate) vs \(expected)")
    }

    @Test func knownVariableAndConstantFixtures() throws {
        #expect(try InputFile(path: fixture("barcode-vfr.mp4")).describe(thorough: false).video?.timing?.isVariable == true)
        #expect(try InputFile(path: fixture("phone-like.mov")).describe(thorough: false).video?.timing?.isVariable == true)
        #expect(try InputFile(path: fixture("barcode-bframes.mp4")).describe(thorough: false).video?.timing?.isVariable == false)
        // Matroska rounds times to milliseconds (33/34 ms at 30 fps): still constant.
        #expect(try InputFile(path: fixture("barcode-bframes.mkv")).describe(thorough: false).video?.timing?.isVariable == false)
    }

    /// ffprobe states the display matrix's counter-clockwise angle; we state the clockwise turn.
    @Test(arguments: ["barcode-rotated.mp4", "phone-like.mov", "barcode-bframes.mp4"])
    func rotationMatchesTheDisplayMatrix(_ name: String) throws {
        let path = fixture(name)
        let v = try #require(try Oracle.stream(path, "v"))
        let sideData = v["side_data_list"] as? [[String: Any]] ?? []
        let counterClockwise = sideData.compactMap { $0["rotation"] as? Int }.first ?? 0
        let video = try #require(try InputFile(path: path).describe(thorough: false).video?.video)
        #expect(video.rotation == ((-counterClockwise % 360) + 360) % 360)
        let turned = video.rotation % 180 != 0
        #expect(video.displayWidth == (turned ? v["height"] as? Int : v["width"] as? Int))
        #expect(video.displayHeight == (turned ? v["width"] as? Int : v["height"] as? Int))
    }

    @Test func rotatedFixtureIsAQuarterTurnClockwise() throws {
        let video = try #require(try InputFile(path: fixture("barcode-rotated.mp4")).describe(thorough: false).video?.video)
        #expect(video.rotation == 90)
        #expect(video.displayWidth == 240 && video.displayHeight == 320)
    }

    @Test(arguments: ["gps.mp4", "phone-like.mov", "barcode-bframes.mp4"])
    func locationMatchesTheTags(_ name: String) throws {
        let path = fixture(name)
        let tags = try Oracle.format(path)["tags"] as? [String: String] ?? [:]
        let oracleLocation = tags.first { $0.key.lowercased().contains("location") }?.value
        let privacy = try InputFile(path: path).describe(thorough: false).privacy
        #expect(privacy.location == oracleLocation)
    }

    @Test func phoneMetadataIsFound() throws {
        let privacy = try InputFile(path: fixture("phone-like.mov")).describe(thorough: false).privacy
        #expect(privacy.location == "+52.3676+004.9041+001.000/")
        #expect(privacy.make == "Apple")
        #expect(privacy.model == "iPhone 12")
        #expect(privacy.creationTime == "2026-03-14T10:15:00+0100")
    }

    @Test func hdrIsRecognisedFromTheTransfer() throws {
        let path = fixture("hdr-hlg.mp4")
        let v = try #require(try Oracle.stream(path, "v"))
        let video = try #require(try InputFile(path: path).describe(thorough: true).video?.video)
        #expect(video.colorTransfer == v["color_transfer"] as? String)
        #expect(video.isHDR)
        #expect(video.bitDepth == 10)
        let sdr = try #require(try InputFile(path: fixture("barcode-bframes.mp4")).describe(thorough: true).video?.video)
        #expect(!sdr.isHDR)
    }

    @Test func truncatedIndexIsNoticed() throws {
        #expect(try InputFile(path: fixture("truncated.mp4")).describe(thorough: false).truncated)
        #expect(try !InputFile(path: fixture("barcode-bframes.mp4")).describe(thorough: false).truncated)
    }

    @Test(arguments: ["zero-bytes.mp4", "random-bytes.mp4", "text.mp4", "interrupted.mp4", "does-not-exist.mp4"])
    func badFilesThrowWithFFmpegsMessage(_ name: String) throws {
        do {
            _ = try InputFile(path: fixture(name)).describe(thorough: false)
            Issue.record("\(name) opened")
        } catch {
            guard case let .ffmpeg(call, code, message) = error else { Issue.record("unexpected \(error)"); return }
            #expect(call == "avformat_open_input")
            #expect(code < 0)
            #expect(!message.isEmpty)
        }
    }
}
