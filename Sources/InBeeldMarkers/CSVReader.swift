import Foundation

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
