import Foundation
import Synchronization
import Testing
import TestSupport

/// `inbeeld serve`, over real HTTP with curl as the client: every route, byte ranges, the token, the Host
/// check and attempts to leave the folder.
@Suite(.serialized) struct ServeTests {
    /// A folder of recordings, a file outside it, and links in and out.
    static func makeFolder() throws -> (root: String, folder: String) {
        let root = temporaryFolder()
        let folder = root + "/recordings"
        try FileManager.default.createDirectory(atPath: folder + "/group 2", withIntermediateDirectories: true)
        for name in ["barcode-vfr.mp4", "barcode-bframes.mp4", "barcode-hevc.mp4", "pass-7min.mp4"] {
            try FileManager.default.copyItem(atPath: fixture(name), toPath: folder + "/" + name)
        }
        try FileManager.default.copyItem(atPath: fixture("barcode-rotated.mp4"), toPath: folder + "/group 2/draai ë.mp4")
        try Data("secret outside the folder\n".utf8).write(to: URL(fileURLWithPath: root + "/secret.txt"))
        try Data("hidden\n".utf8).write(to: URL(fileURLWithPath: folder + "/.hidden.txt"))
        try FileManager.default.createSymbolicLink(atPath: folder + "/out.mp4", withDestinationPath: root + "/secret.txt")
        try FileManager.default.createSymbolicLink(atPath: folder + "/outdir", withDestinationPath: root)
        try FileManager.default.createSymbolicLink(atPath: folder + "/in.mp4", withDestinationPath: folder + "/barcode-vfr.mp4")
        return (root, folder)
    }

    @Test func everyRequestNeedsTheTokenAndTheRightHost() throws {
        let (root, folder) = try Self.makeFolder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let server = try ServeProcess(folder: folder)
        defer { server.stop() }
        let origin = "http://127.0.0.1:\(server.port)"
        let token = String(server.address.dropFirst(origin.count + 3).dropLast())
        #expect(token.count == 32)

        let page = try http(server.address)
        #expect(page.status == 200)
        #expect(page.headers["content-type"]?.hasPrefix("text/html") == true)
        #expect(page.text.contains("app.js"))
        #expect(page.headers["content-security-policy"]?.contains("default-src 'self'") == true)
        let script = try http(server.address + "app.js"), style = try http(server.address + "app.css")
        #expect(script.status == 200 && script.headers["content-type"]?.hasPrefix("text/javascript") == true)
        #expect(script.text.contains("requestVideoFrameCallback"))
        #expect(style.status == 200 && style.headers["content-type"]?.hasPrefix("text/css") == true)
        #expect(try http(server.address + "api/jobs/prepare-00000000").status == 404)
        #expect(try http(server.address + "no/such/page").status == 404)
        #expect(try http(origin + "/t/\(token)").status == 303)  // to the page, with its slash

        for path in ["/", "/app.js", "/api/recordings", "/t/", "/t/\(token.dropLast())/api/recordings",
                     "/t/\(token)x/api/recordings", "/t/\(String(token.reversed()))/api/recordings",
                     "/api/config?token=\(token)", "/T/\(token)/api/config"] {
            let r = try http(origin + path)
            #expect(r.status == 403, "\(path): \(r.status)")
            #expect(!r.text.contains("barcode"), "\(path)")
        }
        // The token in a header or a query does not replace the path.
        let header = try http(origin + "/api/config", headers: ["X-InBeeld-Token: \(token)"])
        #expect(header.status == 403)

        // Host: 127.0.0.1 or localhost at this port; anything else (DNS rebinding) is refused.
        #expect(try http(server.address + "api/config", headers: ["Host: localhost:\(server.port)"]).status == 200)
        for host in ["evil.example:\(server.port)", "127.0.0.1:\(server.port + 1)", "127.0.0.1", "localhost",
                     "127.0.0.1.evil.example:\(server.port)", "[::1]:\(server.port)", ""] {
            let r = try http(server.address + "api/recordings", headers: ["Host: \(host)"])
            #expect(r.status == 421, "Host '\(host)': \(r.status)")
            #expect(!r.text.contains("barcode"))
        }
    }

    @Test func itListensOnLoopbackOnly() throws {
        let (root, folder) = try Self.makeFolder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let server = try ServeProcess(folder: folder)
        defer { server.stop() }
        // The kernel's own table of listening sockets (not the program's word for it).
        let listening = try KernelSocket.all().filter { $0.listening && $0.localPort == server.port }
        #expect(listening.count == 1)
        #expect(listening.first?.localAddress == "0100007F", "\(listening)")
    }

    @Test func recordingsAreListedWithTheirVerdicts() throws {
        let (root, folder) = try Self.makeFolder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let server = try ServeProcess(folder: folder)
        defer { server.stop() }
        let list = try #require((try http(server.address + "api/recordings").json as? [String: Any])?["recordings"] as? [[String: Any]])
        let byPath = Dictionary(uniqueKeysWithValues: list.map { ($0["path"] as! String, $0) })
        // Hidden files, links out of the folder's tree and files that are no recordings are not listed.
        #expect(Set(byPath.keys) == ["barcode-vfr.mp4", "barcode-bframes.mp4", "barcode-hevc.mp4", "pass-7min.mp4",
                                     "group 2/draai ë.mp4", "in.mp4"])
        #expect(byPath["pass-7min.mp4"]?["verdict"] as? String == "pass")
        #expect(byPath["barcode-vfr.mp4"]?["verdict"] as? String == "fail")  // 6 seconds: not 5 to 8 minutes
        #expect((byPath["barcode-vfr.mp4"]?["problems"] as? [String])?.contains { $0.contains("5:00 to 8:00") } == true)
        let dutchList = try #require(try http(server.address + "api/recordings?lang=nl").json as? [String: Any])
        let dutch = try #require(dutchList["recordings"] as? [[String: Any]])
        #expect(dutch.contains { ($0["problems"] as? [String])?.contains { $0.contains("5:00 tot 8:00") } == true })
    }

    @Test func aRecordingComesWithEveryFrameTimeAsFfprobeSeesIt() throws {
        let (root, folder) = try Self.makeFolder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let server = try ServeProcess(folder: folder)
        defer { server.stop() }
        for name in ["barcode-vfr.mp4", "barcode-bframes.mp4", "group 2/draai ë.mp4"] {
            let encoded = name.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            let detail = try #require(try http(server.address + "api/recording?path=\(encoded)").json as? [String: Any])
            let media = try #require(detail["media"] as? [String: Any])
            let frames = try #require(media["frame_microseconds"] as? [Int])
            let oracle = try Oracle.presentationTimes(folder + "/" + name)
            #expect(frames.count == oracle.pts.count)
            // Each time is the frame's pts in microseconds from time zero, rounded down, and names that frame.
            for (i, pts) in oracle.pts.enumerated() {
                let us = Int((Double(pts) * Double(oracle.num) * 1_000_000 / Double(oracle.den)).rounded(.down)) - Int(oracle.startMicroseconds)
                #expect(abs(frames[i] - us) <= 1, "\(name) frame \(i)")
                #expect(Oracle.frameShown(atMicroseconds: Int64(frames[i]), in: oracle) == i)
            }
            #expect(media["browser_plays"] as? Bool == true)
        }
        let hevc = try #require(try http(server.address + "api/recording?path=barcode-hevc.mp4").json as? [String: Any])
        #expect((hevc["media"] as? [String: Any])?["browser_plays"] as? Bool == false)
        #expect(hevc["proxy_ready"] as? Bool == false)
    }

    /// `api/frame`: InBeeld's picture of frame N is frame N (its barcode, read by the ffmpeg CLI), stepping
    /// forwards, back, and jumping, on variable-rate, B-frame, HEVC and rotated recordings; at the width
    /// asked for (never wider than the recording is shown); requests that come together each get their own
    /// frame or give way (204), never another frame.
    @Test func framePicturesAreTheFramesAskedFor() throws {
        let (root, folder) = try Self.makeFolder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let server = try ServeProcess(folder: folder)
        defer { server.stop() }
        @Sendable func picture(_ name: String, _ n: Int, width: Int) throws -> (status: Int, frame: Int?, width: Int?) {
            let encoded = name.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            let reply = try http(server.address + "api/frame?path=\(encoded)&n=\(n)&w=\(width)")
            guard reply.status == 200 else { return (reply.status, nil, nil) }
            #expect(reply.headers["content-type"] == "image/jpeg")
            let file = root + "/frame-\(UUID().uuidString).jpg"
            try reply.body.write(to: URL(fileURLWithPath: file))
            defer { try? FileManager.default.removeItem(atPath: file) }
            // Its width only where the test asks about it (each look is two runs of the CLI).
            return (200, try Oracle.barcode(file, edge: name.hasPrefix("group 2") ? .right : .top), width == 200 ? nil : try Oracle.grayPixels(file).width)
        }
        for name in ["barcode-vfr.mp4", "barcode-bframes.mp4", "barcode-hevc.mp4", "group 2/draai ë.mp4"] {
            let count = try Oracle.presentationTimes(folder + "/" + name).pts.count
            // Fixtures/README.md: stored 320x240, the rotated one shown 240x320.
            let shownWidth = name.hasPrefix("group 2") ? 240 : 320
            let forward = Array(0...12), back = Array((0...11).reversed()), jumps = [count - 1, count / 2, 3, count / 2 + 1, count / 2 - 1, count / 2 - 2]
            for n in forward + back + jumps {
                let got = try picture(name, n, width: 200)
                #expect(got.status == 200 && got.frame == n, "\(name) #\(n): \(got)")
            }
            // As wide as asked, and never wider than the recording is shown.
            #expect(try picture(name, 5, width: 201).width == 201, "\(name)")
            #expect(try picture(name, 5, width: 10_000).width == shownWidth, "\(name)")
            #expect(try picture(name, count, width: 200).status == 404, "\(name): past the last frame")
        }
        // Many at once (a key held down in two windows): each answer is its own frame, or gives way.
        let answers = Mutex<[(Int, Int, Int?)]>([])
        DispatchQueue.concurrentPerform(iterations: 16) { i in
            let n = (i * 37) % 180  // 180 frames
            let got: (status: Int, frame: Int?, width: Int?) = (try? picture("barcode-vfr.mp4", n, width: 240)) ?? (-1, nil, nil)
            answers.withLock { $0.append((n, got.status, got.frame)) }
        }
        for (n, status, frame) in answers.withLock({ $0 }) {
            #expect(status == 204 || (status == 200 && frame == n), "#\(n): \(status) \(frame ?? -1)")
        }
        // HDR (rotated, variable-rate HLG, as an iPhone films): the paused picture is the still's SDR picture.
        try FileManager.default.copyItem(atPath: fixture("hdr-hlg-phone.mov"), toPath: folder + "/hdr.mov")
        let hdr = try http(server.address + "api/frame?path=hdr.mov&n=37&w=200")
        #expect(hdr.status == 200)
        try hdr.body.write(to: URL(fileURLWithPath: root + "/hdr-page.jpg"))
        try Data("time,child\n#37,Sam\n".utf8).write(to: URL(fileURLWithPath: root + "/hdr.csv"))
        let stills = try inbeeld(["stills", folder + "/hdr.mov", "--markers", root + "/hdr.csv", "-o", root + "/hdr-stills", "--format", "png", "--width", "200"])
        #expect(stills.status == 0, "\(stills.stderr)")
        let still = try #require(try FileManager.default.contentsOfDirectory(atPath: root + "/hdr-stills").first { $0.hasSuffix(".png") })
        #expect(try Oracle.barcode(root + "/hdr-page.jpg", edge: .right) == 37)
        let page = try Oracle.rgbPixels(root + "/hdr-page.jpg"), made = try Oracle.rgbPixels(root + "/hdr-stills/" + still)
        #expect(page.count == made.count && Oracle.meanAbsoluteDifference(page, made) <= 3, "HDR: \(Oracle.meanAbsoluteDifference(page, made))")

        #expect(try http(server.address + "api/frame?path=barcode-vfr.mp4&w=200").status == 400)
        #expect(try http(server.address + "api/frame?path=../secret.txt&n=0&w=200").status != 200)
    }

    @Test func filesAreServedWithByteRanges() throws {
        let (root, folder) = try Self.makeFolder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let server = try ServeProcess(folder: folder)
        defer { server.stop() }
        let bytes = try Data(contentsOf: URL(fileURLWithPath: folder + "/barcode-vfr.mp4"))
        let size = bytes.count
        let url = server.address + "files/barcode-vfr.mp4"

        let whole = try http(url)
        #expect(whole.status == 200)
        #expect(whole.body == bytes)
        #expect(whole.headers["accept-ranges"] == "bytes")
        #expect(whole.headers["content-type"] == "video/mp4")

        let cases: [(String, Range<Int>)] = [("bytes=0-99", 0..<100), ("bytes=100-", 100..<size), ("bytes=-50", (size - 50)..<size),
                                            ("bytes=1000-1000", 1000..<1001), ("bytes=5000-999999999", 5000..<size),
                                            ("bytes=-999999999", 0..<size)]
        for (header, expected) in cases {
            let r = try http(url, headers: ["Range: \(header)"])
            #expect(r.status == 206, "\(header)")
            #expect(r.body == bytes.subdata(in: expected), "\(header)")
            #expect(r.headers["content-range"] == "bytes \(expected.lowerBound)-\(expected.upperBound - 1)/\(size)", "\(header)")
            #expect(r.headers["content-length"] == String(expected.count), "\(header)")
        }
        for header in ["bytes=\(size)-", "bytes=\(size + 10)-\(size + 20)", "bytes=500-100", "bytes=-0", "bytes=abc-"] {
            let r = try http(url, headers: ["Range: \(header)"])
            #expect(r.status == 416, "\(header): \(r.status)")
            #expect(r.headers["content-range"] == "bytes */\(size)", "\(header)")
        }
        // Several ranges, or another unit: the whole file (allowed; players ask for one range).
        #expect(try http(url, headers: ["Range: bytes=0-1,5-6"]).body == bytes)
        #expect(try http(url, headers: ["Range: items=0-1"]).status == 200)

        // Names with spaces and accents, in a subfolder.
        let rotated = try http(server.address + "files/group%202/draai%20%C3%AB.mp4", headers: ["Range: bytes=0-9"])
        #expect(rotated.status == 206)
        #expect(rotated.body == (try Data(contentsOf: URL(fileURLWithPath: folder + "/group 2/draai ë.mp4"))).prefix(10))
    }

    @Test func nothingOutsideTheFolderIsServed() throws {
        let (root, folder) = try Self.makeFolder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let server = try ServeProcess(folder: folder)
        defer { server.stop() }
        let attempts = [
            "files/../secret.txt", "files/../../secret.txt", "files/%2e%2e/secret.txt", "files/..%2fsecret.txt",
            "files/%2E%2E%2Fsecret.txt", "files/group%202/../../secret.txt", "files//etc/passwd", "files/%2Fetc%2Fpasswd",
            "files/out.mp4", "files/outdir/secret.txt", "files/.hidden.txt", "files/.inbeeld/proxies",
            "files/group%202", "files/", "files/barcode-vfr.mp4%00.txt", "files/..\\secret.txt",
            "proxy/../secret.txt", "proxy/out.mp4",
            "api/recording?path=../secret.txt", "api/recording?path=out.mp4", "api/recording?path=%2Fetc%2Fpasswd",
            "api/recording?path=outdir/secret.txt", "api/recording?path=.hidden.txt",
        ]
        for attempt in attempts {
            let r = try http(server.address + attempt, pathAsIs: true)
            #expect([400, 403, 404].contains(r.status), "\(attempt): \(r.status)")
            #expect(!r.text.contains("secret outside") && !r.text.contains("root:"), "\(attempt)")
        }
        // Saving and preparing are held to the same folder.
        for attempt in ["api/session?path=../secret.txt", "api/session?path=out.mp4"] {
            let r = try saveSession(server.address + attempt, body: Data(#"{"focus":[],"markers":[]}"#.utf8), pathAsIs: true)
            #expect([400, 403, 404].contains(r.status), "\(attempt): \(r.status)")
        }
        for attempt in ["api/prepare?path=../secret.txt", "api/proxy?path=outdir/secret.txt"] {
            #expect([400, 403, 404].contains(try http("POST", server.address + attempt, pathAsIs: true).status), "\(attempt)")
        }
        #expect(!FileManager.default.fileExists(atPath: root + "/secret.session.json"))
        // A link that stays inside the folder is fine.
        #expect(try http(server.address + "files/in.mp4", headers: ["Range: bytes=0-3"]).status == 206)
    }

    /// A session file's time (`[[h:]m:]s.ffffff`) in microseconds.
    static func microseconds(_ text: String) throws -> Int64 {
        let parts = text.split(separator: ":").map(String.init)
        let seconds = try #require(Double(parts.last ?? ""))
        let whole = try parts.dropLast().reduce(Int64(0)) { $0 * 60 + (try #require(Int64($1))) }
        return whole * 60_000_000 + Int64((seconds * 1_000_000).rounded())
    }

    @Test func savingWritesASessionFileWhoseTimesNameTheFrames() throws {
        let (root, folder) = try Self.makeFolder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let server = try ServeProcess(folder: folder)
        defer { server.stop() }
        let url = server.address + "api/session?path=barcode-vfr.mp4"
        let edit: [String: Any] = [
            // Sam watched by two professionals (a group on one child): two rows; Zoë named twice: one row with
            // what was typed in either; a row without a name: left out.
            "fragment": [10, 150], "coach": "Anne", "date": "2026-11-26",
            "focus": [["child": "Sam", "professional": "Fatima"], ["child": " Zoë "], ["child": "Sam", "professional": "Joris", "next_time": "wachten"],
                      ["child": "Zoë", "meaning": "trots"], ["child": "  ", "needs": ""]],
            "markers": [
                ["frame": 37, "child": "Sam", "note": "kijkt naar Zoë \"en\" lacht", "kind": "kijken"],
                ["frame": 1, "child": "Sam", "note": ""],
                ["frame": 179, "note": "laatste beeld"],
            ],
            "summary": "", "follow_up": "2027-01-15",
        ]
        let r = try saveSession(url, body: try JSONSerialization.data(withJSONObject: edit))
        #expect(r.status == 200, "\(r.text)")
        let sessionPath = folder + "/barcode-vfr.session.json"
        let attributes = try FileManager.default.attributesOfItem(atPath: sessionPath)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        let saved = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: sessionPath))) as? [String: Any])
        #expect(saved["recording"] as? String == "barcode-vfr.mp4")
        #expect((saved["focus"] as? [[String: String]]) == [["child": "Sam", "professional": "Fatima"], ["child": "Zoë", "meaning": "trots"],
                                                            ["child": "Sam", "professional": "Joris", "next_time": "wachten"]])
        #expect(saved["summary"] == nil)  // empty fields are left out
        let markers = try #require(saved["markers"] as? [[String: Any]])
        // In time order.
        #expect(markers.map { $0["note"] as? String } == [nil, "kijkt naar Zoë \"en\" lacht", "laatste beeld"])
        #expect(markers[1]["kind"] as? String == "kijken")

        // The oracle: each written time names the marked frame by the rule of MEDIA-NOTES, on ffprobe's pts.
        let oracle = try Oracle.presentationTimes(folder + "/barcode-vfr.mp4")
        #expect(try markers.map { Oracle.frameShown(atMicroseconds: try Self.microseconds($0["time"] as! String), in: oracle) } == [1, 37, 179])
        let fragment = try #require(saved["fragment"] as? [String: String])
        #expect(Oracle.frameShown(atMicroseconds: try Self.microseconds(fragment["from"]!), in: oracle) == 10)
        // [from, to): frame 150 is the last that starts before `to`.
        let to = try Self.microseconds(fragment["to"]!)
        let lastBefore = oracle.pts.lastIndex { p in p * oracle.num * 1_000_000 < (to + oracle.startMicroseconds) * oracle.den }
        #expect(lastBefore == 150)

        // The page gets the markers back as frames; a second save keeps the file as it was.
        let detail = try #require(try http(server.address + "api/recording?path=barcode-vfr.mp4").json as? [String: Any])
        let session = try #require(detail["session"] as? [String: Any])
        #expect((session["markers"] as? [[String: Any]])?.map { $0["frame"] as? Int } == [1, 37, 179])
        #expect(session["fragment"] as? [Int] == [10, 150])
        let before = try Data(contentsOf: URL(fileURLWithPath: sessionPath))
        #expect(try saveSession(url, body: try JSONSerialization.data(withJSONObject: session)).status == 200)
        #expect(try Data(contentsOf: URL(fileURLWithPath: sessionPath)) == before)

        // `inbeeld stills` reads the same session's times and takes the marked frames.
        let out = root + "/stills"
        let csv = "time,child,note\n" + markers.map { "\($0["time"] as! String),x,y" }.joined(separator: "\n") + "\n"
        try Data(csv.utf8).write(to: URL(fileURLWithPath: root + "/m.csv"))
        let stills = try inbeeld(["stills", folder + "/barcode-vfr.mp4", "--markers", root + "/m.csv", "-o", out, "--format", "png"])
        #expect(stills.status == 0, "\(stills.stderr)")
        let pictures = try FileManager.default.contentsOfDirectory(atPath: out).filter { $0.hasSuffix(".png") }.sorted()
        #expect(try pictures.map { try Oracle.barcode(out + "/" + $0) } == [1, 37, 179])
    }

    /// Two windows (or the page and another program) saving edits of one revision: nothing either typed is
    /// lost. A save names the revision it edits (`If-Match`, the ETag of `api/recording`) and brings the
    /// session as it read it; a save over a revision no longer current is merged with the newer one, and
    /// where both changed one field differently, the file keeps the newer text and the reply carries both.
    @Test func savesFromTwoWindowsAreMergedNotWrittenOver() throws {
        let (root, folder) = try Self.makeFolder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let server = try ServeProcess(folder: folder)
        defer { server.stop() }
        let url = server.address + "api/session?path=barcode-vfr.mp4", sessionPath = folder + "/barcode-vfr.session.json"
        func read() throws -> (revision: String, session: [String: Any]) {
            let r = try http(server.address + "api/recording?path=barcode-vfr.mp4")
            let detail = try #require(r.json as? [String: Any])
            return (try #require(r.headers["etag"]), try #require(detail["session"] as? [String: Any]))
        }
        func put(_ session: [String: Any], over revision: String?, base: [String: Any]?) throws -> HTTPReply {
            var body = session
            if let base { body["base"] = base }
            return try http("PUT", url, headers: revision.map { ["If-Match: " + $0] } ?? [], body: try JSONSerialization.data(withJSONObject: body))
        }
        func saved() throws -> [String: Any] {
            try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: sessionPath))) as? [String: Any])
        }
        // A first session: two initiatives.
        let first: [String: Any] = ["focus": [["child": "Sam"]], "markers": [["frame": 20, "child": "Sam"], ["frame": 90, "child": "Sam"]]]
        #expect(try put(first, over: "\"none\"", base: nil).status == 200)
        let (revision, base) = try read()

        // Without a revision a save is refused (428), and the file is untouched.
        let before = try Data(contentsOf: URL(fileURLWithPath: sessionPath))
        #expect(try put(base, over: nil, base: nil).status == 428)
        #expect(try Data(contentsOf: URL(fileURLWithPath: sessionPath)) == before)

        // Window 1 answers "what do you see and hear?" for the first initiative and adds a third.
        var one = base
        var markers = try #require(base["markers"] as? [[String: Any]])
        markers[0]["seen_heard"] = "Sam kijkt naar Zoë"
        one["markers"] = markers + [["frame": 150, "child": "Sam", "note": "geeft een blok"]]
        let saved1 = try put(one, over: revision, base: base)
        #expect(saved1.status == 200, "\(saved1.text)")
        #expect((saved1.json as? [String: Any])?["merged"] == nil)
        // Window 2, from the same revision: agreements, and the second initiative removed.
        var two = base
        two["agreements"] = "Vaker wachten"
        two["markers"] = [markers[0].filter { $0.key != "seen_heard" }]
        // Over an old revision without the session it read: refused (412) with the file as it is now.
        let stale = try put(two, over: revision, base: nil)
        #expect(stale.status == 412)
        #expect(((stale.json as? [String: Any])?["session"] as? [String: Any])?["markers"] as? [[String: Any]] != nil)
        // With it: merged. Both windows' work is in the file.
        let saved2 = try put(two, over: revision, base: base)
        #expect(saved2.status == 200, "\(saved2.text)")
        #expect((saved2.json as? [String: Any])?["merged"] as? Bool == true)
        #expect((saved2.json as? [String: Any])?["conflicts"] == nil)
        var file = try saved()
        #expect(file["agreements"] as? String == "Vaker wachten")
        let kept = try #require(file["markers"] as? [[String: Any]])
        #expect(kept.map { $0["note"] as? String } == [nil, "geeft een blok"], "\(kept)")  // the second removed, the third added
        let oracle = try Oracle.presentationTimes(folder + "/barcode-vfr.mp4")
        #expect(try kept.map { Oracle.frameShown(atMicroseconds: try Self.microseconds($0["time"] as? String ?? ""), in: oracle) } == [20, 150])
        // What was seen and heard at the first initiative (kept with it in the file).
        let text = String(decoding: try Data(contentsOf: URL(fileURLWithPath: sessionPath)), as: UTF8.self)
        #expect(text.contains("Sam kijkt naar Zo"), "\(text)")

        // Changed in the file by another program meanwhile (a text editor, a sync client), and the same
        // field typed differently in the page: merged, the file keeps the newer text, both come back.
        let (revision3, base3) = try read()
        file["agreements"] = "Samen opruimen"
        file["summary"] = "Sam zoekt contact"
        try JSONSerialization.data(withJSONObject: file).write(to: URL(fileURLWithPath: sessionPath))
        var three = base3
        three["agreements"] = "Eerst kijken"
        three["going_well"] = "Rust"
        let saved3 = try put(three, over: revision3, base: base3)
        #expect(saved3.status == 200, "\(saved3.text)")
        let conflicts = try #require((saved3.json as? [String: Any])?["conflicts"] as? [[String: Any]])
        #expect(conflicts.count == 1)
        #expect(conflicts.first?["field"] as? String == "agreements")
        #expect(conflicts.first?["mine"] as? String == "Eerst kijken" && conflicts.first?["theirs"] as? String == "Samen opruimen")
        file = try saved()
        #expect(file["agreements"] as? String == "Samen opruimen" && file["summary"] as? String == "Sam zoekt contact" && file["going_well"] as? String == "Rust")

        // What a window asks every few seconds: "not modified" while the file is the revision it names,
        // the session and its new revision once it is not.
        let latest = try #require(saved3.headers["etag"])
        let asked = server.address + "api/session?path=barcode-vfr.mp4"
        #expect(try http(asked, headers: ["If-None-Match: " + latest]).status == 304)
        let changed = try http(asked, headers: ["If-None-Match: " + revision3])
        #expect(changed.status == 200 && changed.headers["etag"] == latest)
        let session = try #require((changed.json as? [String: Any])?["session"] as? [String: Any])
        #expect(session["going_well"] as? String == "Rust")
    }

    /// The terminal closed (SIGHUP: before, it ended the program on the spot), `kill` (SIGTERM) or Ctrl-C
    /// while a save is on its way: the server finishes the save, then stops, cleanly.
    @Test(arguments: [SIGHUP, SIGTERM, SIGINT])
    func aSaveUnderWayIsFinishedWhenTheServerIsStopped(_ signal: Int32) throws {
        let (root, folder) = try Self.makeFolder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let server = try ServeProcess(folder: folder)
        defer { server.stop() }
        let path = try #require(URL(string: server.address)?.path) + "/"
        let body = #"{"focus":[],"markers":[],"agreements":"Bewaard terwijl het venster sloot"}"#
        let connection = try RawConnection(port: server.port)
        connection.send("PUT \(path)api/session?path=barcode-vfr.mp4 HTTP/1.1\r\nHost: 127.0.0.1:\(server.port)\r\nIf-Match: \"none\"\r\n"
                        + "Content-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n\r\n" + String(body.prefix(20)))
        usleep(200_000)
        kill(server.process.processIdentifier, signal)
        usleep(150_000)
        connection.send(String(body.dropFirst(20)))
        // The reply may not come (the grace period for answering is a second), but if it does, it says saved.
        let reply = String(decoding: connection.receive(exactly: 12, seconds: 10), as: UTF8.self)
        #expect(reply.isEmpty || reply == "HTTP/1.1 200", "\(reply)")
        let deadline = Date().addingTimeInterval(15)
        while server.process.isRunning, Date() < deadline { usleep(20_000) }
        #expect(!server.process.isRunning && server.process.terminationStatus == 0)
        let saved = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder + "/barcode-vfr.session.json"))) as? [String: Any])
        #expect(saved["agreements"] as? String == "Bewaard terwijl het venster sloot")
    }

    @Test func badSessionsAreRefusedAndTheFileIsKept() throws {
        let (root, folder) = try Self.makeFolder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let server = try ServeProcess(folder: folder)
        defer { server.stop() }
        let url = server.address + "api/session?path=barcode-bframes.mp4"
        let bad: [(String, Int)] = [
            (#"{"focus":[],"markers":[{"frame":180}]}"#, 422),   // 180 frames: 0...179
            (#"{"focus":[],"markers":[{"frame":-1}]}"#, 422),
            (#"{"focus":[],"markers":[],"fragment":[50,10]}"#, 422),
            (#"{"focus":[],"markers":[],"date":"26-11-2026"}"#, 422),
            (#"{"markers":[]"#, 400),
            ("[]", 400),
        ]
        for (body, status) in bad {
            let r = try saveSession(url, body: Data(body.utf8))
            #expect(r.status == status, "\(body): \(r.status) \(r.text)")
            let problems = (r.json as? [String: Any])?["problems"] as? [String]
            #expect(problems?.isEmpty == false, "\(body)")
        }
        #expect(!FileManager.default.fileExists(atPath: folder + "/barcode-bframes.session.json"))
        let dutch = try saveSession(url + "&lang=nl", body: Data(#"{"focus":[],"markers":[],"date":"morgen"}"#.utf8))
        #expect(dutch.text.contains("geen datum"))

        // A session whose markers or fragment name no frame of this recording is shown with its problems and
        // never rewritten without them.
        for (field, expected) in [(##""markers": [{"time": "0:00:09.000"}]"##, "after the end of the recording (0:00:06.000)"),
                                  (##""markers": [{"time": "#180"}]"##, "the recording has 180 frames"),
                                  (##""fragment": {"from": "0:02", "to": "0:09"}"##, "does not fit the recording")] {
            let file = Data("{ \"recording\": \"barcode-bframes.mp4\", \(field) }\n".utf8)
            try file.write(to: URL(fileURLWithPath: folder + "/barcode-bframes.session.json"))
            let detail = try #require(try http(server.address + "api/recording?path=barcode-bframes.mp4").json as? [String: Any])
            #expect((detail["session_problems"] as? [String])?.first?.contains(expected) == true, "\(detail["session_problems"] ?? "")")
            #expect(try saveSession(url, body: Data(#"{"focus":[],"markers":[]}"#.utf8)).status == 422)
            #expect(try Data(contentsOf: URL(fileURLWithPath: folder + "/barcode-bframes.session.json")) == file)
        }

        // A session file that cannot be read is not overwritten.
        let broken = Data("{ \"recording\": \"barcode-bframes.mp4\", \"markers\": [ }\n".utf8)
        try broken.write(to: URL(fileURLWithPath: folder + "/barcode-bframes.session.json"))
        let detail = try #require(try http(server.address + "api/recording?path=barcode-bframes.mp4").json as? [String: Any])
        #expect((detail["session_problems"] as? [String])?.first?.contains("line 1") == true)
        let r = try saveSession(url, body: Data(#"{"focus":[],"markers":[{"frame":3}]}"#.utf8))
        #expect(r.status == 422)
        #expect(try Data(contentsOf: URL(fileURLWithPath: folder + "/barcode-bframes.session.json")) == broken)
    }

    @Test func aBrowserCopyKeepsEveryFrame() throws {
        let (root, folder) = try Self.makeFolder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let server = try ServeProcess(folder: folder)
        defer { server.stop() }
        #expect(try http(server.address + "proxy/barcode-hevc.mp4").status == 404)
        // As the page does: the recording is opened first, so the copy starts from its known timeline.
        #expect(try http(server.address + "api/recording?path=barcode-hevc.mp4").status == 200)
        let job = try #require(try http("POST", server.address + "api/proxy?path=barcode-hevc.mp4").json as? [String: Any])
        let id = try #require(job["id"] as? String)
        let status = try server.waitForJob(id)
        #expect(status["state"] as? String == "done", "\(status)")
        let copy = try http(server.address + "proxy/barcode-hevc.mp4")
        #expect(copy.status == 200)
        let local = root + "/copy.mp4"
        try copy.body.write(to: URL(fileURLWithPath: local))
        #expect(try Oracle.stream(local, "v")?["codec_name"] as? String == "h264")
        // Every frame of the original, once, in order: the page's frame numbers hold for the copy.
        #expect(try Oracle.barcodes(ofVideo: local) == Array(0..<120))
        #expect(try Oracle.openH264Barcodes(ofVideo: local) == Array(0..<120), "GStreamer and OpenH264")
        let detail = try #require(try http(server.address + "api/recording?path=barcode-hevc.mp4").json as? [String: Any])
        #expect(detail["proxy_ready"] as? Bool == true)
        // The copy lives in the folder's hidden .inbeeld folder, private.
        let proxies = try FileManager.default.contentsOfDirectory(atPath: folder + "/.inbeeld/proxies")
        #expect(proxies.count == 1 && proxies[0].hasSuffix(".mp4"))
        let mode = try FileManager.default.attributesOfItem(atPath: folder + "/.inbeeld/proxies/" + proxies[0])[.posixPermissions] as? NSNumber
        #expect(mode?.intValue == 0o600)
    }

    @Test func prepareRunsFromThePageAndItsResultsOpen() throws {
        let (root, folder) = try Self.makeFolder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let server = try ServeProcess(folder: folder)
        defer { server.stop() }
        // Not before the session is saved.
        #expect(try http("POST", server.address + "api/prepare?path=pass-7min.mp4").status == 409)
        // A 90-second fragment from 1:00, and a marker in it, by the recording's own frame times.
        let detail = try #require(try http(server.address + "api/recording?path=pass-7min.mp4").json as? [String: Any])
        let times = try #require((detail["media"] as? [String: Any])?["frame_microseconds"] as? [Int])
        let a = try #require(times.firstIndex { $0 >= 60_000_000 }), b = try #require(times.firstIndex { $0 >= 150_000_000 })
        let edit = #"{"fragment":[\#(a),\#(b - 1)],"focus":[{"child":"Sam"}],"markers":[{"frame":\#(a + 100),"child":"Sam","note":"geeft een blokje"}]}"#
        #expect(try saveSession(server.address + "api/session?path=pass-7min.mp4", body: Data(edit.utf8)).status == 200)
        let job = try #require(try http("POST", server.address + "api/prepare?path=pass-7min.mp4").json as? [String: Any])
        let status = try server.waitForJob(try #require(job["id"] as? String))
        #expect(status["state"] as? String == "done", "\(status)")
        let files = try #require(status["files"] as? [String])
        #expect(files.contains("pass-7min-inbeeld/sheet.pdf"))
        #expect(files.contains("pass-7min-inbeeld/fragment.mp4"))
        let pdf = try http(server.address + "files/pass-7min-inbeeld/sheet.pdf")
        #expect(pdf.status == 200)
        #expect(pdf.headers["content-type"] == "application/pdf")
        #expect(pdf.body.prefix(5) == Data("%PDF-".utf8))
        // The results folder is not listed as recordings.
        let list = try #require((try http(server.address + "api/recordings").json as? [String: Any])?["recordings"] as? [[String: Any]])
        #expect(!list.contains { ($0["path"] as? String)?.hasPrefix("pass-7min-inbeeld") == true })
        #expect(list.first { $0["path"] as? String == "pass-7min.mp4" }?["has_session"] as? Bool == true)
    }

    @Test func ctrlCStopsItCleanly() throws {
        let (root, folder) = try Self.makeFolder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let server = try ServeProcess(folder: folder)
        #expect(try http(server.address + "api/config").status == 200)
        // A browser keeps a video streaming (here: curl, reading slowly): it must not hold the program.
        let reader = Process()
        reader.executableURL = URL(fileURLWithPath: try requireProgramPath("curl"))
        reader.arguments = ["-s", "--limit-rate", "50k", "-o", "/dev/null", server.address + "files/pass-7min.mp4"]
        try reader.run()
        defer { reader.terminate() }
        usleep(700_000)
        #expect(reader.isRunning)
        let started = Date()
        #expect(server.stop() == 0)
        #expect(Date().timeIntervalSince(started) < 5)
        let after = try? http(server.address + "api/config")
        #expect(after == nil || after?.status == 0, "still answering after Ctrl-C")
    }

    @Test func aMissingFolderIsAClearError() throws {
        let out = try inbeeld(["serve", "/nonexistent/folder"])
        #expect(out.status == 64)
        #expect(out.stderr == "inbeeld: /nonexistent/folder is not a folder that exists. Name the folder with the recordings.\n")
        #expect(try inbeeld(["serve", ".", "--port", "70000"]).status == 64)
        // A port another program listens on.
        let first = try ServeProcess(folder: temporaryFolder())
        defer { first.stop() }
        let second = try inbeeld(["serve", ".", "--port", String(first.port)])
        #expect(second.status == 1)
        #expect(second.stderr == "inbeeld: port \(first.port) is already used by another program. Choose another --port, or leave --port out.\n")
    }
}
