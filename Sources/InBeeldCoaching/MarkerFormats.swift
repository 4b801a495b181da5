import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Marker files of other tools (see shared/FORMATS.md): read and written so a coach can move markers
/// between InBeeld, ELAN, BORIS, LosslessCut and subtitle files.
public enum MarkerFormat: String, Sendable, CaseIterable {
    /// Our CSV: `time,child,note`.
    case csv
    /// Our plain text: `TIME [child:] note`.
    case text
    case vtt, srt
    /// ELAN annotation document (`.eaf`): one tier per child.
    case eaf
    /// BORIS exported events (TSV or CSV with named columns).
    case boris
    /// LosslessCut segments CSV: `start,end,label`.
    case losslesscut
    /// LosslessCut's "CSV (frames)" export: `start,end,label` in frame numbers (the seconds times the frame
    /// rate, rounded); read as frame numbers (`#N`).
    case losslesscutFrames = "losslesscut-frames"
    /// Audacity's label track export (`.txt`): `start<TAB>end<TAB>label`, seconds with any number of decimals.
    case audacity

    /// The format by the file's extension, and for CSV files by their header row.
    public static func guess(path: String, content: String? = nil) -> MarkerFormat? {
        switch (path as NSString).pathExtension.lowercased() {
        case "vtt": return .vtt
        case "srt": return .srt
        case "eaf": return .eaf
        case "tsv": return .boris
        case "txt": return content.map(looksLikeAudacity) == true ? .audacity : .text
        case "csv":
            let header = (content ?? "").split(whereSeparator: \.isNewline).first.map { $0.lowercased() } ?? ""
            if BORIS.looksLike(content ?? "") { return .boris }
            if header.hasPrefix("start,end") || header.hasPrefix("\u{feff}start,end") { return .losslesscut }
            // LosslessCut without a header: a start in seconds or as a clock time (`0:01:02.500`), or
            // none (the segment starts at 0) before an end.
            let cells = header.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            if cells.count >= 2, [cells[0], cells[1]].contains(where: { !$0.isEmpty }),
               [cells[0], cells[1]].allSatisfy({ $0.isEmpty || Double($0) != nil || MarkerTime(parsing: $0).map { if case .clock = $0 { true } else { false } } == true }) {
                return .losslesscut
            }
            return .csv
        default: return nil
        }
    }

    /// Whether text has the shape of an Audacity label track: every line that is not blank is
    /// `start<TAB>end[<TAB>label]` in seconds, or a spectral selection line (`\<TAB>low<TAB>high`).
    public static func looksLikeAudacity(_ text: String) -> Bool {
        var labels = 0
        for line in text.split(whereSeparator: \.isNewline) where !line.trimmingCharacters(in: .whitespaces).isEmpty {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            if fields.first == "\\" { continue }
            guard fields.count >= 2, fields[0...1].allSatisfy({ Double($0) != nil && !$0.contains(where: { $0.isLetter }) }) else { return false }
            labels += 1
        }
        return labels > 0
    }
}

/// Why markers could not be converted.
public struct MarkerConversionError: Error, Sendable, Equatable {
    /// The file it is about (nil for a problem with the markers themselves), and its line (0: the whole file).
    public var path: String?
    public var line: Int
    public var phrase: Phrase

    public init(path: String? = nil, line: Int = 0, _ phrase: Phrase) {
        self.path = path
        self.line = line
        self.phrase = phrase
    }

    /// `file, line 4: what is wrong` in the coach's language.
    public func message(in language: Language) -> String {
        let text = language.say(phrase)
        guard let path else { return text }
        return (line > 0 ? language.say(Words.fileLine(path, line)) : path) + ": " + text
    }

    /// The message in English (for logs and tests).
    public var message: String { message(in: .en) }
}

public enum MarkerConversion {
    /// Reads markers in `format` from `text` (`name` is for messages). `media` is the recording the markers
    /// are for (its file name), for a file that holds markers of several (a BORIS observation of several
    /// media files): its markers are taken, at its own times.
    public static func read(_ text: String, format: MarkerFormat, name: String, media: String? = nil) throws -> [Marker] {
        switch format {
        case .csv: return try MarkerFile.parse(text, name: name, csv: true)
        case .text: return try MarkerFile.parse(text, name: name, csv: false)
        case .vtt, .srt: return try readCues(text, name: name)
        case .eaf: return try ELAN.read(text, name: name)
        case .boris: return try BORIS.read(text, name: name, media: media)
        case .losslesscut: return try readLosslessCut(text, name: name, frames: false)
        case .losslesscutFrames: return try readLosslessCut(text, name: name, frames: true)
        case .audacity: return try readAudacity(text, name: name)
        }
    }

    /// Writes markers in `format`. Other tools' formats need times, not frame numbers (but LosslessCut's
    /// frames CSV, which takes frame numbers only); ours hold both (`#136`).
    public static func write(_ markers: [Marker], format: MarkerFormat, mediaName: String = "") throws(MarkerConversionError) -> String {
        switch format {
        case .csv:
            // The kind's column only when there are kinds, so a plain list stays `time,child,note`.
            let kinds = markers.contains { $0.kind != nil }
            return (kinds ? "time,child,type,note\n" : "time,child,note\n") + markers.map { m in
                ([m.time.description, m.child ?? ""] + (kinds ? [m.kind ?? ""] : []) + [m.note ?? ""])
                    .map { csvField($0, ",") }.joined(separator: ",")
            }.joined(separator: "\n") + "\n"
        case .text:
            return markers.map { m in
                ([m.time.description] + [m.child.map { "\($0):" }, kindAndNote(m)?.replacingOccurrences(of: "\n", with: " ")].compactMap { $0 })
                    .joined(separator: " ")
            }.joined(separator: "\n") + "\n"
        default: break
        }
        if format == .losslesscutFrames {
            return try markers.map { m throws(MarkerConversionError) in
                guard case .frame(let n) = m.time else {
                    throw MarkerConversionError(Words.isATimeLosslesscutsFramesCsv(m.time))
                }
                return ["\(n)", "", csvField(label(m), ",")].joined(separator: ",")
            }.joined(separator: "\n") + "\n"
        }
        var times: [(us: Int64, marker: Marker)] = []
        for m in markers {
            guard case .clock(let us) = m.time else {
                throw MarkerConversionError(Words.isAFrameNumberOtherTools(m.time))
            }
            times.append((us, m))
        }
        switch format {
        case .csv, .text, .losslesscutFrames: return ""  // written above
        case .vtt: return writeCues(times, srt: false)
        case .srt: return writeCues(times, srt: true)
        case .eaf: return ELAN.write(times, mediaName: mediaName)
        case .boris: return BORIS.write(times, mediaName: mediaName)
        case .losslesscut:
            return times.map { t in
                [seconds(t.us), "", csvField(label(t.marker), ",")].joined(separator: ",")
            }.joined(separator: "\n") + "\n"
        case .audacity:
            // A point label (start = end); a label is one line, so a note's line breaks become spaces.
            return times.map { t in
                let at = String(format: "%lld.%06lld", t.us / 1_000_000, t.us % 1_000_000)
                return [at, at, label(t.marker).replacingOccurrences(of: "\r\n", with: " ").replacingOccurrences(of: "\n", with: " ")
                    .replacingOccurrences(of: "\t", with: " ")].joined(separator: "\t")
            }.joined(separator: "\n") + "\n"
        }
    }

    /// Shifts every time by `microseconds` (recording time to fragment time is a negative shift).
    public static func shift(_ markers: [Marker], by microseconds: Int64) throws(MarkerConversionError) -> [Marker] {
        try markers.map { m throws(MarkerConversionError) in
            guard case .clock(let us) = m.time else { throw MarkerConversionError(Words.isAFrameNumberAndCannot(m.time)) }
            guard us + microseconds >= 0 else {
                throw MarkerConversionError(Words.theMarkerOnLineWouldFall(m.line, m.time))
            }
            var moved = m
            moved.time = .clock(microseconds: us + microseconds)
            return moved
        }
    }

    // MARK: Shared pieces

    static func csvField(_ text: String, _ separator: Character) -> String {
        if text.contains(separator) || text.contains("\"") || text.contains("\n") || text.contains("\r") || text.hasPrefix(" ") || text.hasSuffix(" ") {
            return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return text
    }

    /// Seconds with three decimals: `12.345`.
    static func seconds(_ us: Int64) -> String {
        String(format: "%lld.%03lld", us / 1_000_000, us / 1000 % 1000)
    }

    /// A marker as one label (`Sam: note`), for tools with a single text field.
    static func label(_ m: Marker) -> String {
        [m.child.map { "\($0):" }, kindAndNote(m)].compactMap { $0 }.joined(separator: " ")
    }

    /// The note with the kind before it in brackets (`[looks] at the block`), for formats with no place of
    /// their own for a kind: a coded behaviour is never dropped on the way.
    static func kindAndNote(_ m: Marker) -> String? {
        guard let kind = m.kind, !kind.isEmpty else { return m.note }
        return "[\(kind)]" + (m.note.map { " " + $0 } ?? "")
    }

    /// Splits `Sam: note` back into child and note (a short name before the first colon).
    static func unlabel(_ text: String) -> (child: String?, note: String?) {
        if let colon = text.firstIndex(of: ":") {
            let name = text[..<colon]
            let words = name.split(separator: " ")
            if !name.isEmpty, words.count <= 3, name.count <= 40, !name.contains("\n"),
               name.first != " ", !name.contains(where: \.isNumber) {
                var rest = String(text[text.index(after: colon)...])
                if rest.hasPrefix(" ") { rest.removeFirst() }
                return (String(name), rest.isEmpty ? nil : rest)
            }
        }
        return (nil, text.isEmpty ? nil : text)
    }

    static func parseSeconds(_ text: String) -> Int64? {
        let t = text.trimmingCharacters(in: .whitespaces)
        if let time = MarkerTime(parsing: t), case .clock(let us) = time { return us }
        // Up to about 31 years: anything larger is no time in a recording (and would overflow).
        guard let value = Double(t), value >= 0, value.isFinite, value < 1e9 else { return nil }
        return Int64((value * 1_000_000).rounded())
    }

    // MARK: WebVTT and SRT

    /// Cues: start --> end, then the text. WebVTT names the child as a voice (`<v Sam>`); SRT as `Sam: `.
    /// A blank line inside a note would end the cue, so it is written as a line holding one no-break space.
    static func writeCues(_ times: [(us: Int64, marker: Marker)], srt: Bool) -> String {
        var out = srt ? "" : "WEBVTT\n"
        for (i, t) in times.enumerated() {
            let end = i + 1 < times.count ? max(times[i + 1].us, t.us + 1000) : t.us + 3_000_000
            let stamp = { (us: Int64) -> String in
                let ms = us / 1000
                return String(format: "%02lld:%02lld:%02lld%@%03lld", ms / 3_600_000, ms / 60_000 % 60, ms / 1000 % 60, srt ? "," : ".", ms % 1000)
            }
            var body: String
            if srt {
                body = label(t.marker)
            } else {
                let note = escapeVTT(kindAndNote(t.marker) ?? "")
                body = t.marker.child.map { "<v \(escapeVTT($0))>" + note } ?? note
            }
            body = body.split(separator: "\n", omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces).isEmpty ? "\u{00A0}" : String($0) }.joined(separator: "\n")
            out += (srt ? "" : "\n") + "\(i + 1)\n\(stamp(t.us)) --> \(stamp(end))\n\(body)\n" + (srt ? "\n" : "")
        }
        return out
    }

    static func escapeVTT(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }

    static func unescapeVTT(_ s: String) -> String {
        s.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&nbsp;", with: "\u{00A0}").replacingOccurrences(of: "&amp;", with: "&")
    }

    /// Cues as players find them: a cue is its timing line (`start --> end`, settings after it ignored)
    /// and the lines after it up to a blank line or the next timing line (YouTube's WebVTT has no blank
    /// lines between cues); NOTE, STYLE and REGION blocks have no timing line and are passed over. The
    /// text is what a player shows: WebVTT's tags (`<c>`, `<i>`, inline timestamps...) and SRT's formatting
    /// (`<i>`, `<font ...>`, `{\an8}`) are left out, entities decoded; the first voice (`<v Sam>`) is the child.
    static func readCues(_ raw: String, name: String) throws -> [Marker] {
        var text = raw.replacingOccurrences(of: "\r\n", with: "\n")
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        let webVTT = text.hasPrefix("WEBVTT")
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        /// The start of a timing line, or nil for any other line; a line with `-->` whose start is no
        /// time is an error.
        func start(_ line: String, at number: Int) throws -> MarkerTime? {
            guard line.contains("-->") else { return nil }
            let startText = line.components(separatedBy: "-->")[0].trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ",", with: ".")
            guard let start = MarkerTime(parsing: startText), case .clock = start else {
                throw MarkerFileError(path: name, lines: [.init(line: number, reason: .badTime(startText))])
            }
            return start
        }
        var markers: [Marker] = []
        var i = 0
        while i < lines.count {
            guard let time = try start(lines[i], at: i + 1) else { i += 1; continue }
            let line = i + 1
            i += 1
            var body: [String] = []
            while i < lines.count, !lines[i].isEmpty, !lines[i].contains("-->") {
                body.append(lines[i] == "\u{00A0}" ? "" : lines[i])
                i += 1
            }
            let joined = body.joined(separator: "\n")
            var child: String?, note: String?
            if webVTT {
                if let voice = joined.firstMatch(of: /<v(?:\.[^\s>]+)*[ \t]+([^>]*)>/) {
                    child = unescapeVTT(String(voice.1)).trimmingCharacters(in: .whitespaces)
                }
                let shown = unescapeVTT(joined.replacing(/<[^>]*>/, with: ""))
                note = shown.isEmpty ? nil : shown
            } else {
                (child, note) = unlabel(joined.replacing(/(?i)<\/?(i|b|u|font)(\s[^>]*)?>/, with: "").replacing(/\{\\[^}]*\}/, with: ""))
            }
            markers.append(Marker(time: time, child: child, note: note, line: line))
        }
        return markers
    }

    // MARK: LosslessCut

    /// Whether every start and end in a LosslessCut CSV is a whole number: its frames export writes them so,
    /// its seconds export only for segments on whole seconds, so such a file cannot be told apart.
    static func losslessCutTimesAreWhole(_ raw: String) -> Bool {
        guard let records = try? CSVReader.records(raw.hasPrefix("\u{FEFF}") ? String(raw.dropFirst()) : raw, separator: ",") else { return false }
        let values = records.enumerated().flatMap { i, r -> [String] in
            if i == 0, r.fields.first?.lowercased() == "start" { return [] }
            return r.fields.prefix(2).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        return !values.isEmpty && values.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isASCIIDigit) } && values.contains { $0 != "0" }
    }

    static func readLosslessCut(_ raw: String, name: String, frames: Bool) throws -> [Marker] {
        var text = raw
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        let records = try CSVReader.records(text, separator: ",", name: name)
        var markers: [Marker] = []
        var bad: [MarkerFileError.BadLine] = []
        for (i, record) in records.enumerated() where !record.fields.allSatisfy({ $0.isEmpty }) {
            if i == 0, record.fields.first?.lowercased() == "start" { continue }
            // No start: the segment starts at the beginning (LosslessCut's own reading).
            let start = record.fields[0].trimmingCharacters(in: .whitespaces)
            let time: MarkerTime
            if frames {
                guard let n = start.isEmpty ? 0 : (start.count <= 9 && start.allSatisfy(\.isASCIIDigit) ? Int(start) : nil) else {
                    bad.append(.init(line: record.line, reason: .badTime(record.fields[0])))
                    continue
                }
                time = .frame(n)
            } else {
                guard let us = start.isEmpty ? 0 : parseSeconds(start) else {
                    bad.append(.init(line: record.line, reason: .badTime(record.fields[0])))
                    continue
                }
                time = .clock(microseconds: us)
            }
            let label = record.fields.count > 2 ? record.fields[2] : ""
            let (child, note) = unlabel(label)
            markers.append(Marker(time: time, child: child, note: note, line: record.line))
        }
        if !bad.isEmpty { throw MarkerFileError(path: name, lines: bad) }
        return markers
    }
}

extension MarkerConversion {
    // MARK: Audacity

    /// An Audacity label track: a marker at each label's start, its text split into child and note as in
    /// LosslessCut (`Sam: note`); spectral selection lines (`\` first) are skipped.
    static func readAudacity(_ raw: String, name: String) throws(MarkerFileError) -> [Marker] {
        // "\r\n" is one Character: made "\n" before splitting into lines.
        var text = raw.replacingOccurrences(of: "\r\n", with: "\n")
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        var markers: [Marker] = []
        var bad: [MarkerFileError.BadLine] = []
        for (i, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine[...]
            guard !line.trimmingCharacters(in: .whitespaces).isEmpty else { continue }
            let fields = line.split(separator: "\t", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
            if fields[0] == "\\" { continue }
            guard let us = parseSeconds(fields[0]) else {
                bad.append(.init(line: i + 1, reason: .badTime(fields[0])))
                continue
            }
            let (child, note) = unlabel(fields.count > 2 ? fields[2] : "")
            markers.append(Marker(time: .clock(microseconds: us), child: child, note: note, line: i + 1))
        }
        if !bad.isEmpty { throw MarkerFileError(path: name, lines: bad) }
        return markers
    }
}

/// ELAN's annotation documents: one tier per child, each marker an annotation from its time to one
/// millisecond later, its value the note.
enum ELAN {
    static func write(_ times: [(us: Int64, marker: Marker)], mediaName: String) -> String {
        func attr(_ s: String) -> String {
            s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
                .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
                .replacingOccurrences(of: "\n", with: "&#10;")
        }
        var slots = "", tiers: [String: String] = [:], order: [String] = []
        for (i, t) in times.enumerated() {
            let ms = t.us / 1000
            slots += "        <TIME_SLOT TIME_SLOT_ID=\"ts\(2 * i + 1)\" TIME_VALUE=\"\(ms)\"/>\n"
            slots += "        <TIME_SLOT TIME_SLOT_ID=\"ts\(2 * i + 2)\" TIME_VALUE=\"\(ms + 1)\"/>\n"
            let tier = t.marker.child ?? "markers"
            if tiers[tier] == nil { order.append(tier); tiers[tier] = "" }
            tiers[tier]! += """
                    <ANNOTATION>
                        <ALIGNABLE_ANNOTATION ANNOTATION_ID="a\(i + 1)" TIME_SLOT_REF1="ts\(2 * i + 1)" TIME_SLOT_REF2="ts\(2 * i + 2)">
                            <ANNOTATION_VALUE>\(attr(MarkerConversion.kindAndNote(t.marker) ?? ""))</ANNOTATION_VALUE>
                        </ALIGNABLE_ANNOTATION>
                    </ANNOTATION>

            """
        }
        // EAF 3.0 wants a DATE (xs:dateTime) and, for a media descriptor, a URL: the recording beside the
        // file, its name percent-encoded; without a recording's name there is no descriptor (not "file:///").
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        let url = mediaName.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/"))) ?? ""
        let media = mediaName.isEmpty ? "" : """
                    <MEDIA_DESCRIPTOR MEDIA_URL="file:///\(attr(url))" RELATIVE_MEDIA_URL="./\(attr(url))" MIME_TYPE="video/mp4"/>

            """
        var out = """
        <?xml version="1.0" encoding="UTF-8"?>
        <ANNOTATION_DOCUMENT AUTHOR="InBeeld" DATE="\(formatter.string(from: Date()))" FORMAT="3.0" VERSION="3.0">
            <HEADER MEDIA_FILE="" TIME_UNITS="milliseconds">

        """ + media + """
            </HEADER>
            <TIME_ORDER>

        """
        out += slots + "    </TIME_ORDER>\n"
        for tier in order {
            let participant = tier == "markers" ? "" : " PARTICIPANT=\"\(attr(tier))\""
            out += "    <TIER TIER_ID=\"\(attr(tier))\" LINGUISTIC_TYPE_REF=\"default-lt\"\(participant)>\n" + tiers[tier]! + "    </TIER>\n"
        }
        out += "    <LINGUISTIC_TYPE LINGUISTIC_TYPE_ID=\"default-lt\" TIME_ALIGNABLE=\"true\" GRAPHIC_REFERENCES=\"false\"/>\n</ANNOTATION_DOCUMENT>\n"
        return out
    }

    static func read(_ text: String, name: String) throws -> [Marker] {
        let reader = Reader()
        // Processing instructions (`<?...?>`, the XML declaration included) carry nothing ELAN needs, and one
        // without data crashes FoundationXML on Linux (found by fuzzing): they are left out before parsing.
        let parser = XMLParser(data: Data(withoutProcessingInstructions(text).utf8))
        parser.delegate = reader
        // FoundationXML on Linux answers true for some broken documents, with the error set, or none for an
        // unclosed element: all three are checked.
        guard parser.parse(), parser.parserError == nil, reader.depth == 0 else {
            let code = (parser.parserError as NSError?)?.code
            if reader.depth > 0 {
                throw MarkerConversionError(path: name, line: parser.lineNumber, Words.notAValidElanDocumentIt)
            }
            throw MarkerConversionError(path: name, line: parser.lineNumber, Words.notAValidElanDocumentXml(code ?? 0))
        }
        // Values of dependent tiers (translations, codes: REF_ANNOTATIONs) join their parent's note, one line
        // each, after the tier's name.
        var dependents: [String: [String]] = [:]
        let parents = Dictionary(reader.references.map { ($0.id, $0.parent) }, uniquingKeysWith: { first, _ in first })
        for r in reader.references where !r.value.isEmpty {
            // A dependent of a dependent joins the aligned annotation at the chain's root.
            var root = r.parent, steps = 0
            while let up = parents[root], steps < parents.count { root = up; steps += 1 }
            dependents[root, default: []].append("\(r.tier): \(r.value)")
        }
        var markers: [Marker] = []
        for a in reader.annotations {
            guard let ms = reader.slots[a.ref1] ?? reader.unalignedTime(a.ref1) else {
                if reader.unaligned.contains(a.ref1) {
                    throw MarkerConversionError(path: name, Words.annotationStartsAtTimeSlotWhich(a.id, a.ref1))
                }
                throw MarkerConversionError(path: name, Words.annotationRefersToAnUnknownTime(a.id, a.ref1))
            }
            guard (0...1_000_000_000_000).contains(ms + reader.origin) else {
                throw MarkerConversionError(path: name, line: a.line, Words.theTimeMsIsNotA(ms))
            }
            let child = a.tier == "markers" ? nil : (a.participant?.isEmpty == false ? a.participant : a.tier)
            let note = ([a.value].filter { !$0.isEmpty } + (dependents[a.id] ?? [])).joined(separator: "\n")
            markers.append(Marker(time: .clock(microseconds: (ms + reader.origin) * 1000), child: child,
                                  note: note.isEmpty ? nil : note, line: a.line))
        }
        return markers.sorted { ($0.time.sortKey, $0.line) < ($1.time.sortKey, $1.line) }
    }

    static func withoutProcessingInstructions(_ text: String) -> String {
        var out = ""
        var rest = Substring(text)
        while let open = rest.range(of: "<?") {
            out += rest[..<open.lowerBound]
            guard let close = rest[open.upperBound...].range(of: "?>") else { return out }
            rest = rest[close.upperBound...]
        }
        return out + rest
    }

    private final class Reader: NSObject, XMLParserDelegate {
        struct Annotation { var id = "", ref1 = "", ref2 = "", tier = "", participant: String?, value = "", line = 0 }
        struct Reference { var id = "", parent = "", tier = "", value = "" }
        var slots: [String: Int64] = [:]
        /// Time slots without a time (normal in ELAN: the inner boundaries of a subdivided annotation).
        var unaligned: Set<String> = []
        var annotations: [Annotation] = []
        var references: [Reference] = []
        private var reference: Reference?

        /// An unaligned slot's time as ELAN shows it: the annotations on its tier that chain through it
        /// (one's end slot the next one's start) are spread evenly between the aligned slots at the chain's
        /// two ends. Nil when the chain does not reach an aligned slot on both sides.
        func unalignedTime(_ slot: String) -> Int64? {
            guard unaligned.contains(slot), let tier = annotations.first(where: { $0.ref1 == slot || $0.ref2 == slot })?.tier else { return nil }
            let chain = annotations.filter { $0.tier == tier }
            var next: [String: String] = [:], previous: [String: String] = [:]
            for a in chain { next[a.ref1] = a.ref2; previous[a.ref2] = a.ref1 }
            var back = 0, forward = 0, before = slot, after = slot
            while slots[before] == nil {
                guard let p = previous[before], back < chain.count else { return nil }
                before = p; back += 1
            }
            while slots[after] == nil {
                guard let n = next[after], forward < chain.count else { return nil }
                after = n; forward += 1
            }
            guard let start = slots[before], let end = slots[after] else { return nil }
            return start + (end - start) * Int64(back) / Int64(back + forward)
        }
        var origin: Int64 = 0
        private var tier = "", participant: String?
        private var current: Annotation?
        private var inValue = false
        /// Elements open now: FoundationXML on Linux reports a document that ends early (`<A><B>`) as parsed.
        var depth = 0

        func parser(_ parser: XMLParser, didStartElement element: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            depth += 1
            switch element {
            case "TIME_SLOT":
                if let id = attributes["TIME_SLOT_ID"], let v = attributes["TIME_VALUE"].flatMap({ Int64($0) }),
                   abs(v) < 1_000_000_000_000 { slots[id] = v } else if let id = attributes["TIME_SLOT_ID"], attributes["TIME_VALUE"] == nil {
                    unaligned.insert(id)
                }
            case "MEDIA_DESCRIPTOR":
                if let o = attributes["TIME_ORIGIN"].flatMap({ Int64($0) }), abs(o) < 1_000_000_000_000 { origin = o }
            case "TIER":
                tier = attributes["TIER_ID"] ?? ""
                participant = attributes["PARTICIPANT"]
            case "ALIGNABLE_ANNOTATION":
                current = Annotation(id: attributes["ANNOTATION_ID"] ?? "", ref1: attributes["TIME_SLOT_REF1"] ?? "",
                                     ref2: attributes["TIME_SLOT_REF2"] ?? "", tier: tier, participant: participant, line: parser.lineNumber)
            case "REF_ANNOTATION":
                reference = Reference(id: attributes["ANNOTATION_ID"] ?? "", parent: attributes["ANNOTATION_REF"] ?? "", tier: tier)
            case "ANNOTATION_VALUE":
                inValue = true
            default: break
            }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if inValue { current?.value += string; reference?.value += string }
        }

        func parser(_ parser: XMLParser, didEndElement element: String, namespaceURI: String?, qualifiedName: String?) {
            depth -= 1
            if element == "ANNOTATION_VALUE" { inValue = false }
            if element == "ALIGNABLE_ANNOTATION", let c = current { annotations.append(c); current = nil }
            if element == "REF_ANNOTATION", let r = reference { references.append(r); reference = nil }
        }
    }
}

extension MarkerTime {
    /// For sorting: times in microseconds; frame numbers after all times.
    var sortKey: Int64 {
        switch self {
        case .clock(let us): return us
        case .frame(let n): return Int64.max / 2 + Int64(n)
        // Timecodes sort among themselves (a file holds one kind of time).
        case let .timecode(seconds, frames, _): return Int64.max / 4 + min(seconds, Int64(Int32.max)) * 1000 + Int64(frames)
        }
    }
}
