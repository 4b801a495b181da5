import Foundation

extension MarkerFile {
    /// `In` is Premiere's marker export's column (a timecode).
    static let timeHeaders: Set<String> = ["time", "tijd", "tijdstip", "in"]
    static let childHeaders: Set<String> = ["child", "kind", "focuskind"]
    /// Every one of these a row has joins its note, one per line (Premiere: `Marker Name`, `Description`).
    static let noteHeaders: Set<String> = ["note", "notitie", "opmerking", "beschrijving", "marker name", "description", "comment", "comments"]
    /// The kind of initiative ("kind" is Dutch for child, so not that word).
    static let kindHeaders: Set<String> = ["type", "soort", "behavior", "behaviour", "gedrag"]

    static func looksLikeCSV(_ text: String) -> Bool {
        guard let first = text.split(whereSeparator: \.isNewline).first(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty }) else {
            return false
        }
        let cells = first.split(whereSeparator: { $0 == "," || $0 == ";" || $0 == "\t" })
            .map { $0.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\"")).lowercased() }
        return cells.contains { timeHeaders.contains($0) }
    }

    static func parseCSV(_ text: String, name: String) throws(MarkerFileError) -> [Marker] {
        let firstLine = text.prefix { $0 != "\n" && $0 != "\r" }
        let separator: Character = separatorOf(String(firstLine))
        let records = try CSVReader.records(text, separator: separator, name: name)
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

    /// Our CSV: `time,child,note`, with the kind's column only when there are kinds.
    static func writeCSV(_ markers: [Marker]) -> String {
        let kinds = markers.contains { $0.kind != nil }
        return (kinds ? "time,child,type,note\n" : "time,child,note\n") + markers.map { m in
            ([m.time.description, m.child ?? ""] + (kinds ? [m.kind ?? ""] : []) + [m.note ?? ""])
                .map { MarkerConversion.csvField($0, ",") }.joined(separator: ",")
        }.joined(separator: "\n") + "\n"
    }
}
