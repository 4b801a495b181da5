import Foundation
import Testing
@testable import InBeeldCoaching
@testable import InBeeldMarkers

@Suite struct MarkerTimeTests {
    @Test(arguments: [
        ("0", Int64(0)), ("12", 12_000_000), ("12.5", 12_500_000), ("135.433", 135_433_000), ("4.533", 4_533_000),
        ("2:15", 135_000_000), ("02:15.433", 135_433_000), ("0:02:15.433", 135_433_000), ("1:00:00", 3_600_000_000),
        ("2:15,433", 135_433_000), ("12,5", 12_500_000), (" 1:02.5 ", 62_500_000), ("0.000001", 1),
        ("61:00", 3_660_000_000),
        // Any number of decimals, rounded to the microsecond (Audacity writes ten).
        ("0.0000001", 0), ("0.7698181682", 769_818), ("1.9999996", 2_000_000), ("0:59.99999951", 60_000_000),
    ])
    func validTimes(_ text: String, _ microseconds: Int64) {
        #expect(MarkerTime(parsing: text) == .clock(microseconds: microseconds))
    }

    @Test(arguments: ["", "abc", "1:75", "1:60:00", "-3", "1.2.3", "1,2.3", "1,2,3", ":30", "1:", "1::2", "12.", ".5",
                      "1:02:03:04:05", "00:60:00:00", "00:00:60:00", "00:0:00:00", "#", "#-1", "#1.5", "# 3", "1e3", "١٢"])
    func invalidTimes(_ text: String) {
        #expect(MarkerTime(parsing: text) == nil)
    }

    /// Editors' timecodes (Premiere, Resolve): `HH:MM:SS:FF`, drop-frame with `;` (or `.`) before the frames.
    @Test func timecodes() {
        #expect(MarkerTime(parsing: "00:01:02:12") == .timecode(seconds: 62, frames: 12, dropFrame: false))
        #expect(MarkerTime(parsing: "1:02:03:04") == .timecode(seconds: 3723, frames: 4, dropFrame: false))
        #expect(MarkerTime(parsing: "00:01:00;02") == .timecode(seconds: 60, frames: 2, dropFrame: true))
        #expect(MarkerTime(parsing: "00;01;00;02") == .timecode(seconds: 60, frames: 2, dropFrame: true))
        #expect(MarkerTime(parsing: "00:01:00;02")?.description == "00:01:00;02")
        // Non-drop: seconds times the rate plus the frames; a frame past the rate is none.
        #expect(MarkerTime.frameNumber(seconds: 1, frames: 12, dropFrame: false, nominalRate: 25) == 37)
        #expect(MarkerTime.frameNumber(seconds: 1, frames: 25, dropFrame: false, nominalRate: 25) == nil)
        // Drop-frame at 29.97, SMPTE's reference points: frame numbers 0 and 1 are skipped at every minute but
        // the tenth, so 00:01:00;02 is frame 1800, 00:10:00;00 frame 17982 and 01:00:00;00 frame 107892.
        #expect(MarkerTime.frameNumber(seconds: 59, frames: 29, dropFrame: true, nominalRate: 30) == 1799)
        #expect(MarkerTime.frameNumber(seconds: 60, frames: 2, dropFrame: true, nominalRate: 30) == 1800)
        #expect(MarkerTime.frameNumber(seconds: 60, frames: 0, dropFrame: true, nominalRate: 30) == nil)
        #expect(MarkerTime.frameNumber(seconds: 600, frames: 0, dropFrame: true, nominalRate: 30) == 17982)
        #expect(MarkerTime.frameNumber(seconds: 3600, frames: 0, dropFrame: true, nominalRate: 30) == 107892)
        #expect(MarkerTime.frameNumber(seconds: 60, frames: 4, dropFrame: true, nominalRate: 60) == 3600)
        #expect(MarkerTime.frameNumber(seconds: 60, frames: 2, dropFrame: true, nominalRate: 25) == nil)
        // As a time: the start of its frame, never a microsecond early (frame 1 of 29.97 starts at 33366.67 µs).
        #expect(MarkerTime.timecode(seconds: 0, frames: 1, dropFrame: false).resolvingTimecode(framesPerSecond: 30000.0 / 1001) == .clock(microseconds: 33_367))
        #expect(MarkerTime.timecode(seconds: 62, frames: 12, dropFrame: false).resolvingTimecode(framesPerSecond: 25) == .clock(microseconds: 62_480_000))
    }

    @Test func frameNumbers() {
        #expect(MarkerTime(parsing: "#136") == .frame(136))
        #expect(MarkerTime(parsing: "#0") == .frame(0))
    }

    @Test(arguments: [(Int64(0), "0:00:00.000"), (135_433_000, "0:02:15.433"), (3_723_000_001, "1:02:03.000001")])
    func canonicalText(_ us: Int64, _ text: String) {
        #expect(MarkerTime.clock(microseconds: us).description == text)
        #expect(MarkerTime(parsing: text) == .clock(microseconds: us))
    }
}

@Suite struct MarkerFileTests {
    func failure(_ text: String, csv: Bool? = nil) -> MarkerFileError? {
        do { _ = try MarkerFile.parse(text, name: "m.csv", csv: csv); return nil } catch { return error }
    }

    @Test func commaCSVWithQuotesAndExtraColumns() throws {
        let text = "time,child,note,kind\n0:12.5,Sam,\"offers a toy, smiles\",toy\n0:20,Mila,\"says \"\"hoi\"\"\",word\n"
        let markers = try MarkerFile.parse(text, name: "m.csv")
        #expect(markers == [
            Marker(time: .clock(microseconds: 12_500_000), child: "Sam", note: "offers a toy, smiles", line: 2),
            Marker(time: .clock(microseconds: 20_000_000), child: "Mila", note: "says \"hoi\"", line: 3),
        ])
    }

    @Test func semicolonCSVFromADutchSpreadsheetWithBOMAndCRLF() throws {
        let text = "\u{FEFF}Tijd;Kind;Notitie\r\n0:12,5;Daan;kijkt naar Zoë\r\n1:02;Zoë;\"geeft; lacht\"\r\n"
        let markers = try MarkerFile.parse(text, name: "m.csv")
        #expect(markers.map(\.time) == [.clock(microseconds: 12_500_000), .clock(microseconds: 62_000_000)])
        #expect(markers.map(\.child) == ["Daan", "Zoë"])
        #expect(markers.map(\.note) == ["kijkt naar Zoë", "geeft; lacht"])
        #expect(markers.map(\.line) == [2, 3])
    }

    @Test func quotedNewlinesKeepLineNumbersRight() throws {
        let text = "time,note\n1,\"two\nlines\"\nbad,x\n"
        let error = try #require(failure(text))
        #expect(error.lines == [.init(line: 4, reason: .badTime("bad"))])
        let ok = try MarkerFile.parse("time,note\n1,\"two\nlines\"\n3,x\n", name: "m.csv")
        #expect(ok.map(\.line) == [2, 4])
        #expect(ok[0].note == "two\nlines")
    }

    @Test func everyBadLineIsReportedWithItsNumber() throws {
        let error = try #require(failure("time,child\n1:75,Sam\n0:10,Mila\n\n#x,Noor\n"))
        #expect(error.lines.map(\.line) == [2, 5])
        let messages = error.messages(in: .en)
        #expect(messages[0] == "m.csv, line 2: '1:75' is not a time; write for example 2:15.433, 0:02:15, 135.4 or #136 (a frame number).")
        #expect(error.messages(in: .nl)[1].hasPrefix("m.csv, regel 5: '#x' is geen tijd"))
    }

    @Test func anUnquotedDecimalCommaInACommaFileIsCaught() throws {
        let error = try #require(failure("time,child\n4,534,Sam\n"))
        #expect(error.lines == [.init(line: 2, reason: .tooManyFields(expected: 2, found: 3))])
    }

    @Test func headerWithoutTime() throws {
        let error = try #require(failure("when,child\n1,Sam\n", csv: true))
        #expect(error.lines.first?.line == 1)
        #expect(error.messages(in: .en)[0].contains("no 'time' column"))
    }

    @Test func unclosedQuote() throws {
        let error = try #require(failure("time,note\n1,ok\n2,\"never closed\n3,x\n"))
        #expect(error.lines == [.init(line: 3, reason: .unclosedQuote)])
    }

    @Test func plainTextWithChildrenAndComments() throws {
        let text = """
            # Speelhoek, dinsdag
            0:12.5 Sam: geeft een blokje aan Mila

            0:20 kijkt om zich heen
            #45 Mila: lacht
              1:02,25   Anne Fleur:   wijst
            """
        let markers = try MarkerFile.parse(text, name: "m.txt", csv: false)
        #expect(markers == [
            Marker(time: .clock(microseconds: 12_500_000), child: "Sam", note: "geeft een blokje aan Mila", line: 2),
            Marker(time: .clock(microseconds: 20_000_000), child: nil, note: "kijkt om zich heen", line: 4),
            Marker(time: .frame(45), child: "Mila", note: "lacht", line: 5),
            Marker(time: .clock(microseconds: 62_250_000), child: "Anne Fleur", note: "wijst", line: 6),
        ])
    }

    @Test func formatIsToldFromTheFirstLine() throws {
        #expect(try MarkerFile.parse("time\n3\n", name: "x").first?.line == 2)
        #expect(try MarkerFile.parse("3 Sam: hoi\n", name: "x").first?.child == "Sam")
    }

    @Test func emptyFilesAndFilesThatAreNotText() throws {
        #expect(failure("time,child\n")?.lines.first?.reason == .empty)
        #expect(failure("# only a comment\n", csv: false)?.lines.first?.reason == .empty)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("inbeeld-\(UUID().uuidString).csv").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data([0xFF, 0xFE, 0x00, 0xD8, 0x80]).write(to: URL(fileURLWithPath: path))
        do { _ = try MarkerFile.load(path: path); Issue.record("loaded") } catch {
            #expect(error.lines.first?.reason == .notText)
        }
        do { _ = try MarkerFile.load(path: "/no/such/markers.csv"); Issue.record("loaded") } catch {
            #expect(error.lines.first?.reason == .unreadable)
        }
    }
}

/// `Paths.parent` answers as `NSString.deletingLastPathComponent` does, where that does not trap.
@Suite struct PathsTests {
    @Test(arguments: ["a/b", "/b", "ab", "a/b/", "/", "a//b", "/a/b/c.mp4", "../x", "./ab", "ab/cd/", "", "a/s", "/s"])
    func parentAsFoundationAnswers(_ path: String) {
        #expect(Paths.parent(of: path) == (path as NSString).deletingLastPathComponent, "\(path)")
    }

    @Test func oneCharacterPaths() {
        #expect(Paths.parent(of: "s") == "")
        #expect(Paths.parent(of: ".") == "")
        #expect(Paths.parent(of: "s/") == "")
    }
}

/// The CSV reader's records and the lines they start on (found comparing it with SwiftCSV and CSV.swift:
/// `Scripts/compare-csv-parsers.sh`).
@Suite struct CSVReaderTests {
    @Test func aFileEndingInCRLFHasNoEmptyLastRecord() throws {
        let records = try CSVReader.records("time,note\r\n1.5,a\r\n2,\"b\r\nc\"\r\n", separator: ",")
        #expect(records.map(\.fields) == [["time", "note"], ["1.5", "a"], ["2", "b\r\nc"]])
        #expect(records.map(\.line) == [1, 2, 3])
        #expect(try CSVReader.records("", separator: ",").isEmpty)
        #expect(try CSVReader.records("a\rb", separator: ",").map(\.fields) == [["a"], ["b"]])
    }
}
