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
        // HEVC: Chromium plays a copy; the markers must still name the original's frames.
        Case(file: "barcode-hevc.mp4", edge: .top, moves: [(20, 0), (5, 1)]),
    ])
    func markingInTheBrowserNamesTheFramesOnScreen(_ c: Case) throws {
        let folder = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.copyItem(atPath: fixture(c.file), toPath: folder + "/" + c.file)
        let server = try ServeProcess(folder: folder)
        defer { server.stop() }
        let browser = try Browser()
        defer { browser.quit() }

        try browser.open(server.address)
        try browser.wait(until: "document.querySelector('#recording-list button')")
        _ = try browser.script("document.querySelector('#recording-list button[data-path=\"\(c.file)\"]').click();")
        try browser.wait(until: "document.body.dataset.shown === '0'", seconds: 120)
        #expect(try onScreen(browser, c.edge) == 0)

        // The focus child, typed in its field; Escape hands the keys back to the video.
        _ = try browser.script("document.getElementById('children').focus();")
        try browser.type("Sam")
        try browser.press([Self.escape])

        var displayed: [Int] = []
        for (n, move) in c.moves.enumerated() {
            try stepAndSettle(browser, move)
            let frame = try onScreen(browser, c.edge)
            #expect(try browser.script("return Number(document.body.dataset.shown);") as? Int == frame, "the page names the frame on screen")
            try browser.press(["m"])
            try browser.wait(until: "document.querySelectorAll('#markers li').length === \(n + 1) && document.activeElement.tagName === 'TEXTAREA'")
            try browser.type("kijkt naar Zoë \(n + 1)")
            try browser.press([Self.escape])
            displayed.append(frame)
        }

        // The fragment: from the frame on screen at I to the frame on screen at O (included).
        try stepAndSettle(browser, (-5, 0))
        let first = try onScreen(browser, c.edge)
        try browser.press(["i"])
        try stepAndSettle(browser, (3, 1))
        let last = try onScreen(browser, c.edge)
        try browser.press(["o"])

        try browser.press(["s"], holding: Self.control)
        let sessionPath = folder + "/" + (c.file as NSString).deletingPathExtension + ".session.json"
        try browser.wait(until: "document.getElementById('save-state').textContent.includes('Saved')")
        try saveScreenshot(browser, c)

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
        #expect(try pictures.map { try Oracle.barcode(out + "/" + $0, edge: c.edge) } == displayed.sorted())

        // The fragment, cut from the saved times: exactly the frames from I to O.
        let fragment = try #require(saved["fragment"] as? [String: String])
        let clip = folder + "/clip.mp4"
        let cut = try inbeeld(["cut", folder + "/" + c.file, "--from", fragment["from"]!, "--to", fragment["to"]!, "--any-length", "-o", clip,
                               "--preset", "ultrafast", "--quiet"])
        #expect(cut.status == 0, "\(cut.stderr)")
        #expect(try Oracle.barcodes(ofVideo: clip) == Array(first...last))
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
        #expect(try text("recording-list").contains("niet goed"))  // 6 seconds: the check's verdict
        #expect(try browser.script("return document.documentElement.lang;") as? String == "nl")
        _ = try browser.script("document.getElementById('lang-en').click();")
        try browser.wait(until: "document.getElementById('recording-list').textContent.includes('not good')")
        #expect(try text("recordings-title") == "Recordings")
        #expect(try browser.script("return document.documentElement.lang;") as? String == "en")
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
        let deadline = Date().addingTimeInterval(15)
        while stable < 6, Date() < deadline {
            usleep(50_000)
            let now = "\(try browser.script("return [state.pending, document.body.dataset.shown, video.seeking].join(',');") ?? "")"
            stable = now == previous && now.hasPrefix(",") && now.hasSuffix(",false") ? stable + 1 : 0
            previous = now
        }
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
    private func saveScreenshot(_ browser: Browser, _ c: Case) throws {
        guard let folder = ProcessInfo.processInfo.environment["INBEELD_SCREENSHOTS"] else { return }
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try browser.screenshot().write(to: URL(fileURLWithPath: folder + "/page-\((c.file as NSString).deletingPathExtension).png"))
    }
}
