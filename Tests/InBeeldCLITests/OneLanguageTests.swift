import Foundation
import Testing
import TestSupport

/// Every sentence a coach reads is whole in the chosen language: every command over the bad-input corpus,
/// and the page's refusals, in Dutch and in English, with no word of the other language in them. What
/// may follow a sentence in another language is a library's own text, quoted as a detail: FFmpeg's
/// "(FFmpeg, call: message)", Cairo's, the system's for an error InBeeld does not know by name.
@Suite struct OneLanguageTests {
    /// Words of one language that the other does not use. Not every word: the common words a sentence
    /// cannot do without, and the words InBeeld's reasons are made of.
    static let english: Set = [
        "the", "not", "cannot", "could", "was", "were", "with", "file", "files", "frame", "frames", "picture", "failed",
        "stream", "damaged", "recording", "recordings", "read", "written", "error", "from", "this", "that", "which", "has",
        "have", "does", "there", "and", "no", "too", "short", "long", "missing", "found", "unknown", "made", "be", "it",
        "its", "cut", "would", "may", "choose", "only", "sound", "folder", "skipped", "stopped", "left", "behind", "nothing",
        "write", "page", "length", "seconds", "minutes", "after", "before", "end", "should", "why", "permission", "denied",
    ]
    static let dutch: Set = [
        "de", "het", "een", "niet", "kan", "geen", "van", "bestand", "bestanden", "beeld", "beelden", "opname", "opnames",
        "naar", "met", "voor", "zijn", "wordt", "ligt", "heeft", "te", "lezen", "gemaakt", "kon", "worden", "map",
        "geluid", "lengte", "kies", "alleen", "na", "eerder", "achtergebleven", "niets", "gestopt", "overgeslagen",
        "schrijven", "maken", "knippen", "minuten", "seconden", "einde", "begin", "waarom", "onbekend",
        "beschadigd", "ontbreekt", "dit", "dat", "deze", "er", "zou", "mag",
    ]

    /// The words of `text` in `list`, once the paths in it, command-line options, quoted names and quoted
    /// details are left out.
    static func foreign(in text: String, paths: [String], list: Set<String>) -> [String] {
        var rest = text
        for path in paths.sorted(by: { $0.count > $1.count }) { rest = rest.replacingOccurrences(of: path, with: " ") }
        rest = rest.replacing(/\((FFmpeg|Cairo)[^)]*\)/, with: " ")
        rest = rest.replacing(/(system error|systeemfout) \d+ \([^)]*\)/, with: " ")
        rest = rest.replacing(/--[a-z][a-z-]*/, with: " ")
        rest = rest.replacing(/\[[a-z_]+\]/, with: " ")  // a problem's code, for programs
        rest = rest.replacing(/`[^`]*`/, with: " ")
        rest = rest.replacing(/'[^']*'/, with: " ")  // a name: a field, a column, what the coach wrote
        let words = rest.lowercased().split { !$0.isLetter }.map(String.init)
        return words.filter { list.contains($0) }
    }

    static func check(_ out: ProgramOutput, _ what: String, paths: [String], language: String) {
        let list = language == "nl" ? english : dutch
        for text in [out.stdout, out.stderr] {
            for line in text.split(separator: "\n").map(String.init) {
                let found = foreign(in: line, paths: paths, list: list)
                #expect(found.isEmpty, "\(what) in \(language): \(found) in \"\(line)\"")
            }
        }
    }

    @Test(arguments: BadInputTests.corpus)
    func everyCommandSpeaksOneLanguage(_ name: String) throws {
        let dir = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let input = fixture(name)
        try "time,child,note\n0.5,Sam,kijkt\n".write(toFile: dir + "/m.csv", atomically: true, encoding: .utf8)
        try "{\"recording\": \"\(input)\", \"fragment\": {\"from\": \"0:01\", \"to\": \"0:02\"}, \"markers\": [{\"time\": \"0.5\"}]}"
            .write(toFile: dir + "/s.json", atomically: true, encoding: .utf8)
        let runs: [(String, [String])] = [
            ("info", ["info", input]),
            ("check", ["check", input]),
            ("check --deep", ["check", "--deep", input]),
            ("stills", ["stills", input, "--markers", dir + "/m.csv", "-o", dir + "/stills"]),
            ("cut", ["cut", input, "--from", "0.5", "--to", "1.5", "--any-length", "--mode", "exact", "--preset", "ultrafast", "-o", dir + "/c.mp4"]),
            ("cut --mode smart", ["cut", input, "--from", "0.5", "--to", "1.5", "--any-length", "-o", dir + "/c2.mp4"]),
            ("sheet", ["sheet", input, "--markers", dir + "/m.csv", "-o", dir + "/s.pdf"]),
            ("prepare", ["prepare", dir + "/s.json", "-o", dir + "/prep"]),
        ]
        var messages = 0
        for language in ["nl", "en"] {
            for (what, arguments) in runs {
                let out = try inbeeld(arguments + ["--lang", language])
                if out.status != 0 { messages += 1 }
                Self.check(out, "\(what) \(name)", paths: [input, dir, name, (name as NSString).lastPathComponent], language: language)
            }
        }
        #expect(messages > 0, "no command refused \(name): the corpus no longer tests anything here")
    }

    /// The commands the corpus loop above does not run (they take marker files, session folders, a folder
    /// to make or to serve), each given what a coach could give them by mistake: every refusal whole in
    /// one language.
    @Test(arguments: ["nl", "en"])
    func theOtherCommandsRefuseInOneLanguage(_ language: String) throws {
        let dir = temporaryFolder()
        try FileManager.default.createDirectory(atPath: dir + "/sessions", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let recording = fixture("barcode-bframes.mp4")
        let files: [String: String] = [
            "bad-time.csv": "time,child\nabc,Sam\n0:01,Zoë\n",
            "no-time.csv": "child,note\nSam,kijkt\n",
            "broken.eaf": "<ANNOTATION_DOCUMENT><TIME_ORDER>",
            "broken.vtt": "WEBVTT\n\n00:00:01.000 --> nonsense\nSam\n",
            "broken.boris.csv": "Observation id,Media file\n",
            "sessions/broken.session.json": "{",
            "sessions/wrong.session.json": "{\"recording\": 5, \"markers\": \"none\"}",
            "sessions/date.session.json": "{\"recording\": \"x.mp4\", \"date\": \"32-13-2026\", \"markers\": []}",
            "existing.vtt": "WEBVTT\n",
        ]
        for (name, text) in files { try text.write(toFile: dir + "/" + name, atomically: true, encoding: .utf8) }
        let runs: [(String, [String])] = [
            ("markers convert, missing", ["markers", "convert", dir + "/nothing.csv", dir + "/out.vtt"]),
            ("markers convert, bad time", ["markers", "convert", dir + "/bad-time.csv", dir + "/out.vtt"]),
            ("markers convert, no time", ["markers", "convert", dir + "/no-time.csv", dir + "/out.vtt"]),
            ("markers convert, broken eaf", ["markers", "convert", dir + "/broken.eaf", dir + "/out.vtt"]),
            ("markers convert, broken vtt", ["markers", "convert", dir + "/broken.vtt", dir + "/out.csv"]),
            ("markers convert, boris", ["markers", "convert", dir + "/broken.boris.csv", dir + "/out.csv", "--from-format", "boris"]),
            ("markers convert, existing", ["markers", "convert", dir + "/bad-time.csv", dir + "/existing.vtt"]),
            ("markers convert, into broken", ["markers", "convert", dir + "/bad-time.csv", "--into", dir + "/sessions/broken.session.json"]),
            ("markers convert, not a recording", ["markers", "convert", dir + "/bad-time.csv", dir + "/new.session.json", "--recording", dir + "/no-time.csv"]),
            ("markers tiers, not eaf", ["markers", "tiers", dir + "/no-time.csv"]),
            ("markers tiers, broken", ["markers", "tiers", dir + "/broken.eaf"]),
            ("overview, bad sessions", ["overview", dir + "/sessions"]),
            ("overview, missing", ["overview", dir + "/nothing"]),
            ("overview, a file", ["overview", dir + "/no-time.csv"]),
            ("demo, onto a file", ["demo", dir + "/no-time.csv"]),
            ("serve, missing", ["serve", dir + "/nothing"]),
            ("serve, a file", ["serve", recording]),
        ]
        var refused = 0
        for (what, arguments) in runs {
            let out = try inbeeld(arguments + ["--lang", language])
            if out.status != 0 || !out.stderr.isEmpty { refused += 1 }
            Self.check(out, what, paths: arguments.filter { $0.hasPrefix(dir) } + [dir, recording] + files.keys.map { ($0 as NSString).lastPathComponent },
                       language: language)
        }
        #expect(refused >= runs.count - 2, "only \(refused) of \(runs.count) said something was wrong")
    }

    /// A smart cut that cannot be made says why in the coach's language (the media layer's reason, said
    /// whole), and the fragment is made in exact mode.
    @Test(arguments: ["nl", "en"])
    func aSmartCutThatFallsBackSaysWhyInOneLanguage(_ language: String) throws {
        let dir = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let input = fixture("barcode-hevc.mp4")
        let out = try inbeeld(["cut", input, "--from", "0.5", "--to", "1.5", "--any-length", "--preset", "ultrafast",
                               "-o", dir + "/c.mp4", "--lang", language])
        #expect(out.status == 0, "\(out.stderr)")
        let said = out.stdout + out.stderr
        #expect(said.contains(language == "nl" ? "het beeld is geen H.264 maar hevc" : "the picture is not H.264 but hevc"), "\(said)")
        Self.check(out, "cut --mode smart barcode-hevc.mp4", paths: [input, dir], language: language)
    }

    /// The word lists find what they are for (else the test above could not fail).
    @Test func theWordListsFindTheOtherLanguage() {
        #expect(Self.foreign(in: "slim knippen kan hier niet (the picture is not 8-bit 4:2:0)", paths: [], list: Self.english)
            == ["the", "picture", "not"])
        #expect(Self.foreign(in: "kan x niet schrijven: Permission denied (FFmpeg, avio_open: No such file)", paths: [], list: Self.english)
            .isEmpty == false)
        #expect(Self.foreign(in: "het beeld is niet te lezen (FFmpeg, avformat_open_input: Invalid data found)", paths: [], list: Self.english)
            .isEmpty)
        #expect(Self.foreign(in: "cannot write x: geen toestemming", paths: [], list: Self.dutch) == ["geen"])
        // A quoted name is left out, and only that.
        #expect(Self.foreign(in: "veld 'recording' moet tekst zijn, not 'x' the", paths: [], list: Self.english) == ["not", "the"])
    }

    /// The page's refusals (bad requests, files that are no recordings, a wrong host or key) in the language
    /// the page asks for, or the server's own where the request cannot say.
    @Test(arguments: ["nl", "en"])
    func thePagesRefusalsSpeakOneLanguage(_ language: String) throws {
        let folder = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let names = ["zero-bytes.mp4", "text.mp4", "truncated.mp4", "audio-only.mp4", "corrupt.mp4", "unsupported-codec.mp4"]
        for name in names {
            try FileManager.default.copyItem(atPath: fixture(name), toPath: folder + "/" + name)
        }
        try FileManager.default.createSymbolicLink(atPath: folder + "/away.mp4", withDestinationPath: "/nonexistent")
        let server = try ServeProcess(folder: folder, lang: language)
        defer { server.stop() }
        let base = server.address, lang = "lang=\(language)"
        var asked: [(String, HTTPReply)] = []
        asked.append(("recordings", try http(base + "api/recordings?\(lang)")))
        for name in ["zero-bytes.mp4", "text.mp4", "truncated.mp4", "audio-only.mp4", "corrupt.mp4", "unsupported-codec.mp4", "nothing.mp4", "../x.mp4"] {
            let path = name.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? name
            asked.append(("recording \(name)", try http(base + "api/recording?path=\(path)&\(lang)")))
            asked.append(("frame \(name)", try http(base + "api/frame?path=\(path)&n=0&w=320&\(lang)")))
            asked.append(("marker files \(name)", try http(base + "api/marker-files?path=\(path)&\(lang)")))
        }
        asked.append(("frame without path", try http(base + "api/frame?\(lang)")))
        asked.append(("session not JSON", try http("PUT", base + "api/session?path=text.mp4&\(lang)", body: Data("{".utf8))))
        asked.append(("session not JSON, with its revision", try http("PUT", base + "api/session?path=text.mp4&\(lang)",
                                                                      headers: ["If-Match: \"none\""], body: Data("{".utf8))))
        asked.append(("session of the wrong shape", try http("PUT", base + "api/session?path=text.mp4&\(lang)",
                                                              headers: ["If-Match: \"none\""], body: Data(#"{"focus": 5, "markers": []}"#.utf8))))
        // The field named as the page sends it, and as session-file messages name fields.
        let badMarker = try http("PUT", base + "api/session?path=text.mp4&\(lang)", headers: ["If-Match: \"none\""],
                                 body: Data(#"{"focus": [], "markers": [{"frame": 0}, {"frame": 1, "seen_heard": 5}]}"#.utf8))
        #expect(badMarker.status == 400 && badMarker.text.contains("'markers[1].seen_heard'"), "\(badMarker.text)")
        asked.append(("a marker of the wrong shape", badMarker))
        let origin = "http://127.0.0.1:\(server.port)"
        asked.append(("no key", try http(origin + "/t/0123/")))
        asked.append(("another host", try http(base, headers: ["Host: example.org"])))
        var refusals = 0
        for (what, reply) in asked where !(reply.headers["content-type"] ?? "").hasPrefix("image/") {
            if reply.status >= 400 { refusals += 1 }
            let texts = reply.text.contains("\"problems\"") || reply.text.hasPrefix("{") ? Self.sentences(in: reply.text) : [reply.text]
            for text in texts {
                let found = Self.foreign(in: text, paths: [folder] + names + ["../x.mp4", "nothing.mp4"], list: language == "nl" ? Self.english : Self.dutch)
                #expect(found.isEmpty, "\(what) in \(language): \(found) in \"\(text)\"")
            }
        }
        #expect(refusals >= 10, "only \(refusals) refusals: the requests no longer test the refusals")
    }

    /// The strings of a JSON answer that people read: problems, notes, verdict texts (not names or keys).
    static func sentences(in json: String) -> [String] {
        guard let value = try? JSONSerialization.jsonObject(with: Data(json.utf8)) else { return [json] }
        var found: [String] = []
        func walk(_ v: Any, key: String?) {
            switch v {
            case let d as [String: Any]: for (k, x) in d { walk(x, key: k) }
            case let a as [Any]: for x in a { walk(x, key: key) }
            case let s as String where ["problems", "problem", "message", "messages", "notes", "note", "refused", "skipped", "error", "text", "summary"].contains(key ?? ""):
                found.append(s)
            default: break
            }
        }
        walk(value, key: nil)
        return found
    }
}
