import Foundation
import Testing
import TestSupport

@Suite struct StillsCommandTests {

    @Test func stillsFromAMarkerFile() throws {
        let dir = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "0:01.5 Sam: geeft een blokje\n#90 Zoë: lacht\n".write(toFile: dir + "/markers.txt", atomically: true, encoding: .utf8)
        let out = try inbeeld(["stills", fixture("barcode-vfr.mp4"), "--markers", dir + "/markers.txt", "-o", dir + "/stills", "--format", "png"])
        #expect(out.status == 0, "\(out.stderr)")
        #expect(out.stdout == "2 still(s) in \(dir)/stills\n")
        let names = try FileManager.default.contentsOfDirectory(atPath: dir + "/stills").sorted()
        #expect(names == ["01_0-00-01.500_Sam.png", "02_0-00-03.000_Zoë.png", "stills.json"])
        #expect(try Oracle.barcode(dir + "/stills/02_0-00-03.000_Zoë.png") == 90)
    }

    @Test func badMarkerLinesAreListedAndNothingIsWritten() throws {
        let dir = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "tijd;kind\n0:01;Sam\n1:99;Mila\nnu;Noor\n".write(toFile: dir + "/m.csv", atomically: true, encoding: .utf8)
        let out = try inbeeld(["stills", fixture("barcode-bframes.mp4"), "--markers", dir + "/m.csv", "-o", dir + "/s"], lang: "nl_NL.UTF-8")
        #expect(out.status == 1)
        let lines = out.stderr.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines[0].hasPrefix("inbeeld: \(dir)/m.csv, regel 3: '1:99' is geen tijd"))
        #expect(lines[1].hasPrefix("inbeeld: \(dir)/m.csv, regel 4: 'nu' is geen tijd"))
        #expect(!FileManager.default.fileExists(atPath: dir + "/s"))
    }

    @Test func aMarkerAfterTheEndNamesTheRecordingsLength() throws {
        let dir = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "time\n0:09\n".write(toFile: dir + "/m.csv", atomically: true, encoding: .utf8)
        let out = try inbeeld(["stills", fixture("barcode-bframes.mp4"), "--markers", dir + "/m.csv", "-o", dir + "/s"])
        #expect(out.status == 1)
        #expect(out.stderr == "inbeeld: the marker on line 2 (0:00:09.000) is after the end of the recording (0:00:06.000).\n")
    }

    @Test func jsonManifestAndUsageErrors() throws {
        let dir = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "time\n#12\n".write(toFile: dir + "/m.csv", atomically: true, encoding: .utf8)
        let out = try inbeeld(["stills", fixture("barcode-hevc.mp4"), "--markers", dir + "/m.csv", "-o", dir + "/s", "--json"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [String: Any])
        let stills = try #require(json["stills"] as? [[String: Any]])
        #expect(stills.first?["frame_index"] as? Int == 12)
        #expect(try inbeeld(["stills", fixture("barcode-hevc.mp4"), "--markers", dir + "/m.csv", "--format", "gif"]).status == 64)
        #expect(try inbeeld(["stills", fixture("barcode-hevc.mp4")]).status == 64)
        // A second run refuses to overwrite and says what to do.
        let again = try inbeeld(["stills", fixture("barcode-hevc.mp4"), "--markers", dir + "/m.csv", "-o", dir + "/s"])
        #expect(again.status == 1)
        #expect(again.stderr.contains("already exists") && again.stderr.contains("--force"))
    }

    @Test func notARecording() throws {
        let dir = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "time\n1\n".write(toFile: dir + "/m.csv", atomically: true, encoding: .utf8)
        for name in ["text.mp4", "zero-bytes.mp4", "audio-only.mp4", "interrupted.mp4"] {
            let out = try inbeeld(["stills", fixture(name), "--markers", dir + "/m.csv", "-o", dir + "/s"])
            #expect(out.status == 1, "\(name)")
            #expect(out.stderr.hasPrefix("inbeeld: \(fixture(name)): "), "\(name): \(out.stderr)")
            #expect(!FileManager.default.fileExists(atPath: dir + "/s"))
        }
    }
}
