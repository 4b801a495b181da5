import Foundation
import Testing
import TestSupport

@Suite struct MarkersCommandTests {
    @Test func convertBetweenFilesWithAFragmentShift() throws {
        let dir = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "time;child;note\n1:45,2;Sam;\"kijkt, lacht\"\n2:00;Zoë;geeft\n".write(toFile: dir + "/m.csv", atomically: true, encoding: .utf8)
        let out = try inbeeld(["markers", "convert", dir + "/m.csv", dir + "/m.eaf", "--fragment-from", "1:40"])
        #expect(out.status == 0, "\(out.stderr)")
        let eaf = try String(contentsOfFile: dir + "/m.eaf", encoding: .utf8)
        #expect(eaf.contains("TIME_VALUE=\"5200\"") && eaf.contains("TIME_VALUE=\"20000\""))
        #expect(eaf.contains("PARTICIPANT=\"Zoë\"") && eaf.contains("kijkt, lacht"))
        let back = try inbeeld(["markers", "convert", dir + "/m.eaf", dir + "/back.csv", "--fragment-from=-1:40"])
        #expect(back.status == 0, "\(back.stderr)")
        #expect(try String(contentsOfFile: dir + "/back.csv", encoding: .utf8)
                == "time,child,note\n0:01:45.200,Sam,\"kijkt, lacht\"\n0:02:00.000,Zoë,geeft\n")
        #expect(try inbeeld(["markers", "convert", dir + "/m.csv", dir + "/m.xyz"]).status == 64)
        let exists = try inbeeld(["markers", "convert", dir + "/m.csv", dir + "/m.eaf"])
        #expect(exists.status == 1 && exists.stderr.contains("--force"))
    }

    /// An SRT file saved by an older Windows program (Windows-1252, made here by iconv) is read with its
    /// accents right, and the command says in one line how it read it; stills reads it the same.
    @Test func aWindows1252FileIsReadAndSaidSo() throws {
        let dir = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "1\r\n00:00:01,500 --> 00:00:03,000\r\nZoë: geeft Daniël een blokje\r\n\r\n".write(toFile: dir + "/utf8.srt", atomically: true, encoding: .utf8)
        let bytes = try runData(try #require(which("iconv")), ["-f", "UTF-8", "-t", "WINDOWS-1252", dir + "/utf8.srt"])
        #expect(bytes.contains(0xEB) && !bytes.contains(0xC3))  // ë as one byte, not UTF-8's two
        try bytes.write(to: URL(fileURLWithPath: dir + "/oud.srt"))
        let out = try inbeeld(["markers", "convert", dir + "/oud.srt", dir + "/m.csv", "--lang", "nl"])
        #expect(out.status == 0, "\(out.stderr)")
        #expect(out.stderr == "inbeeld: \(dir)/oud.srt is geen UTF-8; gelezen als Windows-1252 (West-Europees). Kijk of letters als é en ë goed staan; sla het bestand als UTF-8 op om zeker te zijn.\n")
        #expect(try String(contentsOfFile: dir + "/m.csv", encoding: .utf8) == "time,child,note\n0:00:01.500,Zoë,geeft Daniël een blokje\n")
        // The same file given to stills: the same line, and the still made at 1.5 s.
        let stills = try inbeeld(["stills", fixture("barcode-25fps-5min.mp4"), "--markers", dir + "/oud.srt", "-o", dir + "/stills", "--json"])
        #expect(stills.status == 0, "\(stills.stderr)")
        #expect(stills.stderr.contains("oud.srt is not UTF-8; read as Windows-1252"), "\(stills.stderr)")
        #expect(try Oracle.barcode(try #require(try FileManager.default.contentsOfDirectory(atPath: dir + "/stills").first { $0.hasSuffix(".jpg") }
            .map { dir + "/stills/" + $0 })) == 37)
    }
}
