import Foundation
import Testing
import TestSupport
@testable import InBeeldCoaching
@testable import InBeeldMarkers

/// Marker files as other programs write them: in the text encodings Windows tools and Premiere use, and
/// Audacity's label tracks. Expected values come from the files themselves (bytes made by `iconv`, times
/// read from the lines with `Decimal`), not from InBeeld's own output.
@Suite struct MarkerSourcesTests {
    /// An SRT file with what encodings break: accents, curly quotes, a euro sign, a dash.
    static let subtitles = "1\r\n00:00:01,500 --> 00:00:03,000\r\nZoë: geeft Daniël een blokje “voor jou”\r\n\r\n"
        + "2\r\n00:01:02,250 --> 00:01:04,000\r\nSam: zegt ‘café’ – en lacht (€1)\r\n\r\n"

    /// `text` in `encoding` as iconv writes it.
    static func iconv(_ text: String, to encoding: String) throws -> Data {
        let input = temporaryFolder() + "/in.txt"
        try text.write(toFile: input, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: (input as NSString).deletingLastPathComponent) }
        return try runData(try #require(which("iconv")), ["-f", "UTF-8", "-t", encoding, input])
    }

    @Test(arguments: [("UTF-8", "", TextEncoding.utf8), ("UTF-8", "BOM", .utf8), ("UTF-16", "", .utf16LittleEndian),
                      ("UTF-16BE", "BOM", .utf16BigEndian), ("WINDOWS-1252", "", .windows1252)])
    func encodingsAsToolsWriteThem(_ encoding: String, _ mark: String, _ expected: TextEncoding) throws {
        var bytes = try Self.iconv(Self.subtitles, to: encoding)
        if mark == "BOM" { bytes = (encoding == "UTF-8" ? Data([0xEF, 0xBB, 0xBF]) : Data([0xFE, 0xFF])) + bytes }
        // glibc's UTF-16 is little-endian with its mark, as Windows writes it.
        if encoding == "UTF-16" { #expect(bytes.starts(with: [0xFF, 0xFE])) }
        let decoded = try #require(MarkerText.decode(bytes), "\(encoding)")
        #expect(decoded.text == Self.subtitles && decoded.encoding == expected, "\(encoding)")
        let markers = try MarkerConversion.read(decoded.text, format: .srt, name: "x.srt")
        #expect(markers.map(\.time) == [.clock(microseconds: 1_500_000), .clock(microseconds: 62_250_000)])
        #expect(markers.map(\.child) == ["Zoë", "Sam"])
        #expect(markers.map(\.note) == ["geeft Daniël een blokje “voor jou”", "zegt ‘café’ – en lacht (€1)"])
        // The one line people see says so only when it was not UTF-8.
        let note = MarkerText.note(expected, path: "x.srt", language: .en)
        #expect((note != nil) == (expected == .windows1252))
        #expect(note.map { $0.hasPrefix("x.srt is not UTF-8; read as Windows-1252") } != false)
    }

    @Test func bytesThatAreNoTextAreRefused() {
        #expect(MarkerText.decode(Data("0:01 Sam\u{0}kijkt\n".utf8)) == nil)
        // An XLSX workbook (a ZIP file) is no text.
        #expect(MarkerText.decode(Data([0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00, 0x00, 0x00])) == nil)
        // UTF-16 with an odd number of bytes, or half a surrogate pair.
        #expect(MarkerText.decode(Data([0xFF, 0xFE, 0x41, 0x00, 0x42])) == nil)
        #expect(MarkerText.decode(Data([0xFF, 0xFE, 0x3D, 0xD8, 0x41, 0x00])) == nil)
    }

    /// A label track as Audacity exports it: point and region labels, spectral selection lines, a label
    /// without text, times with six and with ten decimals, Windows line ends.
    static let labels = "0.769818\t0.769818\tSam: kijkt naar Zoë\r\n\\\t0.000000\t22050.000000\r\n"
        + "12.5000000000\t15.2500000000\tZoë: geeft een blokje\r\n61.0000004999\t61.0000004999\t\r\n"
        + "3599.9999995\t3600.1\tlacht\r\n"

    @Test func audacityLabelTracks() throws {
        #expect(MarkerFormat.guess(path: "labels.txt", content: Self.labels) == .audacity)
        #expect(MarkerFormat.guess(path: "notes.txt", content: "0:12.5 Sam: kijkt\n") == .text)
        let markers = try MarkerConversion.read(Self.labels, format: .audacity, name: "labels.txt")
        // What the file holds, read here with Decimal: each label's start, rounded to the microsecond.
        let rows = Self.labels.split(separator: "\r\n").map { $0.split(separator: "\t", omittingEmptySubsequences: false) }.filter { $0[0] != "\\" }
        let starts = rows.map { row -> Int64 in
            var us = Decimal(string: String(row[0]))! * 1_000_000, rounded = Decimal()
            NSDecimalRound(&rounded, &us, 0, .plain)
            return NSDecimalNumber(decimal: rounded).int64Value
        }
        #expect(markers.map(\.time) == starts.map { .clock(microseconds: $0) })
        #expect(starts == [769_818, 12_500_000, 61_000_000, 3_600_000_000])
        #expect(markers.map(\.child) == ["Sam", "Zoë", nil, nil])
        #expect(markers.map(\.note) == ["kijkt naar Zoë", "geeft een blokje", nil, "lacht"])
        #expect(markers.map(\.line) == [1, 3, 4, 5])
        // Read the same by `stills`, `cut` and `sheet` (a .txt file with this shape).
        let file = temporaryFolder() + "/labels.txt"
        try Self.labels.write(toFile: file, atomically: true, encoding: .utf8)
        #expect(MarkerConversionTests.same(try MarkerFile.load(path: file), markers))
        // A bad time is named with its line.
        let error = try #require(throws: MarkerFileError.self) { try MarkerConversion.read("1.5\t1.5\tSam\nx\t2\tZoë\n", format: .audacity, name: "l.txt") }
        #expect(error.lines == [.init(line: 2, reason: .badTime("x"))])
    }

    @Test func audacityRoundTripKeepsTimesToTheMicrosecondAndNotesOnOneLine() throws {
        let written = try MarkerConversion.write(MarkerConversionTests.markers, format: .audacity)
        let read = try MarkerConversion.read(written, format: .audacity, name: "x")
        #expect(read.map(\.time) == MarkerConversionTests.markers.map(\.time))
        #expect(read.map(\.child) == MarkerConversionTests.markers.map(\.child))
        // A label is one line: the note's line breaks become spaces (the README says so).
        #expect(read.map(\.note) == MarkerConversionTests.markers.map { $0.note?.replacingOccurrences(of: "\n", with: " ") })
        #expect(written.split(separator: "\n").allSatisfy { $0.split(separator: "\t", omittingEmptySubsequences: false).count == 3 })
    }

    /// WebVTT as YouTube writes it: a header with metadata, STYLE and NOTE blocks, cue settings, cues
    /// with no blank line between them, inline timestamps and class tags; and voices with classes.
    @Test func webVTTIsReadAsPlayersShowIt() throws {
        let vtt = """
            WEBVTT
            Kind: captions
            Language: nl

            STYLE
            ::cue { color: yellow }

            NOTE gemaakt met een app
            over twee regels

            00:00:01.000 --> 00:00:03.500 align:start position:0%
            Sam<00:00:01.500><c> kijkt</c><00:00:02.000><c> naar</c><00:00:02.500><c> Zoë</c>
            00:00:03.500 --> 00:00:05.000 align:start position:0%
            <i>geeft</i> een <b>blokje</b> &amp; lacht &lt;3
            00:01:02.250 --> 00:01:04.000
            <v.loud Daniël>roept <c.red>"hier!"</c></v>

            """
        let markers = try MarkerConversion.read(vtt, format: .vtt, name: "yt.vtt")
        // Three cues, at their timing lines' starts, with the text a player shows.
        #expect(markers.map(\.time) == [.clock(microseconds: 1_000_000), .clock(microseconds: 3_500_000), .clock(microseconds: 62_250_000)])
        #expect(markers.map(\.note) == ["Sam kijkt naar Zoë", "geeft een blokje & lacht <3", "roept \"hier!\""])
        #expect(markers.map(\.child) == [nil, nil, "Daniël"])
        #expect(markers.map(\.line) == [11, 13, 15])
    }

    @Test func srtFormattingIsLeftOut() throws {
        let srt = "1\n00:00:01,000 --> 00:00:02,000\n{\\an8}<i>Sam:</i> <font color=\"#ffff00\">kijkt</font> <B>op</B>\n\n"
            + "2\n00:00:04,000 --> 00:00:05,000\nZoë: zegt <lacht>\n\n"
        let markers = try MarkerConversion.read(srt, format: .srt, name: "x.srt")
        #expect(markers.map(\.child) == ["Sam", "Zoë"])
        // Formatting tags go; anything else between angle brackets is the note's own text.
        #expect(markers.map(\.note) == ["kijkt op", "zegt <lacht>"])
    }

    /// An ELAN document shaped as ELAN writes a subdivided tier: the subdivisions' inner boundaries are time
    /// slots without a time, which ELAN shows spread evenly over their parent (here 1.0 s to 4.0 s in three:
    /// 2.0 s and 3.0 s); a symbolic-association tier (a translation) and a dependent of it refer to the
    /// parent annotation. (Before December 2026 every aligned annotation was a marker, each step too.)
    @Test func elanWithUnalignedSlotsAndDependentTiers() throws {
        let eaf = """
            <?xml version="1.0" encoding="UTF-8"?>
            <ANNOTATION_DOCUMENT AUTHOR="" DATE="2026-11-27T10:00:00+01:00" FORMAT="3.0" VERSION="3.0">
            <HEADER MEDIA_FILE="" TIME_UNITS="milliseconds"><MEDIA_DESCRIPTOR MEDIA_URL="file:///speelhoek.mp4" MIME_TYPE="video/mp4"/></HEADER>
            <TIME_ORDER>
            <TIME_SLOT TIME_SLOT_ID="ts1" TIME_VALUE="1000"/><TIME_SLOT TIME_SLOT_ID="ts3"/><TIME_SLOT TIME_SLOT_ID="ts5"/>
            <TIME_SLOT TIME_SLOT_ID="ts2" TIME_VALUE="4000"/><TIME_SLOT TIME_SLOT_ID="ts6" TIME_VALUE="9500"/><TIME_SLOT TIME_SLOT_ID="ts7" TIME_VALUE="9501"/>
            </TIME_ORDER>
            <TIER LINGUISTIC_TYPE_REF="default-lt" PARTICIPANT="Sam" TIER_ID="Sam">
            <ANNOTATION><ALIGNABLE_ANNOTATION ANNOTATION_ID="a1" TIME_SLOT_REF1="ts1" TIME_SLOT_REF2="ts2"><ANNOTATION_VALUE>geeft een blokje</ANNOTATION_VALUE></ALIGNABLE_ANNOTATION></ANNOTATION>
            <ANNOTATION><ALIGNABLE_ANNOTATION ANNOTATION_ID="a9" TIME_SLOT_REF1="ts6" TIME_SLOT_REF2="ts7"><ANNOTATION_VALUE>lacht</ANNOTATION_VALUE></ALIGNABLE_ANNOTATION></ANNOTATION>
            </TIER>
            <TIER LINGUISTIC_TYPE_REF="subdivision" PARENT_REF="Sam" PARTICIPANT="Sam" TIER_ID="Sam-stappen">
            <ANNOTATION><ALIGNABLE_ANNOTATION ANNOTATION_ID="a2" TIME_SLOT_REF1="ts1" TIME_SLOT_REF2="ts3"><ANNOTATION_VALUE>kijkt</ANNOTATION_VALUE></ALIGNABLE_ANNOTATION></ANNOTATION>
            <ANNOTATION><ALIGNABLE_ANNOTATION ANNOTATION_ID="a3" TIME_SLOT_REF1="ts3" TIME_SLOT_REF2="ts5"><ANNOTATION_VALUE>pakt</ANNOTATION_VALUE></ALIGNABLE_ANNOTATION></ANNOTATION>
            <ANNOTATION><ALIGNABLE_ANNOTATION ANNOTATION_ID="a4" TIME_SLOT_REF1="ts5" TIME_SLOT_REF2="ts2"><ANNOTATION_VALUE>geeft</ANNOTATION_VALUE></ALIGNABLE_ANNOTATION></ANNOTATION>
            </TIER>
            <TIER LINGUISTIC_TYPE_REF="translation" PARENT_REF="Sam" TIER_ID="vertaling">
            <ANNOTATION><REF_ANNOTATION ANNOTATION_ID="a5" ANNOTATION_REF="a1"><ANNOTATION_VALUE>gives a block</ANNOTATION_VALUE></REF_ANNOTATION></ANNOTATION>
            </TIER>
            <TIER LINGUISTIC_TYPE_REF="code" PARENT_REF="vertaling" TIER_ID="code">
            <ANNOTATION><REF_ANNOTATION ANNOTATION_ID="a6" ANNOTATION_REF="a5"><ANNOTATION_VALUE>SPEELGOED</ANNOTATION_VALUE></REF_ANNOTATION></ANNOTATION>
            </TIER>
            </ANNOTATION_DOCUMENT>
            """
        // By default the independent tier's annotations are the markers; the subdivision's steps join the note.
        let utterances = try MarkerConversion.read(eaf, format: .eaf, name: "x.eaf")
        #expect(utterances.map(\.time) == [1_000_000, 9_500_000].map { .clock(microseconds: $0) })
        #expect(utterances.map(\.note) == ["geeft een blokje\nvertaling: gives a block\ncode: SPEELGOED\nSam-stappen: kijkt\nSam-stappen: pakt\nSam-stappen: geeft", "lacht"])
        // Chosen, the subdivision's annotations are markers too, at their spread times.
        let markers = try MarkerConversion.read(eaf, format: .eaf, name: "x.eaf", tiers: ["Sam", "Sam-stappen"])
        #expect(markers.map(\.time) == [1_000_000, 1_000_000, 2_000_000, 3_000_000, 9_500_000].map { .clock(microseconds: $0) })
        #expect(markers.map(\.note) == ["geeft een blokje\nvertaling: gives a block\ncode: SPEELGOED", "kijkt", "pakt", "geeft", "lacht"])
        #expect(markers.allSatisfy { $0.child == "Sam" })
        // A slot no chain leads to an aligned slot from is still refused, naming it.
        let broken = eaf.replacingOccurrences(of: #"TIME_SLOT_ID="ts2" TIME_VALUE="4000""#, with: #"TIME_SLOT_ID="ts2""#)
        let error = try #require(throws: MarkerFileError.self) { try MarkerConversion.read(broken, format: .eaf, name: "x.eaf") }
        #expect(error.messages(in: .en) == ["x.eaf: annotation a3 starts at time slot ts3, which has no time, and its tier has no timed slot around it to place it by."],
                "\(error.messages(in: .en))")
    }

    /// What EAF 3.0 requires of the document we write (the schema's required attributes): a DATE that is
    /// an xs:dateTime, and a media URL that is a URL (or no media descriptor at all).
    @Test func elanWeWriteHasWhatEAF30Requires() throws {
        let markers = [Marker(time: .clock(microseconds: 1_500_000), child: "Sam", note: "kijkt", line: 1)]
        let named = try MarkerConversion.write(markers, format: .eaf, mediaName: "speel hoek é.mp4")
        let date = try #require(named.firstMatch(of: /<ANNOTATION_DOCUMENT AUTHOR="InBeeld" DATE="([^"]+)" FORMAT="3.0" VERSION="3.0">/)?.1)
        let written = try #require(ISO8601DateFormatter().date(from: String(date)), "\(date)")
        #expect(abs(written.timeIntervalSinceNow) < 120)
        let url = try #require(named.firstMatch(of: /MEDIA_URL="([^"]+)"/)?.1)
        #expect(url == "file:///speel%20hoek%20%C3%A9.mp4")
        #expect(URL(string: String(url))?.lastPathComponent == "speel hoek é.mp4")
        let unnamed = try MarkerConversion.write(markers, format: .eaf)
        #expect(!unnamed.contains("MEDIA_DESCRIPTOR") && !unnamed.contains("file:///"))
        #expect(MarkerConversionTests.same(try MarkerConversion.read(unnamed, format: .eaf, name: "x"), markers))
    }

    /// LosslessCut's CSV as its documentation shows it (no header, an empty start meaning 0, whole and
    /// decimal seconds, a quoted label) and with clock times, told apart from our CSV without --from-format.
    @Test func losslessCutWithoutHeaderEmptyStartsAndClockTimes() throws {
        let documented = ",56.9568,First segment starting at 0\n70,842.33,\"Another quoted label\"\n1234,,Last segment\n"
        #expect(MarkerFormat.guess(path: "x.csv", content: documented) == .losslesscut)
        let markers = try MarkerConversion.read(documented, format: .losslesscut, name: "x.csv")
        #expect(markers.map(\.time) == [0, 70_000_000, 1_234_000_000].map { .clock(microseconds: $0) })
        #expect(markers.map(\.note) == ["First segment starting at 0", "Another quoted label", "Last segment"])
        let clock = "0:01:02.500,0:01:10.000,Sam: kijkt\n"
        #expect(MarkerFormat.guess(path: "x.csv", content: clock) == .losslesscut)
        let read = try MarkerConversion.read(clock, format: .losslesscut, name: "x.csv")
        #expect(read.map(\.time) == [.clock(microseconds: 62_500_000)] && read.map(\.child) == ["Sam"])
        // Our own CSV (a header naming the columns) is still ours.
        #expect(MarkerFormat.guess(path: "x.csv", content: "time,child,note\n1:02,Sam,kijkt\n") == .csv)
        #expect(MarkerFormat.guess(path: "x.csv", content: "tijd;kind;notitie\n1:02;Sam;kijkt\n") == .csv)
    }
}
