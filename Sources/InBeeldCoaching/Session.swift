import Foundation
import InBeeldMarkers

/// One coaching session in one file: the recording, the chosen fragment, who watches which child, the
/// contact initiatives with what was seen and heard, and what came after the fragment (the method's
/// steps 2 to 4, in its order: `../shared/method/`).
public struct CoachingSession: Sendable, Equatable {
    public struct Fragment: Sendable, Equatable {
        public var from: MarkerTime
        public var to: MarkerTime

        public init(from: MarkerTime, to: MarkerTime) {
            self.from = from
            self.to = to
        }

        /// Whether an initiative at `time` lies in the fragment [from, to), as far as the session file alone
        /// can tell (without the recording): false only when all three are clock times (or all frame
        /// numbers) and it lies outside; a frame number or a timecode beside a clock time cannot be placed
        /// without the recording, and counts.
        public func mayHold(_ time: MarkerTime) -> Bool {
            switch (from, to, time) {
            case let (.clock(a), .clock(b), .clock(t)): return a <= t && t < b
            case let (.frame(a), .frame(b), .frame(t)): return a <= t && t < b
            default: return true
            }
        }
    }

    /// A child the conversation watches, chosen at its start ("op welk kind ga je letten?"), with the
    /// professional who watches it in a group coaching (one child per professional), and what was said
    /// about this child after the fragment.
    public struct Focus: Sendable, Equatable {
        public var child: String
        public var professional: String?
        /// What did this moment mean for the child?
        public var meaning: String?
        /// Which (developmental) needs may the child have?
        public var needs: String?
        /// What can the professional do for this child in a similar moment?
        public var nextTime: String?

        public init(child: String, professional: String? = nil, meaning: String? = nil, needs: String? = nil, nextTime: String? = nil) {
            self.child = child
            self.professional = professional
            self.meaning = meaning
            self.needs = needs
            self.nextTime = nextTime
        }

        /// The fields of an entry of `focus` in the session file, in the order written.
        public static let fieldOrder = ["child", "professional", "meaning", "needs", "next_time"]
        public static let fields = Set(fieldOrder)
        /// The values in `fieldOrder`.
        var inOrder: [String?] { [child, professional, meaning, needs, nextTime] }
    }

    /// What the conversation said at one contact initiative: only what is seen and heard (the method asks
    /// nothing else while the fragment is watched), and whether the initiative was added in the
    /// conversation (the professional said "stop") or marked beforehand.
    public struct Observation: Sendable, Equatable {
        /// What the professional sees and hears (Wat zie en hoor je?).
        public var seenHeard: String?
        /// What the coach saw besides, or otherwise ("Wat ik zie...").
        public var coachSaw: String?
        public var addedInConversation: Bool

        public init(seenHeard: String? = nil, coachSaw: String? = nil, addedInConversation: Bool = false) {
            self.seenHeard = seenHeard
            self.coachSaw = coachSaw
            self.addedInConversation = addedInConversation
        }

        public var isEmpty: Bool { seenHeard == nil && coachSaw == nil && !addedInConversation }
    }

    /// A contact initiative in the session: its marker (when, which child, the note, what kind of
    /// initiative) and what the conversation said at it.
    public struct Initiative: Sendable, Equatable {
        public var marker: Marker
        public var observation: Observation

        public init(_ marker: Marker, observation: Observation = .init()) {
            self.marker = marker
            self.observation = observation
        }
    }

    /// The recording, as written in the file (relative to the session file).
    public var recording: String
    public var fragment: Fragment?
    /// The children watched, in the order chosen.
    public var focus: [Focus]
    public var coach: String?
    public var professional: String?
    public var date: String?
    /// Said after the whole recording was watched once, before the fragment.
    public var firstReaction: String?
    /// The contact initiatives, in time order, each with what was seen and heard at it.
    public var initiatives: [Initiative]
    /// The initiatives' markers.
    public var markers: [Marker] { initiatives.map(\.marker) }
    /// The coach's summary of what was seen and heard, after the fragment.
    public var summary: String?
    /// What goes well (the method: name it).
    public var goingWell: String?
    public var agreements: String?
    /// When the guidance of these children's interactions is evaluated (vervolg), and what will be.
    public var followUp: String?
    public var evaluation: String?

    /// The session file's folder: the recording is found relative to it.
    public var folder: String = "."

    public init(recording: String, fragment: Fragment? = nil, focus: [Focus] = [], coach: String? = nil,
                professional: String? = nil, date: String? = nil, initiatives: [Initiative] = [],
                summary: String? = nil, agreements: String? = nil, followUp: String? = nil) {
        self.recording = recording
        self.fragment = fragment
        self.focus = focus
        self.coach = coach
        self.professional = professional
        self.date = date
        self.initiatives = initiatives
        self.summary = summary
        self.agreements = agreements
        self.followUp = followUp
    }

    /// The names of the children watched.
    public var focusChildren: [String] { focus.map(\.child) }

    /// The four questions a version before December 2026 asked at every initiative (`answers` in its
    /// files): read, and written the method's way (see `SessionReader.answers`).
    static let oldAnswerFields = ["seen_heard", "meaning", "needs", "next_time"]

    /// The recording's path as the program opens it.
    public var recordingPath: String {
        recording.hasPrefix("/") ? recording : (folder as NSString).appendingPathComponent(recording)
    }
}

/// Why a session file could not be read: each problem names the field (or the line, for broken JSON).
public struct SessionError: Error, Sendable, Equatable {
    public var path: String
    public var problems: [String]

    public func messages(in language: Language) -> [String] { problems.map { "\(path): \($0)" } }
}

extension CoachingSession {
    /// Reads a session file.
    public static func load(path: String, language: Language) throws(SessionError) -> CoachingSession {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw SessionError(path: path, problems: [language.say(Words.fileCannotBeRead)])
        }
        var session = try parse(data, name: path, language: language)
        session.folder = Paths.parent(of: path).isEmpty ? "." : Paths.parent(of: path)
        return session
    }

    /// The fields a session file may have (`Schemas/session.schema.json` describes the same), at the top,
    /// in `fragment`, and in each of `markers`. `focus_children` and a marker's `answers` are what versions
    /// before December 2026 wrote: read, and written the new way.
    public static let fields: Set<String> = ["$schema", "recording", "fragment", "focus", "focus_children", "coach", "professional", "date",
                                             "first_reaction", "markers", "summary", "going_well", "agreements", "follow_up", "evaluation"]
    public static let fragmentFields: Set<String> = ["from", "to"]
    public static let markerFields: Set<String> = ["time", "child", "note", "kind", "seen_heard", "coach_saw", "added", "answers"]

    /// Parses session JSON (see `Schemas/session.schema.json`).
    public static func parse(_ data: Data, name: String, language: Language) throws(SessionError) -> CoachingSession {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw SessionError(path: name, problems: [language.say(Words.notValidJSON(line: jsonErrorLine(error, data)))])
        }
        guard let root = object as? [String: Any] else {
            throw SessionError(path: name, problems: [language.say(Words.mustBeOneJSONObject)])
        }
        var reader = SessionReader(root: root, language: language)
        reader.unknown(in: root, known: Self.fields, at: "")
        let recording = reader.string("recording", required: true)
        let fragment = reader.fragment()
        let focus = reader.focus()
        for key in ["date", "follow_up"] { reader.date(key) }
        let initiatives = reader.initiatives()
        var session = CoachingSession(recording: recording ?? "", fragment: fragment, focus: focus,
                                      coach: reader.string("coach"), professional: reader.string("professional"),
                                      date: reader.string("date"), initiatives: initiatives, summary: reader.string("summary"),
                                      agreements: reader.string("agreements"), followUp: reader.string("follow_up"))
        session.firstReaction = reader.string("first_reaction")
        session.goingWell = reader.string("going_well")
        session.evaluation = reader.string("evaluation")
        if !reader.problems.isEmpty { throw SessionError(path: name, problems: reader.problems) }
        return session
    }

    static func isDate(_ s: String) -> Bool {
        let parts = s.split(separator: "-")
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let m = Int(parts[1]), let d = Int(parts[2]), Int(parts[0]) != nil else { return false }
        return (1...12).contains(m) && (1...31).contains(d)
    }

    /// The line where JSON broke: Foundation's message names a line, or a character counted from the
    /// start, or the end of the file.
    private static func jsonErrorLine(_ error: Error, _ data: Data) -> Int? {
        let description = (error as NSError).userInfo["NSDebugDescription"] as? String ?? "\(error)"
        let lines = { (bytes: Data.SubSequence) in bytes.filter { $0 == UInt8(ascii: "\n") }.count + 1 }
        if let range = description.range(of: "line "), let line = Int(description[range.upperBound...].prefix { $0.isNumber }) {
            return line
        }
        if let range = description.range(of: "character "), let offset = Int(description[range.upperBound...].prefix { $0.isNumber }) {
            return lines(data.prefix(offset))
        }
        if description.lowercased().contains("end of file") { return lines(data.dropLast(data.last == UInt8(ascii: "\n") ? 1 : 0)[...]) }
        return nil
    }
}

extension CoachingSession {
    /// The session as a session file (see `Schemas/session.schema.json`): fields in the schema's order,
    /// absent fields left out, each focus child and each initiative on a line of its own. `parse` reads it
    /// back unchanged.
    public func jsonData() -> Data {
        func texts(_ pairs: [(String, String?)]) -> [(String, SessionJSON?)] { pairs.map { ($0, $1.map(SessionJSON.text)) } }
        let fragment = self.fragment.map { SessionJSON.object([("from", .text($0.from.description)), ("to", .text($0.to.description))]) }
        let focus = self.focus.map { f in SessionJSON.object(texts(Array(zip(Focus.fieldOrder, f.inOrder)))) }
        let markers = initiatives.map { initiative in
            let m = initiative.marker, seen = initiative.observation
            return SessionJSON.object(texts([("time", m.time.description), ("child", m.child), ("note", m.note), ("kind", m.kind),
                                             ("seen_heard", seen.seenHeard), ("coach_saw", seen.coachSaw),
                                             ("added", seen.addedInConversation ? "conversation" : nil)]))
        }
        let fields: [(String, SessionJSON?)] = [("recording", .text(recording)), ("fragment", fragment),
                                                ("focus", focus.isEmpty ? nil : .list(focus))]
            + texts([("coach", coach), ("professional", professional), ("date", date), ("first_reaction", firstReaction)])
            + [("markers", markers.isEmpty ? nil : .list(markers))]
            + texts([("summary", summary), ("going_well", goingWell), ("agreements", agreements), ("follow_up", followUp),
                     ("evaluation", evaluation)])
        return Data((SessionJSON.object(fields).written(depth: 0) + "\n").utf8)
    }
}

/// JSON as a session file is written: objects keep their fields in the order given (Foundation's
/// `JSONEncoder` does not) and leave out those without a value; the file's own object has a field per
/// line, a list an item per line, any other object is on one line. Reading stays with `SessionReader`,
/// which reports every problem of a file at once (a `Decodable` stops at the first).
private indirect enum SessionJSON {
    case text(String)
    case object([(String, SessionJSON?)])
    case list([SessionJSON])

    func written(depth: Int) -> String {
        switch self {
        case .text(let s):
            // JSONEncoder escapes a string as JSON wants; slashes need no escape.
            return String(decoding: (try? JSONEncoder().encode(s)) ?? Data("\"\"".utf8), as: UTF8.self)
                .replacingOccurrences(of: "\\/", with: "/")
        case .object(let fields):
            let present = fields.compactMap { key, value in value.map { "\"\(key)\": " + $0.written(depth: depth + 1) } }
            return depth == 0 ? "{\n  " + present.joined(separator: ",\n  ") + "\n}" : "{ " + present.joined(separator: ", ") + " }"
        case .list(let items):
            let indent = String(repeating: "  ", count: depth + 1)
            return "[\n" + items.map { indent + $0.written(depth: depth + 1) }.joined(separator: ",\n") + "\n" + String(repeating: "  ", count: depth) + "]"
        }
    }
}

/// Reads a session file's JSON object field by field, collecting every problem (each naming its field) so
/// that all of them are reported at once.
private struct SessionReader {
    let root: [String: Any]
    let language: Language
    var problems: [String] = []

    init(root: [String: Any], language: Language) {
        self.root = root
        self.language = language
    }

    private mutating func problem(_ phrase: Phrase) { problems.append(language.say(phrase)) }

    mutating func string(_ key: String, required: Bool = false) -> String? {
        guard let value = root[key], !(value is NSNull) else {
            if required { problem(Words.fieldIsMissing(key)) }
            return nil
        }
        guard let s = value as? String else {
            problem(Words.fieldMustBeText(key))
            return nil
        }
        return s
    }

    mutating func time(_ text: String?, field: String) -> MarkerTime? {
        guard let text else { return nil }
        guard let t = MarkerTime(parsing: text) else {
            problem(Words.fieldIsNotATime(field, text))
            return nil
        }
        return t
    }

    mutating func unknown(in object: [String: Any], known: Set<String>, at place: String) {
        for key in object.keys.sorted() where !known.contains(key) {
            problem(Words.unknownField(place + key))
        }
    }

    mutating func date(_ key: String) {
        if let d = string(key), !CoachingSession.isDate(d) { problem(Words.fieldIsNotADate(key, d)) }
    }

    mutating func fragment() -> CoachingSession.Fragment? {
        guard let f = root["fragment"], !(f is NSNull) else { return nil }
        guard let f = f as? [String: Any] else {
            problem(Words.fragmentMustBeFromTo)
            return nil
        }
        unknown(in: f, known: CoachingSession.fragmentFields, at: "fragment.")
        let from = time(f["from"] as? String, field: "fragment.from"), to = time(f["to"] as? String, field: "fragment.to")
        if f["from"] as? String == nil { problem(Words.fieldIsMissing("fragment.from")) }
        if f["to"] as? String == nil { problem(Words.fieldIsMissing("fragment.to")) }
        guard let from, let to else { return nil }
        return CoachingSession.Fragment(from: from, to: to)
    }

    /// The children watched: `focus`, and the names of `focus_children` (older files) not in it.
    mutating func focus() -> [CoachingSession.Focus] {
        var focus: [CoachingSession.Focus] = []
        if let f = root["focus"], !(f is NSNull) {
            if let list = f as? [Any] {
                for (i, item) in list.enumerated() {
                    guard let entry = item as? [String: Any] else {
                        problem(Words.focusEntryMustBeAnObject(index: i))
                        continue
                    }
                    unknown(in: entry, known: CoachingSession.Focus.fields, at: "focus[\(i)].")
                    let texts = CoachingSession.Focus.fieldOrder.map { text(entry, $0, at: "focus[\(i)].") }
                    guard let child = texts[0] else {
                        problem(Words.fieldIsMissing("focus[\(i)].child"))
                        continue
                    }
                    focus.append(.init(child: child, professional: texts[1], meaning: texts[2], needs: texts[3], nextTime: texts[4]))
                }
            } else {
                problem(Words.focusMustBeAList)
            }
        }
        if let c = root["focus_children"], !(c is NSNull) {
            if let list = c as? [Any], list.allSatisfy({ $0 is String }) {
                for name in list.compactMap({ $0 as? String }) where !focus.contains(where: { $0.child == name }) {
                    focus.append(.init(child: name))
                }
            } else {
                problem(Words.focusChildrenMustBeNames)
            }
        }
        return focus
    }

    /// A text field of an object inside the file: nil when absent or null, a problem when not text.
    private mutating func text(_ object: [String: Any], _ key: String, at place: String) -> String? {
        guard let value = object[key], !(value is NSNull) else { return nil }
        guard let s = value as? String else {
            problem(Words.fieldMustBeText(place + key))
            return nil
        }
        return s
    }

    /// The contact initiatives: each marker (its line is its number in the list, 1-based) with its kind and
    /// what was seen and heard.
    mutating func initiatives() -> [CoachingSession.Initiative] {
        var initiatives: [CoachingSession.Initiative] = []
        guard let m = root["markers"], !(m is NSNull) else { return initiatives }
        guard let list = m as? [Any] else {
            problem(Words.markersMustBeAList)
            return initiatives
        }
        for (i, item) in list.enumerated() {
            guard let entry = item as? [String: Any] else {
                problem(Words.fieldMustBeAnObject("markers[\(i)]"))
                continue
            }
            unknown(in: entry, known: CoachingSession.markerFields, at: "markers[\(i)].")
            guard let t = entry["time"] as? String else {
                problem(Words.fieldIsMissing("markers[\(i)].time"))
                continue
            }
            for key in ["child", "note", "kind", "seen_heard", "coach_saw"] where entry[key] != nil && !(entry[key] is String) && !(entry[key] is NSNull) {
                problem(Words.fieldMustBeText("markers[\(i)].\(key)"))
            }
            var added = false
            if let value = entry["added"], !(value is NSNull) {
                switch value as? String {
                case "conversation": added = true
                case "prepared": added = false
                default: problem(Words.markerAddedMustBeConversationOrPrepared(index: i))
                }
            }
            guard let parsed = time(t, field: "markers[\(i)].time") else { continue }
            var note = entry["note"] as? String
            var seen = CoachingSession.Observation(seenHeard: entry["seen_heard"] as? String, coachSaw: entry["coach_saw"] as? String,
                                                   addedInConversation: added)
            if let old = self.answers(entry["answers"], marker: i) {
                // An older version asked all four questions at every initiative. What was seen and heard
                // stays the initiative's observation; meaning, needs and next time (asked per child after
                // the fragment now) become lines of the initiative's note, each after its question, so
                // that no word is lost.
                if let s = old[0] { seen.seenHeard = [seen.seenHeard, s].compactMap { $0 }.joined(separator: "\n") }
                let lines = zip(Words.methodQuestions.dropFirst(), old.dropFirst()).compactMap { q, a in a.map { language.say(q) + " " + $0 } }
                if !lines.isEmpty { note = ([note].compactMap { $0 } + lines).joined(separator: "\n") }
            }
            let marker = Marker(time: parsed, child: entry["child"] as? String, note: note, kind: entry["kind"] as? String, line: i + 1)
            initiatives.append(.init(marker, observation: seen))
        }
        return initiatives
    }

    /// An older file's answers to the four questions, in their order; nil when there are none (or they are
    /// not an object).
    private mutating func answers(_ value: Any?, marker i: Int) -> [String?]? {
        guard let value, !(value is NSNull) else { return nil }
        guard let given = value as? [String: Any] else {
            problem(Words.fieldMustBeAnObject("markers[\(i)].answers"))
            return nil
        }
        unknown(in: given, known: Set(CoachingSession.oldAnswerFields), at: "markers[\(i)].answers.")
        var texts: [String?] = []
        for key in CoachingSession.oldAnswerFields {
            let value = given[key]
            if value != nil, !(value is String), !(value is NSNull) { problem(Words.fieldMustBeText("markers[\(i)].answers.\(key)")) }
            texts.append(value as? String)
        }
        return texts.allSatisfy { $0 == nil } ? nil : texts
    }
}
