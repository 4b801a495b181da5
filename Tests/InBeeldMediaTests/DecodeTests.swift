import Foundation
import Testing
import TestSupport
@testable import InBeeldMedia

/// Decoding every frame, against what the ffmpeg CLI decodes and reports.
@Suite struct DecodeTests {
    @Test(arguments: ["barcode-bframes.mp4", "barcode-vfr.mp4", "barcode-hevc.mp4", "barcode-bframes.mkv", "phone-like.mov"])
    func cleanFilesDecodeEveryFrame(_ name: String) throws {
        let path = fixture(name)
        #expect(try Oracle.decodeErrors(path).isEmpty, "the oracle finds damage in \(name)")
        let file = try InputFile(path: path)
        let info = try file.describe(thorough: true)
        let report = try InputFile(path: path).decodeEverything()
        #expect(report.isClean, "\(report.firstErrorMessage ?? "")")
        let video = try #require(info.video)
        #expect(report.framesDecoded[video.index] == (try Oracle.decodedVideoFrames(path)))
    }

    @Test(arguments: ["corrupt.mp4", "truncated.mp4"])
    func damageIsFoundWhereTheCLIFindsIt(_ name: String) throws {
        let path = fixture(name)
        let oracle = try Oracle.decodeErrors(path)
        #expect(!oracle.isEmpty, "the oracle finds no damage in \(name)")
        let report = try InputFile(path: path).decodeEverything()
        #expect(!report.isClean)
        #expect(report.errorCount > 0)
        #expect(report.firstErrorMessage != nil)
    }

    @Test func progressRisesToOne() throws {
        var seen: [Double] = []
        _ = try InputFile(path: fixture("barcode-bframes.mp4")).decodeEverything { seen.append($0) }
        #expect(seen.last == 1)
        #expect(seen == seen.sorted())
        #expect(seen.count > 2)
    }
}
