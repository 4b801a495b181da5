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
}
