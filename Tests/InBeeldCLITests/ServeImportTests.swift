import Foundation
import Testing
import TestSupport

/// Other tools' markers into the session from the page ("Import markers"): the file beside the recording
/// offered first, what it would add shown before anything is added, the addition saved in the session file
/// (read by the test), and undone.
@Suite(.serialized) struct ServeImportTests {
    @Test(arguments: BrowserKind.allCases)
    func markersFromAnotherToolAreShownAddedSavedAndUndone(_ kind: BrowserKind) throws {
        let folder = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // 30 frames a second, 6 s (Fixtures/README.md): 1.000 s is frame 30, 2.500 s frame 75, 4.000 s frame 120.
        try FileManager.default.copyItem(atPath: fixture("barcode-bframes.mp4"), toPath: folder + "/speelhoek.mp4")
        let sessionPath = folder + "/speelhoek.session.json"
        try #"{ "recording": "speelhoek.mp4", "markers": [ { "time": "0:00:01.000", "child": "Sam", "note": "kijkt" } ] }"#
            .write(toFile: sessionPath, atomically: true, encoding: .utf8)
        // Subtitles as another tool writes them: one at Sam's marked frame (there already), two new, one after the end.
        try """
            1
            00:00:01,010 --> 00:00:02,000
            Sam: zelfde beeld

            2
            00:00:02,500 --> 00:00:03,000
            Noor: geeft een blok

            3
            00:00:04,000 --> 00:00:05,000
            Sam: pakt het aan

            4
            00:00:09,000 --> 00:00:10,000
            Noor: na het einde

            """.write(toFile: folder + "/speelhoek-ondertitels.srt", atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(atPath: folder + "/ander", withIntermediateDirectories: true)
        try "time,child,note\n0:00:03.000,Zoë,elders\n".write(toFile: folder + "/ander/lijst.csv", atomically: true, encoding: .utf8)
        func saved() -> [String] {
            guard let data = FileManager.default.contents(atPath: sessionPath),
                  let s = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return [] }
            return ((s["markers"] as? [[String: Any]]) ?? []).map { "\($0["time"] as? String ?? "?") \($0["child"] as? String ?? "") \($0["note"] as? String ?? "")" }
        }

        let server = try ServeProcess(folder: folder, lang: "en")
        defer { server.stop() }
        let browser = try Browser(kind)
        defer { browser.quit() }
        try browser.open(server.address)
        try browser.openRecording("speelhoek.mp4")
        try browser.click("#import-open")
        // The file named after the recording is chosen already; the other is offered under the folder's others.
        try browser.wait(until: "document.getElementById('import-preview').textContent.includes('This adds')", seconds: 20)
        let options = try browser.script("return [...document.querySelectorAll('#import-file optgroup')].map((g) => g.label + ': ' + [...g.children].map((o) => o.value).join(','));") as? [String]
        #expect(options == ["With this recording: speelhoek-ondertitels.srt", "Other files in the folder: ander/lijst.csv"])
        let preview = try browser.script("return [...document.querySelectorAll('#import-preview p, #import-preview li')].map((p) => p.textContent);") as? [String] ?? []
        // The file's cues at 2.5 s and 4 s, as a coach reads times (whole seconds).
        #expect(preview.first == "This adds 2 marker(s), from 0:02 to 0:04.", "\(preview)")
        #expect(preview.contains("Children: Noor, Sam."), "\(preview)")
        #expect(preview.contains("1 skipped: already there (same child, same frame)."), "\(preview)")
        #expect(preview.contains("1 not added:"), "\(preview)")
        #expect(preview.contains { $0.hasPrefix("speelhoek-ondertitels.srt: ") && $0.contains("0:00:09.000") }, "\(preview)")
        #expect(saved() == ["0:00:01.000 Sam kijkt"], "nothing is added before the coach says so")

        try browser.click("#import-add")
        try waitFor("the imported markers saved (\(kind))") { saved().count == 3 }
        #expect(saved() == ["0:00:01.000 Sam kijkt", "0:00:02.500 Noor geeft een blok", "0:00:04.000 Sam pakt het aan"])
        #expect(try browser.script("return document.querySelectorAll('#markers li').length;") as? Int == 3)
        #expect(try browser.script("return document.getElementById('import-done-text').textContent;") as? String == "2 marker(s) added from speelhoek-ondertitels.srt. ")

        try browser.click("#import-undo")
        try waitFor("the import undone in the file (\(kind))") { saved() == ["0:00:01.000 Sam kijkt"] }
        #expect(try browser.script("return document.querySelectorAll('#markers li').length;") as? Int == 1)
    }
}
