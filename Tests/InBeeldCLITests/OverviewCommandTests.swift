import Foundation
import Testing
import TestSupport

/// `inbeeld overview`: the follow-up per focus child across the session files of a folder, checked
/// against counts the test makes itself from the JSON it wrote.
@Suite struct OverviewCommandTests {
    /// The day `offset` days from the day the tests started: one "today" for the files a test writes and
    /// the lines it expects, also when midnight passes between the two. (The program's own today may then
    /// be a day later; the follow-ups the tests write are 20 days before, on, 10 and 30 days after the
    /// start, so which are due does not change.)
    static func day(_ offset: Int) -> String {
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyy-MM-dd"
        formatter.locale = Locale(identifier: "en_US_POSIX")
        return formatter.string(from: started.addingTimeInterval(Double(offset) * 86_400))
    }
    private static let started = Date()

    /// An ISO day as the guide says people read it, day first: "2 mrt. 2026" (Dutch), "2 Mar 2026"
    /// (English); `short`, where space is short: "2-3" (Dutch), "2 Mar" (English).
    static func shown(_ iso: String, dutch: Bool = true, short: Bool = false) -> String {
        let parts = iso.split(separator: "-").map { Int($0)! }
        let months = dutch ? ["jan.", "feb.", "mrt.", "apr.", "mei", "jun.", "jul.", "aug.", "sep.", "okt.", "nov.", "dec."]
                           : ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        if short { return dutch ? "\(parts[2])-\(parts[1])" : "\(parts[2]) \(months[parts[1] - 1])" }
        return "\(parts[2]) \(months[parts[1] - 1]) \(parts[0])"
    }

    /// Session files as a coach's folder holds them over months: several children, kinds, dates, a
    /// follow-up that has passed, one today, one to come, markers without a child, one session in a
    /// subfolder, and files that cannot be read.
    static func folder() throws -> (folder: String, sessions: [String: [String: Any]]) {
        let folder = coachFolder()
        try FileManager.default.createDirectory(atPath: folder + "/groep 2", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: folder + "/speelhoek-inbeeld", withIntermediateDirectories: true)
        let sessions: [String: [String: Any]] = [
            "maart.session.json": [
                "recording": "maart.mp4", "date": "2026-03-02", "focus_children": ["Sam", "Zoë"],
                // The first and the last two initiatives lie outside the fragment (one at its end): counted
                // nowhere, as on the sheet.
                "fragment": ["from": "1:01", "to": "1:10"],
                "markers": [["time": "1:00", "child": "Sam", "kind": "kijken"], ["time": "1:02", "child": "Zoë", "kind": "woord"],
                            ["time": "1:04", "child": "Sam", "kind": "kijken"], ["time": "1:09", "child": "Sam", "kind": "speelgoed aanbieden"],
                            ["time": "1:10", "child": "Sam", "kind": "kijken"], ["time": "1:20", "child": "Sam"]],
                "agreements": "Sam meer ruimte geven", "follow_up": day(-20),
            ],
            "april.session.json": [
                "recording": "april.mp4", "date": "2026-04-10", "focus_children": ["Sam"],
                "markers": [["time": "0:30", "kind": "woord"], ["time": "0:31", "kind": "woord"], ["time": "0:40", "child": "Sam", "kind": "kijken"]],
                "agreements": "Benoemen wat Sam doet", "follow_up": day(0),
            ],
            "groep 2/mei.session.json": [
                "recording": "mei.mp4", "date": "2026-02-01",
                "markers": [["time": "2:00", "child": "Daniël", "kind": "aanraken"], ["time": "2:05", "child": "Zoë", "kind": "woord"]],
                "follow_up": day(30),
            ],
            "zonder-datum.session.json": ["recording": "x.mp4", "focus_children": ["Zoë"], "markers": [] as [Any]],
            // Written the method's way: children chosen in the conversation, initiatives added there.
            "juni.session.json": [
                "recording": "juni.mp4", "date": "2026-06-01",
                "focus": [["child": "Sam", "professional": "Fatima", "next_time": "Even wachten."], ["child": "Noor", "professional": "Joris"]],
                "markers": [["time": "0:10", "child": "Sam", "added": "conversation"], ["time": "0:12", "child": "Sam", "kind": "kijken"],
                            ["time": "0:20", "child": "Noor", "added": "conversation", "seen_heard": "Noor roept."]],
                "evaluation": "Wacht Fatima even?", "follow_up": day(10),
            ],
        ]
        for (name, content) in sessions {
            try JSONSerialization.data(withJSONObject: content).write(to: URL(fileURLWithPath: folder + "/" + name))
        }
        try Data("{ not json".utf8).write(to: URL(fileURLWithPath: folder + "/kapot.session.json"))
        try Data(#"{"recording": 3}"#.utf8).write(to: URL(fileURLWithPath: folder + "/groep 2/fout.session.json"))
        // Not session files, or in a results folder: not read.
        try Data("{}".utf8).write(to: URL(fileURLWithPath: folder + "/notities.json"))
        try JSONSerialization.data(withJSONObject: sessions["april.session.json"]!)
            .write(to: URL(fileURLWithPath: folder + "/speelhoek-inbeeld/kopie.session.json"))
        return (folder, sessions)
    }

    /// What the overview should say, worked out here from the files: per child, (session, initiatives, kinds, due).
    static func expected(_ sessions: [String: [String: Any]], recursive: Bool)
        -> [String: [(session: String, date: String?, initiatives: Int, kinds: [String: Int], due: Bool, added: Int, nextTime: String?)]] {
        var result: [String: [(String, String?, Int, [String: Int], Bool, Int, String?)]] = [:]
        for (name, content) in sessions where recursive || !name.contains("/") {
            let markers = content["markers"] as? [[String: String]] ?? []
            let focus = content["focus"] as? [[String: String]] ?? []
            var children = focus.compactMap { $0["child"] } + (content["focus_children"] as? [String] ?? [])
            if children.isEmpty { for m in markers { if let c = m["child"], !children.contains(c) { children.append(c) } } }
            // Minutes and seconds ("1:04") as seconds; the initiatives inside the fragment, when there is one.
            let seconds = { (text: String) in text.split(separator: ":").reduce(0) { $0 * 60 + Int($1)! } }
            let fragment = (content["fragment"] as? [String: String]).map { (seconds($0["from"]!), seconds($0["to"]!)) }
            // A fragment is [from, to): an initiative at its end is the first one after it.
            let inside = { (m: [String: String]) in fragment.map { $0.0 <= seconds(m["time"]!) && seconds(m["time"]!) < $0.1 } ?? true }
            for child in children {
                let mine = markers.filter { ($0["child"] == child || ($0["child"] == nil && children.count == 1)) && inside($0) }
                var kinds: [String: Int] = [:]
                for m in mine { if let k = m["kind"] { kinds[k, default: 0] += 1 } }
                let due = (content["follow_up"] as? String).map { $0 <= day(0) } ?? false
                let added = mine.filter { $0["added"] == "conversation" }.count
                result[child, default: []].append((name, content["date"] as? String, mine.count, kinds, due, added,
                                                   focus.first { $0["child"] == child }?["next_time"]))
            }
        }
        return result.mapValues { $0.sorted { ($0.1 ?? "9999", $0.0) < ($1.1 ?? "9999", $1.0) } }
    }

    @Test(arguments: [false, true])
    func theJSONCountsEveryChildsInitiatives(recursive: Bool) throws {
        let (folder, sessions) = try Self.folder()
        defer { removeCoachFolder(folder) }
        let out = try inbeeld(["overview", folder, "--json"] + (recursive ? ["--recursive"] : []))
        #expect(out.status == 0, "\(out.stderr)")
        let root = try #require(try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [String: Any])
        let children = try #require(root["children"] as? [[String: Any]])
        let expected = Self.expected(sessions, recursive: recursive)
        #expect(children.compactMap { $0["name"] as? String } == expected.keys.sorted { $0.localizedStandardCompare($1) == .orderedAscending })
        for child in children {
            let name = try #require(child["name"] as? String)
            let listed = try #require(child["sessions"] as? [[String: Any]])
            let wanted = try #require(expected[name])
            #expect(listed.map { $0["session"] as? String } == wanted.map(\.session), "\(name)")
            for (s, w) in zip(listed, wanted) {
                #expect(s["initiatives"] as? Int == w.initiatives, "\(name) \(w.session)")
                #expect(s["by_kind"] as? [String: Int] == w.kinds, "\(name) \(w.session)")
                #expect(s["follow_up_due"] as? Bool == w.due, "\(name) \(w.session)")
                #expect(s["date"] as? String == w.date)
                let content = sessions[w.session]!
                #expect(s["recording"] as? String == content["recording"] as? String)
                #expect(s["agreements"] as? String == content["agreements"] as? String)
                #expect(s["follow_up"] as? String == content["follow_up"] as? String)
                #expect(s["evaluation"] as? String == content["evaluation"] as? String)
                #expect(s["added_in_conversation"] as? Int == w.added, "\(name) \(w.session)")
                #expect(s["next_time"] as? String == w.nextTime, "\(name) \(w.session)")
                // Every key there, absent values as null.
                #expect(Set(s.keys) == ["session", "recording", "date", "initiatives", "by_kind", "added_in_conversation", "next_time",
                                        "agreements", "follow_up", "evaluation", "follow_up_due"])
            }
        }
        // The files that cannot be read are reported, not fatal.
        let problems = try #require(root["problems"] as? [String])
        #expect(problems.contains { $0.hasPrefix("kapot.session.json: this is not valid JSON") }, "\(problems)")
        #expect(problems.contains { $0 == "groep 2/fout.session.json: field 'recording' must be text." } == recursive, "\(problems)")
        #expect(out.stderr.contains("inbeeld: kapot.session.json: this is not valid JSON"))
    }

    @Test func theTextFlagsFollowUpsThatAreDueInDutch() throws {
        let (folder, _) = try Self.folder()
        defer { removeCoachFolder(folder) }
        let out = try inbeeld(["overview", folder, "--lang", "nl"])
        #expect(out.status == 0)
        let lines = out.stdout.split(separator: "\n").map(String.init)
        // Sam: March (past follow-up) and April (today) both flagged; Zoë's undated session last.
        let sam = try #require(lines.firstIndex(of: "Sam"))
        #expect(lines[sam + 1] == "  2 mrt. 2026  maart.session.json  2 contactinitiatieven (kijken 1, speelgoed aanbieden 1)")
        #expect(lines[sam + 2] == "    afspraken: Sam meer ruimte geven")
        #expect(lines[sam + 3] == "    vervolg: \(Self.shown(Self.day(-20)))  ← is aan de beurt")
        #expect(lines[sam + 4] == "  10 apr. 2026  april.session.json  3 contactinitiatieven (woord 2, kijken 1)")
        #expect(lines[sam + 6] == "    vervolg: \(Self.shown(Self.day(0)))  ← is aan de beurt")
        let zoe = try #require(lines.firstIndex(of: "Zoë"))
        #expect(lines[zoe + 1] == "  2 mrt. 2026  maart.session.json  1 contactinitiatief (woord 1)")
        #expect(lines.last == "  (geen datum)  zonder-datum.session.json  0 contactinitiatieven")
        #expect(!out.stdout.contains("Daniël"))  // only in the subfolder
        let recursive = try inbeeld(["overview", folder, "--recursive", "--lang", "en"])
        #expect(recursive.stdout.contains("Daniël\n  1 Feb 2026  groep 2/mei.session.json  1 contact initiative (aanraken 1)\n    follow-up: \(Self.shown(Self.day(30), dutch: false))\n"))
        #expect(try inbeeld(["overview", folder + "/nothing"]).status == 64)
    }
}
