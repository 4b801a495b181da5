import Foundation
import Testing
import TestSupport
import InBeeldCoaching
import InBeeldSheet

@Suite struct PrepareTests {
    func sessionFolder(_ json: String) throws -> String {
        let dir = temporaryFolder()
        try FileManager.default.createSymbolicLink(atPath: dir + "/rec.mp4", withDestinationPath: fixture("pass-7min.mp4"))
        try json.write(toFile: dir + "/session.json", atomically: true, encoding: .utf8)
        return dir
    }

    static let session = """
        {"recording": "rec.mp4", "fragment": {"from": "1:00", "to": "2:00.02"}, "focus_children": ["Sam"], "coach": "Anne",
         "markers": [{"time": "0:30", "child": "Sam", "note": "voor het fragment"},
                     {"time": "1:10.5", "child": "Sam", "note": "geeft een blokje"},
                     {"time": "1:45", "child": "Zoë", "kind": "kijken"}],
         "summary": "Sam zoekt contact.", "agreements": "Benoemen wat Sam doet.", "follow_up": "2027-01-15"}
        """

    /// `prepare` cuts smart by default, and its fragment shows exactly the chosen frames in FFmpeg and in
    /// GStreamer with OpenH264 (barcodes: 1:00.00 is frame 1500 at 25 fps, 2:00.02 ends after frame 3000).
    @Test func theFragmentIsSmartAndExactInBothPlayerStacks() throws {
        let dir = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createSymbolicLink(atPath: dir + "/rec.mp4", withDestinationPath: fixture("barcode-25fps-5min.mp4"))
        try """
            {"recording": "rec.mp4", "fragment": {"from": "1:00.01", "to": "2:00.02"},
             "markers": [{"time": "1:10.5", "child": "Sam", "note": "geeft een blokje"}]}
            """.write(toFile: dir + "/session.json", atomically: true, encoding: .utf8)
        var job = PrepareJob(sessionPath: dir + "/session.json", language: .en)
        job.preset = "ultrafast"
        let result = try job.run()
        #expect(result.notes.contains { $0.hasPrefix("smart cut: ") }, "\(result.notes)")
        let fragment = dir + "/session-inbeeld/fragment.mp4"
        #expect(try Oracle.barcodes(ofVideo: fragment) == Array(1500...3000))
        #expect(try Oracle.openH264Barcodes(ofVideo: fragment) == Array(1500...3000))
    }

    /// The *verslag*: answers typed in the conversation are printed under their questions; an initiative
    /// without answers keeps its empty lines, pixel for pixel as on the blank sheet.
    @Test func theFilledInSheetPrintsTheAnswersAndKeepsTheBlankLines() throws {
        let markers = """
            [{"time": "1:10", "child": "Sam", "note": "kijkt naar Zoë", "answers": {"seen_heard": "Sam kijkt drie keer naar Zoë en lacht.",
               "meaning": "Sam voelt zich gezien.", "needs": "Erbij horen.", "next_time": "Benoemen: jij kijkt naar Zoë!"}},
             {"time": "1:20", "child": "Sam", "note": "geeft een blokje", "answers": {"meaning": "Contact maken.", "next_time": "Even wachten."}},
             {"time": "1:40", "child": "Sam", "note": "roept"}]
            """
        var texts: [String] = [], pages: [[Data]] = []
        for answered in [false, true] {
            var json = #"{"recording": "rec.mp4", "focus_children": ["Sam"], "markers": \#(markers), "summary": "Samen."}"#
            if !answered { json = json.replacingOccurrences(of: #""answers": \{[^}]*\}"#, with: #""kind": "x""#, options: .regularExpression) }
            let dir = try sessionFolder(json)
            defer { try? FileManager.default.removeItem(atPath: dir) }
            _ = try PrepareJob(sessionPath: dir + "/session.json", language: .nl).run()
            let pdf = dir + "/session-inbeeld/sheet.pdf"
            texts.append(try run(try #require(which("pdftotext")), [pdf, "-"]).stdout.split(whereSeparator: \.isWhitespace).joined(separator: " "))
            _ = try run(try #require(which("pdftoppm")), ["-r", "60", "-png", pdf, dir + "/page"])
            let files = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasPrefix("page") }.sorted()
            pages.append(try files.map { try Data(contentsOf: URL(fileURLWithPath: dir + "/" + $0)) })
        }
        let (blank, filled) = (texts[0], texts[1])
        for answer in ["Sam kijkt drie keer naar Zoë en lacht.", "Sam voelt zich gezien.", "Erbij horen.", "Benoemen: jij kijkt naar Zoë!",
                       "Contact maken.", "Even wachten."] {
            #expect(filled.contains(answer), "\(answer)")
            #expect(!blank.contains(answer))
        }
        // An answer follows its own question (poppler reads the second initiative's cells in order).
        let question = "Wat heeft dit moment voor het kind betekend?"
        #expect(filled.contains("\(question) Contact maken."), "\(filled)")
        #expect(filled.components(separatedBy: question).count == blank.components(separatedBy: question).count)
        // The third initiative (page 2: two to a page) has no answers: its page is the blank sheet's.
        #expect(pages[0].count == pages[1].count && pages[0].count >= 2)
        #expect(pages[0][1] == pages[1][1], "the unanswered initiative's page differs from the blank sheet")
        #expect(pages[0][0] != pages[1][0])
    }

    @Test func prepareMakesEverythingAndASecondRunDoesNoMediaWork() throws {
        let dir = try sessionFolder(Self.session)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var job = PrepareJob(sessionPath: dir + "/session.json", language: .en)
        job.preset = "ultrafast"
        let first = try job.run()
        #expect(!first.upToDate)
        let out = dir + "/session-inbeeld"
        #expect(first.folder == out)
        for file in ["fragment.mp4", "fragment.vtt", "sheet.pdf", "markers.vtt", "index.html", "stills/stills.json",
                     "stills/01_0-00-30.000_Sam.jpg", "stills/02_0-01-10.500_Sam.jpg", "stills/03_0-01-45.000_Zoë.jpg"] {
            #expect(FileManager.default.fileExists(atPath: out + "/" + file), "\(file)")
        }
        // The fragment: 10 fps, frames 600 (1:00.0) up to 1200 (2:00.0, which starts before 2:00.02).
        let v = try #require(try Oracle.stream(out + "/fragment.mp4", "v"))
        #expect(v["nb_frames"] as? String == "601")
        let index = try String(contentsOfFile: out + "/index.html", encoding: .utf8)
        #expect(index.contains("href=\"sheet.pdf\"") && index.contains("src=\"fragment.mp4\"") && index.contains("stills/03_0-01-45.000_Zoë.jpg"))
        let sheetText = try run(try #require(which("pdftotext")), [out + "/sheet.pdf", "-"]).stdout
        #expect(sheetText.contains("Sam zoekt contact.") && sheetText.contains("2027-01-15"))

        // Nothing changed: nothing is redone.
        let mtime = { (f: String) in try FileManager.default.attributesOfItem(atPath: out + "/" + f)[.modificationDate] as? Date }
        let before = try mtime("fragment.mp4")
        let second = try job.run()
        #expect(second.upToDate)
        #expect(try mtime("fragment.mp4") == before)

        // --force redoes it; a changed session file too.
        var forced = job
        forced.force = true
        #expect(try !forced.run().upToDate)
        #expect(try mtime("fragment.mp4") != before)
        try Self.session.replacingOccurrences(of: "Anne", with: "Anna").write(toFile: dir + "/session.json", atomically: true, encoding: .utf8)
        #expect(try !job.run().upToDate)
    }

    /// The fragment and the stills are made side by side; when the stills cannot be made (a marker after
    /// the recording's end), that is the message, not the cut's "stopped" that it causes.
    @Test func aMarkerAfterTheEndIsTheMessageWhileTheCutRuns() throws {
        let dir = try sessionFolder(Self.session.replacingOccurrences(of: "\"1:45\"", with: "\"9:45\""))
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var job = PrepareJob(sessionPath: dir + "/session.json", language: .en)
        job.preset = "ultrafast"
        do {
            _ = try job.run()
            Issue.record("a marker after the end was accepted")
        } catch {
            #expect(!error.cancelled)
            #expect(error.messages.contains { $0.contains("9:45") }, "\(error.messages)")
            #expect(!error.messages.contains { $0.contains("stopped") }, "\(error.messages)")
        }
        #expect(!FileManager.default.fileExists(atPath: dir + "/session-inbeeld/sheet.pdf"))
    }

    @Test func aRecordingThatFailsTheCheckIsNotPrepared() throws {
        let dir = try sessionFolder(Self.session.replacingOccurrences(of: "\"rec.mp4\"", with: "\"short.mp4\""))
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createSymbolicLink(atPath: dir + "/short.mp4", withDestinationPath: fixture("short-3min.mp4"))
        do {
            _ = try PrepareJob(sessionPath: dir + "/session.json", language: .en).run()
            Issue.record("prepared")
        } catch {
            #expect(error.messages.first?.contains("3:00 long") == true)
        }
        #expect(!FileManager.default.fileExists(atPath: dir + "/session-inbeeld"))
    }

    @Test func aBrokenSessionFileNamesTheField() throws {
        let dir = try sessionFolder("{\"recording\": \"rec.mp4\", \"markers\": [{\"time\": \"1:75\"}]}")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        do {
            _ = try PrepareJob(sessionPath: dir + "/session.json", language: .nl).run()
            Issue.record("prepared")
        } catch {
            #expect(error.messages == ["\(dir)/session.json: veld 'markers[0].time': '1:75' is geen tijd (bijvoorbeeld 1:45.200)."])
        }
    }
}
