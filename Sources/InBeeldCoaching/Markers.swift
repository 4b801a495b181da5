import Foundation

/// A contact initiative the coach marked: when, which child, and what is seen and heard.
public struct Marker: Sendable, Hashable {
    public var time: MarkerTime
    public var child: String?
    public var note: String?
    /// What kind of initiative (a look, a word, offering a toy), or another tool's coded behaviour.
    public var kind: String?
    /// The line of the marker file it came from (1-based), for messages.
    public var line: Int

    public init(time: MarkerTime, child: String? = nil, note: String? = nil, kind: String? = nil, line: Int = 0) {
        self.time = time
        self.child = child
        self.note = note
        self.kind = kind
        self.line = line
    }
}

/// Why a marker file could not be read: every bad line with its reason.
public struct MarkerFileError: Error, Sendable, Equatable {
    public enum Reason: Sendable, Equatable {
        case unreadable
        case notText
        case noTimeColumn(header: String)
        case badTime(String)
        case unclosedQuote
        case tooManyFields(expected: Int, found: Int)
        case empty
        /// Another tool's file that could not be read as that tool writes it (the reader's own words).
        case format(Phrase)
    }

    public struct BadLine: Sendable, Equatable {
        public var line: Int
        public var reason: Reason
    }

    public var path: String
    public var lines: [BadLine]

    /// One message per bad line: `markers.csv, line 4: '1:75' is not a time; write ...`.
    public func messages(in language: Language) -> [String] {
        let name = path
        return lines.map { bad in
            let place = bad.line > 0 ? language.say(Words.fileLine(name, bad.line)) : name
            return "\(place): " + describe(bad.reason, language)
        }
    }

    private func describe(_ reason: Reason, _ language: Language) -> String {
        switch reason {
        case .unreadable:
            return language.say(Words.theFileCannotBeRead)
        case .notText:
            return language.say(Words.thisIsNotATextFileSaveAsCSV)
        case .noTimeColumn(let header):
            return language.say(Words.theHeaderRowHasNoTime(header))
        case .badTime(let text):
            return language.say(Words.isNotATimeWriteFor(text))
        case .unclosedQuote:
            return language.say(Words.aQuoteIsNeverClosed)
        case let .tooManyFields(expected, found):
            return language.say(Words.fieldsButTheHeaderNamesPut(found, expected))
        case .empty:
            return language.say(Words.itHoldsNoMarkers)
        case .format(let phrase):
            return language.say(phrase)
        }
    }
}

/// Reads the coach's list of contact initiatives: a CSV file with a header row (`time`, optional
/// `child` and `note`; comma or semicolon separated, as Dutch spreadsheets write), or a plain text file
/// with one marker per line (`TIME [child:] note`, `#` comments).
public enum MarkerFile {
    /// Parses marker text. `csv`: `true` or `false` to say which format, `nil` to tell from the first line.
    public static func parse(_ raw: String, name: String, csv: Bool? = nil) throws(MarkerFileError) -> [Marker] {
        var text = raw
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        let isCSV = csv ?? looksLikeCSV(text)
        // An Audacity label track saved as `.txt` is read as one (its tab-separated start and end would
        // otherwise become a time and a note).
        let markers: [Marker]
        if !isCSV, MarkerFormat.looksLikeAudacity(text) {
            markers = try MarkerConversion.readAudacity(text, name: name)
        } else {
            markers = try isCSV ? parseCSV(text, name: name) : parseText(text, name: name)
        }
        if markers.isEmpty { throw MarkerFileError(path: name, lines: [.init(line: 0, reason: .empty)]) }
        return markers
    }

    /// `In` is Premiere's marker export's column (a timecode).
    static let timeHeaders: Set<String> = ["time", "tijd", "tijdstip", "in"]
    static let childHeaders: Set<String> = ["child", "kind", "focuskind"]
    /// Every one of these a row has joins its note, one per line (Premiere: `Marker Name`, `Description`).
    static let noteHeaders: Set<String> = ["note", "notitie", "opmerking", "beschrijving", "marker name", "description", "comment", "comments"]
    /// The kind of initiative ("kind" is Dutch for child, so not that word).
    static let kindHeaders: Set<String> = ["type", "soort", "behavior", "behaviour", "gedrag"]

    private static func looksLikeCSV(_ text: String) -> Bool {
        guard let first = text.split(whereSeparator: \.isNewline).first(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty }) else {
            return false
        }
        let cells = first.split(whereSeparator: { $0 == "," || $0 == ";" || $0 == "\t" })
            .map { $0.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\"")).lowercased() }
        return cells.contains { timeHeaders.contains($0) }
    }

    // MARK: CSV

    private static func parseCSV(_ text: String, name: String) throws(MarkerFileError) -> [Marker] {
        let firstLine = text.prefix { $0 != "\n" && $0 != "\r" }
        let separator: Character = separatorOf(String(firstLine))
        let records: [(line: Int, fields: [String])]
        do {
            records = try CSVReader.records(text, separator: separator)
        } catch let error as CSVReader.UnclosedQuote {
            throw MarkerFileError(path: name, lines: [.init(line: error.line, reason: .unclosedQuote)])
        } catch {
            throw MarkerFileError(path: name, lines: [.init(line: 0, reason: .unreadable)])
        }
        guard let header = records.first else { return [] }
        let columns = header.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        guard let timeColumn = columns.firstIndex(where: { timeHeaders.contains($0) }) else {
            throw MarkerFileError(path: name, lines: [.init(line: header.line, reason: .noTimeColumn(header: header.fields.joined(separator: String(separator))))])
        }
        let childColumn = columns.firstIndex { childHeaders.contains($0) }
        let noteColumns = columns.indices.filter { noteHeaders.contains(columns[$0]) }
        let kindColumn = columns.firstIndex { kindHeaders.contains($0) }

        var markers: [Marker] = []
        var bad: [MarkerFileError.BadLine] = []
        for record in records.dropFirst() {
            if record.fields.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { continue }
            if record.fields.count > header.fields.count,
               record.fields[header.fields.count...].contains(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty }) {
                bad.append(.init(line: record.line, reason: .tooManyFields(expected: header.fields.count, found: record.fields.count)))
                continue
            }
            let field = { (i: Int?) -> String? in
                guard let i, i < record.fields.count else { return nil }
                let v = record.fields[i].trimmingCharacters(in: .whitespacesAndNewlines)
                return v.isEmpty ? nil : v
            }
            let timeText = field(timeColumn) ?? ""
            guard let time = MarkerTime(parsing: timeText) else {
                bad.append(.init(line: record.line, reason: .badTime(timeText)))
                continue
            }
            let note = noteColumns.compactMap(field).joined(separator: "\n")
            markers.append(Marker(time: time, child: field(childColumn), note: note.isEmpty ? nil : note, kind: field(kindColumn), line: record.line))
        }
        if !bad.isEmpty { throw MarkerFileError(path: name, lines: bad) }
        return markers
    }

    /// The header line's separator outside quotes: a tab when it has more tabs than commas and semicolons
    /// (Premiere's marker export), a semicolon when more semicolons than commas (Dutch spreadsheets); else a comma.
    private static func separatorOf(_ line: String) -> Character {
        var inQuotes = false, commas = 0, semicolons = 0, tabs = 0
        for c in line {
            if c == "\"" { inQuotes.toggle() }
            if !inQuotes && c == "," { commas += 1 }
            if !inQuotes && c == ";" { semicolons += 1 }
            if !inQuotes && c == "\t" { tabs += 1 }
        }
        if tabs > max(commas, semicolons) { return "\t" }
        return semicolons > commas ? ";" : ","
    }

    // MARK: Plain text

    private static func parseText(_ text: String, name: String) throws(MarkerFileError) -> [Marker] {
        var markers: [Marker] = []
        var bad: [MarkerFileError.BadLine] = []
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" })
        for (i, rawLine) in lines.enumerated() {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") && MarkerTime(parsing: String(line.prefix { !$0.isWhitespace })) == nil {
                continue
            }
            let timeText = String(line.prefix { !$0.isWhitespace })
            guard let time = MarkerTime(parsing: timeText) else {
                bad.append(.init(line: i + 1, reason: .badTime(timeText)))
                continue
            }
            let rest = line.dropFirst(timeText.count).trimmingCharacters(in: .whitespaces)
            var child: String?
            var note: String? = rest.isEmpty ? nil : rest
            // `Sam: offers a toy`: a short name before a colon is the child.
            if let colon = rest.firstIndex(of: ":") {
                let before = rest[..<colon].trimmingCharacters(in: .whitespaces)
                let words = before.split(separator: " ")
                if !before.isEmpty, words.count <= 3, before.count <= 40 {
                    child = before
                    let after = rest[rest.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                    note = after.isEmpty ? nil : after
                }
            }
            markers.append(Marker(time: time, child: child, note: note, line: i + 1))
        }
        if !bad.isEmpty { throw MarkerFileError(path: name, lines: bad) }
        return markers
    }
}

/// A small RFC 4180 reader: quoted fields may hold separators, quotes (doubled) and newlines.
enum CSVReader {
    struct UnclosedQuote: Error { var line: Int }

    /// The records, or a marker-file error naming the line of a quote that is never closed.
    static func records(_ text: String, separator: Character, name: String) throws(MarkerFileError) -> [(line: Int, fields: [String])] {
        do { return try records(text, separator: separator) } catch let error as UnclosedQuote {
            throw MarkerFileError(path: name, lines: [.init(line: error.line, reason: .unclosedQuote)])
        } catch {
            throw MarkerFileError(path: name, lines: [.init(line: 0, reason: .unreadable)])
        }
    }

    /// The records with the line each starts on (1-based).
    static func records(_ text: String, separator: Character) throws -> [(line: Int, fields: [String])] {
        var records: [(line: Int, fields: [String])] = []
        var fields: [String] = []
        var field = ""
        var inQuotes = false
        var line = 1, recordLine = 1, quoteLine = 1
        var chars = Array(text)
        // "\r\n" is one Character: a file ending in CRLF has its last line ended already.
        if let last = chars.last, last != "\n", last != "\r\n", last != "\r" { chars.append("\n") }
        var i = 0
        var atFieldStart = true
        while i < chars.count {
            let c = chars[i]
            if inQuotes {
                if c == "\"" {
                    if i + 1 < chars.count, chars[i + 1] == "\"" { field.append("\""); i += 1 } else { inQuotes = false }
                } else {
                    if c == "\n" || c == "\r\n" { line += 1 }
                    field.append(c)
                }
            } else if c == "\"" && atFieldStart {
                inQuotes = true
                quoteLine = line
            } else if c == separator {
                fields.append(field); field = ""; atFieldStart = true; i += 1; continue
            } else if c == "\n" || c == "\r\n" || c == "\r" {
                fields.append(field); field = ""
                records.append((recordLine, fields)); fields = []
                line += 1; recordLine = line
                atFieldStart = true; i += 1; continue
            } else {
                field.append(c)
            }
            atFieldStart = false
            i += 1
        }
        if inQuotes { throw UnclosedQuote(line: quoteLine) }
        return records
    }
}
