import Foundation
import Testing
import TestSupport

/// The page's timeline in both browsers: its strip of pictures, the sound along it, the picture under the
/// pointer and the zoom. What the pictures show is read from their barcodes, what the sound band shows from
/// its pixels, and both are held against ffprobe's account of the recording, not the page's word.
@Suite(.serialized) struct ServeTimelineTests {
    /// A barcoded recording, 5:10 at 25 fps, a keyframe every 50 frames.
    static let file = "barcode-25fps-5min.mp4"
    /// Every picture on the strip is loaded (the page's `done` says every picture has come; the browser
    /// decodes them after that).
    static let stripDrawn = "[...document.querySelectorAll('#timeline-strip img')].every((img) => img.complete && img.naturalWidth > 0)"

    /// Every strip picture shows a frame of the group of pictures its time falls in: from the keyframe at
    /// or before that time up to the frame of that time; and it stands along the strip near that time.
    /// Then the preview under the pointer at 10 points is exactly the frame of that point (the middle of
    /// the column of pixels the pointer is in); and again at 10 others once the server has made every
    /// column's preview ahead, one for each column of the timeline.
    @Test(arguments: BrowserKind.allCases)
    func theStripAndThePreviewShowTheirTimes(_ kind: BrowserKind) throws {
        try Self.withRecordingOpen(in: kind) { browser, server in try stripAndPreview(browser, server, kind) }
    }

    private func stripAndPreview(_ browser: Browser, _ server: ServeProcess, _ kind: BrowserKind) throws {
        try browser.wait(until: "document.body.dataset.overview === 'done' && document.querySelectorAll('#timeline-strip img').length > 5 && \(Self.stripDrawn)", seconds: 180)

        let timeline = try Oracle.presentationTimes(fixture(Self.file))
        let keyframes = try Oracle.videoPackets(fixture(Self.file)).filter(\.key).map(\.pts).sorted()
        let frames = timeline.pts
        /// The frame numbers of the group of pictures shown at `us`: the keyframe at or before it up to the frame itself.
        func group(at us: Int64) -> ClosedRange<Int> {
            let shown = Oracle.frameShown(atMicroseconds: us, in: timeline)
            let key = keyframes.last { $0 <= frames[shown] } ?? frames[0]
            return (frames.firstIndex(of: key) ?? 0)...shown
        }

        let strip = try #require(try browser.script("""
            const lane = document.getElementById('timeline-lane').getBoundingClientRect();
            return [...document.querySelectorAll('#timeline-strip img')].map((img) => {
              const r = img.getBoundingClientRect(), c = document.createElement('canvas');
              c.width = img.naturalWidth; c.height = img.naturalHeight;
              c.getContext('2d').drawImage(img, 0, 0);
              return [Number(img.dataset.at), (r.left - lane.left) / lane.width, (r.right - lane.left) / lane.width, c.toDataURL('image/png')];
            });
            """) as? [[Any]])
        let (first, end) = try Self.shown(browser)
        var wrong: [String] = []
        for entry in strip {
            let at = Int64(try #require((entry[0] as? NSNumber)?.doubleValue))
            let (left, right) = (try #require((entry[1] as? NSNumber)?.doubleValue), try #require((entry[2] as? NSNumber)?.doubleValue))
            let barcode = try Self.barcode(ofDataURL: try #require(entry[3] as? String))
            if !group(at: at).contains(barcode) { wrong.append("picture for \(at) µs shows frame \(barcode), not one of \(group(at: at))") }
            // Its place: the time it stands for is at most a place's width (and the strip's spacing of 3 s) before its left edge.
            let placeStart = Double(first) + left * Double(end - first), placeWidth = (right - left) * Double(end - first)
            if Double(at) > placeStart + 1 || placeStart - Double(at) > placeWidth + 3_000_000 {
                wrong.append("picture for \(at) µs placed at \(Int(placeStart)) µs")
            }
        }
        #expect(strip.count > 5 && wrong.isEmpty, "\(kind): \(strip.count) strip pictures; \(wrong)")

        // The preview: the pointer's place (read from the event, not from the page) names a column of
        // pixels, whose middle names a time; the preview must show exactly the frame of that time. Points
        // near a frame's start (within 1 ms) are moved by a pixel: which frame they name would depend on rounding.
        _ = try browser.script("""
            window.pointerSeen = null;
            document.getElementById('timeline-lane').addEventListener('pointermove', (e) => {
              const r = document.getElementById('timeline-lane').getBoundingClientRect();
              window.pointerSeen = [e.clientX - r.left, r.width];
            });
            """)
        let previews = try previewsShowTheirFrames(browser, at: [0.03, 0.11, 0.19, 0.28, 0.37, 0.46, 0.55, 0.67, 0.78, 0.93],
                                                   timeline: timeline, shown: (first, end))
        #expect(previews.isEmpty, "\(kind): \(previews)")

        // The server makes every column's preview ahead: as many as the timeline has columns (each of this
        // recording's columns holds several frames), all made in time; then the previews are those frames.
        let sizes = try #require(try browser.script("""
            return [document.getElementById('timeline-preview').naturalWidth,
                    Math.ceil(document.getElementById('timeline-lane').getBoundingClientRect().width)];
            """) as? [NSNumber])
        let (width, columns) = (sizes[0].intValue, sizes[1].intValue)
        var made: (made: Int, wanted: Int) = (0, 0), columnFrames: [Int] = []
        try waitFor("every column's preview made", seconds: 300) {
            let reply = try http(server.address + "api/columns?path=\(Self.file)&w=\(width)")
            let counts = reply.json as? [String: Any] ?? [:]
            made = ((counts["made"] as? NSNumber)?.intValue ?? -1, (counts["wanted"] as? NSNumber)?.intValue ?? -1)
            columnFrames = (counts["frames"] as? [NSNumber])?.map(\.intValue) ?? []
            return made.wanted > 0 && made.made == made.wanted
        }
        #expect(made.wanted == columns, "\(kind): previews asked for \(made.wanted) columns of \(columns)")
        // They are the frames at the columns' middles, by ffprobe's times (a middle within 1 ms of a frame's
        // start may name either frame).
        let laneWidth = try #require((try browser.script("return document.getElementById('timeline-lane').getBoundingClientRect().width;") as? NSNumber)?.doubleValue)
        var otherColumns: [String] = []
        for (c, frame) in columnFrames.enumerated() {
            let us = Double(first) + min(1, (Double(c) + 0.5) / laneWidth) * Double(end - first)
            let shown = Oracle.frameShown(atMicroseconds: Int64(us.rounded(.down)), in: timeline)
            let start = Double(frames[shown] * timeline.num * 1_000_000) / Double(timeline.den) - Double(timeline.startMicroseconds)
            let nextStart = shown + 1 < frames.count ? Double(frames[shown + 1] * timeline.num * 1_000_000) / Double(timeline.den) - Double(timeline.startMicroseconds) : .infinity
            if frame != shown && min(abs(us - start), abs(nextStart - us)) > 1000 { otherColumns.append("column \(c): frame \(frame), not \(shown)") }
        }
        #expect(otherColumns.isEmpty, "\(kind): \(otherColumns.prefix(5))")
        // A list that is not the frames of columns (not ascending) is refused, and the view stays.
        let refused = try http("POST", server.address + "api/columns?path=\(Self.file)&w=\(width)", body: Data("5,3".utf8))
        let after = try http(server.address + "api/columns?path=\(Self.file)&w=\(width)").json as? [String: Any]
        #expect(refused.status == 400 && (after?["wanted"] as? NSNumber)?.intValue == made.wanted, "\(kind): \(refused.status) \(String(describing: after))")
        let madeAhead = try previewsShowTheirFrames(browser, at: [0.06, 0.14, 0.23, 0.31, 0.42, 0.51, 0.6, 0.71, 0.83, 0.97],
                                                    timeline: timeline, shown: (first, end))
        #expect(madeAhead.isEmpty, "\(kind), made ahead: \(madeAhead)")
    }

    /// Moves the pointer to each of `points` along the timeline and reads the preview's barcode: what it
    /// shows, where it is not the frame of the middle of the pointer's column.
    private func previewsShowTheirFrames(_ browser: Browser, at points: [Double], timeline: (pts: [Int64], num: Int64, den: Int64, startMicroseconds: Int64),
                                         shown: (first: Int64, end: Int64)) throws -> [String] {
        let (first, end) = shown, frames = timeline.pts
        var previews: [String] = []
        for point in points {
            var x = point, expected = -1
            for _ in 0..<5 {
                try browser.move(to: "#timeline-lane", atFraction: x)
                try browser.wait(until: "window.pointerSeen !== null")
                let seen = try #require((try browser.script("return window.pointerSeen;") as? [NSNumber])?.map(\.doubleValue))
                let (pixel, laneWidth) = (seen[0], seen[1])
                let column = min((laneWidth.rounded(.up)) - 1, max(0, pixel.rounded(.down)))
                let us = Double(first) + min(1, (column + 0.5) / laneWidth) * Double(end - first)
                let shown = Oracle.frameShown(atMicroseconds: Int64(us.rounded(.down)), in: timeline)
                let starts = [shown, shown + 1].filter { $0 < frames.count }.map { Double(frames[$0] * timeline.num * 1_000_000) / Double(timeline.den) - Double(timeline.startMicroseconds) }
                if starts.allSatisfy({ abs($0 - us) > 1000 }) { expected = shown; break }
                x += 0.002
                _ = try browser.script("window.pointerSeen = null;")
            }
            try #require(expected >= 0)
            try browser.wait(until: "document.getElementById('timeline-preview').dataset.frame === '\(expected)' && !document.getElementById('timeline-hover').hidden", seconds: 20)
            let picture = try #require(try browser.script("""
                const img = document.getElementById('timeline-preview'), c = document.createElement('canvas');
                c.width = img.naturalWidth; c.height = img.naturalHeight;
                c.getContext('2d').drawImage(img, 0, 0);
                return c.toDataURL('image/png');
                """) as? String)
            let barcode = try Self.barcode(ofDataURL: picture)
            if barcode != expected { previews.append("at \(x): frame \(expected), the preview shows \(barcode)") }
            _ = try browser.script("window.pointerSeen = null;")
        }
        return previews
    }

    /// A recording with a loud beep at every whole second and silence between: the sound band shows a peak
    /// within 100 ms of every beep and nothing between them. A recording without sound says so in the band.
    @Test(arguments: BrowserKind.allCases)
    func theSoundBandShowsTheBeepsAndNoSoundSaysSo(_ kind: BrowserKind) throws {
        let folder = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let ffmpeg = try requireProgramPath("ffmpeg")
        // Beeps of 0.1 s at 1 kHz from every whole second, 10 s, AAC in MP4 as phones write it.
        let made = try run(ffmpeg, ["-nostdin", "-v", "error", "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25:duration=10",
                                    "-f", "lavfi", "-i", "aevalsrc=if(lt(mod(t\\,1)\\,0.1)\\,0.8*sin(2*PI*1000*t)\\,0):s=48000:d=10",
                                    "-c:v", "libx264", "-pix_fmt", "yuv420p", "-c:a", "aac", "-b:a", "128k", "-shortest", folder + "/piep.mp4"])
        try #require(made.status == 0, "\(made.stderr)")
        try FileManager.default.copyItem(atPath: fixture("barcode-rotated.mp4"), toPath: folder + "/stil.mp4")
        let server = try ServeProcess(folder: folder)
        defer { server.stop() }
        let browser = try Browser(kind)
        defer { browser.quit() }
        try browser.open(server.address)
        try browser.openRecording("piep.mp4")
        try browser.wait(until: "document.body.dataset.overview === 'done' && document.getElementById('timeline-sound').dataset.sound === 'levels'", seconds: 180)

        // Which columns of the band show sound, and the time at each column's middle.
        let columns = try #require(try browser.script("""
            const c = document.getElementById('timeline-sound'), g = c.getContext('2d');
            const data = g.getImageData(0, 0, c.width, c.height).data, loud = [];
            for (let x = 0; x < c.width; x++) loud.push(data[(Math.floor(c.height / 2) * c.width + x) * 4 + 3] > 0);
            const lane = document.getElementById('timeline-lane'), from = Number(lane.dataset.from), to = Number(lane.dataset.to);
            return loud.map((l, x) => [l, from + (to - from) * (x + 0.5) / c.width]);
            """) as? [[Any]])
        let band = columns.map { ($0[0] as? Bool ?? false, ($0[1] as? NSNumber)?.doubleValue ?? 0) }
        try #require(band.count > 200)
        var problems: [String] = []
        for second in 0..<10 {
            let beep = Double(second) * 1_000_000
            // A peak where the beep is, within 100 ms of its start.
            if !band.contains(where: { $0.0 && abs($0.1 - beep - 50_000) <= 100_000 }) { problems.append("no peak at \(second) s") }
            // Silence between the beeps (AAC's ringing after a beep ends is allowed its 100 ms).
            if let loud = band.first(where: { $0.0 && $0.1 > beep + 250_000 && $0.1 < beep + 900_000 }) {
                problems.append("sound at \(Int(loud.1 / 1000)) ms, between the beeps")
            }
        }
        #expect(problems.isEmpty, "\(kind): \(problems)")

        _ = try browser.script("document.querySelector('#recording-list button[data-path=\"stil.mp4\"]').click();")
        try browser.wait(until: "document.body.dataset.recording === 'stil.mp4' && document.body.dataset.overview === 'done'", seconds: 180)
        #expect(try browser.script("return document.getElementById('timeline-sound').dataset.sound;") as? String == "none")
        #expect(try browser.script("""
            const note = document.getElementById('timeline-no-sound');
            return !note.hidden && note.getBoundingClientRect().width > 0 ? note.textContent : '';
            """) as? String == "no sound in this recording")
    }

    /// Z zooms into the fragment: its start and end are at the timeline's edges (within a pixel), the strip
    /// and the ticks follow; the wheel zooms around the pointer; Z again shows the whole recording.
    @Test(arguments: BrowserKind.allCases)
    func zoomingPutsTheFragmentAcrossTheTimeline(_ kind: BrowserKind) throws {
        try Self.withRecordingOpen(in: kind) { browser, _ in try zoom(browser, kind) }
    }

    private func zoom(_ browser: Browser, _ kind: BrowserKind) throws {
        try browser.wait(until: "document.body.dataset.overview === 'done'", seconds: 180)

        // A fragment from the timeline at 0.3 to 0.45, and a contact initiative inside it.
        try browser.click("#timeline", atFraction: 0.3)
        try browser.wait(until: "document.body.dataset.pending === ''", seconds: 20)
        try browser.press(["i"])
        try browser.press(["\u{E014}"])
        try browser.wait(until: "document.body.dataset.pending === ''", seconds: 20)
        try browser.press(["m"])
        try browser.press(["\u{E00C}"])
        try browser.click("#timeline", atFraction: 0.45)
        try browser.wait(until: "document.body.dataset.pending === ''", seconds: 20)
        try browser.press(["o"])
        let whole = try Self.edges(browser, "#timeline-fragment")

        try browser.press(["z"])
        try browser.wait(until: "document.body.dataset.zoom !== ''")
        let zoomed = try Self.edges(browser, "#timeline-fragment")
        #expect(abs(zoomed.left) <= 1 && abs(zoomed.right) <= 1, "\(kind): the fragment's edges are \(zoomed) px from the timeline's")
        #expect(whole.left > 100 && whole.right > 100, "\(kind): before zooming the fragment lay inside the timeline (\(whole))")
        // The tick of the initiative is on the timeline, near its start; the strip shows pictures of the fragment only.
        let tick = try Self.edges(browser, "#timeline-ticks .tick")
        #expect(tick.left + 2 >= -1 && tick.left + 2 < 40, "\(kind): the tick is \(tick.left + 2) px from the start")
        let (from, to) = try Self.shown(browser)
        let outside = try browser.script("""
            return [...document.querySelectorAll('#timeline-strip img')].filter((img) => Number(img.dataset.at) >= arguments[1] || Number(img.dataset.at) < arguments[0] - 3e6).length;
            """, [from, to]) as? Int
        #expect(outside == 0, "\(kind): \(outside ?? -1) strip pictures from outside the fragment")

        // The wheel: away from the person zooms in around the pointer, towards zooms out.
        let span = { () throws -> Double in
            let parts = "\(try browser.script("return document.body.dataset.zoom;") ?? "")".split(separator: "-").compactMap { Double($0) }
            return parts.count == 2 ? parts[1] - parts[0] : .infinity
        }
        let before = try span(), zoom = "\(try browser.script("return document.body.dataset.zoom;") ?? "")"
        try browser.wheel(over: "#timeline-lane", atFraction: 0.5, deltaY: -100)
        try browser.wait(until: "document.body.dataset.zoom !== '\(zoom)'")
        #expect(try span() < before, "\(kind): the wheel zoomed in")

        try browser.press(["z"])
        try browser.wait(until: "document.body.dataset.zoom === ''")
        let back = try Self.edges(browser, "#timeline-fragment")
        #expect(abs(back.left - whole.left) <= 1 && abs(back.right - whole.right) <= 1, "\(kind): Z again shows the whole recording")
    }

    /// The demo in a 1280x720 window in both browsers, as a coach first sees it: the strip covers the whole
    /// timeline and the sound band shows the demo's beeps; Z fills the timeline with the session's fragment,
    /// where each beep stands apart from the silence after it.
    /// With INBEELD_SCREENSHOTS=FOLDER (`Scripts/screenshots.sh --readme`) both views are kept there.
    @Test(arguments: BrowserKind.allCases)
    func theDemoShowsItsPicturesAndSoundWholeAndZoomed(_ kind: BrowserKind) throws {
        let scratch = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let folder = scratch + "/opnames"
        try FileManager.default.copyItem(atPath: try GuideTests.demoFolder(), toPath: folder)
        let shots = ProcessInfo.processInfo.environment["INBEELD_SCREENSHOTS"] ?? scratch + "/screenshots"
        try FileManager.default.createDirectory(atPath: shots, withIntermediateDirectories: true)
        let server = try ServeProcess(folder: folder, lang: "nl")
        defer { server.stop() }
        let browser = try Browser(kind, width: 1280, height: 720)
        defer { browser.quit() }
        try browser.open(server.address)
        try browser.openRecording("speelhoek.mp4")
        try browser.wait(until: "document.body.dataset.overview === 'done' && document.getElementById('timeline-sound').dataset.sound === 'levels' && \(Self.stripDrawn)", seconds: 120)
        /// The share of the timeline's width the strip's pictures cover, and of the band's columns that show sound.
        func covered() throws -> (strip: Double, sound: Double) {
            let r = try #require(try browser.script("""
                const lane = document.getElementById('timeline-lane').getBoundingClientRect(), seen = new Set();
                for (const img of document.querySelectorAll('#timeline-strip img')) {
                  if (!img.complete || img.naturalWidth === 0) continue;
                  const r = img.getBoundingClientRect();
                  for (let x = Math.max(0, Math.floor(r.left - lane.left)); x < Math.min(lane.width, r.right - lane.left); x++) seen.add(x);
                }
                const c = document.getElementById('timeline-sound'), data = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
                let loud = 0;
                for (let x = 0; x < c.width; x++) if (data[(Math.floor(c.height / 2) * c.width + x) * 4 + 3] > 0) loud++;
                return [seen.size / Math.floor(lane.width), loud / c.width];
                """) as? [NSNumber])
            return (r[0].doubleValue, r[1].doubleValue)
        }
        usleep(300_000)
        let whole = try covered()
        // Over the whole recording nearly every column holds a beep (one per second, a column about 0.6 s).
        #expect(whole.strip >= 0.98 && whole.sound > 0.5, "\(kind): whole recording \(whole)")
        try browser.screenshot().write(to: URL(fileURLWithPath: "\(shots)/timeline-\(kind)-whole-1280x720.png"))

        try browser.press(["z"])
        try browser.wait(until: "document.body.dataset.zoom !== ''")
        try browser.wait(until: Self.stripDrawn)
        let zoomed = try Self.edges(browser, "#timeline-fragment")
        #expect(abs(zoomed.left) <= 1 && abs(zoomed.right) <= 1, "\(kind): the fragment's edges are \(zoomed) px from the timeline's")
        usleep(300_000)
        let inside = try covered()
        // Zoomed (a column about 0.15 s), the beeps (0.1 s each second) stand apart from the silence between.
        #expect(inside.strip >= 0.98 && inside.sound > 0.05 && inside.sound < 0.5, "\(kind): zoomed to the fragment \(inside)")
        try browser.screenshot().write(to: URL(fileURLWithPath: "\(shots)/timeline-\(kind)-zoomed-1280x720.png"))
    }

    /// `file` (the barcoded recording) alone in a folder served, opened in the page in a browser of `kind`.
    private static func withRecordingOpen(in kind: BrowserKind, _ body: (Browser, ServeProcess) throws -> Void) throws {
        let folder = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.copyItem(atPath: fixture(file), toPath: folder + "/" + file)
        let server = try ServeProcess(folder: folder)
        defer { server.stop() }
        let browser = try Browser(kind)
        defer { browser.quit() }
        try browser.open(server.address)
        try browser.openRecording(file)
        try body(browser, server)
    }

    /// How far an element's left and right edges lie inside the timeline's (CSS pixels).
    private static func edges(_ browser: Browser, _ selector: String) throws -> (left: Double, right: Double) {
        let e = try #require(try browser.script("""
            const lane = document.getElementById('timeline-lane').getBoundingClientRect();
            const r = document.querySelector(arguments[0]).getBoundingClientRect();
            return [r.left - lane.left, lane.right - r.right];
            """, [selector]) as? [NSNumber])
        return (e[0].doubleValue, e[1].doubleValue)
    }

    /// The part of the recording the timeline shows, [from, to) in microseconds from time zero.
    private static func shown(_ browser: Browser) throws -> (from: Int64, to: Int64) {
        let range = try #require(try browser.script("""
            const lane = document.getElementById('timeline-lane');
            return [Number(lane.dataset.from), Number(lane.dataset.to)];
            """) as? [NSNumber])
        return (Int64(range[0].doubleValue), Int64(range[1].doubleValue))
    }

    /// The barcode of a picture the page holds (a PNG data URL), read by the ffmpeg CLI.
    private static func barcode(ofDataURL url: String) throws -> Int {
        let base64 = try #require(url.split(separator: ",", maxSplits: 1).last)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("inbeeld-timeline-\(UUID().uuidString).png").path
        try #require(Data(base64Encoded: String(base64))).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        return try Oracle.barcode(path)
    }
}
