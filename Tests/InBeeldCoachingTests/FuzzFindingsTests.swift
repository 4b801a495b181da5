import Foundation
import Testing
@testable import InBeeldCoaching
@testable import InBeeldMarkers

/// Inputs the fuzzer (Scripts/fuzz.sh) found crashing a parser, kept as tests. The first byte chose the
/// parser in the fuzz target (0 csv, 1 text, 2 vtt, 3 srt, 4 eaf, 5 boris, 6 losslesscut, 7 audacity,
/// 8 session, 9 times, 10 LosslessCut frames).
@Suite struct FuzzFindingsTests {
    /// A LosslessCut CSV with a 70-digit number of seconds: converting it to microseconds overflowed.
    @Test func hugeSecondsInLosslessCut() throws {
        let data = try #require(Data(base64Encoded: "BjEyLjVgbAAIAGFtZQo2OS4yPCw4MCxFbmQsTmFtZQo2OQ0NDQ0yMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjINDQ0NDQ0NDQ0NDQ0NDQ0NDQ0NDQ0NDQ0NDQ0NDQ0NDQ0NDQ0NDQ0NDQ0NDQ0NDQ0NDQ0NDQ0NDQ0NDQ0NDQ0NDQ0NLjI8LHhlcApTdGFyL3QsRW5kLE5hbWUKNjkuMjwsOQ0NDQ0NDQ0NAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAANDQ0NDQ0NDQ0NDQ0NDQ0NDQ0NDQ0NDQ0NDQ0NDQ0NDQ0NDQ0NDQ0NDQ0NDQ0NDQ0NDQ0NDQ0NDQ0NDQ0NDQ0uMjwseGVwClN0YXIvdCxFbmQsTmFtZQo2OS4yPCw4MCxFbmQsTmFtZQo2OQ0NDQ0NDQ0NDTgwLEVuZCxOYW1lCjY5DQ0NDQ0NDQ0NDQ0NDQ0NDQ0NDQ0NDQ0NDQ0NDQ0NDQ0NDQ0NDQ0NDQ0NDQ0NDQ0NDQ0NDQ0NDQ0NDQ05LjI8LDgwLEVuZCxOYW1lCjY5LjI8LHgwLAoK"))
        let text = String(decoding: data.dropFirst(), as: UTF8.self)
        // Refused line by line, the 70-digit number among them as a time that is not one (not a crash, not
        // a wrapped-around time).
        let error = try #require(throws: MarkerFileError.self) { try MarkerConversion.read(text, format: .losslesscut, name: "crash") }
        #expect(error.path == "crash")
        #expect(error.lines.contains { if case .badTime(let t) = $0.reason { return t.contains("2222222222") } else { return false } },
                "\(error.lines)")
        let huge = "10000000000000000000000000000000000000000"
        let single = try #require(throws: MarkerFileError.self) { try MarkerConversion.read(huge + ",,Sam\n", format: .losslesscut, name: "x") }
        #expect(single.lines == [MarkerFileError.BadLine(line: 1, reason: .badTime(huge))])
    }

    @Test func hugeTimesInELANAndBORIS() throws {
        let eaf = "<ANNOTATION_DOCUMENT><TIME_ORDER><TIME_SLOT TIME_SLOT_ID=\"ts1\" TIME_VALUE=\"9223372036854775807\"/></TIME_ORDER>"
            + "<TIER TIER_ID=\"Sam\"><ANNOTATION><ALIGNABLE_ANNOTATION ANNOTATION_ID=\"a1\" TIME_SLOT_REF1=\"ts1\" TIME_SLOT_REF2=\"ts1\">"
            + "<ANNOTATION_VALUE>x</ANNOTATION_VALUE></ALIGNABLE_ANNOTATION></ANNOTATION></TIER></ANNOTATION_DOCUMENT>"
        // A time past any recording's: the annotation cannot be placed, and the message names it.
        let elan = try #require(throws: MarkerFileError.self) { try MarkerConversion.read(eaf, format: .eaf, name: "x") }
        #expect(elan.messages(in: .en).joined().hasPrefix("x: annotation a1 "), "\(elan.messages(in: .en))")
        let boris = try #require(throws: MarkerFileError.self) { try MarkerConversion.read("Subject\tTime\nSam\t1e300\n", format: .boris, name: "x") }
        #expect(boris.lines == [MarkerFileError.BadLine(line: 2, reason: .badTime("1e300"))])
    }

    /// An ELAN file with an empty processing instruction crashed FoundationXML's parser (a NULL string);
    /// processing instructions are now left out before parsing.
    @Test func elanWithAnEmptyProcessingInstruction() throws {
        let data = try #require(Data(base64Encoded: "BDw/eG1NRURJQV9ERVNDUk1QVE9SSko/PjxBTk46AHZlcnNpb249IjAuMCJERQ=="))
        let text = String(decoding: data.dropFirst(), as: UTF8.self)
        let error = try #require(throws: MarkerFileError.self) { try MarkerConversion.read(text, format: .eaf, name: "crash") }
        #expect(error.messages(in: .en).joined().hasPrefix("crash, line 1: not a valid ELAN document"), "\(error.messages(in: .en))")
        #expect(ELAN.withoutProcessingInstructions("<?xml version=\"1.0\"?><A><?pi?>x</A>") == "<A>x</A>")
    }

    /// A LosslessCut CSV whose time is "12.5" followed by a combining mark (U+06DA): Swift counts "5" and the
    /// mark as one `Character`, which sorts between "0" and "9", so it passed as a digit and the fraction's
    /// conversion, assumed to succeed, trapped. A digit is now one ASCII scalar.
    @Test func aDigitWithACombiningMark() throws {
        let data = try #require(Data(base64Encoded: "DzEyLjXbmiw6IAAEZVM="))
        let text = String(decoding: data.dropFirst(), as: UTF8.self)
        let error = try #require(throws: MarkerFileError.self) { try MarkerConversion.read(text, format: .losslesscut, name: "crash") }
        #expect(error.lines == [MarkerFileError.BadLine(line: 1, reason: .badTime("12.5\u{6DA}"))])
        for raw in ["12.5\u{6DA}", "1\u{301}:00", "#1\u{301}", "0:0\u{20DD}5", "١٢"] {
            #expect(MarkerTime(parsing: raw) == nil, "\(raw)")
        }
        #expect(MarkerTime(parsing: "12.5") == .clock(microseconds: 12_500_000))
    }
}
