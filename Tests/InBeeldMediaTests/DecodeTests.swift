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

    /// Where: `corrupt.mp4` has 4 KiB of noise written at 45% of its size (Scripts/make-fixtures.sh). The
    /// packets ffprobe lists in that byte range say when the damage is; the first error must be found
    /// there (from the first damaged packet to half a second after the last), not merely somewhere.
    @Test func damageIsPlacedWhereTheBytesAre() throws {
        let path = fixture("corrupt.mp4")
        let size = try #require(try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)
        let damaged = (size * 45 / 100)..<(size * 45 / 100 + 4096)
        let packets = try #require(try Oracle.probe(path, ["-show_entries", "packet=pts_time,pos,size"])["packets"] as? [[String: Any]])
        let hit = packets.compactMap { p -> Double? in
            guard let pos = (p["pos"] as? String).flatMap(Int.init), let length = (p["size"] as? String).flatMap(Int.init),
                  let t = (p["pts_time"] as? String).flatMap(Double.init), pos < damaged.upperBound, pos + length > damaged.lowerBound else { return nil }
            return t
        }
        let first = try #require(hit.min()), last = try #require(hit.max())
        let report = try InputFile(path: path).decodeEverything()
        let found = try #require(report.firstErrorSeconds)
        #expect(found >= first - 0.001 && found <= last + 0.5, "found at \(found) s; the damaged packets are at \(first)...\(last) s")
    }

    @Test func progressRisesToOne() throws {
        var seen: [Double] = []
        _ = try InputFile(path: fixture("barcode-bframes.mp4")).decodeEverything { seen.append($0) }
        #expect(seen.last == 1)
        #expect(seen == seen.sorted())
        #expect(seen.count > 2)
    }
}
