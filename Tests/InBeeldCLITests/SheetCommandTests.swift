import Foundation
import Testing
import TestSupport

@Suite struct SheetCommandTests {
    @Test func sheetWithPNGPagesAndUsageErrors() throws {
        let dir = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "0:01 Sam: geeft een blokje\n0:02.5 Zoë: lacht\n0:04 Sam: kijkt\n".write(toFile: dir + "/m.txt", atomically: true, encoding: .utf8)
        let out = try inbeeld(["sheet", fixture("barcode-vfr.mp4"), "--markers", dir + "/m.txt", "-o", dir + "/s.pdf", "--png",
                               "--per-page", "3", "--focus-child", "Sam", "--coach", "Anne"], lang: "nl_NL.UTF-8")
        #expect(out.status == 0, "\(out.stderr)")
        // The opening page, the three stills on one, the summary, Sam's page, the follow-up.
        #expect(out.stdout == "\(dir)/s.pdf: 5 pagina('s), 3 stilstaand(e) beeld(en)\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == ["m.txt", "s-1.png", "s-2.png", "s-3.png", "s-4.png", "s-5.png", "s.pdf"])
        // Again without --force: refused, nothing changed.
        let again = try inbeeld(["sheet", fixture("barcode-vfr.mp4"), "--markers", dir + "/m.txt", "-o", dir + "/s.pdf"])
        #expect(again.status == 1 && again.stderr.contains("already exists"))
        for bad in [["--per-page", "5"], ["--from", "1"], ["--from", "x", "--to", "2"]] {
            let r = try inbeeld(["sheet", fixture("barcode-vfr.mp4"), "--markers", dir + "/m.txt", "-o", dir + "/t.pdf"] + bad)
            #expect(r.status == 64, "\(bad)")
        }
        let outside = try inbeeld(["sheet", fixture("barcode-vfr.mp4"), "--markers", dir + "/m.txt", "-o", dir + "/t.pdf",
                                   "--from", "0:05", "--to", "0:06"])
        #expect(outside.status == 1 && outside.stderr.contains("no markers fall in the fragment"))
        #expect(!FileManager.default.fileExists(atPath: dir + "/t.pdf"))
    }
}
