import Foundation

/// The follow-up across sessions (the method's step 4, *vervolg*): per focus child, the sessions in date
/// order with their contact initiatives, counted per kind, what was agreed and when to evaluate; a
/// follow-up date that has come is flagged.
public struct SessionOverview: Sendable, Equatable, Codable {
    public struct Child: Sendable, Equatable, Codable {
        public var name: String
        public var sessions: [Session]
    }

    public struct Session: Sendable, Equatable, Codable {
        /// The session file, relative to the folder read.
        public var session: String
        public var recording: String
        public var date: String?
        /// This child's contact initiatives in the session.
        public var initiatives: Int
        /// Those with a kind, counted per kind (initiatives without a kind are in `initiatives` only).
        public var byKind: [String: Int]
        /// Of `initiatives`, those the professional's "stop" added in the conversation.
        public var addedInConversation: Int
        /// What the professional(s) can do for this child in a similar moment (said after the fragment).
        public var nextTime: String?
        public var agreements: String?
        public var followUp: String?
        /// What will be evaluated on the follow-up date.
        public var evaluation: String?
        /// The follow-up date is today or has passed.
        public var followUpDue: Bool

        enum CodingKeys: String, CodingKey {
            case session, recording, date, initiatives, byKind = "by_kind", addedInConversation = "added_in_conversation",
                 nextTime = "next_time", agreements, followUp = "follow_up", evaluation, followUpDue = "follow_up_due"
        }

        /// Every field, absent ones as `null` (scripts find the same keys in every session).
        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(session, forKey: .session)
            try c.encode(recording, forKey: .recording)
            try c.encode(date, forKey: .date)
            try c.encode(initiatives, forKey: .initiatives)
            try c.encode(byKind, forKey: .byKind)
            try c.encode(addedInConversation, forKey: .addedInConversation)
            try c.encode(nextTime, forKey: .nextTime)
            try c.encode(agreements, forKey: .agreements)
            try c.encode(followUp, forKey: .followUp)
            try c.encode(evaluation, forKey: .evaluation)
            try c.encode(followUpDue, forKey: .followUpDue)
        }
    }

    public var children: [Child]
    /// Session files that could not be read, each with why (the rest is still shown).
    public var problems: [String]

    /// Reads every `*.session.json` in `folder` (and below it with `recursive`; hidden folders and
    /// InBeeld's result folders left out). `today` is `YYYY-MM-DD`.
    public static func read(folder: String, recursive: Bool, today: String, language: Language) -> SessionOverview {
        var sessions: [(file: String, session: CoachingSession)] = []
        var problems: [String] = []
        for file in sessionFiles(in: folder, recursive: recursive) {
            let shown = file.hasPrefix(folder + "/") ? String(file.dropFirst(folder.count + 1)) : file
            do { sessions.append((shown, try CoachingSession.load(path: file, language: language))) } catch {
                problems += error.problems.map { "\(shown): \($0)" }
            }
        }
        var byChild: [String: [Session]] = [:]
        var order: [String] = []
        for (file, session) in sessions {
            // The focus children; a session that names none has the children its markers name.
            var names = session.focusChildren
            if names.isEmpty {
                for child in session.markers.compactMap(\.child) where !names.contains(child) { names.append(child) }
            }
            for name in names {
                // A marker without a child belongs to the session's only focus child.
                // Counted as the conversation and the sheet count them: those inside the fragment.
                let mine = session.initiatives.filter { ($0.marker.child == name || ($0.marker.child == nil && names.count == 1))
                    && session.fragment?.mayHold($0.marker.time) != false }
                var kinds: [String: Int] = [:]
                for initiative in mine { if let kind = initiative.marker.kind { kinds[kind, default: 0] += 1 } }
                if byChild[name] == nil { order.append(name) }
                byChild[name, default: []].append(Session(
                    session: file, recording: session.recording, date: session.date, initiatives: mine.count, byKind: kinds,
                    addedInConversation: mine.filter(\.observation.addedInConversation).count,
                    nextTime: Optional(session.focus.filter { $0.child == name }.compactMap(\.nextTime).joined(separator: "\n")).flatMap { $0.isEmpty ? nil : $0 },
                    agreements: session.agreements, followUp: session.followUp, evaluation: session.evaluation,
                    followUpDue: session.followUp.map { $0 <= today } ?? false))
            }
        }
        let children = order.sorted { $0.localizedStandardCompare($1) == .orderedAscending }.map { name in
            // Dated sessions first, by date; then the undated, by file.
            Child(name: name, sessions: byChild[name]!.sorted { ($0.date ?? "9999", $0.session) < ($1.date ?? "9999", $1.session) })
        }
        return SessionOverview(children: children, problems: problems)
    }

    /// Today as `YYYY-MM-DD`, in this computer's time zone.
    public static func today() -> String {
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyy-MM-dd"
        formatter.locale = Locale(identifier: "en_US_POSIX")
        return formatter.string(from: Date())
    }

    /// The session files in `folder`, in name order.
    static func sessionFiles(in folder: String, recursive: Bool) -> [String] {
        var found: [String] = []
        var pending = [folder]
        while let current = pending.popLast() {
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: current) else { continue }
            for name in names where !name.hasPrefix(".") {
                let path = current + "/" + name
                var isFolder: ObjCBool = false
                guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else { continue }
                if isFolder.boolValue {
                    if recursive, !name.hasSuffix("-inbeeld") { pending.append(path) }
                } else if name.hasSuffix(".session.json") {
                    found.append(path)
                }
            }
        }
        return found.sorted()
    }

    /// The overview as JSON: `{"children": [{"name", "sessions": [...]}], "problems": [...]}`.
    public func json() -> String {
        Self.json(self)
    }

    /// The JSON with, beside it, every day it holds as the coach reads it (`Words.day`, long and short):
    /// `"days": {"2026-11-27": ["27 nov. 2026", "27-11"]}`, so the page formats no date itself.
    public func jsonWithDays(language: Language) -> String {
        var days: [String: [String]] = [:]
        for day in children.flatMap(\.sessions).flatMap({ [$0.date, $0.followUp] }).compactMap({ $0 }) {
            days[day] = [language.say(Words.day(day)), language.say(Words.day(day, short: true))]
        }
        return Self.json(WithDays(overview: self, days: days))
    }

    private struct WithDays: Encodable {
        let overview: SessionOverview
        let days: [String: [String]]
        enum Key: String, CodingKey { case days }
        func encode(to encoder: any Encoder) throws {
            try overview.encode(to: encoder)
            var c = encoder.container(keyedBy: Key.self)
            try c.encode(days, forKey: .days)
        }
    }

    private static func json(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(value)) ?? Data("{}".utf8), as: UTF8.self) + "\n"
    }

    /// The overview for people, in the coach's language.
    public func text(language: Language) -> String {
        let say = { (phrase: Phrase) in language.say(phrase) }
        var lines: [String] = []
        if children.isEmpty { lines.append(say(Words.noSessionsWithFocusChildrenFound)) }
        for child in children {
            lines.append(child.name)
            for s in child.sessions {
                let count = say(Words.contactInitiatives(s.initiatives))
                let kinds = s.byKind.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map { "\($0.key) \($0.value)" }
                var facts = kinds
                if s.addedInConversation > 0 { facts.append(say(Words.addedInConversationCount(s.addedInConversation))) }
                lines.append("  \(s.date.map { say(Words.day($0)) } ?? say(Words.noDate))  \(s.session)  \(count)" + (facts.isEmpty ? "" : " (" + facts.joined(separator: ", ") + ")"))
                if let nextTime = s.nextTime {
                    lines.append("    " + say(Words.overviewNextTime(nextTime.replacingOccurrences(of: "\n", with: "\n      "))))
                }
                if let agreements = s.agreements {
                    lines.append("    " + say(Words.overviewAgreements(agreements.replacingOccurrences(of: "\n", with: "\n      "))))
                }
                if let followUp = s.followUp {
                    lines.append("    " + say(Words.overviewFollowUp(day: say(Words.day(followUp)), due: s.followUpDue,
                                                                  evaluation: s.evaluation?.replacingOccurrences(of: "\n", with: " "))))
                }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
