import Foundation
import Synchronization
import Testing
import TestSupport

/// The coaches' guides (`Docs/handleiding.md`, `Docs/guide.md`) and the demo they start from: every
/// command the guides show runs as written, every key they list is one the page answers to, and the
/// demo recording is what the guides say (checked with ffprobe and the ffmpeg CLI, not with InBeeld).
@Suite(.serialized) struct GuideTests {
    static let guides = ["Docs/handleiding.md", "Docs/guide.md"]

    /// One demo folder for the whole run, made by `inbeeld demo` as a coach makes it (about a minute).
    static let demo = Mutex<String?>(nil)
    /// When the demo folder began to be made.
    static let demoStarted = Mutex<Date?>(nil)
    static func demoFolder() throws -> String {
        try demo.withLock { made in
            if let made { return made }
            demoStarted.withLock { $0 = Date() }
            let home = temporaryFolder()
            try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
            let out = try inbeeldIn(home, ["demo"], lang: "nl_NL.UTF-8")
            guard out.status == 0 else { throw OracleError.failed("inbeeld demo: \(out.stderr)") }
            made = home + "/InBeeld-demo"
            return home + "/InBeeld-demo"
        }
    }

    /// Runs `inbeeld` in `folder` (as the current folder and as HOME), as a coach's terminal would.
    static func inbeeldIn(_ folder: String, _ arguments: [String], lang: String = "nl_NL.UTF-8") throws -> ProgramOutput {
        var environment = ProcessInfo.processInfo.environment
        environment["HOME"] = folder
        environment["LANG"] = lang
        environment["LC_ALL"] = nil
        environment["LC_MESSAGES"] = nil
        return try run(try inbeeldProgram(), arguments, environment: environment, in: folder)
    }

    // MARK: The demo

    @Test func theDemoIsASixMinuteRecordingThatPassesTheCheckAndASessionReadyForTheConversation() throws {
        let folder = try Self.demoFolder()
        let recording = folder + "/speelhoek.mp4"
        // What ffprobe and the ffmpeg CLI find in it: 6:00 of 854x480 at 25 fps, a keyframe every 2 s (not
        // every frame), and sound.
        let video = try #require(try Oracle.stream(recording, "v"))
        #expect(video["width"] as? Int == 854 && video["height"] as? Int == 480)
        // All 9000 frames shown: the last one lasts its 40 ms too (no edit list that stops where it starts).
        #expect(video["duration"] as? String == "360.000000", "\(video["duration"] ?? "")")
        #expect(try Oracle.decodedVideoFrames(recording) == 9000)
        let timeline = try Oracle.presentationTimes(recording)
        #expect(timeline.pts.count == 9000)
        let frameTicks = timeline.den / (25 * timeline.num)
        #expect(zip(timeline.pts, timeline.pts.dropFirst()).allSatisfy { $1 - $0 == frameTicks }, "\(timeline.num)/\(timeline.den)")
        let keyframes = try Oracle.videoPackets(recording).filter(\.key).count
        #expect(keyframes == 180, "\(keyframes) keyframes")
        let samples = try Oracle.audioSamples(recording)
        #expect(abs(samples.count - 360 * 48_000) < 2048, "\(samples.count) samples")
        // A beep in the first tenth of every second and silence between: what a coach hears is in time with
        // the seconds the picture counts.
        let beeping = stride(from: 0, to: samples.count - 48_000, by: 48_000).filter { start in
            samples[start ..< start + 4_800].contains { abs($0) > 0.15 }
                && !samples[start + 7_200 ..< start + 45_600].contains { abs($0) > 0.01 }
        }
        #expect(beeping.count == 359, "a beep alone in \(beeping.count) of 359 whole seconds")

        // The check passes it, with nothing to say.
        let check = try inbeeld(["check", recording, "--json"])
        #expect(check.status == 0)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(check.stdout.utf8)) as? [String: Any])
        let entry = try #require((report["recordings"] as? [[String: Any]])?.first)
        #expect(entry["verdict"] as? String == "pass" && (entry["problems"] as? [Any])?.isEmpty == true, "\(entry)")

        // The session: the fragment 1:40.5 to 3:10, Sam, six initiatives (five inside), dated today, no answers yet.
        let session = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder + "/speelhoek.session.json"))) as? [String: Any])
        #expect(session["recording"] as? String == "speelhoek.mp4")
        #expect((session["fragment"] as? [String: String]) == ["from": "0:01:40.500", "to": "0:03:10.000"])
        #expect((session["focus"] as? [[String: String]]) == [["child": "Sam", "professional": "Fatima"]])
        let markers = try #require(session["markers"] as? [[String: Any]])
        #expect(markers.count == 6 && markers.allSatisfy { $0["child"] as? String == "Sam" && $0["seen_heard"] == nil })
        #expect(Set(markers.compactMap { $0["kind"] as? String }).count == 5)
        // Dated the day the demo ran: between the day it started and now (midnight may pass).
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyy-MM-dd"
        formatter.locale = Locale(identifier: "en_US_POSIX")
        let date = try #require(session["date"] as? String), started = try #require(Self.demoStarted.withLock { $0 })
        #expect((formatter.string(from: started)...formatter.string(from: Date())).contains(date), "\(date)")
    }

    @Test func theDemoKeepsWhatIsThereAndRefusesAFileAndLeavesNothingWhenStopped() throws {
        let made = try Self.demoFolder()
        let home = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: home) }
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        // A session the coach has worked in is kept, and the recording is not made again.
        try FileManager.default.copyItem(atPath: made, toPath: home + "/InBeeld-demo")
        let session = home + "/InBeeld-demo/speelhoek.session.json"
        let worked = #"{"recording": "speelhoek.mp4", "markers": [{"time": "2:00", "child": "Noor"}]}"#
        try worked.write(toFile: session, atomically: true, encoding: .utf8)
        let again = try Self.inbeeldIn(home, ["demo"])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.components(separatedBy: "(was er al, bewaard)").count == 3, "\(again.stdout)")
        #expect(try String(contentsOfFile: session, encoding: .utf8) == worked)
        // A file where the folder should be: refused, in Dutch, with what to do.
        try "x".write(toFile: home + "/bestand", atomically: true, encoding: .utf8)
        let refused = try Self.inbeeldIn(home, ["demo", "bestand"])
        #expect(refused.status == 1)
        #expect(refused.stderr == "inbeeld: bestand is een bestand, geen map. Kies een andere naam voor de demomap.\n")
        // Ctrl-C while the recording is made: exit 130, and no file, whole or half, is left.
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try inbeeldProgram())
        process.arguments = ["demo", home + "/gestopt"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline, (try? FileManager.default.contentsOfDirectory(atPath: home + "/gestopt"))?.isEmpty != false { usleep(50_000) }
        usleep(500_000)
        process.interrupt()
        process.waitUntilExit()
        #expect(process.terminationStatus == 130)
        #expect(try FileManager.default.contentsOfDirectory(atPath: home + "/gestopt") == [])
    }

    // MARK: The guides

    /// The lines of the guide's shell blocks, in order, each with the output the guide shows for it: a
    /// `text` block after a shell block (with only words between) is what its last command prints.
    static func commands(_ guide: String) throws -> [(line: String, output: String?)] {
        let text = try String(contentsOf: packageRoot.appendingPathComponent(guide), encoding: .utf8)
        var commands: [(line: String, output: String?)] = []
        var block: String? = nil, body: [String] = [], afterShell = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("```") {
                if let kind = block {
                    if kind == "sh" { commands += body.filter { !$0.isEmpty }.map { ($0, nil) } }
                    if kind == "text", afterShell, !commands.isEmpty { commands[commands.count - 1].output = body.joined(separator: "\n") + "\n" }
                    afterShell = kind == "sh"
                    block = nil
                } else {
                    block = String(line.dropFirst(3))
                    body = []
                }
                continue
            }
            if block != nil { body.append(String(line)) }
        }
        return commands
    }

    @Test(arguments: guides)
    func everyCommandInTheGuideWorksAsWritten(_ guide: String) throws {
        let commands = try Self.commands(guide)
        let lines = commands.map(\.line)
        #expect(lines.count >= 8, "\(lines)")
        // Both guides show the same commands (the language chosen aside).
        let other = try Self.commands(guide == Self.guides[0] ? Self.guides[1] : Self.guides[0]).map(\.line)
        let neutral = { (l: [String]) in l.map { $0.replacingOccurrences(of: #" --lang (nl|en)$"#, with: "", options: .regularExpression) } }
        #expect(neutral(lines) == neutral(other))
        #expect(commands.contains { $0.output != nil }, "\(guide) shows no output")
        let dutch = guide.hasSuffix("handleiding.md")
        let lang = dutch ? "nl_NL.UTF-8" : "en_US.UTF-8"

        // A home folder as a coach has it: the demo folder made, recordings in `opnames`.
        let home = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: home) }
        try FileManager.default.createDirectory(atPath: home + "/opnames", withIntermediateDirectories: true)
        let demo = try Self.demoFolder()
        try FileManager.default.copyItem(atPath: demo, toPath: home + "/InBeeld-demo")
        try FileManager.default.copyItem(atPath: demo + "/speelhoek.mp4", toPath: home + "/opnames/speelhoek.mp4")
        try FileManager.default.copyItem(atPath: demo + "/speelhoek.session.json", toPath: home + "/opnames/speelhoek.session.json")
        let version = try inbeeld(["--version"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)

        for (line, output) in commands {
            let words = line.split(separator: " ").map(String.init)
            if words.starts(with: ["sudo", "apt-get", "install"]) {
                // The package as Scripts/package-deb.sh names it, installed as Scripts/test-package.sh does.
                #expect(words.count == 4 && words[3] == "~/Downloads/inbeeld_\(version)_amd64.deb", "\(line)")
                let packageTest = try String(contentsOf: packageRoot.appendingPathComponent("Scripts/test-package.sh"), encoding: .utf8)
                #expect(packageTest.contains("apt-get install -y -qq --no-install-recommends /tmp/$(basename \"$deb\")"))
                continue
            }
            try #require(words.first == "inbeeld", "a command the test does not know: \(line)")
            let arguments = Array(words.dropFirst())
            if arguments.first == "serve" {
                try Self.serveAsWritten(home, arguments, line: line, lang: lang)
                continue
            }
            let out = try Self.inbeeldIn(home, arguments, lang: lang)
            #expect(out.status == 0, "\(guide): \(line): \(out.stderr)")
            #expect(!out.stdout.isEmpty, "\(guide): \(line) printed nothing")
            if let output { #expect(out.stdout == output, "\(guide): what \(line) prints") }
            if arguments.first == "check" {
                #expect(out.stdout.contains(dutch ? "1 goed, 0 let op, 0 niet bruikbaar" : "1 pass, 0 warn, 0 fail"), "\(line): \(out.stdout)")
            }
            if arguments.first == "overview" {
                #expect(out.stdout.contains("Sam"), "\(line): \(out.stdout)")
            }
        }
    }

    /// `inbeeld serve ...` as the guide shows it: it prints the address to open within seconds, the page is
    /// there, and Ctrl-C stops it.
    static func serveAsWritten(_ home: String, _ arguments: [String], line: String, lang: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try inbeeldProgram())
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: home)
        var environment = ProcessInfo.processInfo.environment
        environment["HOME"] = home
        environment["LANG"] = lang
        process.environment = environment
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        var text = ""
        let deadline = Date().addingTimeInterval(15)
        while text.firstMatch(of: /http:\/\/127\.0\.0\.1:\d+\/t\/[0-9a-f]{32}\//) == nil, Date() < deadline {
            let chunk = out.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            text += String(decoding: chunk, as: UTF8.self)
        }
        let address = try #require(text.firstMatch(of: /http:\/\/127\.0\.0\.1:\d+\/t\/[0-9a-f]{32}\//).map { String($0.0) }, "\(line): \(text)")
        let page = try http(address)
        #expect(page.status == 200 && page.text.contains("InBeeld"), "\(line)")
        let recordings = try #require(try http(address + "api/recordings").json as? [String: Any])
        #expect((recordings["recordings"] as? [[String: Any]])?.compactMap { $0["path"] as? String } == ["speelhoek.mp4"], "\(line)")
        process.interrupt()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(line): Ctrl-C")
    }

    /// The keys in a guide's key tables (the first column of the tables under a heading about keys), as
    /// the page names them (`KeyboardEvent.key`, lower case for letters, `shift+`/`ctrl+` for held keys).
    static func keyTables(_ guide: String) throws -> [Set<String>] {
        let text = try String(contentsOf: packageRoot.appendingPathComponent(guide), encoding: .utf8)
        var tables: [Set<String>] = [], current: Set<String>? = nil, underKeys = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("#") { underKeys = line.lowercased().contains("toetsen") || line.lowercased().contains("keys") }
            if underKeys, line.hasPrefix("| "), !line.hasPrefix("| Toets"), !line.hasPrefix("| Key") {
                let cell = line.split(separator: "|")[0].trimmingCharacters(in: .whitespaces)
                for name in cell.components(separatedBy: " en ").flatMap({ $0.components(separatedBy: " and ") }) {
                    current = (current ?? []).union([Self.keyName(name.trimmingCharacters(in: .whitespaces))])
                }
            } else if let table = current, !line.hasPrefix("|") {
                tables.append(table)
                current = nil
            }
        }
        if let current { tables.append(current) }
        return tables
    }

    static func keyName(_ written: String) -> String {
        let names = ["Spatie": " ", "Space": " ", "Esc": "Escape", "←": "ArrowLeft", "→": "ArrowRight"]
        if written.hasPrefix("Shift+") { return "shift+" + keyName(String(written.dropFirst(6))) }
        if written.hasPrefix("Ctrl+") { return "ctrl+" + keyName(String(written.dropFirst(5))) }
        if let name = names[written] { return name }
        return written.count == 1 ? written.lowercased() : written
    }

    /// The keys the page's script answers to: in the conversation (`talkKey`) and everywhere else.
    static func pageKeys() throws -> (main: Set<String>, talk: Set<String>) {
        let script = try String(contentsOf: packageRoot.appendingPathComponent("Sources/InBeeldServe/Page/app.js"), encoding: .utf8)
        func cases(_ block: Substring) -> Set<String> {
            var keys: Set<String> = []
            for line in block.split(separator: "\n") {
                let named = line.matches(of: /case "([^"]+)":/).map { String($0.1).count == 1 ? String($0.1).lowercased() : String($0.1) }
                keys.formUnion(named)
                if line.contains("e.shiftKey") { keys.formUnion(named.map { "shift+" + $0 }) }
            }
            return keys
        }
        let talkStart = try #require(script.range(of: "function talkKey(e) {"))
        let talkBlock = script[talkStart.upperBound...].prefix { $0 != "}" }
        let keydown = try #require(script.range(of: #"document.addEventListener("keydown""#))
        let mainBlock = script[keydown.upperBound...]
        let mainEnd = try #require(mainBlock.range(of: "\n});"))
        let handler = mainBlock[..<mainEnd.lowerBound]
        var main = cases(handler)
        for held in handler.matches(of: /e\.ctrlKey[^\n]*e\.key\.toLowerCase\(\) === "(\w)"/) { main.insert("ctrl+" + held.1) }
        for typed in handler.matches(of: /if \(typing\) \{ if \(e\.key === "(\w+)"\)/) { main.insert(String(typed.1)) }
        return (main, cases(talkBlock))
    }

    /// `inbeeld cheatsheet`: one A4 page whose text holds every key the page answers to (on a row of its
    /// key tables: `pdftotext -layout` keeps a row on a line) and only commands the guide shows.
    @Test(arguments: guides)
    func theCheatSheetIsOneA4PageWithEveryKeyAndTheGuidesCommands(_ guide: String) throws {
        let dutch = guide.hasSuffix("handleiding.md")
        let dir = temporaryFolder()
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let out = try inbeeld(["cheatsheet", "-o", dir + "/c.pdf", "--lang", dutch ? "nl" : "en"])
        #expect(out.status == 0, "\(out.stderr)")
        let info = try run(try #require(which("pdfinfo")), [dir + "/c.pdf"]).stdout
        #expect(info.contains("Pages:           1") && info.contains("595.28 x 841.89 pts (A4)"), "\(info)")
        let text = try run(try #require(which("pdftotext")), ["-layout", dir + "/c.pdf", "-"]).stdout
        // The left column of every row: the keys it names, as the page's script names them.
        var named: Set<String> = []
        for line in text.split(separator: "\n") {
            let left = line.trimmingCharacters(in: .whitespaces).components(separatedBy: "  ").first ?? ""
            for written in left.components(separatedBy: dutch ? " en " : " and ") {
                let key = written.trimmingCharacters(in: .whitespaces)
                guard !key.isEmpty, key.count <= 12, !key.contains(" ") || key == "Spatie" || key == "Space" else { continue }
                named.insert(Self.keyName(key == "Space" ? "Spatie" : key))
                if key.hasPrefix("Enter") { named.insert("Enter") }
            }
        }
        let page = try Self.pageKeys()
        let missing = page.main.union(page.talk).subtracting(named)
        #expect(missing.isEmpty, "\(guide): keys the page answers to but the cheat sheet does not name: \(missing.sorted()) in \(text)")
        let shown = Set(try Self.commands(guide).map(\.line))
        let commands = text.split(separator: "\n").compactMap { $0.firstMatch(of: /^\s*(inbeeld [a-z]+(?: [A-Za-z0-9\/.]+)?)/).map { String($0.1) } }
        #expect(commands.count == 5, "\(commands)")
        for command in commands {
            #expect(shown.contains(command.replacingOccurrences(of: "NAAM", with: "speelhoek")), "\(command) is not a command the guide shows")
        }
    }

    @Test(arguments: guides)
    func everyKeyInTheGuideIsOneThePageAnswersTo(_ guide: String) throws {
        let tables = try Self.keyTables(guide)
        let page = try Self.pageKeys()
        #expect(tables.count == 2, "\(tables)")
        // Every key the page answers to is in the guide, and the guide names no key the page ignores.
        #expect(tables.first == page.main, "\(guide): \(tables.first ?? []) vs the page's \(page.main)")
        #expect(tables.last == page.talk, "\(guide): \(tables.last ?? []) vs the page's \(page.talk)")
        #expect(page.main.isSuperset(of: ["m", "i", "o", " ", "ArrowLeft", "shift+ArrowLeft", "ctrl+s", "Escape"]))
        #expect(page.talk == [" ", "Enter", "m", "r", "n", "p", "s", "g", "Escape"])
    }

    @Test(arguments: guides)
    func everyPictureInTheGuideIsOneTheScreenshotTestMakes(_ guide: String) throws {
        let text = try String(contentsOf: packageRoot.appendingPathComponent(guide), encoding: .utf8)
        let pictures = text.matches(of: /!\[[^\]]*\]\(screenshots\/([^)]+)\)/).map { String($0.1) }
        #expect(Set(pictures) == Set(GuideScreenshotTests.pictures), "\(pictures)")
        for picture in pictures {
            #expect(FileManager.default.fileExists(atPath: packageRoot.appendingPathComponent("Docs/screenshots/" + picture).path), "\(picture)")
        }
        // The links inside the guide lead to headings that exist.
        let anchors = Set(text.split(separator: "\n").filter { $0.hasPrefix("#") }.map { heading in
            heading.drop { $0 == "#" }.trimmingCharacters(in: .whitespaces).lowercased()
                .filter { $0.isLetter || $0.isNumber || $0 == " " || $0 == "-" }.replacingOccurrences(of: " ", with: "-")
        })
        for link in text.matches(of: /\]\(#([^)]+)\)/) {
            #expect(anchors.contains(String(link.1)), "\(guide): a link to #\(link.1), which is no heading")
        }
    }

    /// The table of check messages quotes the check: each message (numbers aside) is the start of one the
    /// check gives, in the guide's language, for a recording with that problem.
    @Test(arguments: guides)
    func everyCheckMessageInTheGuideIsOneTheCheckGives(_ guide: String) throws {
        let dutch = guide.hasSuffix("handleiding.md")
        let files = ["short-3min.mp4", "no-audio-6min.mp4", "interrupted.mp4", "truncated.mp4", "gps.mp4", "hdr-hlg-phone.mov",
                     "low-res.mp4", "phone-like.mov"].map { fixture($0) }
        let out = try inbeeld(["check", "--json", "--lang", dutch ? "nl" : "en"] + files)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [String: Any])
        let given = (report["recordings"] as? [[String: Any]] ?? []).flatMap { ($0["problems"] as? [[String: Any]] ?? []).compactMap { $0["message"] as? String } }
        let numbersAside = { (text: String) in text.replacing(/[0-9][0-9:.,]*/, with: "#") }
        let text = try String(contentsOf: packageRoot.appendingPathComponent(guide), encoding: .utf8)
        var rows: [String] = [], inTable = false
        for line in text.split(separator: "\n") {
            if line.hasPrefix("#") { inTable = line.contains("Wat de controle zegt") || line.contains("What the check says") }
            if inTable, line.hasPrefix("| "), !line.hasPrefix("| Melding"), !line.hasPrefix("| Message") {
                rows.append(line.split(separator: "|")[0].trimmingCharacters(in: .whitespaces))
            }
        }
        #expect(rows.count == 8, "\(rows)")
        for row in rows {
            #expect(given.contains { numbersAside($0).hasPrefix(numbersAside(row)) }, "\(guide): '\(row)' is no message the check gives: \(given)")
        }
    }
}
