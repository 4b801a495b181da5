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

    /// The *verslag*, in the method's order: the first reaction and who watches which child; per still
    /// what was seen and heard (and the coach's "wat ik zie"); the summary and what goes well; per child
    /// what the moment meant, needs and next time; the agreements and the follow-up. Pages where nothing
    /// was typed stay pixel for pixel the blank sheet's, lines to write on included.
    @Test func theFilledInSheetFollowsTheMethodAndKeepsTheBlankLines() throws {
        let filledIn = #"""
            {"recording": "rec.mp4", "focus": [{"child": "Sam", "professional": "Fatima", "meaning": "Sam voelt zich gezien.",
               "needs": "Erbij horen.", "next_time": "Benoemen: jij kijkt naar Zoë!"},
              {"child": "Zoë", "professional": "Joris"}],
             "first_reaction": "Wat een drukte!",
             "markers": [{"time": "1:10", "child": "Sam", "note": "kijkt naar Zoë", "seen_heard": "Sam kijkt drie keer naar Zoë en lacht.",
                          "coach_saw": "Zoë kijkt terug."},
                         {"time": "1:20", "child": "Sam", "note": "geeft een blokje", "seen_heard": "Hij geeft het blokje.", "added": "conversation"},
                         {"time": "1:40", "child": "Zoë", "note": "roept"}],
             "summary": "Sam zoekt Zoë op.", "going_well": "Fatima ziet veel.", "agreements": "Fatima benoemt wat Sam doet.",
             "follow_up": "2027-01-15", "evaluation": "Benoemt Fatima wat Sam doet?"}
            """#
        // The blank sheet: the same session with nothing typed in the conversation.
        let blankSession = #"""
            {"recording": "rec.mp4", "focus": [{"child": "Sam", "professional": "Fatima"}, {"child": "Zoë", "professional": "Joris"}],
             "markers": [{"time": "1:10", "child": "Sam", "note": "kijkt naar Zoë"}, {"time": "1:20", "child": "Sam", "note": "geeft een blokje"},
                         {"time": "1:40", "child": "Zoë", "note": "roept"}]}
            """#
        var texts: [String] = [], pages: [[Data]] = []
        for json in [blankSession, filledIn] {
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
        // Everything typed is printed, in the method's order, each after its own heading.
        let order = ["Voor het fragment", "Eerste reactie, na de hele opname", "Wat een drukte!",
                     "Sam · Fatima let op dit kind", "Zoë · Joris let op dit kind",
                     "Wat zie en hoor je?", "Sam kijkt drie keer naar Zoë en lacht.", "Wat ik zie... (de coach)", "Zoë kijkt terug.",
                     "in het gesprek toegevoegd", "Hij geeft het blokje.",
                     "Na het fragment", "Samenvatting: wat hebben we gezien en gehoord?", "Sam zoekt Zoë op.",
                     "Kind: Sam · Fatima let op dit kind", "Wat heeft dit moment voor het kind betekend? Sam voelt zich gezien.",
                     "Welke (ontwikkelings)behoeften heeft het kind? Erbij horen.",
                     "Wat kun je in een vergelijkbaar moment voor dit kind doen? Benoemen: jij kijkt naar Zoë!",
                     "Kind: Zoë · Joris let op dit kind", "Wat gaat goed?", "Fatima ziet veel.", "Afspraken", "Fatima benoemt wat Sam doet.",
                     "Evaluatie van de begeleiding op (datum): 15 jan. 2027", "Wat evalueren we?", "Benoemt Fatima wat Sam doet?"]
        var from = filled.startIndex
        for text in order {
            guard let found = filled.range(of: text, range: from..<filled.endIndex) else {
                Issue.record("'\(text)' is not on the sheet after what comes before it: \(filled)")
                break
            }
            from = found.upperBound
        }
        for typed in ["Wat een drukte!", "Sam kijkt drie keer", "Zoë kijkt terug.", "Sam zoekt Zoë op.", "Erbij horen.", "15 jan. 2027"] {
            #expect(!blank.contains(typed))
        }
        // Opening page, two still pages, the summary, Sam, Zoë, the follow-up: the same pages both times.
        #expect(pages[0].count == 7 && pages[1].count == 7, "\(pages.map(\.count))")
        // Nothing was typed for the third initiative (page 3) or about Zoë (page 6): the blank sheet's pages.
        #expect(pages[0][2] == pages[1][2], "the third initiative's page differs from the blank sheet")
        #expect(pages[0][5] == pages[1][5], "Zoë's page differs from the blank sheet")
        for typedOn in [0, 1, 3, 4, 6] { #expect(pages[0][typedOn] != pages[1][typedOn], "page \(typedOn + 1)") }
    }

    /// A fragment outside 1 to 2 minutes is refused with what to do where the coach is: `prepare` and
    /// the page have no `--any-length` (the `cut` command's option), so they do not offer it.
    @Test func aFragmentOfTheWrongLengthSaysWhatToChoose() throws {
        let dir = try sessionFolder(#"{"recording": "rec.mp4", "fragment": {"from": "1:00", "to": "1:15"}, "markers": [{"time": "1:10"}]}"#)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let error = try #require(throws: PrepareJob.Failure.self) { try PrepareJob(sessionPath: dir + "/session.json", language: .nl).run() }
        #expect(error.messages.contains { $0.contains("het fragment duurt 0:00:15.000") && $0.contains("Kies een ander begin of einde") }, "\(error.messages)")
        #expect(!error.messages.joined().contains("--any-length"))
        #expect(!FileManager.default.fileExists(atPath: dir + "/session-inbeeld/sheet.pdf"))
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
        #expect(sheetText.contains("Sam zoekt contact.") && sheetText.contains("15 Jan 2027"))

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
