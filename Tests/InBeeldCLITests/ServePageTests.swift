import Foundation
import Testing
import TestSupport

/// The coach's page end to end in headless Chromium: step to frames with the keyboard, mark, set the
/// fragment, save; then the saved session's markers must give stills (and a cut) showing exactly the
/// frames the browser displayed. What the browser displayed is read from screenshots of the video
/// element (the barcode in the pixels), not from the page's own word.
@Suite(.serialized) struct ServePageTests {
    static let right = "\u{E014}", left = "\u{E012}", shift = "\u{E008}", control = "\u{E009}", escape = "\u{E00C}"

    struct Case: Sendable, CustomStringConvertible {
        var file: String
        var edge: BarcodeEdge
        /// Key presses before each marker: (frames to step, seconds to step).
        var moves: [(frames: Int, seconds: Int)]
        var description: String { file }
    }

    @Test(arguments: [
        // Variable frame rate, 1/600 time base, B-frames.
        Case(file: "barcode-vfr.mp4", edge: .top, moves: [(37, 0), (2, 1)]),
        // Turned a quarter: the browser shows it upright, the barcode runs down the right edge.
        Case(file: "barcode-rotated.mp4", edge: .right, moves: [(12, 0), (-3, 2)]),
    ])
    func markingInTheBrowserNamesTheFramesOnScreen(_ c: Case) throws {
        try markAndCheck(c, in: .chromium, stepping: 10)
    }

    /// HEVC in Chromium, which has no HEVC decoder on Debian: the recording is stepped, marked and
    /// prepared from InBeeld's own pictures at once, and no browser copy is made for it.
    @Test func aRecordingTheBrowserCannotPlayIsMarkedWithoutACopy() throws {
        let c = Case(file: "barcode-hevc-5min.mp4", edge: .top, moves: [(20, 0), (5, 1)])
        try markAndCheck(c, in: .chromium, stepping: 10, plays: false)
    }

    /// Both browsers, on the recordings where Firefox named the next frame about half the time: a 29.97 fps
    /// B-frame recording, a 25 fps one, and a phone-like one (rotated, variable rate in 1/600).
    @Test(arguments: BrowserKind.allCases, [
        Case(file: "barcode-ntsc.mp4", edge: .top, moves: [(31, 0), (-4, 2)]),
        Case(file: "barcode-25fps-5min.mp4", edge: .top, moves: [(17, 3), (3, 1)]),
        Case(file: "barcode-phone.mp4", edge: .right, moves: [(23, 0), (-2, 2)]),
    ])
    func everyBrowserNamesTheFrameOnScreen(_ kind: BrowserKind, _ c: Case) throws {
        try markAndCheck(c, in: kind, stepping: 15)
    }

    /// Opens the recording, optionally steps one frame at a time `stepping` times forwards and as many back
    /// (30 steps in a row, checking every frame), marks after each move, sets the fragment, saves, and checks the saved session
    /// against the screenshots with `inbeeld stills` and `inbeeld cut`.
    /// `plays`: whether the browser plays the file (else the page has only InBeeld's pictures: no playing,
    /// no copy made, and the page is asked to prepare the session).
    private func markAndCheck(_ c: Case, in kind: BrowserKind, stepping: Int = 0, plays: Bool = true) throws {
        let folder = coachFolder()
        defer { removeCoachFolder(folder) }
        try FileManager.default.copyItem(atPath: fixture(c.file), toPath: folder + "/" + c.file)
        let server = try ServeProcess(folder: folder)
        defer { server.stop() }
        let browser = try Browser(kind)
        defer { browser.quit() }

        try browser.open(server.address)
        try browser.openRecording(c.file, seconds: plays ? 120 : 30)
        #expect(try onScreen(browser, c.edge) == 0, "\(kind)")
        if !plays {
            // The premise: this browser has no decoder for the file (else the case proves nothing).
            #expect(try browser.script("return document.createElement('video').canPlayType('video/mp4; codecs=\"hvc1.1.6.L93.B0\"');") as? String == "")
        }

        // One frame at a time, forwards then back: the page names the frame on screen after every step.
        if stepping > 0 {
            var mismatches: [String] = []
            for direction in [1, -1] {
                for _ in 0..<stepping {
                    try stepAndSettle(browser, (direction, 0))
                    let frame = try onScreen(browser, c.edge)
                    let named = try browser.script("return Number(document.body.dataset.shown);") as? Int
                    if named != frame { mismatches.append("page \(named ?? -1), screen \(frame)") }
                }
            }
            #expect(mismatches.isEmpty, "\(kind), \(c.file): \(mismatches)")
            #expect(try onScreen(browser, c.edge) == 0, "\(kind): as many steps back as forwards end where they began")

            // A click on the timeline lands on a frame near that point, and the page names it.
            let count = try framesInPage(browser)
            for point in [0.63, 0.21] {
                try browser.click("#timeline", atFraction: point)
                try stepAndSettle(browser, (0, 0))
                let frame = try onScreen(browser, c.edge)
                #expect(try browser.script("return Number(document.body.dataset.shown);") as? Int == frame, "\(kind): timeline at \(point)")
                #expect(abs(Double(frame) / Double(count) - point) < 0.03, "\(kind): the timeline at \(point) showed frame \(frame) of \(count)")
            }
            try browser.press(["\u{E011}"])  // Home: the first frame
            try stepAndSettle(browser, (0, 0))
            #expect(try onScreen(browser, c.edge) == 0, "\(kind): Home")
        }

        // The focus child, typed in its field; Escape hands the keys back to the video.
        _ = try browser.script("document.getElementById('children').focus();")
        try browser.type("Sam")
        try browser.press([Self.escape])

        var displayed: [Int] = []
        for (n, move) in c.moves.enumerated() {
            try stepAndSettle(browser, move)
            let frame = try onScreen(browser, c.edge)
            #expect(try browser.script("return Number(document.body.dataset.shown);") as? Int == frame, "\(kind): the page names the frame on screen")
            try browser.press(["m"])
            try browser.wait(until: "document.querySelectorAll('#markers li').length === \(n + 1) && document.activeElement.tagName === 'TEXTAREA'")
            try browser.type("kijkt naar Zoë \(n + 1)")
            try browser.press([Self.escape])
            displayed.append(frame)
        }

        // The paused picture is the still: the same pixels as `inbeeld stills` of that frame at the same size.
        try expectStillOnScreen(browser, c, kind, folder: folder, frame: try #require(displayed.last))

        // Pausing during playback: the page names the frame the browser stops on.
        if stepping > 0, plays {
            try browser.press([" "])
            try browser.wait(until: "!video.paused")
            usleep(700_000)
            try browser.press([" "])
            try stepAndSettle(browser, (0, 0))
            let frame = try onScreen(browser, c.edge)
            #expect(try browser.script("return Number(document.body.dataset.shown);") as? Int == frame, "\(kind): paused during playback")
            // Play and pause pressed at once, after a step (<video> is being moved to the frame when the second
            // comes, as a rule): once no play is being started, it stands still (it played on when the second
            // press started a second play).
            try stepAndSettle(browser, (1, 0))
            try browser.press([" ", " "])
            try browser.wait(until: "document.body.dataset.starting === ''")
            #expect(try browser.script("return video.paused;") as? Bool == true, "\(kind): space twice at once, and it plays")
        }

        // The fragment: from the frame on screen at I to the frame on screen at O (included).
        try stepAndSettle(browser, (-5, 0))
        let first = try onScreen(browser, c.edge)
        var player = try playerState(browser)
        #expect(try browser.script("return Number(document.body.dataset.shown);") as? Int == first,
                "\(kind): the page names the fragment's first frame; \(player)")
        try browser.press(["i"])
        try stepAndSettle(browser, (3, 1))
        let last = try onScreen(browser, c.edge)
        player = try playerState(browser)
        #expect(try browser.script("return Number(document.body.dataset.shown);") as? Int == last,
                "\(kind): the page names the fragment's last frame; \(player)")
        try browser.press(["o"])

        try browser.press(["s"], holding: Self.control)
        let sessionPath = folder + "/" + (c.file as NSString).deletingPathExtension + ".session.json"
        try browser.wait(until: "document.getElementById('save-state').textContent.includes('Saved') || document.getElementById('save-state').textContent.includes('Bewaard')")
        try saveScreenshot(browser, c, kind)

        let saved = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: sessionPath))) as? [String: Any])
        let markers = try #require(saved["markers"] as? [[String: Any]])
        #expect(markers.map { $0["child"] as? String } == Array(repeating: "Sam", count: c.moves.count))
        #expect(markers.map { $0["note"] as? String } == (1...c.moves.count).map { "kijkt naar Zoë \($0)" })

        // Stills from the saved times (inbeeld stills; barcodes read by the ffmpeg CLI).
        let csv = "time,child,note\n" + markers.map { "\($0["time"] as! String),Sam,x" }.joined(separator: "\n") + "\n"
        try Data(csv.utf8).write(to: URL(fileURLWithPath: folder + "/m.csv"))
        let out = folder + "/stills"
        let stills = try inbeeld(["stills", folder + "/" + c.file, "--markers", folder + "/m.csv", "-o", out, "--format", "png"])
        #expect(stills.status == 0, "\(stills.stderr)")
        let pictures = try FileManager.default.contentsOfDirectory(atPath: out).filter { $0.hasSuffix(".png") }.sorted()
        #expect(try pictures.map { try Oracle.barcode(out + "/" + $0, edge: c.edge) } == displayed.sorted(), "\(kind)")

        // The fragment, cut from the saved times: exactly the frames from I to O.
        let fragment = try #require(saved["fragment"] as? [String: String])
        let clip = folder + "/clip.mp4"
        let cut = try inbeeld(["cut", folder + "/" + c.file, "--from", fragment["from"]!, "--to", fragment["to"]!, "--any-length", "-o", clip,
                               "--preset", "ultrafast", "--quiet"])
        #expect(cut.status == 0, "\(cut.stderr)")
        let inClip = try Oracle.barcodes(ofVideo: clip)
        #expect(inClip == Array(first...last), "\(kind): on screen \(first)...\(last), saved \(fragment), clip \(inClip.first ?? -1)...\(inClip.last ?? -1) (\(inClip.count) frames)")

        if !plays {
            // A fragment of the method's length around the marks (Home, I, nine times PageDown, O), saved and
            // prepared from the page: its clip holds exactly the frames on screen at I and at O and those
            // between, and still no browser copy is made anywhere in the folder.
            try browser.press(["\u{E011}"])
            try stepAndSettle(browser, (0, 0))
            let from = try onScreen(browser, c.edge)
            try browser.press(["i"])
            try browser.press(Array(repeating: "\u{E00F}", count: 9))
            try stepAndSettle(browser, (0, 0))
            let to = try onScreen(browser, c.edge)
            #expect(try browser.script("return Number(document.body.dataset.shown);") as? Int == to)
            try browser.press(["o"])
            try browser.press(["s"], holding: Self.control)
            try browser.wait(until: "!document.getElementById('save-state').classList.contains('dirty')")
            try browser.click("#prepare")
            // Results, or a problem said (a message that something went well, such as the last mark's, is neither).
            try browser.wait(until: "document.querySelectorAll('#results a').length > 0 || document.querySelector('#messages p:not(.ok)')", seconds: 180)
            let said = "\(try browser.script("return document.getElementById('messages').textContent;") ?? "")"
            #expect(try browser.script("return document.querySelectorAll('#results a').length;") as? Int ?? 0 > 0, "prepare: \(said)")
            let prepared = folder + "/" + (c.file as NSString).deletingPathExtension + "-inbeeld/fragment.mp4"
            let frames = try Oracle.barcodes(ofVideo: prepared)
            #expect(frames == Array(from...to), "prepared fragment \(frames.first ?? -1)...\(frames.last ?? -1) (\(frames.count)), on screen \(from)...\(to)")
            let made = FileManager.default.enumerator(atPath: folder)?.compactMap { $0 as? String } ?? []
            #expect(!made.contains { $0.contains("proxies/") }, "a browser copy was made: \(made)")
            #expect(try browser.script("return document.getElementById('video').hasAttribute('src');") as? Bool == false)
        }
    }

    /// The picture on screen (the video's box) against `inbeeld stills` of `frame` at the width the page
    /// asked for: the same size, and a mean difference per pixel (grey levels) that JPEG explains.
    private func expectStillOnScreen(_ browser: Browser, _ c: Case, _ kind: BrowserKind, folder: String, frame: Int) throws {
        let size = try #require(try browser.script("""
            const s = document.getElementById('still'), r = s.getBoundingClientRect();
            return [s.width, s.height, Math.round(r.width), Math.round(r.height)];
            """) as? [Int])
        // One device pixel a picture pixel: the box is the picture's own size (within rounding).
        #expect(abs(size[0] - size[2]) <= 1 && abs(size[1] - size[3]) <= 1, "\(kind) \(c.file): picture \(size[0])x\(size[1]) in a box of \(size[2])x\(size[3])")
        let shot = folder + "/screen.png"
        try browser.screenshot(of: "#video").write(to: URL(fileURLWithPath: shot))
        try Data("time,child,note\n#\(frame),Sam,x\n".utf8).write(to: URL(fileURLWithPath: folder + "/one.csv"))
        let out = folder + "/one-still"
        let made = try inbeeld(["stills", folder + "/" + c.file, "--markers", folder + "/one.csv", "-o", out, "--format", "png", "--width", String(size[0])])
        #expect(made.status == 0, "\(made.stderr)")
        let still = try #require(try FileManager.default.contentsOfDirectory(atPath: out).first { $0.hasSuffix(".png") })
        let b = try Oracle.grayPixels(out + "/" + still)
        #expect(try Oracle.barcode(out + "/" + still, edge: c.edge) == frame)
        /// The mean difference with the still, the picture moved by up to a pixel each way (the best of
        /// those): a browser may crop a screenshot of a box that starts between two pixels (Firefox, at x.5)
        /// a pixel further along; the picture itself is then still the still's, pixel for pixel.
        func difference(_ a: (width: Int, height: Int, pixels: [UInt8]), shifts: ClosedRange<Int> = 0...0) -> Double {
            let (w, h) = (min(a.width, b.width), min(a.height, b.height))
            var best = Double.infinity
            for dx in shifts { for dy in shifts {
                var total = 0, count = 0
                for y in max(0, -dy)..<min(h, h - dy) { for x in max(0, -dx)..<min(w, w - dx) {
                    total += abs(Int(a.pixels[(y + dy) * a.width + x + dx]) - Int(b.pixels[y * b.width + x]))
                    count += 1
                } }
                best = min(best, Double(total) / Double(max(1, count)))
            } }
            return best
        }
        let a = try Oracle.grayPixels(shot)
        let mean = difference(a, shifts: -1...1)
        // The canvas's own pixels, as the page drew them (without the screenshot's way to the PNG).
        let drawn = "\(try browser.script("return document.getElementById('still').toDataURL('image/png');") ?? "")"
        let canvasFile = folder + "/canvas.png"
        try #require(Data(base64Encoded: String(drawn.drop { $0 != "," }.dropFirst()))).write(to: URL(fileURLWithPath: canvasFile))
        let canvasMean = difference(try Oracle.grayPixels(canvasFile))
        print("paused picture against the still, \(kind) \(c.file) frame \(frame): \(a.width)x\(a.height) on screen, \(b.width)x\(b.height) still, mean difference \(String(format: "%.2f", mean)) grey levels on screen, \(String(format: "%.2f", canvasMean)) in the canvas")
        #expect(mean <= 3, "\(kind) \(c.file): the paused picture differs from the still by \(mean) grey levels on average")
        try FileManager.default.removeItem(atPath: out)
    }

    /// A portrait recording with check notes and a landscape one, in a 1280x720 and a 1400x900 window, in
    /// both browsers: the timeline, the transport, the mark buttons, the fragment line and the key help stay
    /// in view without scrolling; a language switch redraws the check notes and the save line.
    @Test(arguments: BrowserKind.allCases)
    func theControlsStayInViewAndEverythingSwitchesLanguage(_ kind: BrowserKind) throws {
        let folder = coachFolder()
        defer { removeCoachFolder(folder) }
        for file in ["barcode-phone.mp4", "barcode-ntsc.mp4"] {
            try FileManager.default.copyItem(atPath: fixture(file), toPath: folder + "/" + file)
        }
        let server = try ServeProcess(folder: folder, lang: "nl")
        defer { server.stop() }
        for (width, height) in [(1280, 720), (1400, 900)] {
            let browser = try Browser(kind, width: width, height: height)
            defer { browser.quit() }
            try browser.open(server.address)
            try browser.wait(until: "document.querySelector('#recording-list button')", seconds: 30)
            for file in ["barcode-phone.mp4", "barcode-ntsc.mp4"] {
                _ = try browser.script("document.querySelector('#recording-list button[data-path=\"\(file)\"]').click();")
                try browser.wait(until: "document.body.dataset.recording === '\(file)' && document.body.dataset.shown === '0'", seconds: 60)
                let outside = try browser.script("""
                    return ['timeline', 'play', 'mark', 'set-out', 'fragment'].concat(['.keys'])
                      .map((s) => [s, document.getElementById(s) || document.querySelector(s)])
                      .filter(([s, el]) => { const r = el.getBoundingClientRect(); return r.height === 0 || r.bottom > window.innerHeight || r.top < 0; })
                      .map(([s, el]) => `${s} (${Math.round(el.getBoundingClientRect().top)}-${Math.round(el.getBoundingClientRect().bottom)} of ${window.innerHeight})`);
                    """) as? [Any]
                #expect(outside?.isEmpty == true, "\(kind) \(width)x\(height) \(file): out of view \(outside ?? [])")
                // With INBEELD_SCREENSHOTS=FOLDER the window is kept there, for people to look at.
                if let shots = ProcessInfo.processInfo.environment["INBEELD_SCREENSHOTS"] {
                    try FileManager.default.createDirectory(atPath: shots, withIntermediateDirectories: true)
                    let shape = file == "barcode-phone.mp4" ? "portrait" : "landscape"
                    try browser.screenshot().write(to: URL(fileURLWithPath: "\(shots)/page-\(kind)-\(shape)-\(width)x\(height).png"))
                }
            }
            if width == 1280 {
                // The phone recording is open; its check notes and the save line follow the language.
                _ = try browser.script("document.querySelector('#recording-list button[data-path=\"barcode-phone.mp4\"]').click();")
                try browser.wait(until: "document.body.dataset.recording === 'barcode-phone.mp4' && document.body.dataset.shown === '0'", seconds: 60)
                try browser.wait(until: "document.getElementById('checks-summary').textContent.startsWith('Controle')")
                let dutchNotes = "\(try browser.script("return document.getElementById('checks').textContent;") ?? "")"
                _ = try browser.script("document.getElementById('lang-en').click();")
                try browser.wait(until: "document.getElementById('checks-summary').textContent.startsWith('Check')")
                let englishNotes = "\(try browser.script("return document.getElementById('checks').textContent;") ?? "")"
                #expect(!dutchNotes.isEmpty && englishNotes != dutchNotes, "\(kind): check notes redrawn (\(dutchNotes) / \(englishNotes))")
                #expect(try browser.script("return document.getElementById('save-state').textContent;") as? String == "Not saved yet")
                #expect(try browser.script("return document.getElementById('frame-info').textContent;") as? String == "frame #0 · 0:00:00.000 · 240 frames")
                _ = try browser.script("document.getElementById('lang-nl').click();")
            }
            for file in ["barcode-phone.mp4", "barcode-ntsc.mp4"] {
                try controlsAndMessagesStayInView(browser, "\(kind) \(width)x\(height) \(file)", file: file)
            }
        }
    }

    /// Marking says so in a message that is in view; in the conversation, standing on that initiative with
    /// its questions open, every control is in view on one line, and the still picture has the video's box.
    private func controlsAndMessagesStayInView(_ browser: Browser, _ what: String, file: String) throws {
        _ = try browser.script("document.querySelector('#recording-list button[data-path=\"\(file)\"]').click();")
        try browser.wait(until: "document.body.dataset.recording === '\(file)' && document.body.dataset.shown === '0' && document.body.dataset.pending === ''", seconds: 60)
        try browser.click("#mark")
        try browser.wait(until: "document.querySelector('#messages p.ok')")
        let inView = """
            const r = el.getBoundingClientRect();
            return r.height > 0 && r.top >= 0 && r.bottom <= window.innerHeight && r.left >= 0 && r.right <= window.innerWidth;
            """
        #expect(try browser.script("const el = document.querySelector('#messages p.ok'); \(inView)") as? Bool == true, "\(what): the message")
        try browser.click("#talk-start")
        try browser.wait(until: "document.body.classList.contains('talking') && document.body.dataset.talkStep === '0'", seconds: 30)
        try browser.click("#talk-steps button[data-step='2']")
        try browser.wait(until: "document.body.dataset.talkStep === '2' && document.body.dataset.pending === ''", seconds: 30)
        try browser.press(["n"])
        try browser.wait(until: "document.body.dataset.talkAt === '0' && !document.getElementById('talk-questions').hidden && document.body.dataset.pending === ''", seconds: 30)
        let badly = try browser.script("""
            return ['talk-stop', 'talk-previous', 'talk-rewind', 'talk-continue', 'talk-next', 'talk-speed', 'talk-rewind-seconds',
                    'talk-seen-heard', 'talk-coach-saw', 'talk-leave', 'talk-step-on']
              .map((id) => [id, document.getElementById(id)]).filter(([id, el]) => el && el.offsetParent !== null)
              .filter(([id, el]) => {
                const r = el.getBoundingClientRect(), line = parseFloat(getComputedStyle(el).lineHeight) || 20;
                const wrapped = el.tagName === 'BUTTON' && r.height > 2.2 * line;
                return wrapped || r.top < 0 || r.bottom > window.innerHeight || r.right > window.innerWidth;
              }).map(([id, el]) => `${id} (${Math.round(el.getBoundingClientRect().top)}-${Math.round(el.getBoundingClientRect().bottom)} of ${window.innerHeight})`);
            """) as? [Any]
        #expect(badly?.isEmpty == true, "\(what): in the conversation, out of view or on two lines: \(badly ?? [])")
        let boxes = try browser.script("""
            const v = video.getBoundingClientRect(), s = document.getElementById('still').getBoundingClientRect();
            return [v.width - s.width, v.height - s.height, v.left - s.left, v.top - s.top].map(Math.abs);
            """) as? [Double]
        #expect(boxes?.allSatisfy { $0 <= 1 } == true, "\(what): the still picture's box differs from the video's by \(boxes ?? [])")
        try browser.click("#talk-leave")
        try browser.wait(until: "!document.body.classList.contains('talking')")
    }

    @Test func thePageSpeaksDutchOrEnglish() throws {
        let folder = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.copyItem(atPath: fixture("barcode-bframes.mp4"), toPath: folder + "/speelhoek.mp4")
        let server = try ServeProcess(folder: folder, lang: "nl")
        defer { server.stop() }
        let browser = try Browser()
        defer { browser.quit() }
        try browser.open(server.address)
        try browser.wait(until: "document.querySelector('#recording-list button')")
        func text(_ id: String) throws -> String { "\(try browser.script("return document.getElementById('\(id)').textContent;") ?? "")" }
        #expect(try text("recordings-title") == "Opnamen")
        // 6 seconds: the check's verdict, in the CLI's own word (`inbeeld check` prints NIET BRUIKBAAR).
        #expect(try text("recording-list").contains("niet bruikbaar"))
        #expect(try browser.script("return document.documentElement.lang;") as? String == "nl")
        _ = try browser.script("document.getElementById('lang-en').click();")
        try browser.wait(until: "document.getElementById('recording-list').textContent.includes('fail')")
        #expect(try text("recordings-title") == "Recordings")
        #expect(try browser.script("return document.documentElement.lang;") as? String == "en")
    }

    /// The conversation's fragment step: played from the fragment's start, the video pauses by itself on
    /// the exact frame of each contact initiative marked beforehand in turn (two of them 0.6 s apart), at 1x,
    /// 0.5x and 2x; R rewinds and pauses on the same frame again; what is seen and heard, typed for two
    /// initiatives, is saved into the session file and printed on the sheet.
    @Test(arguments: BrowserKind.allCases)
    func theConversationPausesOnEveryInitiativesFrame(_ kind: BrowserKind) throws {
        let folder = coachFolder()
        defer { removeCoachFolder(folder) }
        try FileManager.default.copyItem(atPath: fixture("barcode-25fps-5min.mp4"), toPath: folder + "/speelhoek.mp4")
        // Frame numbers are the barcodes (25 fps): the fragment 10 s to 1:20, five initiatives in it, one before
        // it and one after it; their times are their frames' (n x 40 ms), as the page saves them.
        let frames = [262, 277, 330, 401, 480]
        let markers = ([200] + frames + [2100]).map { ##"{"time": "\##($0 / 25).\##(String(format: "%02d", $0 % 25 * 4))", "child": "Sam", "note": "kijkt \##($0)"}"## }
            .joined(separator: ", ")
        let sessionPath = folder + "/speelhoek.session.json"
        try #"{"recording": "speelhoek.mp4", "fragment": {"from": "10", "to": "1:20"}, "focus_children": ["Sam"], "markers": [\#(markers)]}"#
            .write(toFile: sessionPath, atomically: true, encoding: .utf8)
        let server = try ServeProcess(folder: folder, lang: "nl")
        defer { server.stop() }
        let browser = try Browser(kind)
        defer { browser.quit() }
        try browser.open(server.address)
        try browser.openRecording("speelhoek.mp4")
        // One numbering everywhere: the list numbers the initiatives inside the fragment as the conversation,
        // the sheet and the overview count them, and shows the others as outside it, without a number.
        try browser.wait(until: "document.querySelectorAll('#markers li').length === 7")
        let numbers = try browser.script("return [...document.querySelectorAll('#markers li .number')].map((n) => n.textContent);") as? [String]
        #expect(numbers == ["buiten fragment", "1.", "2.", "3.", "4.", "5.", "buiten fragment"], "\(kind): \(numbers ?? [])")

        /// Waits until the conversation stands paused on initiative `k` (its `stops`-th stop) with the seek
        /// done, and returns the frame on screen.
        func pausedOn(_ k: Int, stops: Int) throws -> Int {
            try browser.wait(until: """
                document.body.dataset.talkAt === '\(k)' && document.body.dataset.talkStops === '\(stops)' && document.body.dataset.pending === ''
                && document.body.dataset.shown === '\(frames[k])' && video.paused && !video.seeking
                """, seconds: 60)
            usleep(150_000)
            #expect(try browser.script("return document.getElementById('talk-where').textContent;") as? String == "Contactinitiatief \(k + 1) van 5",
                     "\(kind) at \(k)")
            return try onScreen(browser, .top)
        }
        var stops = 0
        for speed in ["1", "0.5", "2"] {
            _ = try browser.script("const s = document.getElementById('talk-speed'); s.value = '\(speed)'; s.dispatchEvent(new Event('change'));")
            try browser.click("#talk-start")
            try browser.wait(until: "document.body.classList.contains('talking') && document.body.dataset.talkStep === '0'", seconds: 30)
            try browser.click("#talk-steps button[data-step='2']")
            try browser.wait(until: "document.body.dataset.talkStep === '2' && document.body.dataset.pending === '' && document.body.dataset.shown === '250'", seconds: 30)
            #expect(try browser.script("return video.playbackRate;") as? Double == Double(speed), "\(kind) \(speed)")
            var seen: [Int] = []
            for k in frames.indices {
                try browser.press([" "])
                stops += 1
                seen.append(try pausedOn(k, stops: stops))
                if speed == "1" && k == 0 {
                    _ = try browser.script("document.getElementById('talk-seen-heard').focus();")
                    try browser.type("Sam kijkt naar Zoë.")
                    try browser.press([Self.escape])
                }
                if speed == "1" && k == 2 {
                    // R: five seconds back (before the fragment's earlier initiatives), and up to here again.
                    try browser.press(["r"])
                    stops += 1
                    #expect(try pausedOn(2, stops: stops) == frames[2], "\(kind): R")
                    _ = try browser.script("document.getElementById('talk-coach-saw').focus();")
                    try browser.type("Zoë kijkt terug.")
                    try browser.press([Self.escape])
                    if kind == .chromium, let shots = ProcessInfo.processInfo.environment["INBEELD_SCREENSHOTS"] {
                        try FileManager.default.createDirectory(atPath: shots, withIntermediateDirectories: true)
                        try browser.screenshot().write(to: URL(fileURLWithPath: shots + "/conversation-nl.png"))
                    }
                }
            }
            #expect(seen == frames, "\(kind) at \(speed)x: paused on \(seen)")
            // N and P step between initiatives without playing.
            try browser.press(["p"])
            stops += 1
            #expect(try pausedOn(3, stops: stops) == frames[3], "\(kind): P")
            try browser.press(["n"])
            stops += 1
            #expect(try pausedOn(4, stops: stops) == frames[4], "\(kind): N")
            if speed == "2" {
                // After the last initiative: on to the fragment's end (1:20, frame 2000), then the closing part.
                try browser.press([" "])
                try browser.wait(until: """
                    document.body.dataset.talkAt === 'end' && video.paused
                    && document.body.dataset.pending === '' && !video.seeking && document.body.dataset.shown === '1999'
                    """, seconds: 90)
                usleep(150_000)
                // Its last frame: the last one that starts before 1:20.000 (frame 2000 starts at it).
                #expect(try onScreen(browser, .top) == 1999, "\(kind): stopped at the fragment's end")
                try browser.click("#talk-step-on")
                try browser.wait(until: "document.body.dataset.talkStep === '3'")
                _ = try browser.script("document.getElementById('talk-agreements').focus();")
                try browser.type("Fatima benoemt wat Sam doet.")
                try browser.press([Self.escape])
            }
            try browser.click("#talk-leave")
            try browser.wait(until: "!document.body.classList.contains('talking')")
        }
        // What was typed is in the session file (saved as typed), under the right initiatives.
        try browser.wait(until: "document.getElementById('save-state').textContent.startsWith('Bewaard')", seconds: 20)
        let saved = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: sessionPath))) as? [String: Any])
        let list = try #require(saved["markers"] as? [[String: Any]])
        #expect(list.count == 7)
        #expect(list.compactMap { $0["seen_heard"] as? String } == ["Sam kijkt naar Zoë."], "\(list)")
        #expect(list[1]["seen_heard"] as? String == "Sam kijkt naar Zoë.")
        #expect(list.compactMap { $0["coach_saw"] as? String } == ["Zoë kijkt terug."] && list[3]["coach_saw"] as? String == "Zoë kijkt terug.")
        #expect(list.allSatisfy { $0["added"] == nil }, "\(list)")
        #expect(saved["agreements"] as? String == "Fatima benoemt wat Sam doet.")
        guard kind == .chromium else { return }
        // The sheet prints them (the rest keep their empty lines: PrepareTests compares those pixels).
        let prepared = try inbeeld(["prepare", sessionPath, "--lang", "nl"])
        #expect(prepared.status == 0, "\(prepared.stderr)")
        let text = try run(try #require(which("pdftotext")), [folder + "/speelhoek-inbeeld/sheet.pdf", "-"]).stdout
        #expect(text.contains("Sam kijkt naar Zoë.") && text.contains("Zoë kijkt terug."), "\(text)")
        // The sheet numbers the same five, and the overview counts them.
        // (A still's heading, "3 · 0:13 (fragment 0:03)"; not the frame number below it, "beeld #330 · 0:00:13.200".)
        let sheetNumbers = text.matches(of: /(?:^|[^#\d])(\d+) · \d+:\d\d/).map { Int($0.1)! }
        #expect(sheetNumbers == [1, 2, 3, 4, 5], "\(text)")
        let overview = try inbeeld(["overview", folder, "--lang", "nl"])
        #expect(overview.stdout.contains("speelhoek.session.json  5 contactinitiatieven"), "\(overview.stdout)")
        // The fragment cleared, every initiative is numbered (the whole recording), and the fragment's line
        // keeps no exact times of the one cleared; with only its start set again, between the third and
        // fourth initiatives (not saved as a fragment until its end is), still all seven, as the sheet
        // would count them, and the line says the end is still to be set.
        try browser.click("#fragment button.link")
        try browser.wait(until: "document.getElementById('fragment').title === ''")
        let all = ["1.", "2.", "3.", "4.", "5.", "6.", "7."]
        let cleared = try browser.script("return [...document.querySelectorAll('#markers li .number')].map((n) => n.textContent);") as? [String]
        #expect(cleared == all, "\(cleared ?? [])")
        _ = try browser.script("document.activeElement.blur(); seekFrame(300);")
        try browser.wait(until: "document.body.dataset.shown === '300' && document.body.dataset.pending === ''", seconds: 30)
        try browser.press(["i"])
        try browser.wait(until: "document.getElementById('fragment').textContent.startsWith('Fragment begint bij')")
        let onlyStart = try browser.script("return [...document.querySelectorAll('#markers li .number')].map((n) => n.textContent);") as? [String]
        #expect(onlyStart == all, "\(onlyStart ?? [])")
    }

    /// A whole conversation the method's way: a first reaction after the whole recording; two children
    /// chosen for two professionals; in the fragment the professional's "stop" (Enter) at three moments the
    /// test chooses adds initiatives on exactly the frames on screen (barcodes, and the saved times read
    /// back through ffprobe's timestamps), the two initiatives marked beforehand stop it too; what is seen
    /// and heard per initiative; after the fragment the summary, per child meaning, needs and next time,
    /// what goes well, agreements and the evaluation. The saved session holds each in its place, and the
    /// sheet prints them in the method's order.
    @Test(arguments: BrowserKind.allCases)
    func aWholeConversationFollowsTheMethod(_ kind: BrowserKind) throws {
        let folder = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.copyItem(atPath: fixture("barcode-25fps-5min.mp4"), toPath: folder + "/speelhoek.mp4")
        // The fragment 10 s to 1:10 (frames 250 to 1749); marked beforehand: frames 330 and 480, for Sam.
        let sessionPath = folder + "/speelhoek.session.json"
        try #"""
            {"recording": "speelhoek.mp4", "fragment": {"from": "10", "to": "1:10"}, "focus_children": ["Sam"], "professional": "Fatima",
             "markers": [{"time": "#330", "child": "Sam", "note": "kijkt"}, {"time": "#480", "child": "Sam", "note": "geeft"}]}
            """#.write(toFile: sessionPath, atomically: true, encoding: .utf8)
        let server = try ServeProcess(folder: folder, lang: "nl")
        defer { server.stop() }
        let browser = try Browser(kind)
        defer { browser.quit() }
        try browser.open(server.address)
        try browser.openRecording("speelhoek.mp4")
        func typeInto(_ selector: String, _ text: String) throws {
            try browser.wait(until: "document.querySelector(\"\(selector)\")")
            _ = try browser.script("document.querySelector(\"\(selector)\").focus();")
            try browser.type(text)
            try browser.press([Self.escape])
        }

        // 1. The whole recording (it plays), and the first reaction.
        try browser.click("#talk-start")
        try browser.wait(until: "document.body.dataset.talkStep === '0' && !document.getElementById('talk-step-0').hidden", seconds: 30)
        try browser.press([" "])
        try browser.wait(until: "!video.paused", seconds: 60)
        try browser.press([" "])
        try typeInto("#talk-first-reaction", "Wat een drukte!")

        // 2. Two children, two professionals: Sam (prepared, Fatima's by default) and Zoë for Joris.
        try browser.click("#talk-step-on")
        try browser.wait(until: "document.body.dataset.talkStep === '1' && document.querySelectorAll('#talk-children li').length === 1")
        #expect(try browser.script("return document.querySelector('#talk-children .talk-professional').value;") as? String == "Fatima")
        try browser.click("#talk-add-child")
        try browser.wait(until: "document.querySelectorAll('#talk-children li').length === 2 && document.activeElement.classList.contains('talk-child-name')")
        try browser.type("Zoë")
        try typeInto("#talk-children li:nth-child(2) .talk-professional", "Joris")

        // 3. The fragment: three stops by the professional, two by the prepared initiatives.
        try browser.click("#talk-step-on")
        try browser.wait(until: "document.body.dataset.talkStep === '2' && document.body.dataset.pending === '' && document.body.dataset.shown === '250'", seconds: 30)
        /// Waits until it stands still on an initiative with its picture on screen; returns (page's frame, barcode).
        func standing(stops: Int) throws -> (named: Int, screen: Int) {
            try browser.wait(until: """
                document.body.dataset.talkStops === '\(stops)' && /^[0-9]+$/.test(document.body.dataset.talkAt || '')
                && document.body.dataset.pending === '' && video.paused && !video.seeking
                """, seconds: 60)
            usleep(150_000)
            let named = try #require(try browser.script("return Number(document.body.dataset.shown);") as? Int)
            return (named, try onScreen(browser, .top))
        }
        var stops = 0
        var added: [(frame: Int, child: String, seen: String)] = []
        func professionalSaysStop(after seconds: Double, child: String, seen: String) throws {
            _ = try browser.script("const s = document.getElementById('talk-stop-child'); s.value = '\(child)'; s.dispatchEvent(new Event('change'));")
            try browser.press([" "])
            try browser.wait(until: "!video.paused", seconds: 60)
            usleep(UInt32(seconds * 1_000_000))
            try browser.press(["\u{E007}"])  // Enter
            stops += 1
            let (named, screen) = try standing(stops: stops)
            #expect(named == screen, "\(kind): the page names \(named), the screen shows \(screen)")
            #expect(try browser.script("return document.activeElement.id;") as? String == "talk-seen-heard")
            try browser.type(seen)
            try browser.press([Self.escape])
            added.append((screen, child, seen))
        }
        func preparedStops(at frame: Int, seen: String) throws {
            try browser.press([" "])
            stops += 1
            let (named, screen) = try standing(stops: stops)
            #expect(named == frame && screen == frame, "\(kind): the prepared initiative at \(frame): page \(named), screen \(screen)")
            try typeInto("#talk-seen-heard", seen)
        }
        try professionalSaysStop(after: 0.8, child: "Sam", seen: "Sam kijkt naar Zoë.")
        try preparedStops(at: 330, seen: "Sam wijst.")
        try professionalSaysStop(after: 1.0, child: "Sam", seen: "Sam lacht.")
        try professionalSaysStop(after: 1.2, child: "Zoë", seen: "Zoë roept Sam.")
        // Space twice at once (on to the next initiative, and at once not): once no play is being started,
        // it stands still, no further on than it was.
        try browser.press([" ", " "])
        try browser.wait(until: "document.body.dataset.starting === ''")
        #expect(try browser.script("return video.paused && document.body.dataset.talkStops === '\(stops)';") as? Bool == true,
                "\(kind): space twice at once in the fragment, and it plays on")
        // The coach pauses mid-play (space): no initiative is on this frame, so no question stands open
        // (typing cannot land in the previous one); a "stop" added here by mistake is removed again.
        try browser.press([" "])
        try browser.wait(until: "!video.paused", seconds: 60)
        usleep(400_000)
        try browser.press([" "])
        try browser.wait(until: "video.paused && document.body.dataset.pending === '' && !video.seeking", seconds: 30)
        usleep(300_000)
        let standsOpen = "\(try browser.script("return `${document.body.dataset.talkAt}|${document.getElementById('talk-questions').hidden}|${document.body.dataset.shown}`;") ?? "")"
        #expect(standsOpen.hasPrefix("|true|"), "\(kind): paused mid-play, a question stands open: \(standsOpen)")
        let count = try #require(try browser.script("return document.querySelectorAll('#markers li').length;") as? Int)
        try browser.press(["\u{E007}"])
        stops += 1
        _ = try standing(stops: stops)
        try browser.press([Self.escape])
        try browser.wait(until: "document.querySelectorAll('#markers li').length === \(count + 1) && !document.getElementById('talk-remove').hidden")
        try browser.click("#talk-remove")
        try browser.wait(until: "document.querySelectorAll('#markers li').length === \(count) && document.getElementById('talk-questions').hidden && document.body.dataset.talkAt === ''")
        try preparedStops(at: 480, seen: "Sam geeft een blokje.")
        _ = try browser.script("document.getElementById('talk-coach-saw').focus();")
        try browser.type("Zoë pakt het aan.")
        try browser.press([Self.escape])
        #expect(added.map(\.frame) == added.map(\.frame).sorted() && added.allSatisfy { $0.frame > 250 && $0.frame < 480 && ![330].contains($0.frame) },
                "\(kind): \(added.map(\.frame))")
        // 4. After the fragment (watched to its end in theConversationPausesOnEveryInitiativesFrame).
        try browser.click("#talk-step-on")
        try browser.wait(until: "document.body.dataset.talkStep === '3' && document.querySelectorAll('#talk-after-children section').length === 2")
        try typeInto("#talk-summary", "Sam zoekt Zoë op.")
        for (child, words) in [("Sam", ["Gezien worden.", "Erbij horen.", "Benoemen wat Sam doet."]), ("Zoë", ["Samen spelen.", "Ruimte.", "Wachten."])] {
            for (field, text) in zip(["meaning", "needs", "next_time"], words) {
                try typeInto("#talk-after-children section[data-child='\(child)'] [data-field='\(field)']", text)
            }
        }
        try typeInto("#talk-going-well", "Fatima ziet veel.")
        try typeInto("#talk-agreements", "Fatima benoemt wat Sam doet.")
        _ = try browser.script("const d = document.getElementById('talk-follow-up'); d.value = '2027-01-15'; d.dispatchEvent(new Event('input'));")
        try typeInto("#talk-evaluation", "Benoemt Fatima wat Sam doet?")
        try browser.click("#talk-leave")
        try browser.wait(until: "!document.body.classList.contains('talking') && document.getElementById('save-state').textContent.startsWith('Bewaard')", seconds: 20)

        // The session file holds each in its place.
        let saved = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: sessionPath))) as? [String: Any])
        #expect(saved["first_reaction"] as? String == "Wat een drukte!")
        #expect((saved["focus"] as? [[String: String]]) == [
            ["child": "Sam", "professional": "Fatima", "meaning": "Gezien worden.", "needs": "Erbij horen.", "next_time": "Benoemen wat Sam doet."],
            ["child": "Zoë", "professional": "Joris", "meaning": "Samen spelen.", "needs": "Ruimte.", "next_time": "Wachten."],
        ], "\(kind): \(saved["focus"] ?? "none")")
        for (key, text) in [("summary", "Sam zoekt Zoë op."), ("going_well", "Fatima ziet veel."), ("agreements", "Fatima benoemt wat Sam doet."),
                            ("follow_up", "2027-01-15"), ("evaluation", "Benoemt Fatima wat Sam doet?")] {
            #expect(saved[key] as? String == text, "\(kind): \(key)")
        }
        let list = try #require(saved["markers"] as? [[String: Any]])
        let timeline = try Oracle.presentationTimes(folder + "/speelhoek.mp4")
        let frames = try list.map { entry -> Int in
            let time = try #require(entry["time"] as? String)
            if time.hasPrefix("#") { return try #require(Int(time.dropFirst())) }
            let parts = time.split(separator: ":").map { Double($0) ?? 0 }
            let us = Int64((parts.reduce(0) { $0 * 60 + $1 } * 1_000_000).rounded())
            return Oracle.frameShown(atMicroseconds: us, in: timeline)
        }
        let expected = ([(330, "Sam", "Sam wijst.", false), (480, "Sam", "Sam geeft een blokje.", false)]
                        + added.map { ($0.frame, $0.child, $0.seen, true) }).sorted { $0.0 < $1.0 }
        #expect(frames == expected.map(\.0), "\(kind): saved \(list)")
        for (entry, want) in zip(list, expected) {
            #expect(entry["child"] as? String == want.1 && entry["seen_heard"] as? String == want.2, "\(kind): \(entry)")
            #expect((entry["added"] as? String == "conversation") == want.3, "\(kind): \(entry)")
        }
        #expect(list.first { $0["coach_saw"] != nil }?["coach_saw"] as? String == "Zoë pakt het aan.")
        guard kind == .chromium else { return }
        // The sheet, in the method's order.
        let prepared = try inbeeld(["prepare", sessionPath, "--lang", "nl"])
        #expect(prepared.status == 0, "\(prepared.stderr)")
        let text = try run(try #require(which("pdftotext")), [folder + "/speelhoek-inbeeld/sheet.pdf", "-"]).stdout
            .split(whereSeparator: \.isWhitespace).joined(separator: " ")
        var from = text.startIndex
        for part in ["Wat een drukte!", "Zoë · Joris let op dit kind", "Sam kijkt naar Zoë.", "Sam wijst.", "Zoë roept Sam.", "Sam geeft een blokje.",
                     "Sam zoekt Zoë op.", "Kind: Sam · Fatima let op dit kind", "Erbij horen.", "Kind: Zoë · Joris let op dit kind",
                     "Wachten.", "Fatima ziet veel.", "Fatima benoemt wat Sam doet.", "15 jan. 2027", "Benoemt Fatima wat Sam doet?"] {
            guard let found = text.range(of: part, range: from..<text.endIndex) else {
                Issue.record("'\(part)' is not on the sheet after what comes before it: \(text)")
                break
            }
            from = found.upperBound
        }
    }

    /// The overview per child in the page: the same sessions and counts as the files hold (worked out by
    /// the test), a chart per child whose bars add up to them, due follow-ups flagged, unreadable files said.
    @Test(arguments: BrowserKind.allCases)
    func theOverviewShowsEveryChildWithAChart(_ kind: BrowserKind) throws {
        let (folder, sessions) = try OverviewCommandTests.folder()
        defer { removeCoachFolder(folder) }
        try FileManager.default.copyItem(atPath: fixture("barcode-vfr.mp4"), toPath: folder + "/maart.mp4")
        let server = try ServeProcess(folder: folder, lang: "nl")
        defer { server.stop() }
        let browser = try Browser(kind, width: 1280, height: 900)
        defer { browser.quit() }
        try browser.open(server.address)
        try browser.wait(until: "document.querySelector('#recording-list button')", seconds: 30)
        try browser.click("#overview-open")
        try browser.wait(until: "document.querySelectorAll('#overview-children section').length > 0", seconds: 30)
        let expected = OverviewCommandTests.expected(sessions, recursive: true)
        let shown = try #require(try browser.script("""
            return [...document.querySelectorAll('#overview-children section')].map((s) => ({
              name: s.querySelector('h2').textContent,
              labels: [...s.querySelectorAll('svg text')].map((l) => l.textContent),
              rows: [...s.querySelectorAll('tbody tr')].map((r) => ({ date: r.cells[0].textContent, session: r.cells[1].textContent, due: r.classList.contains('due'),
                                                                     initiatives: r.cells[2].textContent, followUp: r.cells[4].textContent })),
              bars: [...s.querySelectorAll('svg rect[data-count]')].map((r) => [Number(r.getAttribute('x')), r.dataset.kind, Number(r.dataset.count)]),
            }));
            """) as? [[String: Any]])
        #expect(shown.compactMap { $0["name"] as? String } == expected.keys.sorted { $0.localizedStandardCompare($1) == .orderedAscending })
        for child in shown {
            let name = try #require(child["name"] as? String)
            let wanted = try #require(expected[name])
            let rows = try #require(child["rows"] as? [[String: Any]])
            // Each session named by its recording, as the coach knows it (not by its file).
            #expect(rows.compactMap { $0["session"] as? String } == wanted.map { sessions[$0.session]?["recording"] as? String ?? "?" }, "\(kind) \(name)")
            #expect(rows.compactMap { $0["due"] as? Bool } == wanted.map(\.due), "\(kind) \(name)")
            // Days as people read them, day first: in the table in full, under the chart's bars short.
            #expect(rows.compactMap { $0["date"] as? String } == wanted.map { $0.date.map { OverviewCommandTests.shown($0) } ?? "–" }, "\(kind) \(name)")
            let labels = try #require(child["labels"] as? [String])
            for w in wanted where w.initiatives > 0 {
                #expect(labels.contains(w.date.map { OverviewCommandTests.shown($0, short: true) } ?? "–"), "\(kind) \(name): \(labels)")
            }
            // Initiatives added in the conversation are counted as such; the follow-up says what will be evaluated.
            for (row, w) in zip(rows, wanted) {
                let initiatives = row["initiatives"] as? String ?? ""
                #expect(initiatives.split(separator: " ").first.map(String.init) == "\(w.initiatives)" && initiatives.contains("in het gesprek toegevoegd") == (w.added > 0)
                        && (w.added == 0 || initiatives.contains("\(w.added) in het gesprek toegevoegd")), "\(kind) \(name): \(initiatives)")
                if let evaluation = sessions[w.session]?["evaluation"] as? String {
                    #expect((row["followUp"] as? String ?? "").hasSuffix(": " + evaluation), "\(kind) \(name)")
                }
            }
            // The bars: one per session (left to right in date order), its parts the kinds and their counts.
            let bars = try #require(child["bars"] as? [[Any]])
            let xs = Array(Set(bars.compactMap { $0[0] as? Double })).sorted()
            let drawn = wanted.filter { $0.initiatives > 0 }  // a session without initiatives has an empty bar
            #expect(xs.count == drawn.count, "\(kind) \(name): \(xs.count) bars")
            for (session, x) in zip(drawn, xs) {
                let parts = bars.filter { $0[0] as? Double == x }
                let total = parts.compactMap { $0[2] as? Int }.reduce(0, +)
                #expect(total == session.initiatives, "\(kind) \(name) \(session.session)")
                for (k, n) in session.kinds { #expect(parts.contains { $0[1] as? String == k && $0[2] as? Int == n }, "\(kind) \(name) \(k)") }
            }
        }
        let problems = "\(try browser.script("return document.getElementById('overview-problems').textContent;") ?? "")"
        #expect(problems.contains("kapot.session.json"), "\(problems)")
        if kind == .chromium, let shots = ProcessInfo.processInfo.environment["INBEELD_SCREENSHOTS"] {
            try FileManager.default.createDirectory(atPath: shots, withIntermediateDirectories: true)
            try browser.screenshot().write(to: URL(fileURLWithPath: shots + "/overview-nl.png"))
        }
        // Marking, the kind field suggests the kinds the folder's sessions use, most used first, then the
        // method's examples not used yet; each once.
        var used: [String: Int] = [:]
        for sessions in expected.values { for s in sessions { for (k, n) in s.kinds { used[k, default: 0] += n } } }
        try browser.openRecording("maart.mp4")
        try browser.wait(until: "document.querySelectorAll('#kinds option').length > 0", seconds: 30)
        let offered = try #require(try browser.script("return [...document.querySelectorAll('#kinds option')].map((o) => o.value);") as? [String])
        #expect(Set(offered.map { $0.lowercased() }).count == offered.count, "\(kind): \(offered)")
        #expect(Set(offered.prefix(used.count)) == Set(used.keys), "\(kind): \(offered) after \(used)")
        #expect(zip(offered, offered.dropFirst()).prefix(used.count - 1).allSatisfy { used[$0.0]! >= used[$0.1]! }, "\(kind): \(offered)")
        for example in ["kijken", "woord", "speelgoed aanbieden", "aanraken", "nadoen", "lachen"] {
            #expect(offered.contains(example), "\(kind): \(offered)")
        }
    }

    /// Steps (shift+arrows for seconds, arrows for frames) and waits until the page has shown the frame.
    private func stepAndSettle(_ browser: Browser, _ move: (frames: Int, seconds: Int)) throws {
        if move.seconds != 0 {
            try browser.press(Array(repeating: move.seconds > 0 ? Self.right : Self.left, count: abs(move.seconds)), holding: Self.shift)
        }
        if move.frames != 0 { try browser.press(Array(repeating: move.frames > 0 ? Self.right : Self.left, count: abs(move.frames))) }
        // Settled: no seek on its way, the same frame for a while.
        var previous = ""
        var stable = 0
        let deadline = Date().addingTimeInterval(60)
        while stable < 5 {
            guard Date() < deadline else { throw OracleError.failed("the page did not settle in 60 s: \(previous) (pending, shown, seeking)") }
            usleep(50_000)
            let now = "\(try browser.script("return [document.body.dataset.pending || '', document.body.dataset.shown, document.getElementById('video').seeking].join(',');") ?? "")"
            stable = now == previous && now.hasPrefix(",") && now.hasSuffix(",false") ? stable + 1 : 0
            previous = now
        }
    }

    /// What the player says about itself when the page and the screen disagree (the rare Chromium case of a
    /// seek presented without a frame callback, session 6): seeking, paused, its time, frames presented.
    private func playerState(_ browser: Browser) throws -> String {
        "\(try browser.script("""
            const v = document.getElementById('video'), q = v.getVideoPlaybackQuality ? v.getVideoPlaybackQuality() : {};
            return `seeking ${v.seeking}, paused ${v.paused}, currentTime ${v.currentTime}, frames presented ${q.totalVideoFrames}`;
            """) ?? "")"
    }

    /// How many frames the page knows for the open recording (its frame counter says "#n · time · N frames").
    private func framesInPage(_ browser: Browser) throws -> Int {
        let text = "\(try browser.script("return document.getElementById('frame-info').textContent;") ?? "")"
        return Int(text.split(separator: "·").last?.split(separator: " ").first ?? "") ?? 1
    }

    /// The frame on screen: the barcode in a screenshot of the video element.
    private func onScreen(_ browser: Browser, _ edge: BarcodeEdge) throws -> Int {
        let png = try browser.screenshot(of: "#video")
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("inbeeld-shot-\(UUID().uuidString).png").path
        try png.write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        return try Oracle.barcode(path, edge: edge)
    }

    /// With INBEELD_SCREENSHOTS=FOLDER, the whole page is kept there (for people to look at).
    private func saveScreenshot(_ browser: Browser, _ c: Case, _ kind: BrowserKind) throws {
        guard let folder = ProcessInfo.processInfo.environment["INBEELD_SCREENSHOTS"] else { return }
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try browser.screenshot().write(to: URL(fileURLWithPath: folder + "/page-\(kind)-\((c.file as NSString).deletingPathExtension).png"))
    }
}
