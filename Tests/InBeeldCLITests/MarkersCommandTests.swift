import Foundation
import Testing
import TestSupport

@Suite struct MarkersCommandTests {
    @Test func convertBetweenFilesWithAFragmentShift() throws {
        let dir = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "time;child;note\n1:45,2;Sam;\"kijkt, lacht\"\n2:00;Zoë;geeft\n".write(toFile: dir + "/m.csv", atomically: true, encoding: .utf8)
        let out = try inbeeld(["markers", "convert", dir + "/m.csv", dir + "/m.eaf", "--fragment-from", "1:40"])
        #expect(out.status == 0, "\(out.stderr)")
        let eaf = try String(contentsOfFile: dir + "/m.eaf", encoding: .utf8)
        #expect(eaf.contains("TIME_VALUE=\"5200\"") && eaf.contains("TIME_VALUE=\"20000\""))
        #expect(eaf.contains("PARTICIPANT=\"Zoë\"") && eaf.contains("kijkt, lacht"))
        let back = try inbeeld(["markers", "convert", dir + "/m.eaf", dir + "/back.csv", "--fragment-from=-1:40"])
        #expect(back.status == 0, "\(back.stderr)")
        #expect(try String(contentsOfFile: dir + "/back.csv", encoding: .utf8)
                == "time,child,note\n0:01:45.200,Sam,\"kijkt, lacht\"\n0:02:00.000,Zoë,geeft\n")
        #expect(try inbeeld(["markers", "convert", dir + "/m.csv", dir + "/m.xyz"]).status == 64)
        let exists = try inbeeld(["markers", "convert", dir + "/m.csv", dir + "/m.eaf"])
        #expect(exists.status == 1 && exists.stderr.contains("--force"))
    }

    /// An SRT file saved by an older Windows program (Windows-1252, made here by iconv) is read with its
    /// accents right, and the command says in one line how it read it; stills reads it the same.
    @Test func aWindows1252FileIsReadAndSaidSo() throws {
        let dir = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "1\r\n00:00:01,500 --> 00:00:03,000\r\nZoë: geeft Daniël een blokje\r\n\r\n".write(toFile: dir + "/utf8.srt", atomically: true, encoding: .utf8)
        let bytes = try runData(try #require(which("iconv")), ["-f", "UTF-8", "-t", "WINDOWS-1252", dir + "/utf8.srt"])
        #expect(bytes.contains(0xEB) && !bytes.contains(0xC3))  // ë as one byte, not UTF-8's two
        try bytes.write(to: URL(fileURLWithPath: dir + "/oud.srt"))
        let out = try inbeeld(["markers", "convert", dir + "/oud.srt", dir + "/m.csv", "--lang", "nl"])
        #expect(out.status == 0, "\(out.stderr)")
        #expect(out.stderr == "inbeeld: \(dir)/oud.srt is geen UTF-8; gelezen als Windows-1252 (West-Europees). Kijk of letters als é en ë goed staan; sla het bestand als UTF-8 op om zeker te zijn.\n")
        #expect(try String(contentsOfFile: dir + "/m.csv", encoding: .utf8) == "time,child,note\n0:00:01.500,Zoë,geeft Daniël een blokje\n")
        // The same file given to stills: the same line, and the still made at 1.5 s.
        let stills = try inbeeld(["stills", fixture("barcode-25fps-5min.mp4"), "--markers", dir + "/oud.srt", "-o", dir + "/stills", "--json"])
        #expect(stills.status == 0, "\(stills.stderr)")
        #expect(stills.stderr.contains("oud.srt is not UTF-8; read as Windows-1252"), "\(stills.stderr)")
        #expect(try Oracle.barcode(try #require(try FileManager.default.contentsOfDirectory(atPath: dir + "/stills").first { $0.hasSuffix(".jpg") }
            .map { dir + "/stills/" + $0 })) == 37)
    }

    /// `stills` on BORIS's own exports (`Fixtures/boris/`): a still at each START and POINT, never at a STOP,
    /// at the media time (BORIS's time offset of 12.5 s removed); from an observation of two media files
    /// (a.mp4 of 60 s, then b.mp4), only the recording's own events, at its own times. The times are the
    /// events coded in `Scripts/boris-fixtures.py`; the frames are read from the stills' barcodes.
    @Test func stillsFromBORISExports() throws {
        let dir = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let boris = packageRoot.appendingPathComponent("Fixtures/boris").path
        func barcodes(_ folder: String) throws -> [Int] {
            try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".jpg") }.sorted().map { try Oracle.barcode(folder + "/" + $0) }
        }
        let out = try inbeeld(["stills", fixture("barcode-25fps-5min.mp4"), "--markers", boris + "/events-met-offset.tsv", "-o", dir + "/s"])
        #expect(out.status == 0, "\(out.stderr)")
        // Seven rows, one a STOP (31.04 s); 25 frames a second from frame 0.
        #expect(try barcodes(dir + "/s") == [12.345, 15.5, 40.2, 52.001, 75.25, 98.76].map { Int(($0 * 25).rounded(.down)) })
        // The recording as b.mp4: BORIS's 61.5 s and 100.04 s are 1.5 s and 40.04 s into it.
        try FileManager.default.createSymbolicLink(atPath: dir + "/b.mp4", withDestinationPath: fixture("barcode-25fps-5min.mp4"))
        let b = try inbeeld(["stills", dir + "/b.mp4", "--markers", boris + "/events-twee-bestanden.xlsx", "-o", dir + "/b"])
        #expect(b.status == 0, "\(b.stderr)")
        #expect(try barcodes(dir + "/b") == [37, 1001])
        // Under another name the file is refused, naming the media files it holds.
        try FileManager.default.createSymbolicLink(atPath: dir + "/c.mp4", withDestinationPath: fixture("barcode-25fps-5min.mp4"))
        let c = try inbeeld(["stills", dir + "/c.mp4", "--markers", boris + "/events-twee-bestanden.xlsx", "-o", dir + "/c", "--lang", "nl"])
        #expect(c.status == 1)
        #expect(c.stderr == "inbeeld: \(boris)/events-twee-bestanden.xlsx: deze BORIS-observatie gaat over a.mp4, b.mp4, niet over c.mp4.\n")
        #expect(!FileManager.default.fileExists(atPath: dir + "/c"))
    }

    /// Timecodes as Premiere exports markers (UTF-16, tab-separated, `In` a timecode): `stills` places them by
    /// the recording's frame rate (25 fps; 29.97 fps counts as 30), the stills' barcodes saying which frame;
    /// `markers convert` needs `--fps` and says so.
    @Test func timecodesFromAnEditor() throws {
        let dir = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "Marker Name\tDescription\tIn\tOut\tDuration\tMarker Type\nSam\tkijkt\t00:00:01:12\t00:00:01:12\t00:00:00:00\tComment\n\t\t00:00:05:15\t00:00:05:15\t00:00:00:00\tComment\n"
            .write(toFile: dir + "/utf8.csv", atomically: true, encoding: .utf8)
        try runData(try #require(which("iconv")), ["-f", "UTF-8", "-t", "UTF-16", dir + "/utf8.csv"]).write(to: URL(fileURLWithPath: dir + "/premiere.csv"))
        // At 29.97 fps the editor writes drop-frame timecode (no frames are dropped in the first minute).
        try "00:00:01:12 Sam: kijkt\n00:00:05;15\n".write(toFile: dir + "/ntsc.txt", atomically: true, encoding: .utf8)
        func frames(_ recording: String, _ out: String, markers: String = "premiere.csv") throws -> [Int] {
            let result = try inbeeld(["stills", fixture(recording), "--markers", dir + "/" + markers, "-o", dir + "/" + out])
            #expect(result.status == 0, "\(result.stderr)")
            return try FileManager.default.contentsOfDirectory(atPath: dir + "/" + out).filter { $0.hasSuffix(".jpg") }.sorted()
                .map { try Oracle.barcode(dir + "/" + out + "/" + $0) }
        }
        #expect(try frames("barcode-25fps-5min.mp4", "pal") == [1 * 25 + 12, 5 * 25 + 15])
        #expect(try frames("barcode-ntsc.mp4", "ntsc", markers: "ntsc.txt") == [1 * 30 + 12, 5 * 30 + 15])
        let without = try inbeeld(["markers", "convert", dir + "/premiere.csv", dir + "/m.csv"])
        #expect(without.status == 1)
        #expect(without.stderr == "inbeeld: \(dir)/premiere.csv, line 2: 00:00:01:12 is a timecode; give the recording's frame rate with --fps (25, 29.97 or 30000/1001).\n")
        let with = try inbeeld(["markers", "convert", dir + "/premiere.csv", dir + "/m.csv", "--fps", "25"])
        #expect(with.status == 0, "\(with.stderr)")
        #expect(try String(contentsOfFile: dir + "/m.csv", encoding: .utf8) == "time,child,note\n0:00:01.480,,\"Sam\nkijkt\"\n0:00:05.600,,\n")
    }

    /// A one-letter output folder (`-o s`) crashed Foundation's path code; it is an ordinary folder now.
    @Test func aOneLetterFolder() throws {
        let dir = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "1.5 Sam: kijkt\n".write(toFile: dir + "/m.txt", atomically: true, encoding: .utf8)
        let out = try run(try inbeeldProgram(), ["stills", fixture("barcode-25fps-5min.mp4"), "--markers", "m.txt", "-o", "s"], in: dir)
        #expect(out.status == 0, "\(out.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir + "/s").contains { $0.hasSuffix(".jpg") })
    }

    /// LosslessCut's "CSV (frames)" export (its `formatCsvFrames`: a `Start,End,Name` header, then each
    /// segment's seconds times the frame rate, rounded): whole numbers only, which its seconds export also
    /// writes for segments on whole seconds, so the file is refused, saying how to tell which, never misread as
    /// seconds. Read as frame numbers it gives the frames; with --fps, times; the stills show those frames.
    @Test func losslessCutsFramesExport() throws {
        let dir = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let segments: [(start: Double, end: Double, name: String)] = [(1.48, 2.0, "Sam: kijkt"), (40.04, 41.5, "Noor")]
        let rows = segments.map { "\(Int(($0.start * 25).rounded())),\(Int(($0.end * 25).rounded())),\($0.name)" }
        try (["Start,End,Name"] + rows).joined(separator: "\n").appending("\n").write(toFile: dir + "/lc.csv", atomically: true, encoding: .utf8)
        let guessed = try inbeeld(["stills", fixture("barcode-25fps-5min.mp4"), "--markers", dir + "/lc.csv", "-o", dir + "/s"])
        #expect(guessed.status == 1)
        #expect(guessed.stderr.contains("every time is a whole number, as LosslessCut's 'CSV (frames)' export writes frame numbers"), "\(guessed.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir + "/s"))
        let frames = try inbeeld(["markers", "convert", dir + "/lc.csv", dir + "/m.txt", "--from-format", "losslesscut-frames"])
        #expect(frames.status == 0, "\(frames.stderr)")
        #expect(try String(contentsOfFile: dir + "/m.txt", encoding: .utf8) == "#37 Sam: kijkt\n#1001 Noor\n")
        let stills = try inbeeld(["stills", fixture("barcode-25fps-5min.mp4"), "--markers", dir + "/m.txt", "-o", dir + "/s"])
        #expect(stills.status == 0, "\(stills.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir + "/s").filter { $0.hasSuffix(".jpg") }.sorted()
            .map { try Oracle.barcode(dir + "/s/" + $0) } == [37, 1001])
        let timed = try inbeeld(["markers", "convert", dir + "/lc.csv", dir + "/m.srt", "--from-format", "losslesscut-frames", "--fps", "25"])
        #expect(timed.status == 0, "\(timed.stderr)")
        #expect(try String(contentsOfFile: dir + "/m.srt", encoding: .utf8).hasPrefix("1\n00:00:01,480 --> 00:00:06,480\nSam: kijkt\n"))
        // And back: times to LosslessCut's frame numbers at the same rate.
        let back = try inbeeld(["markers", "convert", dir + "/m.srt", dir + "/back.csv", "--to-format", "losslesscut-frames", "--fps", "25"])
        #expect(back.status == 0, "\(back.stderr)")
        #expect(try String(contentsOfFile: dir + "/back.csv", encoding: .utf8).split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).first.map(String.init) } == ["37", "1001"])
    }

    /// An ELAN file that cannot be placed is refused in the coach's language, naming the file once.
    @Test func elanProblemsInDutch() throws {
        let dir = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try """
            <ANNOTATION_DOCUMENT><TIME_ORDER><TIME_SLOT TIME_SLOT_ID="ts1" TIME_VALUE="1000"/></TIME_ORDER>
            <TIER TIER_ID="Sam"><ANNOTATION><ALIGNABLE_ANNOTATION ANNOTATION_ID="a1" TIME_SLOT_REF1="ts9" TIME_SLOT_REF2="ts1">
            <ANNOTATION_VALUE>kijkt</ANNOTATION_VALUE></ALIGNABLE_ANNOTATION></ANNOTATION></TIER></ANNOTATION_DOCUMENT>
            """.write(toFile: dir + "/m.eaf", atomically: true, encoding: .utf8)
        let out = try inbeeld(["stills", fixture("barcode-25fps-5min.mp4"), "--markers", dir + "/m.eaf", "-o", dir + "/s"], lang: "nl_NL.UTF-8")
        #expect(out.status == 1)
        #expect(out.stderr == "inbeeld: \(dir)/m.eaf: annotatie a1 verwijst naar een onbekend tijdstip ts9.\n")
        let convert = try inbeeld(["markers", "convert", dir + "/m.eaf", dir + "/m.csv", "--lang", "nl"])
        #expect(convert.stderr == out.stderr)
        try "<ANNOTATION_DOCUMENT><TIER></ANNOTATION_DOCUMENT>".write(toFile: dir + "/kapot.eaf", atomically: true, encoding: .utf8)
        let broken = try inbeeld(["markers", "convert", dir + "/kapot.eaf", dir + "/k.csv", "--lang", "nl"])
        #expect(broken.stderr.hasPrefix("inbeeld: \(dir)/kapot.eaf, regel 1: geen geldig ELAN-document"), "\(broken.stderr)")
        // Cut short (a copy that stopped): said so, not "no markers".
        try "<ANNOTATION_DOCUMENT><TIME_ORDER><TIME_SLOT TIME_SLOT_ID=\"ts1\" TIME_VALUE=\"1000\"/>".write(toFile: dir + "/half.eaf", atomically: true, encoding: .utf8)
        let half = try inbeeld(["markers", "convert", dir + "/half.eaf", dir + "/h.csv"])
        #expect(half.stderr == "inbeeld: \(dir)/half.eaf, line 1: not a valid ELAN document: it ends before it is complete.\n", "\(half.stderr)")
    }
}
