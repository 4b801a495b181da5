import Foundation
import Testing
import TestSupport
@testable import InBeeldCoaching
@testable import InBeeldMarkers
import ZIPFoundation

/// BORIS exports written by BORIS's own export code (`Scripts/boris-fixtures.sh`: boris-behav-obs 8.27.4
/// and 7.13.9 from PyPI, into `Fixtures/boris/`). What each must give is worked out here from the project
/// the exports were made from (the coded events in `Scripts/boris-fixtures.py`), not from our reader.
@Suite struct BORISExportTests {
    struct Coded: Equatable, CustomStringConvertible {
        var us: Int64, child: String?, kind: String, note: String?
        var description: String { "\(us) \(child ?? "-") [\(kind)] \(note ?? "-")" }
    }

    static let folder = packageRoot.appendingPathComponent("Fixtures/boris").path
    static let project = (try? String(contentsOfFile: packageRoot.appendingPathComponent("Scripts/boris-fixtures.py").path, encoding: .utf8)) ?? ""

    /// The events of one list in the project (`single = [ e("12.345", "Sam", "kijkt", "", "..."), ... ]`), as
    /// the markers they must become: a state's START is a marker whose note ends with its STOP's comment; the
    /// STOP is none; the modifier is the note's first line; "No focal subject" (empty) is no child.
    static func expected(_ list: String, shift: Int64 = 0, from: Int64 = 0, to: Int64 = .max) throws -> [Coded] {
        let body = try #require(project.firstMatch(of: try Regex("\n\(list) = \\[\n((?:.*\n)*?)\\]")).map { String($0.output[1].substring!) })
        let states = Set(project.matches(of: /\("([^"]+)", "State event"/).map { String($0.1) })
        var out: [Coded] = [], open: [String: Int] = [:]
        for match in body.matches(of: /e\("([^"]*)", "([^"]*)", "([^"]*)"(?:, "([^"]*)")?(?:, "((?:[^"\\]|\\.)*)")?\)/) {
            let time = try #require(Decimal(string: String(match.1)))
            let us = NSDecimalNumber(decimal: time * 1_000_000).int64Value
            let child = match.2.isEmpty ? nil : String(match.2), kind = String(match.3)
            let modifier = match.4.map(String.init) ?? "", comment = (match.5.map(String.init) ?? "").replacingOccurrences(of: "\\\"", with: "\"")
            let key = "\(child ?? "")/\(kind)/\(modifier)"
            if states.contains(kind), let start = open.removeValue(forKey: key) {
                if !comment.isEmpty { out[start].note = [out[start].note, comment].compactMap { $0 }.joined(separator: "\n") }
                continue
            }
            if states.contains(kind) { open[key] = out.count }
            let note = [modifier, comment].filter { !$0.isEmpty }.joined(separator: "\n")
            out.append(Coded(us: us, child: child, kind: kind, note: note.isEmpty ? nil : note))
        }
        return out.filter { $0.us >= from && $0.us < to }.map { var c = $0; c.us -= shift; return c }
    }

    static func read(_ file: String, media: String? = nil) throws -> [Coded] {
        let path = folder + "/" + file
        return try MarkerFile.load(path: path, media: media).map { m in
            guard case .clock(let us) = m.time else { throw MarkerConversionError(.needsTime(m.time)) }
            return Coded(us: us, child: m.child, kind: m.kind ?? "", note: m.note)
        }
    }

    static let oneFile = ["events-speelhoek.tsv", "events-speelhoek.csv", "events-speelhoek.xlsx", "aggregated-speelhoek.tsv",
                          "aggregated-speelhoek.csv", "aggregated-speelhoek.xlsx", "aggregated-noheader-speelhoek.csv",
                          "tabular7-speelhoek.tsv", "tabular7-speelhoek.csv"]

    /// Every export of the observation of one media file (events, aggregated with and without header, the
    /// older tabular export; TSV, CSV and XLSX) gives the coded events: count, time to the microsecond, child,
    /// behaviour as kind, modifier and comments as note.
    @Test(arguments: oneFile + oneFile.map { $0.replacingOccurrences(of: "speelhoek", with: "met-offset") })
    func everyExportGivesTheCodedEvents(_ file: String) throws {
        let want = try Self.expected("single")
        #expect(want.count == 6)  // seven rows, one of them a STOP
        #expect(try Self.read(file) == want)
    }

    /// An observation over two media files (a.mp4 60 s, b.mp4 45 s; BORIS counts times on across them):
    /// refused without a choice, naming both; for each file its own events at its own times; refused for a
    /// file the observation does not hold.
    @Test(arguments: ["events-twee-bestanden.tsv", "events-twee-bestanden.xlsx", "aggregated-twee-bestanden.csv",
                      "aggregated-noheader-twee-bestanden.csv"])
    func anObservationOfTwoMediaFiles(_ file: String) throws {
        let error = try #require(throws: MarkerFileError.self) { try Self.read(file) }
        let message = error.messages(in: .en).joined()
        #expect(message.contains("spans 2 media files (a.mp4, b.mp4)") && message.contains("--media"), "\(message)")
        #expect(try Self.read(file, media: "a.mp4") == (try Self.expected("two_files", to: 60_000_000)))
        #expect(try Self.read(file, media: "/elders/B.MP4") == (try Self.expected("two_files", shift: 60_000_000, from: 60_000_000)))
        let other = try #require(throws: MarkerFileError.self) { try Self.read(file, media: "c.mp4") }
        #expect(other.messages(in: .nl).joined().contains("gaat over a.mp4, b.mp4, niet over c.mp4"), "\(other.messages(in: .nl))")
    }

    /// BORIS 7's tabular export gives only the total length of an observation's media files, so a file's own
    /// times cannot be told: refused, saying why and what to do, never read at the running times.
    @Test func theOlderExportOfTwoMediaFilesIsRefused() throws {
        let error = try #require(throws: MarkerFileError.self) { try Self.read("tabular7-twee-bestanden.csv", media: "b.mp4") }
        #expect(error.messages(in: .en).joined().contains("does not give their lengths"), "\(error.messages(in: .en))")
    }

    /// Every BORIS CSV is told from our CSV by its columns, also the older export (its header below the
    /// metadata block) and the aggregated export without a header.
    @Test func borisFilesAreRecognised() throws {
        for file in try FileManager.default.contentsOfDirectory(atPath: Self.folder) where file.hasSuffix(".csv") {
            let text = try String(contentsOfFile: Self.folder + "/" + file, encoding: .utf8)
            #expect(MarkerFormat.guess(path: file, content: text) == .boris, "\(file)")
        }
        #expect(MarkerFormat.guess(path: "m.csv", content: "time,child,note\n1.5,Sam,kijkt\n") == .csv)
    }

    /// A coach's list kept in Excel (made with openpyxl): read as our CSV, numbers and text times alike,
    /// the Dutch headers (`kind` is the child, `soort` the kind), a note over two lines, the empty row passed.
    @Test func aListKeptInExcel() throws {
        let markers = try MarkerFile.load(path: Self.folder + "/excel-lijst.xlsx")
        #expect(markers.map(\.time) == [12_345_000, 75_250_000, 98_760_000].map { .clock(microseconds: $0) })
        #expect(markers.map(\.child) == ["Sam", "Noor", nil])
        #expect(markers.map(\.kind) == ["kijkt", nil, "zegt iets"])
        #expect(markers.map(\.note) == ["kijkt naar Noor", "geeft de auto\nen lacht", "‘hoi’ – één woord"])
        #expect(markers.map(\.line) == [2, 4, 5])  // the sheet's row numbers, for messages
    }

    /// Not a workbook, only a ZIP, or a broken one: a clear refusal, not "not UTF-8".
    @Test func aZIPThatIsNoWorkbook() throws {
        let dir = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let archive = try Archive(url: URL(fileURLWithPath: dir + "/m.xlsx"), accessMode: .create)
        let text = Data("tijd,notitie\n1.5,x\n".utf8)
        try archive.addEntry(with: "lijst.csv", type: .file, uncompressedSize: Int64(text.count)) { position, size in
            text.subdata(in: Int(position)..<Int(position) + size)
        }
        let error = try #require(throws: MarkerFileError.self) { try MarkerFile.load(path: dir + "/m.xlsx") }
        #expect(error.messages(in: .nl) == ["\(dir)/m.xlsx: dit is geen Excel-werkmap die te lezen is (geen xl/workbook.xml: geen Excel-werkmap); sla de lijst op als CSV (UTF-8)."])
        try Data([0x50, 0x4B, 0x03, 0x04, 1, 2, 3]).write(to: URL(fileURLWithPath: dir + "/kapot.xlsx"))
        let broken = try #require(throws: MarkerFileError.self) { try MarkerFile.load(path: dir + "/kapot.xlsx") }
        #expect(broken.messages(in: .en) == ["\(dir)/kapot.xlsx: this is no Excel workbook that can be read (not a ZIP archive); save the list as CSV (UTF-8)."])
    }

    /// Several observations in one file (BORIS's grouped export) are refused, naming them.
    @Test func severalObservationsAreRefused() throws {
        let one = try String(contentsOfFile: Self.folder + "/events-speelhoek.tsv", encoding: .utf8)
        let other = try String(contentsOfFile: Self.folder + "/events-met-offset.tsv", encoding: .utf8)
        // BORIS ends lines with CRLF (one Character in Swift): made LF before dropping the second header.
        let both = one + other.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n").dropFirst().joined(separator: "\n") + "\n"
        let error = try #require(throws: MarkerFileError.self) { try MarkerConversion.read(both, format: .boris, name: "b.tsv") }
        #expect(error.messages(in: .en) == ["b.tsv: this BORIS file holds 2 observations (speelhoek, met-offset); export one observation per file from BORIS."])
    }
}
