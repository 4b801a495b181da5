import Foundation

/// One coaching session in one file: the recording, the chosen fragment, who takes part, the marked
/// contact initiatives, and what was agreed (the method's steps 2 to 4).
public struct CoachingSession: Sendable, Equatable {
    public struct Fragment: Sendable, Equatable {
        public var from: MarkerTime
        public var to: MarkerTime

        public init(from: MarkerTime, to: MarkerTime) {
            self.from = from
            self.to = to
        }
    }

    /// The recording, as written in the file (relative to the session file).
    public var recording: String
    public var fragment: Fragment?
    public var focusChildren: [String]
    public var coach: String?
    public var professional: String?
    public var date: String?
    /// The contact initiatives; `kind` (a look, a word, offering a toy...) is kept in the note's place
    /// when there is no note.
    public var markers: [Marker]
    public var kinds: [Int: String]
    /// What the professional said about each contact initiative in the conversation, by marker line.
    public var answers: [Int: Answers] = [:]
    public var summary: String?
    public var agreements: String?
    public var followUp: String?

    /// The session file's folder: the recording is found relative to it.
    public var folder: String = "."

    public init(recording: String, fragment: Fragment? = nil, focusChildren: [String] = [], coach: String? = nil,
                professional: String? = nil, date: String? = nil, markers: [Marker] = [], kinds: [Int: String] = [:],
                summary: String? = nil, agreements: String? = nil, followUp: String? = nil) {
        self.recording = recording
        self.fragment = fragment
        self.focusChildren = focusChildren
        self.coach = coach
        self.professional = professional
        self.date = date
        self.markers = markers
        self.kinds = kinds
        self.summary = summary
        self.agreements = agreements
        self.followUp = followUp
    }

    /// The professional's answers to the method's four questions about one contact initiative (step 3),
    /// as the coach typed them in the conversation.
    public struct Answers: Sendable, Equatable, Codable {
        /// What do you see and hear?
        public var seenHeard: String?
        /// What did this moment mean for the child?
        public var meaning: String?
        /// Which (developmental) needs does the child have?
        public var needs: String?
        /// What can you do for this child in a similar moment next time?
        public var nextTime: String?

        public init(seenHeard: String? = nil, meaning: String? = nil, needs: String? = nil, nextTime: String? = nil) {
            self.seenHeard = seenHeard
            self.meaning = meaning
            self.needs = needs
            self.nextTime = nextTime
        }

        /// In the order of the questions, with their names in the session file.
        public static let fields = ["seen_heard", "meaning", "needs", "next_time"]
        public var inOrder: [String?] { [seenHeard, meaning, needs, nextTime] }
        public var isEmpty: Bool { inOrder.allSatisfy { $0 == nil } }
    }

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
            throw SessionError(path: path, problems: [language.say(Words.theFileCannotBeRead)])
        }
        var session = try parse(data, name: path, language: language)
        session.folder = Paths.parent(of: path).isEmpty ? "." : Paths.parent(of: path)
        return session
    }

    /// The fields a session file may have (`Schemas/session.schema.json` describes the same), at the top,
    /// in `fragment`, and in each of `markers`.
    public static let fields: Set<String> = ["$schema", "recording", "fragment", "focus_children", "coach", "professional", "date",
                                             "markers", "summary", "agreements", "follow_up"]
    public static let fragmentFields: Set<String> = ["from", "to"]
    public static let markerFields: Set<String> = ["time", "child", "note", "kind", "answers"]

    /// Parses session JSON (see `Schemas/session.schema.json`).
    public static func parse(_ data: Data, name: String, language: Language) throws(SessionError) -> CoachingSession {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw SessionError(path: name, problems: [language.say(Words.thisIsNotValidJson) + " (" + jsonErrorPlace(error, data) + ")."])
        }
        guard let root = object as? [String: Any] else {
            throw SessionError(path: name, problems: [language.say(Words.theFileMustHoldOneJson)])
        }
        var reader = SessionReader(root: root, language: language)
        reader.unknown(in: root, known: Self.fields, at: "")
        let recording = reader.string("recording", required: true)
        let fragment = reader.fragment()
        let children = reader.focusChildren()
        for key in ["date", "follow_up"] { reader.date(key) }
        let (markers, kinds, answers) = reader.markers()
        var session = CoachingSession(recording: recording ?? "", fragment: fragment, focusChildren: children,
                                      coach: reader.string("coach"), professional: reader.string("professional"),
                                      date: reader.string("date"), markers: markers, kinds: kinds, summary: reader.string("summary"),
                                      agreements: reader.string("agreements"), followUp: reader.string("follow_up"))
        session.answers = answers
        if !reader.problems.isEmpty { throw SessionError(path: name, problems: reader.problems) }
        return session
    }

    static func isDate(_ s: String) -> Bool {
        let parts = s.split(separator: "-")
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let m = Int(parts[1]), let d = Int(parts[2]), Int(parts[0]) != nil else { return false }
        return (1...12).contains(m) && (1...31).contains(d)
    }

    /// Where JSON broke: FFoundation's message names the place; the line is counted from its offset.
    private static func jsonErrorPlace(_ error: Error, _ data: Data) -> String {
        let description = (error as NSError).userInfo["NSDebugDescription"] as? String ?? "\(error)"
        if let range = description.range(of: "line "), let line = Int(description[range.upperBound...].prefix { $0.isNumber }) {
            return "line \(line): \(description)"
        }
        if let range = description.range(of: "character "), let offset = Int(description[range.upperBound...].prefix { $0.isNumber }) {
            let line = data.prefix(offset).filter { $0 == UInt8(ascii: "\n") }.count + 1
            return "line \(line): \(description)"
        }
        return description
    }
}

extension CoachingSession {
    /// The session as a session file (see `Schemas/session.schema.json`): fields in the schema's order,
    /// absent fields left out, two-space indents, a newline at the end. `parse` reads it back unchanged.
    public func jsonData() -> Data {
        func text(_ s: String) -> String {
            String(decoding: (try? JSONEncoder().encode(s)) ?? Data("\"\"".utf8), as: UTF8.self)
                .replacingOccurrences(of: "\\/", with: "/")
        }
        var fields: [String] = ["\"recording\": \(text(recording))"]
        if let fragment {
            fields.append("\"fragment\": { \"from\": \(text(fragment.from.description)), \"to\": \(text(fragment.to.description)) }")
        }
        if !focusChildren.isEmpty {
            fields.append("\"focus_children\": [" + focusChildren.map(text).joined(separator: ", ") + "]")
        }
        for (key, value) in [("coach", coach), ("professional", professional), ("date", date)] {
            if let value { fields.append("\"\(key)\": \(text(value))") }
        }
        if !markers.isEmpty {
            let lines = markers.map { m -> String in
                var parts = ["\"time\": \(text(m.time.description))"]
                if let child = m.child { parts.append("\"child\": \(text(child))") }
                if let note = m.note { parts.append("\"note\": \(text(note))") }
                if let kind = kinds[m.line] { parts.append("\"kind\": \(text(kind))") }
                if let given = answers[m.line], !given.isEmpty {
                    let pairs = zip(Answers.fields, given.inOrder).compactMap { key, value in value.map { "\"\(key)\": \(text($0))" } }
                    parts.append("\"answers\": { " + pairs.joined(separator: ", ") + " }")
                }
                return "    { " + parts.joined(separator: ", ") + " }"
            }
            fields.append("\"markers\": [\n" + lines.joined(separator: ",\n") + "\n  ]")
        }
        for (key, value) in [("summary", summary), ("agreements", agreements), ("follow_up", followUp)] {
            if let value { fields.append("\"\(key)\": \(text(value))") }
        }
        return Data(("{\n  " + fields.joined(separator: ",\n  ") + "\n}\n").utf8)
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
            problem(Words.fieldIsNotATimeFor(field, text))
            return nil
        }
        return t
    }

    mutating func unknown(in object: [String: Any], known: Set<String>, at place: String) {
        for key in object.keys.sorted() where !known.contains(key) {
            problem(Words.unknownField(place, key))
        }
    }

    mutating func date(_ key: String) {
        if let d = string(key), !CoachingSession.isDate(d) { problem(Words.fieldIsNotADateYyyy(key, d)) }
    }

    mutating func fragment() -> CoachingSession.Fragment? {
        guard let f = root["fragment"], !(f is NSNull) else { return nil }
        guard let f = f as? [String: Any] else {
            problem(Words.fieldFragmentMustBeFromTo)
            return nil
        }
        unknown(in: f, known: CoachingSession.fragmentFields, at: "fragment.")
        let from = time(f["from"] as? String, field: "fragment.from"), to = time(f["to"] as? String, field: "fragment.to")
        if f["from"] as? String == nil { problem(Words.fieldFragmentFromIsMissing) }
        if f["to"] as? String == nil { problem(Words.fieldFragmentToIsMissing) }
        guard let from, let to else { return nil }
        return CoachingSession.Fragment(from: from, to: to)
    }

    mutating func focusChildren() -> [String] {
        guard let c = root["focus_children"], !(c is NSNull) else { return [] }
        guard let list = c as? [Any], list.allSatisfy({ $0 is String }) else {
            problem(Words.fieldFocusChildrenMustBeA)
            return []
        }
        return list.compactMap { $0 as? String }
    }

    /// The markers, their kinds and answers by marker number (1-based).
    mutating func markers() -> ([Marker], [Int: String], [Int: CoachingSession.Answers]) {
        var markers: [Marker] = [], kinds: [Int: String] = [:], answers: [Int: CoachingSession.Answers] = [:]
        guard let m = root["markers"], !(m is NSNull) else { return (markers, kinds, answers) }
        guard let list = m as? [Any] else {
            problem(Words.fieldMarkersMustBeAList)
            return (markers, kinds, answers)
        }
        for (i, item) in list.enumerated() {
            guard let entry = item as? [String: Any] else {
                problem(Words.fieldMarkersMustBeAnObject(i))
                continue
            }
            unknown(in: entry, known: CoachingSession.markerFields, at: "markers[\(i)].")
            guard let t = entry["time"] as? String else {
                problem(Words.fieldMarkersTimeIsMissing(i))
                continue
            }
            for key in ["child", "note", "kind"] where entry[key] != nil && !(entry[key] is String) && !(entry[key] is NSNull) {
                problem(Words.fieldMarkersMustBeText(i, key))
            }
            guard let parsed = time(t, field: "markers[\(i)].time") else { continue }
            markers.append(Marker(time: parsed, child: entry["child"] as? String, note: entry["note"] as? String, line: i + 1))
            if let kind = entry["kind"] as? String { kinds[i + 1] = kind }
            if let given = self.answers(entry["answers"], marker: i) { answers[i + 1] = given }
        }
        return (markers, kinds, answers)
    }

    /// A marker's answers to the method's four questions; nil when there are none (or they are not an object).
    private mutating func answers(_ value: Any?, marker i: Int) -> CoachingSession.Answers? {
        guard let value, !(value is NSNull) else { return nil }
        guard let given = value as? [String: Any] else {
            problem(Words.fieldMarkersAnswersMustBeAn(i))
            return nil
        }
        unknown(in: given, known: Set(CoachingSession.Answers.fields), at: "markers[\(i)].answers.")
        var texts: [String?] = []
        for key in CoachingSession.Answers.fields {
            let value = given[key]
            if value != nil, !(value is String), !(value is NSNull) { problem(Words.fieldMarkersAnswersMustBeText(i, key)) }
            texts.append(value as? String)
        }
        let parsed = CoachingSession.Answers(seenHeard: texts[0], meaning: texts[1], needs: texts[2], nextTime: texts[3])
        return parsed.isEmpty ? nil : parsed
    }
}
