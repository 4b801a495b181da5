import Foundation

/// Reads a file of markers: the coach's own list (a CSV file with a header row, `time` and optional
/// `child`, `note` and `type`, comma or semicolon separated as Dutch spreadsheets write; or a plain text
/// file with one marker per line, `TIME [child:] note`, `#` comments), or another tool's (`MarkerFormat`),
/// told by its name and content, or an Excel workbook, told by its bytes.
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

    /// Whether the bytes are a workbook (an `.xlsx`: a ZIP archive), read by its bytes, not its name.
    public static func isWorkbook(_ data: Data) -> Bool { Spreadsheet.isZIP(data) }

    /// The tiers of the ELAN document at `path`, in its order.
    public static func tiers(path: String) throws(MarkerFileError) -> [ELANTier] {
        guard let data = FileManager.default.contents(atPath: path) else { throw MarkerFileError(path: path, .unreadable) }
        guard let (text, _) = MarkerText.decode(data) else { throw MarkerFileError(path: path, .notText) }
        guard MarkerFormat.guess(path: path, content: text) == .eaf || text.contains("<ANNOTATION_DOCUMENT") else {
            throw MarkerFileError(path: path, .notAnELANDocument)
        }
        return try ELAN.tiers(text, name: path)
    }

    /// Reads and parses the file at `path` (UTF-8, UTF-16 with a byte-order mark, or Windows-1252:
    /// `MarkerText`; or an Excel workbook); `noticed` hears how it was read when that was not UTF-8, to say
    /// so in one line (`MarkerText.note`). `media` is the recording's file name, for a file holding the
    /// markers of several (`MarkerConversion.read`).
    public static func load(path: String, media: String? = nil, tiers: [String] = [],
                            noticed: (TextEncoding) -> Void = { _ in }) throws(MarkerFileError) -> [Marker] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw MarkerFileError(path: path, lines: [.init(line: 0, reason: .unreadable)])
        }
        return try read(data, path: path, media: media, tiers: tiers, noticed: noticed)
    }

    /// Reads marker file bytes in `format`, or the format told by the name and content when nil: another
    /// tool's file (subtitles, ELAN, BORIS, LosslessCut, Audacity) as that tool writes it, ours otherwise. An
    /// Excel workbook is read as a BORIS export when it has one's columns, else as our CSV's table.
    public static func read(_ data: Data, path: String, format: MarkerFormat? = nil, media: String? = nil, tiers: [String] = [],
                            noticed: (TextEncoding) -> Void = { _ in }) throws(MarkerFileError) -> [Marker] {
        let markers: [Marker]
        if Spreadsheet.isZIP(data) {
            let rows: [(line: Int, fields: [String])]
            do { rows = try Spreadsheet.rows(data) } catch {
                throw MarkerFileError(path: path, .workbookUnreadable(error.problem))
            }
            switch format {
            case .boris?: markers = try BORIS.read(rows: rows, name: path, media: media)
            case nil where BORIS.looksLike(rows: rows): markers = try BORIS.read(rows: rows, name: path, media: media)
            case nil, .csv?:
                // Our list saved from Excel: the sheet's table read as our CSV; lines become the sheet's rows again.
                var text = "", line = 1, rowOfLine: [Int: Int] = [:]
                for row in rows {
                    let record = row.fields.map { MarkerConversion.csvField($0, ",") }.joined(separator: ",")
                    rowOfLine[line] = row.line
                    text += record + "\n"
                    line += 1 + record.filter { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }.count
                }
                do { markers = try parse(text, name: path, csv: true).map { var m = $0; m.line = rowOfLine[m.line] ?? m.line; return m } } catch {
                    throw MarkerFileError(path: path, lines: error.lines.map { .init(line: rowOfLine[$0.line] ?? $0.line, reason: $0.reason) })
                }
            case let other?:
                throw MarkerFileError(path: path, .workbookIsNot(format: other.rawValue))
            }
        } else {
            guard let (text, encoding) = MarkerText.decode(data) else {
                throw MarkerFileError(path: path, lines: [.init(line: 0, reason: .notText)])
            }
            if encoding != .utf8 { noticed(encoding) }
            let ext = (path as NSString).pathExtension.lowercased()
            let guessed = format ?? MarkerFormat.guess(path: path, content: text)
            if format == nil, guessed == .losslesscut, MarkerConversion.losslessCutTimesAreWhole(text) {
                throw MarkerFileError(path: path, .timesAllWhole)
            }
            switch guessed {
            case .csv?: markers = try parse(text, name: path, csv: true)
            case .text?: markers = try parse(text, name: path, csv: false)
            case nil: markers = try parse(text, name: path, csv: ext == "csv" ? true : ext == "txt" ? false : nil)
            case let other?: markers = try MarkerConversion.read(text, format: other, name: path, media: media, tiers: tiers)
            }
        }
        if markers.isEmpty { throw MarkerFileError(path: path, lines: [.init(line: 0, reason: .empty)]) }
        return markers
    }
}
