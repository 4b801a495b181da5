import Foundation

extension MarkerFile {
    /// Reads and parses the file at `path` (UTF-8, UTF-16 with a byte-order mark, or Windows-1252:
    /// `MarkerText`; or an Excel workbook); `noticed` hears how it was read when that was not UTF-8, to say
    /// so in one line (`MarkerText.note`). `media` is the recording's file name, for a file holding the
    /// markers of several (`MarkerConversion.read`).
    public static func load(path: String, media: String? = nil, noticed: (TextEncoding) -> Void = { _ in }) throws(MarkerFileError) -> [Marker] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw MarkerFileError(path: path, lines: [.init(line: 0, reason: .unreadable)])
        }
        return try read(data, path: path, media: media, noticed: noticed)
    }

    /// Reads marker file bytes in `format`, or the format told by the name and content when nil: another
    /// tool's file (subtitles, ELAN, BORIS, LosslessCut, Audacity) as that tool writes it, ours otherwise. An
    /// Excel workbook is read as a BORIS export when it has one's columns, else as our CSV's table.
    public static func read(_ data: Data, path: String, format: MarkerFormat? = nil, media: String? = nil,
                            noticed: (TextEncoding) -> Void = { _ in }) throws(MarkerFileError) -> [Marker] {
        let markers: [Marker]
        if Spreadsheet.isZIP(data) {
            let rows: [(line: Int, fields: [String])]
            do { rows = try Spreadsheet.rows(data) } catch {
                throw MarkerFileError(path: path, lines: [.init(line: 0, reason: .format(
                    Words.thisIsNoExcelWorkbookThat(error.reason)))])
            }
            switch format {
            case .boris?: markers = try reading(path) { try BORIS.read(rows: rows, name: path, media: media) }
            case nil where BORIS.looksLike(rows: rows): markers = try reading(path) { try BORIS.read(rows: rows, name: path, media: media) }
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
                throw MarkerFileError(path: path, lines: [.init(line: 0, reason: .format(
                    Words.thisIsAnExcelWorkbookNot(other.rawValue)))])
            }
        } else {
            guard let (text, encoding) = MarkerText.decode(data) else {
                throw MarkerFileError(path: path, lines: [.init(line: 0, reason: .notText)])
            }
            if encoding != .utf8 { noticed(encoding) }
            let ext = (path as NSString).pathExtension.lowercased()
            let guessed = format ?? MarkerFormat.guess(path: path, content: text)
            if format == nil, guessed == .losslesscut, MarkerConversion.losslessCutTimesAreWhole(text) {
                throw MarkerFileError(path: path, lines: [.init(line: 0, reason: .format(
                    Words.everyTimeIsAWholeNumber))])
            }
            switch guessed {
            case .csv?: markers = try parse(text, name: path, csv: true)
            case .text?: markers = try parse(text, name: path, csv: false)
            case nil: markers = try parse(text, name: path, csv: ext == "csv" ? true : ext == "txt" ? false : nil)
            case let other?: markers = try reading(path) { try MarkerConversion.read(text, format: other, name: path, media: media) }
            }
        }
        if markers.isEmpty { throw MarkerFileError(path: path, lines: [.init(line: 0, reason: .empty)]) }
        return markers
    }

    /// Another tool's reader's errors as a marker-file error naming the file (and line).
    private static func reading(_ path: String, _ read: () throws -> [Marker]) throws(MarkerFileError) -> [Marker] {
        do { return try read() } catch let error as MarkerFileError {
            throw error
        } catch let error as MarkerConversionError {
            throw MarkerFileError(path: path, lines: [.init(line: error.line, reason: .format(error.phrase))])
        } catch {
            throw MarkerFileError(path: path, lines: [.init(line: 0, reason: .format(Words.unexpected(String(describing: error))))])
        }
    }
}
