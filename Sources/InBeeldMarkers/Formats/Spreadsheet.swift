import Foundation
import ZIPFoundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// The first worksheet of an Excel workbook (`.xlsx`: a ZIP of XML parts, read with ZIPFoundation) as rows
/// of text, each with its row number, for marker lists saved from Excel or exported by BORIS.
enum Spreadsheet {
    /// Whether the bytes are a ZIP archive (an `.xlsx`, `.ods` or `.docx` is one).
    static func isZIP(_ data: Data) -> Bool { data.starts(with: [0x50, 0x4B, 0x03, 0x04]) }

    struct Unreadable: Error { var problem: WorkbookProblem }

    /// The rows of the workbook's first sheet; cells as their shown text (shared and inline strings, numbers
    /// as written), missing cells as empty strings.
    static func rows(_ data: Data) throws(Unreadable) -> [(line: Int, fields: [String])] {
        let archive: Archive
        do { archive = try Archive(data: data, accessMode: .read) } catch { throw Unreadable(problem: .notZIP) }
        func part(_ path: String) throws(Unreadable) -> Data? {
            guard let entry = archive[path] else { return nil }
            var out = Data()
            do { _ = try archive.extract(entry, skipCRC32: false) { out.append($0) } } catch {
                let checksum = if case Archive.ArchiveError.invalidCRC32 = error { true } else { false }
                throw Unreadable(problem: .damagedPart(path, checksumWrong: checksum))
            }
            return out
        }
        guard let workbook = try part("xl/workbook.xml") else { throw Unreadable(problem: .noWorkbook) }
        // The first sheet's part, through the workbook's relationships.
        var sheetPath = "xl/worksheets/sheet1.xml"
        let sheets = XMLElements(workbook, names: ["sheet"])
        if let id = sheets.first?["r:id"], let rels = try part("xl/_rels/workbook.xml.rels"),
           let target = XMLElements(rels, names: ["Relationship"]).first(where: { $0["Id"] == id })?["Target"] {
            sheetPath = target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
        }
        guard let sheet = try part(sheetPath) else { throw Unreadable(problem: .noSheet(sheetPath)) }
        let shared = try part("xl/sharedStrings.xml").map(SharedStrings.read) ?? []
        return SheetReader.read(sheet, shared: shared)
    }

    /// The attributes of every element with one of `names`.
    private static func XMLElements(_ data: Data, names: Set<String>) -> [[String: String]] {
        final class Collector: NSObject, XMLParserDelegate {
            let names: Set<String>
            var found: [[String: String]] = []
            init(_ names: Set<String>) { self.names = names }
            func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                        attributes: [String: String] = [:]) {
                if names.contains(name) { found.append(attributes) }
            }
        }
        return parsed(data, by: Collector(names)).found
    }

    /// `data` read by `reader` (a part that is no XML gives what was read of it).
    private static func parsed<Reader: XMLParserDelegate>(_ data: Data, by reader: Reader) -> Reader {
        let parser = XMLParser(data: data)
        parser.delegate = reader
        _ = parser.parse()
        return reader
    }

    /// `xl/sharedStrings.xml`: each `<si>`'s text runs (`<t>`) joined; phonetic runs (`<rPh>`) left out.
    private final class SharedStrings: NSObject, XMLParserDelegate {
        var strings: [String] = []
        private var current: String?, inText = false, phonetic = 0

        static func read(_ data: Data) -> [String] { parsed(data, by: SharedStrings()).strings }

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            switch name {
            case "si": current = ""
            case "rPh": phonetic += 1
            case "t": inText = phonetic == 0
            default: break
            }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if inText { current? += string }
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            switch name {
            case "si": strings.append(current ?? ""); current = nil
            case "rPh": phonetic -= 1
            case "t": inText = false
            default: break
            }
        }
    }

    /// A worksheet's `<row>`s and `<c>`ells: a cell's place from its reference (`C7`), its text from its
    /// type (`s` shared string, `inlineStr`, `str`, `b`, or a number as written).
    private final class SheetReader: NSObject, XMLParserDelegate {
        let shared: [String]
        var rows: [(line: Int, fields: [String])] = []
        private var row: [Int: String] = [:], rowNumber = 0, column = 0, type = "", value = "", collecting = false

        init(shared: [String]) { self.shared = shared }

        static func read(_ data: Data, shared: [String]) -> [(line: Int, fields: [String])] {
            parsed(data, by: SheetReader(shared: shared)).rows
        }

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            switch name {
            case "row":
                rowNumber = attributes["r"].flatMap { Int($0) } ?? rowNumber + 1
                row = [:]; column = 0
            case "c":
                column = attributes["r"].flatMap(Self.columnIndex) ?? column + 1
                type = attributes["t"] ?? "n"
                value = ""
            case "v", "t": collecting = true
            default: break
            }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if collecting { value += string }
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            switch name {
            case "v", "t": collecting = false
            case "c":
                switch type {
                case "s": row[column] = Int(value).flatMap { shared.indices.contains($0) ? shared[$0] : nil } ?? ""
                case "b": row[column] = value == "1" ? "TRUE" : "FALSE"
                default: row[column] = value
                }
            case "row":
                let width = row.keys.max() ?? 0
                rows.append((rowNumber, (1...max(width, 1)).map { row[$0] ?? "" }))
            default: break
            }
        }

        /// `C7` → 3 (columns count from 1).
        static func columnIndex(_ reference: String) -> Int? {
            var index = 0
            for scalar in reference.unicodeScalars {
                guard (65...90).contains(scalar.value) else { break }
                index = index * 26 + Int(scalar.value) - 64
            }
            return index > 0 && index <= 16384 ? index : nil
        }
    }
}
