import Foundation
import Synchronization
import Testing
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// `inbeeld serve` when things go wrong around it: files replaced while they are sent, connections that
/// stay idle or send half a request, descriptors running out, links that lead out of the folder, a
/// program killed while saving, and the smaller points of HTTP (HEAD, Host, ranges).
@Suite(.serialized) struct ServeFaultTests {
    /// The idle timeout the server promises (`CoachServer.idleSeconds`), read here as a number the test
    /// holds it to: closed after it, not long after it.
    static let idleSeconds = 10.0

    private static func folder(_ names: [String] = ["barcode-vfr.mp4"]) throws -> (root: String, folder: String) {
        let root = temporaryFolder()
        let folder = root + "/recordings"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for name in names { try FileManager.default.copyItem(atPath: fixture(name), toPath: folder + "/" + name) }
        return (root, folder)
    }

    private static func token(_ server: ServeProcess) -> String {
        String(server.address.split(separator: "/")[3])
    }

    @Test func aFileReplacedWhileItIsSentComesWholeAndNeverStalls() throws {
        let (root, folder) = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        // Two versions of a file, replaced by each other the way a save does (a new file renamed over it).
        let small = Data(#"{"markers":[]}"#.utf8) + Data(repeating: 0x20, count: 13)
        let large = Data("{\"note\":\"".utf8) + Data((0..<68_000).map { UInt8(ascii: "a") + UInt8($0 % 26) }) + Data("\"}".utf8)
        let target = folder + "/wissel.session.json"
        try small.write(to: URL(fileURLWithPath: target))
        let server = try ServeProcess(folder: folder)
        defer { server.stop() }
        let url = server.address + "files/wissel.session.json"

        let stop = Mutex(false)
        let swapper = Thread {
            var flip = false
            while !stop.withLock({ $0 }) {
                let temporary = folder + "/.swap-\(flip ? 1 : 0)"
                try? (flip ? large : small).write(to: URL(fileURLWithPath: temporary))
                rename(temporary, target)
                flip.toggle()
                usleep(300)
            }
        }
        swapper.start()
        defer { stop.withLock { $0 = true } }

        var seen = (small: 0, large: 0)
        for i in 0..<400 {
            // Half whole, half a range from byte 10 to the end (as a player asks).
            let ranged = i % 2 == 1
            let started = Date()
            let r = try http(url, headers: ranged ? ["Range: bytes=10-"] : [], maxSeconds: 5)
            #expect(Date().timeIntervalSince(started) < 4, "download \(i) stalled")
            let whole: Data? = if r.headers["content-length"] == String(ranged ? small.count - 10 : small.count) { small }
                               else if r.headers["content-length"] == String(ranged ? large.count - 10 : large.count) { large }
                               else { nil }
            guard let whole else { Issue.record("download \(i): length \(r.headers["content-length"] ?? "none")"); continue }
            #expect(r.status == (ranged ? 206 : 200))
            #expect(r.body == (ranged ? whole.subdata(in: 10..<whole.count) : whole), "download \(i) differs from the file it announced")
            if ranged { #expect(r.headers["content-range"] == "bytes 10-\(whole.count - 1)/\(whole.count)") }
            if whole == small { seen.small += 1 } else { seen.large += 1 }
        }
        // Both versions were really served while the file changed.
        #expect(seen.small > 20 && seen.large > 20, "\(seen)")
    }

    @Test func idleConnectionsAreClosedButAPausedVideoKeepsPlaying() throws {
        let (root, folder) = try Self.folder(["pass-7min.mp4"])
        defer { try? FileManager.default.removeItem(atPath: root) }
        let server = try ServeProcess(folder: folder)
        defer { server.stop() }
        let token = Self.token(server)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: folder + "/pass-7min.mp4"))

        let started = Date()
        // A connection that sends nothing, one that sends half a request header, and one that sends a
        // whole request and stays open afterwards (keep-alive).
        let silent = try RawConnection(port: server.port)
        let half = try RawConnection(port: server.port)
        half.send("GET /t/\(token)/api/config HTTP/1.1\r\nHost: 127.0.0.1:\(server.port)\r\nX-Slow: ")
        let kept = try RawConnection(port: server.port)
        kept.send("GET /t/\(token)/api/config HTTP/1.1\r\nHost: 127.0.0.1:\(server.port)\r\n\r\n")
        // A paused player: asks for the file from byte 0, takes 256 kB, then reads nothing for longer
        // than the idle timeout, then goes on.
        let player = try RawConnection(port: server.port)
        player.send("GET /t/\(token)/files/pass-7min.mp4 HTTP/1.1\r\nHost: 127.0.0.1:\(server.port)\r\nRange: bytes=0-\r\n\r\n")
        let first = player.receive(exactly: 300_000, seconds: 5)
        let headerEnd = try #require(first.range(of: Data("\r\n\r\n".utf8)))
        #expect(String(decoding: first[..<headerEnd.lowerBound], as: UTF8.self).hasPrefix("HTTP/1.1 206"))
        var body = Data(first[headerEnd.upperBound...])

        for (name, connection) in [("silent", silent), ("half a header", half), ("kept alive", kept)] {
            let closed = connection.secondsUntilClosed(within: Self.idleSeconds + 6 - Date().timeIntervalSince(started))
            let after = Date().timeIntervalSince(started)
            #expect(closed != nil, "\(name): still open after \(after) s")
            #expect(after > Self.idleSeconds - 1, "\(name): closed after \(after) s, before the timeout")
        }
        // The paused player was left alone: the rest of its range comes, byte for byte.
        body += player.receive(exactly: 2_000_000, seconds: 10)
        #expect(body.count >= 2_000_000)
        #expect(body == bytes.prefix(body.count))
    }

    @Test func withFewDescriptorsNewConnectionsAreRefusedWithoutSpinningAndItRecovers() throws {
        let (root, folder) = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let server = try ServeProcess(folder: folder, descriptorLimit: 256)
        defer { server.stop() }
        var idle: [RawConnection] = []
        for _ in 0..<240 { idle.append(try RawConnection(port: server.port)) }
        usleep(500_000)
        let before = server.processorSeconds(), t0 = Date()
        usleep(3_000_000)
        let share = (server.processorSeconds() - before) / Date().timeIntervalSince(t0)
        // Idle: the server waits; it does not spin on a listening socket it cannot accept from.
        #expect(share < 0.1, "processor share while full: \(share)")
        // A newcomer gets an answer at once: refused (closed) or served, never left hanging.
        let started = Date()
        let r = try? http(server.address + "api/config", maxSeconds: 5)
        #expect(Date().timeIntervalSince(started) < 2, "a new request waited \(Date().timeIntervalSince(started)) s")
        #expect(r == nil || r?.status == 0 || r?.status == 200)
        // The idle ones go (here: closed by their client); then it serves again.
        idle.removeAll()
        usleep(300_000)
        #expect(try http(server.address + "api/config", maxSeconds: 5).status == 200)
    }

    @Test func resultsAreNeverWrittenThroughALinkOutOfTheFolder() throws {
        let (root, folder) = try Self.folder(["pass-7min.mp4"])
        defer { try? FileManager.default.removeItem(atPath: root) }
        let outside = root + "/elsewhere"
        try FileManager.default.createDirectory(atPath: outside, withIntermediateDirectories: true)
        let server = try ServeProcess(folder: folder)
        defer { server.stop() }
        let detail = try #require(try http(server.address + "api/recording?path=pass-7min.mp4").json as? [String: Any])
        let times = try #require((detail["media"] as? [String: Any])?["frame_microseconds"] as? [Int])
        let a = try #require(times.firstIndex { $0 >= 60_000_000 }), b = try #require(times.firstIndex { $0 >= 150_000_000 })
        let edit = #"{"fragment":[\#(a),\#(b - 1)],"focus":[{"child":"Sam"}],"markers":[{"frame":\#(a + 100),"child":"Sam","note":"kijkt"}]}"#
        #expect(try saveSession(server.address + "api/session?path=pass-7min.mp4", body: Data(edit.utf8)).status == 200)

        // The results folder is a link out; then a real folder whose `stills` is a link out.
        try FileManager.default.createSymbolicLink(atPath: folder + "/pass-7min-inbeeld", withDestinationPath: outside)
        for round in 0..<2 {
            if round == 1 {
                try FileManager.default.removeItem(atPath: folder + "/pass-7min-inbeeld")
                try FileManager.default.createDirectory(atPath: folder + "/pass-7min-inbeeld", withIntermediateDirectories: false)
                try FileManager.default.createSymbolicLink(atPath: folder + "/pass-7min-inbeeld/stills", withDestinationPath: outside)
            }
            let job = try #require(try http("POST", server.address + "api/prepare?path=pass-7min.mp4").json as? [String: Any])
            let status = try server.waitForJob(try #require(job["id"] as? String))
            #expect(status["state"] as? String == "failed", "round \(round): \(status)")
            let messages = (status["messages"] as? [String]) ?? []
            let link = round == 0 ? "pass-7min-inbeeld" : "pass-7min-inbeeld/stills"
            #expect(messages.contains { $0.hasPrefix("\(link) is a link (to \(outside)); InBeeld writes its results only into a real folder.") },
                    "round \(round): \(messages)")
            // Named as the coach sees it in the page, not by where the folder lies.
            #expect(!messages.contains { $0.contains(folder) }, "\(messages)")
            #expect(try FileManager.default.contentsOfDirectory(atPath: outside).isEmpty, "round \(round): written outside")
        }
        // A session file that is a link out is neither read nor written through.
        let secret = outside + "/other.session.json"
        try Data(#"{"recording":"pass-7min.mp4","markers":[]}"#.utf8).write(to: URL(fileURLWithPath: secret))
        try FileManager.default.removeItem(atPath: folder + "/pass-7min.session.json")
        try FileManager.default.createSymbolicLink(atPath: folder + "/pass-7min.session.json", withDestinationPath: secret)
        let linked = try #require(try http(server.address + "api/recording?path=pass-7min.mp4").json as? [String: Any])
        #expect((linked["session_problems"] as? [String])?.first?.hasPrefix("pass-7min.session.json is a link;") == true, "\(linked)")
        #expect(try saveSession(server.address + "api/session?path=pass-7min.mp4", body: Data(edit.utf8)).status == 422)
        #expect(try String(contentsOfFile: secret, encoding: .utf8) == #"{"recording":"pass-7min.mp4","markers":[]}"#)

        // The command line refuses the same (its default results folder beside the session file).
        let session = root + "/cli.session.json"
        try Data(#"{"recording":"recordings/pass-7min.mp4","fragment":{"from":"1:00","to":"2:30"},"markers":[{"time":"1:10"}]}"#.utf8)
            .write(to: URL(fileURLWithPath: session))
        try FileManager.default.createSymbolicLink(atPath: root + "/cli-inbeeld", withDestinationPath: outside)
        let cli = try inbeeld(["prepare", session])
        #expect(cli.status != 0)
        #expect(cli.stderr.contains("cli-inbeeld is a link (to \(outside))"), "\(cli.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: outside) == ["other.session.json"])
    }

    @Test func whatAKilledRunLeftIsRemovedAtTheNextStart() throws {
        let (root, folder) = try Self.folder(["barcode-vfr.mp4", "barcode-bframes.mp4"])
        defer { try? FileManager.default.removeItem(atPath: root) }
        var server = try ServeProcess(folder: folder)
        // Saves as fast as they go, killed (SIGKILL) in the middle of them.
        let detail = try #require(try http(server.address + "api/recording?path=barcode-vfr.mp4").json as? [String: Any])
        #expect(detail["session_exists"] as? Bool == false)
        let saving = Thread { [server] in
            for i in 0..<100_000 {
                let edit = #"{"focus":[{"child":"Noor \#(i)"}],"markers":[{"frame":\#(i % 50),"child":"Noor","note":"\#(String(repeating: "x", count: 20_000))"}]}"#
                guard (try? saveSession(server.address + "api/session?path=barcode-vfr.mp4", body: Data(edit.utf8), maxSeconds: 2)) != nil,
                      server.process.isRunning else { return }
            }
        }
        saving.start()
        usleep(1_500_000)
        server.kill()
        // What such a run leaves, planted where each kind is written: a session save, a still, a sheet, a
        // fragment, a browser copy.
        try FileManager.default.createDirectory(atPath: folder + "/barcode-vfr-inbeeld/stills", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: folder + "/.inbeeld/proxies", withIntermediateDirectories: true)
        let planted = [
            "/.barcode-bframes.session.json.inbeeld-0A1B2C3D.tmp", "/barcode-vfr-inbeeld/stills/.Noor-0001.png.inbeeld-99AA00FF.tmp",
            "/barcode-vfr-inbeeld/.sheet.pdf.inbeeld-12345678.tmp", "/barcode-vfr-inbeeld/.fragment.mp4.inbeeld-ABCDEF01.tmp.mp4",
            "/.inbeeld/proxies/.barcode-vfr-1f2e.mp4.inbeeld-00000000.tmp.mp4",
        ]
        for path in planted { try Data("children's names\n".utf8).write(to: URL(fileURLWithPath: folder + path)) }
        // One still being written by another InBeeld program (it holds the lock): not touched.
        let busy = folder + "/.other.session.json.inbeeld-FEDCBA98.tmp"
        let busyDescriptor = open(busy, O_WRONLY | O_CREAT, 0o600)
        #expect(flock(busyDescriptor, LOCK_EX) == 0)
        defer { close(busyDescriptor) }
        // Files that only look alike are the coach's own: kept.
        // So is anything in a hidden folder other than InBeeld's own `.inbeeld` (not even walked).
        let own = ["/notes.tmp", "/.inbeeld-notes.txt", "/speelhoek.inbeeld-0A1B2C3D.tmp", "/.git/.speelhoek.mp4.inbeeld-0A1B2C3D.tmp"]
        try FileManager.default.createDirectory(atPath: folder + "/.git", withIntermediateDirectories: true)
        for path in own { try Data("mine\n".utf8).write(to: URL(fileURLWithPath: folder + path)) }

        server = try ServeProcess(folder: folder)
        let left = try Self.temporaries(under: folder)
        let kept = [busy, folder + "/.git/.speelhoek.mp4.inbeeld-0A1B2C3D.tmp"].sorted()
        #expect(left == kept, "\(left)")
        for path in own { #expect(FileManager.default.fileExists(atPath: folder + path), "\(path)") }
        // The session file, if the killed run got as far as one, is whole.
        if FileManager.default.fileExists(atPath: folder + "/barcode-vfr.session.json") {
            let reread = try #require(try http(server.address + "api/recording?path=barcode-vfr.mp4").json as? [String: Any])
            #expect((reread["session_problems"] as? [String]) == [], "\(reread)")
        }
        #expect(server.stop() == 0)
        #expect(try Self.temporaries(under: folder) == kept)
    }

    /// InBeeld's temporary files below `folder` (hidden ones included).
    private static func temporaries(under folder: String) throws -> [String] {
        let all = FileManager.default.enumerator(atPath: folder)?.allObjects as? [String] ?? []
        return all.filter { ($0 as NSString).lastPathComponent.contains(".inbeeld-") && $0.contains(".tmp") && ($0 as NSString).lastPathComponent.hasPrefix(".") }
            .map { folder + "/" + $0 }.sorted()
    }

    @Test func resultFoldersArePrivate() throws {
        let (root, folder) = try Self.folder(["pass-7min.mp4", "barcode-hevc.mp4"])
        defer { try? FileManager.default.removeItem(atPath: root) }
        let server = try ServeProcess(folder: folder)
        defer { server.stop() }
        let detail = try #require(try http(server.address + "api/recording?path=pass-7min.mp4").json as? [String: Any])
        let times = try #require((detail["media"] as? [String: Any])?["frame_microseconds"] as? [Int])
        let a = try #require(times.firstIndex { $0 >= 60_000_000 })
        // Markers only (no fragment): stills and the sheet, in seconds.
        let edit = #"{"focus":[{"child":"Sam"}],"markers":[{"frame":\#(a),"child":"Sam","note":"kijkt"}]}"#
        #expect(try saveSession(server.address + "api/session?path=pass-7min.mp4", body: Data(edit.utf8)).status == 200)
        let job = try #require(try http("POST", server.address + "api/prepare?path=pass-7min.mp4").json as? [String: Any])
        #expect(try server.waitForJob(try #require(job["id"] as? String))["state"] as? String == "done")
        let copy = try #require(try http("POST", server.address + "api/proxy?path=barcode-hevc.mp4").json as? [String: Any])
        #expect(try server.waitForJob(try #require(copy["id"] as? String))["state"] as? String == "done")
        for path in ["/pass-7min-inbeeld", "/pass-7min-inbeeld/stills", "/.inbeeld", "/.inbeeld/proxies"] {
            var s = stat()
            #expect(lstat(folder + path, &s) == 0, "\(path)")
            #expect(s.st_mode & 0o777 == 0o700, "\(path): \(String(s.st_mode & 0o777, radix: 8))")
        }
        let stills = try FileManager.default.contentsOfDirectory(atPath: folder + "/pass-7min-inbeeld/stills")
        #expect(!stills.isEmpty)
    }

    @Test func headHostAndRangesAsHTTPSaysAndHiddenFilesStayHidden() throws {
        let (root, folder) = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try Data("hidden\n".utf8).write(to: URL(fileURLWithPath: folder + "/.verborgen.txt"))
        try FileManager.default.createSymbolicLink(atPath: folder + "/zichtbaar.txt", withDestinationPath: folder + "/.verborgen.txt")
        try FileManager.default.createDirectory(atPath: folder + "/.prive", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: fixture("barcode-vfr.mp4"), toPath: folder + "/.prive/kind.mp4")
        try FileManager.default.createSymbolicLink(atPath: folder + "/open.mp4", withDestinationPath: folder + "/.prive/kind.mp4")
        // A recording whose name has a control character: not listed, but said.
        try FileManager.default.copyItem(atPath: fixture("barcode-vfr.mp4"), toPath: folder + "/tab\there.mp4")
        try FileManager.default.copyItem(atPath: fixture("barcode-vfr.mp4"), toPath: folder + "/bel\u{7}.mp4")
        let server = try ServeProcess(folder: folder)
        defer { server.stop() }
        let bytes = try Data(contentsOf: URL(fileURLWithPath: folder + "/barcode-vfr.mp4"))
        let url = server.address + "files/barcode-vfr.mp4"

        // HEAD: GET's status and headers, no body (read to the end of the connection: nothing after them).
        let token = Self.token(server)
        for (range, status) in [(nil, "200 OK"), ("bytes=100-199", "206 Partial Content")] {
            let c = try RawConnection(port: server.port)
            c.send("HEAD /t/\(token)/files/barcode-vfr.mp4 HTTP/1.1\r\nHost: 127.0.0.1:\(server.port)\r\n"
                   + (range.map { "Range: \($0)\r\n" } ?? "") + "Connection: close\r\n\r\n")
            let reply = c.receive(exactly: 1 << 20, seconds: 3)
            let end = try #require(reply.range(of: Data("\r\n\r\n".utf8)))
            let head = String(decoding: reply[..<end.lowerBound], as: UTF8.self)
            #expect(head.hasPrefix("HTTP/1.1 \(status)"), "\(head)")
            #expect(head.contains(range == nil ? "Content-Length: \(bytes.count)" : "Content-Range: bytes 100-199/\(bytes.count)"), "\(head)")
            #expect(head.contains("Content-Type: video/mp4"))
            #expect(reply[end.upperBound...].isEmpty, "HEAD sent \(reply.count - end.upperBound) bytes of body")
        }
        #expect(try http("HEAD", server.address).status == 200)
        #expect(try http("HEAD", server.address + "files/nothing.mp4").status == 404)

        // Two Host headers: 400, whichever comes first.
        for hosts in [["127.0.0.1:\(server.port)", "evil.example"], ["evil.example", "127.0.0.1:\(server.port)"],
                      ["127.0.0.1:\(server.port)", "127.0.0.1:\(server.port)"]] {
            let c = try RawConnection(port: server.port)
            c.send("GET /t/\(token)/api/config HTTP/1.1\r\n" + hosts.map { "Host: \($0)\r\n" }.joined() + "Connection: close\r\n\r\n")
            let reply = String(decoding: c.receive(exactly: 4096, seconds: 3), as: UTF8.self)
            #expect(reply.hasPrefix("HTTP/1.1 400"), "\(hosts): \(reply.prefix(40))")
            #expect(!reply.contains("folder"))
        }

        // Range ends past the file, with however many digits: to the end of the file.
        for (header, expected) in [("bytes=0-9999999999999999999", 0..<bytes.count), ("bytes=100-99999999999999999999999999", 100..<bytes.count),
                                   ("bytes=-99999999999999999999", 0..<bytes.count)] {
            let r = try http(url, headers: ["Range: \(header)"])
            #expect(r.status == 206, "\(header): \(r.status)")
            #expect(r.body == bytes.subdata(in: expected), "\(header)")
        }
        #expect(try http(url, headers: ["Range: bytes=99999999999999999999-"]).status == 416)

        // A plain name that links to a hidden file or into a hidden folder is refused like that file.
        for name in ["zichtbaar.txt", "open.mp4", ".verborgen.txt", ".prive/kind.mp4"] {
            let r = try http(server.address + "files/" + name)
            #expect([400, 403, 404].contains(r.status), "\(name): \(r.status)")
            #expect(!r.text.contains("hidden"))
        }
        #expect(try http("HEAD", server.address + "files/zichtbaar.txt").status == 400)

        let list = try #require(try http(server.address + "api/recordings").json as? [String: Any])
        let paths = ((list["recordings"] as? [[String: Any]]) ?? []).compactMap { $0["path"] as? String }
        #expect(paths == ["barcode-vfr.mp4"], "\(paths)")
        #expect(list["skipped"] as? [String] == ["2 files skipped: names with control characters (rename them to see them)",
                                                 "1 file skipped: links to hidden files"])
        let dutch = try #require(try http(server.address + "api/recordings?lang=nl").json as? [String: Any])
        #expect(dutch["skipped"] as? [String] == ["2 bestanden overgeslagen: namen met stuurtekens (hernoem ze om ze te zien)",
                                                  "1 bestand overgeslagen: koppelingen naar verborgen bestanden"])
    }
}
