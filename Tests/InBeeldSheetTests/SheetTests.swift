import Foundation
import InBeeldMarkers
import Synchronization
import Testing
import TestSupport
import InBeeldCoaching
import InBeeldMedia
import InBeeldSheet

/// Sheets checked with poppler (pdfinfo, pdftotext, pdftoppm) and the barcode of the still on the page.
@Suite struct SheetTests {

    func poppler(_ tool: String, _ arguments: [String]) throws -> String {
        let path = try #require(which(tool), "\(tool) is missing: run Scripts/setup.sh")
        let out = try run(path, arguments)
        #expect(out.status == 0, "\(tool): \(out.stderr)")
        return out.stdout
    }

    /// The PDF's text with every run of white space (line wraps included) as one space.
    func flatText(_ pdf: String, _ options: [String] = []) throws -> String {
        try poppler("pdftotext", options + [pdf, "-"]).split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    func pages(_ pdf: String) throws -> Int {
        let info = try poppler("pdfinfo", [pdf])
        let line = try #require(info.split(separator: "\n").first { $0.hasPrefix("Pages:") })
        return Int(line.split(separator: " ").last!)!
    }

    /// Markers every 0.2 s on the barcoded recording, with Dutch names and notes.
    func markers(_ count: Int) -> [Marker] {
        let children = ["Zoë", "Sam", "Daniël", "Noé"]
        return (0..<count).map { i in
            Marker(time: .clock(microseconds: Int64(100_000 + i * 200_000)), child: children[i % 4],
                   note: "notitie \(i + 1): geeft een blokje, één café", line: i + 2)
        }
    }

    /// Pages: the opening page (header, first reaction, the children), two stills to a page, then the
    /// summary page, a page per child (the markers name 1 child with one marker, else 4) and the follow-up.
    @Test(arguments: [(1, 1 + 1 + 1 + 1 + 1), (6, 1 + 3 + 1 + 4 + 1), (25, 1 + 13 + 1 + 4 + 1)])
    func pagesGrowWithTheMarkers(_ count: Int, _ expectedPages: Int) throws {
        let dir = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let sheet = try StillSheetJob(recording: try openedRecording(fixture("barcode-bframes.mp4")), markers: markers(count), language: .nl).prepare()
        let written = try SheetRenderer(sheet: sheet).write(pdf: dir + "/s.pdf")
        #expect(written.layout.pageCount == expectedPages)
        #expect(try pages(dir + "/s.pdf") == expectedPages)
        // Every marker's time, child and note is on the sheet, accents intact.
        let text = try flatText(dir + "/s.pdf")
        for (i, marker) in markers(count).enumerated() {
            guard case .clock(let us) = marker.time else { continue }
            // Its heading as a coach reads it (whole seconds), the exact time below it.
            #expect(text.contains("\(i + 1) · 0:0\(us / 1_000_000)"), "time of marker \(i + 1)")
            #expect(text.contains(" · \(MarkerTime.clockText(us))"), "exact time of marker \(i + 1)")
            #expect(text.contains(marker.child!))
            #expect(text.contains("notitie \(i + 1): geeft een blokje, één café"))
        }
        #expect(text.contains("Wat zie en hoor je?"))
        #expect(text.contains("Welke (ontwikkelings)behoeften heeft het kind?"))
        #expect(text.contains("Vervolg"))
        #expect(text.contains("pagina \(expectedPages) van \(expectedPages)"))
    }

    /// The still on the page is the frame shown at the marker: its barcode, read from the rendered page.
    @Test(arguments: [1, 3])
    func theStillOnThePageIsTheRightFrame(_ perPage: Int) throws {
        let dir = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let list = markers(5)
        let sheet = try StillSheetJob(recording: try openedRecording(fixture("barcode-bframes.mp4")), markers: list, perPage: perPage, language: .en).prepare()
        let layout = try SheetRenderer(sheet: sheet).write(pdf: dir + "/s.pdf").layout
        let timeline = try Oracle.presentationTimes(fixture("barcode-bframes.mp4"))
        for still in layout.stills {
            let dpi = 144.0, k = dpi / 72
            _ = try poppler("pdftoppm", ["-r", "144", "-f", "\(still.page + 1)", "-l", "\(still.page + 1)",
                                         "-x", "\(Int((still.x * k).rounded()) + 1)", "-y", "\(Int((still.y * k).rounded()) + 1)",
                                         "-W", "\(Int((still.width * k).rounded()) - 2)", "-H", "\(Int((still.height * k).rounded()) - 2)",
                                         "-png", "-singlefile", dir + "/s.pdf", dir + "/crop"])
            guard case .clock(let us) = list[still.order - 1].time else { continue }
            let expected = Oracle.frameShown(atMicroseconds: us, in: timeline)
            #expect(try Oracle.barcode(dir + "/crop.png") == expected, "still \(still.order)")
        }
    }

    /// `prepare` decodes each marked frame once: the stills job hands the sheet its pictures, scaled from the
    /// same decoded frame. They are the pictures the sheet would take itself, and the sheet decodes nothing more.
    @Test func theStillsFeedTheSheetWithTheSamePictures() throws {
        let dir = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let list = markers(5) + [Marker(time: .frame(40), line: 9)]
        let recording = fixture("barcode-rotated.mp4")
        let alone = try StillSheetJob(recording: try openedRecording(recording), markers: list, language: .en).prepare()

        let opened = try openedRecording(recording)
        let sheetJob = StillSheetJob(recording: opened, markers: list, language: .en)
        let kept = Mutex<[Int: RGBPicture]>([:])
        _ = try StillsJob(recording: opened, markers: list, folder: dir, language: .en)
            .run(sheetWidth: sheetJob.sheetStillWidth(opened), keep: { i, p in kept.withLock { $0[i] = p } })
        #expect(opened.grabbersMade == 1)
        #expect(kept.withLock { $0.count } == list.count)
        let shared = try sheetJob.prepare(pictures: kept.withLock { $0 })
        #expect(opened.grabbersMade == 1, "the sheet decoded again")
        #expect(shared.entries.map(\.frameIndex) == alone.entries.map(\.frameIndex))
        for (a, b) in zip(shared.entries, alone.entries) {
            #expect(a.picture == b.picture, "still \(a.order)")
        }
        // Upright, as on the sheet made alone: the rotated recording's stills are taller than wide.
        #expect(shared.entries.allSatisfy { $0.picture.height > $0.picture.width })
    }

    @Test func englishSheetAndItsHeader() throws {
        let dir = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var job = StillSheetJob(recording: try openedRecording(fixture("barcode-bframes.mp4")), markers: markers(3), title: "Speelhoek, dinsdag",
                                coach: "Anne de Vries", professional: "Fatima", focusChildren: ["Zoë"], language: .en)
        job.fragment = (.clock(microseconds: 200_000), .clock(microseconds: 5_000_000))
        let sheet = try job.prepare(today: Date(timeIntervalSince1970: 1_790_000_000))
        _ = try SheetRenderer(sheet: sheet).write(pdf: dir + "/s.pdf")
        let text = try flatText(dir + "/s.pdf")
        #expect(text.contains("Speelhoek, dinsdag"))
        #expect(text.contains("Recording: barcode-bframes.mp4"))
        #expect(text.contains("fragment 0:00.2–0:05.0"))
        #expect(text.contains("Focus child: Zoë") && text.contains("Coach: Anne de Vries") && text.contains("Professional: Fatima"))
        #expect(text.contains("Made on 21 Sep 2026"))
        #expect(text.contains("What do you see and hear?"))
        #expect(text.contains("What can you do for this child in a similar moment next time?"))
        #expect(text.contains("Agreements"))
        // Only markers in the fragment, with fragment times: the first marker (0.1 s) is before it.
        #expect(sheet.entries.count == 2)
        // Times as a coach reads them (whole seconds): 0.1 s into the fragment.
        #expect(text.contains("(fragment 0:00)") && !text.contains("0:00:00.100"))
    }

    @Test func longNotesStayInTheirBox() throws {
        let dir = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let long = String(repeating: "Sam geeft Zoë een blokje en kijkt wat zij doet. ", count: 60)
        let list = [Marker(time: .clock(microseconds: 1_000_000), child: "Sam", note: long, line: 2)]
        let sheet = try StillSheetJob(recording: try openedRecording(fixture("barcode-bframes.mp4")), markers: list, language: .nl).prepare()
        _ = try SheetRenderer(sheet: sheet).write(pdf: dir + "/s.pdf")
        #expect(try pages(dir + "/s.pdf") == 5)
        // Laid out as printed, no line of the page mixes the note with a question: the note stops above them.
        let text = try poppler("pdftotext", ["-layout", "-f", "2", "-l", "2", dir + "/s.pdf", "-"])
        #expect(text.contains("Sam geeft Zoë een blokje"))
        let questionLines = text.split(separator: "\n").filter { $0.contains("Wat zie en hoor je?") || $0.contains("Wat ik zie") }
        #expect(!questionLines.isEmpty)
        #expect(questionLines.allSatisfy { !$0.contains("blokje") && !$0.contains("doet") })
    }

    @Test func noLocationOrDeviceInThePDF() throws {
        let dir = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let list = [Marker(time: .clock(microseconds: 2_000_000), child: "Sam", note: "kijkt", line: 2)]
        let sheet = try StillSheetJob(recording: try openedRecording(fixture("phone-like.mov")), markers: list, language: .nl).prepare()
        let pngs = try SheetRenderer(sheet: sheet).write(pdf: dir + "/s.pdf", pngScale: 1).pngs
        let bytes = try Data(contentsOf: URL(fileURLWithPath: dir + "/s.pdf"))
        for secret in ["52.3676", "004.9041", "iPhone", "Apple"] {
            #expect(bytes.range(of: Data(secret.utf8)) == nil, "\(secret) in the PDF")
        }
        let info = try poppler("pdfinfo", [dir + "/s.pdf"])
        #expect(info.split(separator: "\n").contains { $0.hasPrefix("Creator:") && $0.hasSuffix(" InBeeld") })
        #expect(pngs.count == 5)
        for png in pngs { #expect(try Oracle.grayPixels(png).width == 595) }
        // The recording date is content the coach wants; it is the date only.
        #expect(try flatText(dir + "/s.pdf").contains("opgenomen 14 mrt. 2026"))
    }

    /// The cheat sheet fits its one page in both languages: every word poppler finds on it lies inside
    /// the page, above a 20-point margin (`pdftotext -bbox`), its last step's last words included.
    @Test(arguments: Language.allCases)
    func theCheatSheetFitsItsPage(_ language: Language) throws {
        let dir = temporaryFolder()
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try CheatSheet(language: language).write(pdf: dir + "/c.pdf")
        let boxes = try run(try #require(which("pdftotext")), ["-bbox", dir + "/c.pdf", "-"]).stdout
        let words = boxes.matches(of: /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/)
        #expect(words.count > 150, "\(words.count) words")
        let lowest = words.map { Double($0.4)! }.max() ?? 0, rightmost = words.map { Double($0.3)! }.max() ?? 0
        #expect(lowest <= SheetRenderer.pageHeight - 20 && rightmost <= SheetRenderer.pageWidth - 20, "\(language): text reaches \(rightmost), \(lowest)")
        #expect(words.contains { $0.5 == (language == .nl ? "evaluatie." : "evaluation.") }, "\(language): the last step's end is not on the page")
    }
}
