import Foundation
import Testing
import TestSupport

/// The guides' pictures, taken from the real page (headless Chromium) and the real sheet (`pdftoppm`) while
/// a coach's day is played through on the demo: open the recording, mark an initiative with the guide's
/// keys, hold the conversation, prepare, look at the overview. Each picture is taken only once the page
/// stands where the guide says it does. `Scripts/screenshots.sh` runs this with INBEELD_SCREENSHOTS=
/// Docs/screenshots to make the guides' pictures again; in the test suite they go to a scratch folder.
@Suite struct GuideScreenshotTests {
    static let pictures = ["handleiding-start.png", "handleiding-markeren.png", "handleiding-kind-kiezen.png", "handleiding-gesprek.png",
                           "handleiding-na-het-fragment.png", "handleiding-tijdlijn.png",
                           "handleiding-blad.png", "handleiding-overzicht.png"]
    static let escape = "\u{E00C}", pageDown = "\u{E00F}", control = "\u{E009}"

    @Test func theGuidesPicturesAreTakenFromTheRealPageAndSheet() throws {
        let scratch = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let shots = ProcessInfo.processInfo.environment["INBEELD_SCREENSHOTS"] ?? scratch + "/screenshots"
        try FileManager.default.createDirectory(atPath: shots, withIntermediateDirectories: true)
        // The coach's folder: the demo, and an earlier session with Sam (so the overview has two).
        let folder = scratch + "/opnames"
        try FileManager.default.copyItem(atPath: try GuideTests.demoFolder(), toPath: folder)
        try #"""
            {"recording": "oktober.mp4", "focus_children": ["Sam"], "date": "2026-10-02",
             "markers": [{"time": "1:02", "child": "Sam", "kind": "kijken"}, {"time": "1:40", "child": "Sam", "kind": "kijken"},
                         {"time": "2:15", "child": "Sam", "kind": "woord"}],
             "agreements": "Fatima gaat naast Sam zitten bij het spelen.", "follow_up": "2026-11-20"}
            """#.write(toFile: folder + "/oktober.session.json", atomically: true, encoding: .utf8)
        let server = try ServeProcess(folder: folder, lang: "nl")
        defer { server.stop() }
        let browser = try Browser(.chromium, width: 1280, height: 800)
        defer { browser.quit() }
        func shoot(_ name: String) throws {
            usleep(300_000)
            let png = try browser.screenshot()
            let viewport = try browser.script("return [window.innerWidth, window.innerHeight];") as? [Int]
            try png.write(to: URL(fileURLWithPath: shots + "/" + name))
            // A PNG of the whole page as the coach sees it (the IHDR chunk's width and height).
            let size = png.count > 24 ? [16, 20].map { at in png[at ..< at + 4].reduce(0) { $0 << 8 | Int($1) } } : []
            #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]) && size == viewport, "\(name): \(size), the window shows \(viewport ?? [])")
        }
        func click(_ selector: String) throws {
            do { try browser.click(selector) } catch { throw OracleError.failed("clicking \(selector): \(String(describing: error).prefix(120))") }
        }
        func settled(on frame: Int) throws {
            try browser.wait(until: "document.body.dataset.shown === '\(frame)' && document.body.dataset.pending === '' && !video.seeking", seconds: 30)
        }

        // 2. The page with the demo recording open (the guide: "Klik links op een opname").
        try browser.open(server.address)
        try browser.wait(until: "document.querySelector('#recording-list button[data-path=\"speelhoek.mp4\"]')", seconds: 30)
        try click("#recording-list button[data-path=\"speelhoek.mp4\"]")
        try settled(on: 0)
        try browser.wait(until: "document.querySelectorAll('#markers li').length === 6")
        // The timeline's pictures and sound, as the guide shows them.
        try browser.wait(until: "document.body.dataset.overview === 'done' && \(ServeTimelineTests.stripDrawn)", seconds: 120)
        // The fragment from the session's 1:40.5: the frame shown then starts at 1:40.480 (frame 2512); the
        // page says it as a coach reads it, the exact times on hovering.
        let fragment = try browser.script("return document.getElementById('fragment').textContent;") as? String
        #expect(fragment?.hasPrefix("Fragment: 1:40 tot 3:10 (1:29.5)") == true, "\(fragment ?? "")")
        #expect(try browser.script("return document.getElementById('fragment').title;") as? String == "0:01:40.480 – 0:03:10.000")
        try shoot("handleiding-start.png")

        // The timeline zoomed into the fragment (Z), the pointer over it showing the picture of that moment.
        try browser.press(["z"])
        try browser.wait(until: "document.body.dataset.zoom !== '' && \(ServeTimelineTests.stripDrawn)")
        try browser.move(to: "#timeline-lane", atFraction: 0.45)
        try browser.wait(until: "!document.getElementById('timeline-hover').hidden && document.getElementById('timeline-preview').complete && document.getElementById('timeline-preview').naturalWidth > 0", seconds: 30)
        try shoot("handleiding-tijdlijn.png")
        try browser.move(to: "#fragment", atFraction: 0.5)
        try browser.press(["z"])
        try browser.wait(until: "document.body.dataset.zoom === ''")

        // 3. Marking: to the third initiative (1:58.640, frame 2966), ten seconds on with PageDown, M, a note.
        try click("#markers li:nth-child(3) .jump")
        try settled(on: 2966)
        try browser.press([Self.pageDown])
        try settled(on: 3216)
        try browser.press(["m"])
        try browser.wait(until: "document.querySelectorAll('#markers li').length === 7 && document.activeElement.tagName === 'TEXTAREA'")
        try browser.type("Kijkt naar Daniël.")
        try shoot("handleiding-markeren.png")
        try browser.press([Self.escape])
        try browser.press(["s"], holding: Self.control)
        try browser.wait(until: "document.getElementById('save-state').textContent.startsWith('Bewaard')", seconds: 20)

        // 4. The conversation: the whole recording and a first reaction; the child, watched by Fatima; the
        // fragment: space stops at the first initiative in the fragment (1:45.200, frame 2630), then at the
        // second (1:58.640); what is seen and heard typed under its question.
        try click("#talk-start")
        try browser.wait(until: "document.body.classList.contains('talking') && document.body.dataset.talkStep === '0'")
        _ = try browser.script("document.getElementById('talk-first-reaction').focus();")
        try browser.type("Wat een rustig spel.")
        try browser.press([Self.escape])
        try click("#talk-step-on")
        try browser.wait(until: "document.body.dataset.talkStep === '1' && document.querySelectorAll('#talk-children li').length === 1")
        try shoot("handleiding-kind-kiezen.png")
        try click("#talk-step-on")
        try browser.wait(until: "document.body.dataset.talkStep === '2' && document.body.dataset.pending === ''", seconds: 30)
        try browser.press([" "])
        try browser.wait(until: "document.body.dataset.talkAt === '0' && video.paused", seconds: 60)
        try settled(on: 2630)
        _ = try browser.script("document.getElementById('talk-seen-heard').focus();")
        try browser.type("Sam kijkt naar Zoë en lacht.")
        try browser.press([Self.escape])
        // Saved as typed, under that initiative.
        try browser.wait(until: "document.getElementById('save-state').textContent.startsWith('Bewaard')", seconds: 20)
        let saved = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder + "/speelhoek.session.json"))) as? [String: Any])
        let answered = (saved["markers"] as? [[String: Any]] ?? []).filter { $0["seen_heard"] != nil }
        #expect(answered.map { $0["time"] as? String } == ["0:01:45.200"] && answered.first?["seen_heard"] as? String == "Sam kijkt naar Zoë en lacht.",
                "\(answered)")
        #expect(saved["first_reaction"] as? String == "Wat een rustig spel.")
        try browser.press([" "])
        try browser.wait(until: "document.body.dataset.talkAt === '1' && video.paused", seconds: 60)
        try settled(on: 2966)
        _ = try browser.script("document.getElementById('talk-seen-heard').focus();")
        try browser.type("Hij zegt \"mag ik?\" en wijst naar het blokje.")
        try browser.press([Self.escape])
        #expect(try browser.script("return document.getElementById('talk-where').textContent;") as? String == "Contactinitiatief 2 van 6")
        try shoot("handleiding-gesprek.png")
        // N to the last initiative, space on to the fragment's end: the agreements (step 8 of the guide).
        for k in 2...5 {
            try browser.press(["n"])
            try browser.wait(until: "document.body.dataset.talkAt === '\(k)' && video.paused", seconds: 30)
        }
        try browser.press([" "])
        try browser.wait(until: "document.body.dataset.talkAt === 'end'", seconds: 90)
        // 5. After the fragment: the summary, what it meant for Sam, next time, the agreements.
        try click("#talk-step-on")
        try browser.wait(until: "document.body.dataset.talkStep === '3' && document.querySelector('#talk-after-children textarea')")
        _ = try browser.script("document.getElementById('talk-summary').focus();")
        try browser.type("Sam zoekt Zoë op: hij kijkt, vraagt en geeft.")
        _ = try browser.script("document.querySelector('#talk-after-children [data-field=meaning]').focus();")
        try browser.type("Sam wil meedoen.")
        _ = try browser.script("document.querySelector('#talk-after-children [data-field=next_time]').focus();")
        try browser.type("Benoemen wat Sam vraagt.")
        try shoot("handleiding-na-het-fragment.png")
        try click("#talk-agreements")
        try browser.wait(until: "document.activeElement.id === 'talk-agreements'")
        try browser.type("Fatima benoemt wat Sam doet.")
        try browser.press([Self.escape])
        try click("#talk-leave")
        try browser.wait(until: "!document.body.classList.contains('talking')")

        // The filled-in sheet: Prepare, then its first page (the header and the first initiatives).
        try click("#prepare")
        try browser.wait(until: "document.getElementById('prepare-state').textContent === 'Klaar:'", seconds: 300)
        let sheet = folder + "/speelhoek-inbeeld/sheet.pdf"
        let text = try run(try #require(which("pdftotext")), [sheet, "-"]).stdout
        #expect(text.contains("Sam kijkt naar Zoë en lacht.") && text.contains("Benoemen wat Sam vraagt.")
                && text.contains("Fatima benoemt wat Sam doet."), "\(text)")
        let page = scratch + "/blad"
        let rendered = try run(try #require(which("pdftoppm")), ["-png", "-r", "70", "-f", "1", "-l", "1", "-singlefile", sheet, page])
        #expect(rendered.status == 0, "\(rendered.stderr)")
        try? FileManager.default.removeItem(atPath: shots + "/handleiding-blad.png")
        try FileManager.default.copyItem(atPath: page + ".png", toPath: shots + "/handleiding-blad.png")

        // 5. The overview per child: Sam's two sessions.
        try click("#overview-open")
        try browser.wait(until: "document.querySelectorAll('#overview-children section tbody tr').length === 2", seconds: 30)
        try shoot("handleiding-overzicht.png")

        let made = try FileManager.default.contentsOfDirectory(atPath: shots).filter { $0.hasPrefix("handleiding-") }
        #expect(Set(made) == Set(Self.pictures))
    }
}
