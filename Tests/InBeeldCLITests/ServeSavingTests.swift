import Foundation
import Synchronization
import Testing
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// Nothing a coach types is lost: two real browser windows on one session, the file changed on disk while
/// the page is open, the server killed while the coach types. What counts is the session file on disk, read
/// by the test; the page is asked only what it shows the coach.
@Suite(.serialized) struct ServeSavingTests {
    /// Two windows on one session (the conversation on a second screen beside the marking window), in two
    /// browsers: Chromium twice, Firefox twice, and one of each.
    @Test(arguments: zip([BrowserKind.chromium, .firefox, .chromium], [BrowserKind.chromium, .firefox, .firefox]))
    func twoWindowsKeepWhatIsTypedInEither(_ first: BrowserKind, _ second: BrowserKind) throws {
        let folder = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.copyItem(atPath: fixture("barcode-vfr.mp4"), toPath: folder + "/speelhoek.mp4")
        let sessionPath = folder + "/speelhoek.session.json"
        try #"""
            {"recording": "speelhoek.mp4", "focus_children": ["Sam"],
             "markers": [{"time": "#20", "child": "Sam", "note": "kijkt"}, {"time": "#60", "child": "Sam", "note": "geeft"}]}
            """#.write(toFile: sessionPath, atomically: true, encoding: .utf8)
        let server = try ServeProcess(folder: folder, lang: "nl")
        defer { server.stop() }
        let a = try Browser(first), b = try Browser(second)
        defer { a.quit(); b.quit() }
        for window in [a, b] {
            try window.open(server.address)
            try window.openRecording("speelhoek.mp4")
            _ = try window.script("document.querySelectorAll('details').forEach((d) => { d.open = true; });")
        }
        func file() throws -> [String: Any] {
            try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: sessionPath))) as? [String: Any])
        }
        func notes() throws -> [String] { ((try file()["markers"] as? [[String: Any]]) ?? []).map { $0["note"] as? String ?? "" } }
        func value(_ window: Browser, _ selector: String) throws -> String {
            "\(try window.script("return document.querySelector(arguments[0]).value;", [selector]) ?? "")"
        }
        /// Both windows have sent a save the held server has not answered yet.
        func bothSaving() throws { for window in [a, b] { try window.wait(until: "document.body.dataset.saving === 'yes'", seconds: 60) } }
        let said = "\(first) and \(second)"

        // 1. Different fields, one in each window. The second window holds the conversation (after the
        // fragment, the answer to "what did it mean for Sam?"), the first marks and writes the agreements. All
        // are in the file, and each window shows what the other typed within a few seconds.
        try b.click("#talk-start")
        try b.wait(until: "document.body.dataset.talkStep === '0'", seconds: 30)
        try b.click("#talk-steps button[data-step='3']")
        try b.wait(until: "document.body.dataset.talkStep === '3' && document.querySelector('#talk-after-children textarea')")
        try b.type("Sam wil erbij horen", atEndOf: "#talk-after-children textarea[data-field='meaning']")
        try a.type(" en lacht", atEndOf: "#markers li:nth-child(1) textarea")
        try a.type("Samen spelen", atEndOf: "#agreements")
        try waitFor("all three in the file (\(said))") {
            let s = try file()
            let meaning = (s["focus"] as? [[String: Any]])?.first { $0["child"] as? String == "Sam" }?["meaning"] as? String
            return try notes().first == "kijkt en lacht" && s["agreements"] as? String == "Samen spelen" && meaning == "Sam wil erbij horen"
        }
        try b.wait(until: "document.getElementById('talk-agreements').value === 'Samen spelen'", seconds: 60)
        try b.click("#talk-leave")
        try b.wait(until: "!document.body.classList.contains('talking')")
        try b.wait(until: "document.querySelector('#markers li:nth-child(1) textarea').value === 'kijkt en lacht'", seconds: 60)

        // 2. The same note typed in both at one moment (the server held, so neither save sees the other's):
        // the save that comes second shows the conflict with both texts, and the coach keeps both.
        server.pause()
        try a.type(" hier", atEndOf: "#markers li:nth-child(2) textarea")
        try b.type(" daar", atEndOf: "#markers li:nth-child(2) textarea")
        try bothSaving()
        server.resume()
        var shown: [Int] = []
        try waitFor("a conflict shown (\(said))") {
            shown = try [a, b].map { (try $0.script("return document.querySelectorAll('#conflicts li').length;") as? Int) ?? 0 }
            return shown.contains { $0 > 0 }
        }
        #expect(shown.sorted() == [0, 1], "\(said): conflicts shown per window \(shown)")
        let chooser = shown[0] > 0 ? a : b
        let conflict = "\(try chooser.script("return document.querySelector('#conflicts li p').textContent;") ?? "")"
        #expect(conflict.contains("geeft hier") && conflict.contains("geeft daar"), "\(said): \(conflict)")
        try chooser.click("#conflicts li .keep-both")
        try waitFor("both texts kept in the file (\(said))") {
            let n = try notes()
            return n.count == 2 && n[1].contains("geeft hier") && n[1].contains("geeft daar")
        }
        let both = try notes()[1]
        try waitFor("both windows show both texts (\(said))") {
            try value(a, "#markers li:nth-child(2) textarea") == both && value(b, "#markers li:nth-child(2) textarea") == both
        }
        #expect(try chooser.script("return document.querySelectorAll('#conflicts li').length;") as? Int == 0)

        // 3. A mark added in one window while the other removes another: both hold.
        try a.click("#timeline", atFraction: 0.8)
        try a.wait(until: "Number(document.body.dataset.shown) > 60 && document.body.dataset.pending === ''", seconds: 30)
        let marked = try #require(Int("\(try a.script("return document.body.dataset.shown;") ?? "")"))
        server.pause()
        try a.click("#mark")
        try b.click("#markers li:nth-child(1) .delete")
        try bothSaving()
        server.resume()
        try waitFor("the new mark and not the removed one (\(said))") { try notes() == [both, ""] }
        let frames = try #require((try http(server.address + "api/recording?path=speelhoek.mp4").json as? [String: Any])
            .flatMap { ($0["session"] as? [String: Any])?["markers"] as? [[String: Any]] }).map { $0["frame"] as? Int }
        #expect(frames == [60, marked], "\(said)")
        try waitFor("both windows show the two marks (\(said))") {
            try [a, b].allSatisfy { try $0.script("return [...document.querySelectorAll('#markers li')].map((li) => li.dataset.frame).join();") as? String == "60,\(marked)" }
        }

        // 4. The file changed on disk by another program while a window has typed and not yet saved: merged.
        server.pause()
        try a.type("Wachten we lang genoeg?", atEndOf: "#evaluation")
        try a.wait(until: "document.body.dataset.saving === 'yes'", seconds: 60)
        var outside = try file()
        outside["summary"] = "Buiten de pagina bewerkt"
        try JSONSerialization.data(withJSONObject: outside, options: [.prettyPrinted]).write(to: URL(fileURLWithPath: sessionPath), options: .atomic)
        server.resume()
        try waitFor("the outside edit and the typed text both in the file (\(said))") {
            let s = try file()
            return s["summary"] as? String == "Buiten de pagina bewerkt" && s["evaluation"] as? String == "Wachten we lang genoeg?"
        }
        #expect(try notes() == [both, ""])
        try b.wait(until: "document.getElementById('summary').value === 'Buiten de pagina bewerkt' && document.getElementById('evaluation').value === 'Wachten we lang genoeg?'", seconds: 60)
        try a.wait(until: "document.getElementById('summary').value === 'Buiten de pagina bewerkt'", seconds: 60)
    }

    /// `kill -9` of the server while the coach types, then a new `inbeeld serve`: what was typed and not
    /// saved is offered back, and saved.
    @Test(arguments: BrowserKind.allCases)
    func textTypedWhenTheServerDiedIsOfferedBackAndSaved(_ kind: BrowserKind) throws {
        let folder = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.copyItem(atPath: fixture("barcode-vfr.mp4"), toPath: folder + "/speelhoek.mp4")
        let sessionPath = folder + "/speelhoek.session.json"
        func agreements() -> String? {
            guard let data = FileManager.default.contents(atPath: sessionPath),
                  let s = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return nil }
            return s["agreements"] as? String
        }
        // One port for both runs, as `inbeeld serve` uses its own port each time: the browser keeps what it
        // holds for the page per port.
        let port = freeListeningPort()
        let server = try ServeProcess(folder: folder, lang: "nl", port: port)
        defer { server.stop() }
        let browser = try Browser(kind)
        defer { browser.quit() }
        try browser.open(server.address)
        try browser.openRecording("speelhoek.mp4")
        _ = try browser.script("document.querySelectorAll('details').forEach((d) => { d.open = true; });")
        try browser.type("Eerste afspraak", atEndOf: "#agreements")
        try waitFor("the first words saved (\(kind))") { agreements() == "Eerste afspraak" }
        try browser.wait(until: "document.body.dataset.dirty === '' && document.body.dataset.saving === ''", seconds: 60)

        server.kill()
        try browser.type(" en de tweede", atEndOf: "#agreements")
        try browser.wait(until: "!document.getElementById('server-gone').hidden", seconds: 60)

        let again = try ServeProcess(folder: folder, lang: "nl", port: port)
        defer { again.stop() }
        try browser.open(again.address)
        try browser.openRecording("speelhoek.mp4")
        try browser.wait(until: "!document.getElementById('draft').hidden", seconds: 60)
        try browser.click("#draft-restore")
        try waitFor("the words typed after the kill saved (\(kind))") { agreements() == "Eerste afspraak en de tweede" }
        try browser.wait(until: "document.body.dataset.dirty === '' && !Object.keys(localStorage).some((k) => k.startsWith('inbeeld.draft'))", seconds: 60)
        #expect(try browser.script("return document.getElementById('agreements').value;") as? String == "Eerste afspraak en de tweede")
    }

    /// `Scripts/soak-saves.sh` (by hand, not in the suite): two windows typing 10 keys a second each into
    /// different fields for `INBEELD_SOAK_SAVES_SECONDS`, against one session. Every key typed must be in the
    /// file; prints the keys lost and the saves' latency (p50, p99, most), measured in the page around its
    /// own requests.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["INBEELD_SOAK_SAVES_SECONDS"] != nil))
    func soakTwoWindowsTypingAtOnce() throws {
        let seconds = Double(ProcessInfo.processInfo.environment["INBEELD_SOAK_SAVES_SECONDS"] ?? "") ?? 600
        let folder = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.copyItem(atPath: fixture("barcode-vfr.mp4"), toPath: folder + "/speelhoek.mp4")
        let sessionPath = folder + "/speelhoek.session.json"
        let server = try ServeProcess(folder: folder, lang: "nl")
        defer { server.stop() }
        // Chromium both: the page's requests are timed by wrapping its `fetch`, which Firefox's driver keeps
        // apart from the page.
        let windows = [try Browser(.chromium), try Browser(.chromium)]
        defer { windows.forEach { $0.quit() } }
        let fields = ["#agreements", "#evaluation"]
        for window in windows {
            try window.open(server.address)
            try window.openRecording("speelhoek.mp4")
            _ = try window.script("""
                document.querySelectorAll('details').forEach((d) => { d.open = true; });
                window.saveTimes = [];
                const plain = window.fetch;
                window.fetch = async (url, options) => {
                  const start = performance.now();
                  const reply = await plain(url, options);
                  if (options && options.method === 'PUT') window.saveTimes.push(performance.now() - start);
                  return reply;
                };
                """)
        }
        // Words with spaces between (a save trims the end of a text: a space typed last must survive that).
        let words = ["Sam", "kijkt", "naar", "Zoë", "en", "geeft", "haar", "een", "blok"]
        let typed = Mutex(["", ""])
        DispatchQueue.concurrentPerform(iterations: 2) { k in
            let window = windows[k]
            _ = try? window.script("document.querySelector(arguments[0]).focus();", [fields[k]])
            let start = Date()
            var n = 0
            var text = ""
            while Date().timeIntervalSince(start) < seconds {
                let word = Array(words[(n / 7 + k) % words.count])
                let key = n % 7 == 6 ? " " : String(word[n % 7 % word.count])
                if (try? window.press([key])) != nil { text += key }
                n += 1
                let next = start.addingTimeInterval(Double(n) / 10)
                if next > Date() { Thread.sleep(until: next) }
            }
            typed.withLock { $0[k] = text }
        }
        for window in windows { try window.wait(until: "document.body.dataset.dirty === '' && document.body.dataset.saving === ''", seconds: 30) }
        let saved = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: sessionPath))) as? [String: Any])
        let texts = typed.withLock { $0 }
        var lost = 0
        for (k, key) in ["agreements", "evaluation"].enumerated() {
            let inFile = Array(saved[key] as? String ?? ""), want = Array(texts[k].trimmingCharacters(in: .whitespaces))
            let same = zip(inFile, want).prefix { $0 == $1 }.count
            lost += want.count - same
            #expect(inFile == want, "\(key): \(want.count) keys typed, the file has the first \(same) of them (and \(inFile.count) in all)")
        }
        let times = windows.flatMap { (try? $0.script("return window.saveTimes;") as? [Double]) ?? [] }.sorted()
        let p = { (q: Double) in times.isEmpty ? 0 : times[min(times.count - 1, Int(Double(times.count) * q))] }
        print(String(format: "soak-saves: %d s, keys typed %d + %d, lost %d; %d saves, latency p50 %.0f ms, p99 %.0f ms, most %.0f ms",
                     Int(seconds), texts[0].count, texts[1].count, lost, times.count, p(0.5), p(0.99), times.last ?? 0))
        #expect(lost == 0)
    }
}
