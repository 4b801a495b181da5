import Foundation
import InBeeldCoaching
import InBeeldMedia
import InBeeldMarkers
import Synchronization

/// Everything for one coaching session from its session file: the check, the fragment, the stills,
/// the sheet, the markers as WebVTT, and a page that lists them. Lives beside the sheet renderer, the top
/// of the library stack.
public struct PrepareJob: Sendable {
    public var sessionPath: String
    public var folder: String?
    public var force: Bool
    public var language: Language
    public var crf = 18
    /// The x264 preset of what is re-encoded; `nil` for the cut mode's own (`CutJob.defaultPreset`).
    public var preset: String?

    public init(sessionPath: String, folder: String? = nil, force: Bool = false, language: Language) {
        self.sessionPath = sessionPath
        self.folder = folder
        self.force = force
        self.language = language
    }

    public struct Failure: Error, Sendable {
        public var messages: [String]
        public var cancelled = false
    }

    public struct Result: Sendable {
        public var folder: String
        /// Nothing had changed: no media work was done.
        public var upToDate: Bool
        public var files: [String]
        public var notes: [String]
    }

    /// The output folder: `-o`, or `SESSION-NAME-inbeeld` beside the session file; for the page's
    /// `NAME.session.json`, `NAME-inbeeld`, the folder the page prepares into.
    public var outputFolder: String {
        if let folder { return folder }
        var base = (sessionPath as NSString).deletingPathExtension
        if base.hasSuffix(".session"), (base as NSString).lastPathComponent != ".session" { base.removeLast(".session".count) }
        return base + "-inbeeld"
    }

    public func run(progress: @escaping @Sendable (String, Double) -> Void = { _, _ in },
                    isCancelled: @escaping @Sendable () -> Bool = { false }) throws(Failure) -> Result {
        let session: CoachingSession
        do { session = try CoachingSession.load(path: sessionPath, language: language) } catch {
            throw Failure(messages: error.messages(in: language))
        }
        let out = outputFolder

        // Up to date? The same session file, the same recording, the same settings, every output there.
        let stamp = fingerprint(session: sessionPath, recording: session.recordingPath)
        let stampPath = (out as NSString).appendingPathComponent(".inbeeld-prepare.json")
        if !force, let previous = try? JSONDecoder().decode(Stamp.self, from: Data(contentsOf: URL(fileURLWithPath: stampPath))),
           previous.fingerprint == stamp,
           previous.files.allSatisfy({ FileManager.default.fileExists(atPath: (out as NSString).appendingPathComponent($0)) }) {
            return Result(folder: out, upToDate: true, files: previous.files, notes: [])
        }

        progress(language.say(Words.checking), 0)
        let opened = try checkedRecording(session.recordingPath, isCancelled: isCancelled)
        try makeFolder(out)
        unlink(stampPath)  // whatever follows, the old stamp no longer holds
        let markers = session.markers
        let (fragmentFiles, fragmentNotes, made) = try fragmentAndStills(session, opened, markers: markers, folder: out, progress: progress,
                                                                         isCancelled: isCancelled)
        var files = fragmentFiles, notes = fragmentNotes
        if let made {
            progress(language.say(Words.sheet), 0.9)
            let (sheetFiles, sheetNotes) = try sheetAndMarkers(made, session: session, markers: markers, folder: out)
            files += made.files + sheetFiles
            notes += made.notes + sheetNotes
        }

        // A page that lists what was made.
        do {
            try OutputFiles.write(Data(indexPage(session: session, files: files).utf8), to: (out as NSString).appendingPathComponent("index.html"))
            files.append("index.html")
            let data = try JSONEncoder().encode(Stamp(fingerprint: stamp, files: files))
            try OutputFiles.write(data, to: stampPath)
        } catch {
            throw Failure(messages: [language.say(Words.cannotWrite(in: out, because: phrase(for: error)))])
        }
        progress(language.say(Words.done), 1)
        return Result(folder: out, upToDate: false, files: files, notes: notes)
    }

    /// The check (step 1): a recording that fails it is not prepared. Opened once: the check, the cut and the
    /// stills share its description and timeline; the stills decode through the file as opened, the cut (on
    /// the other core) opens its own.
    private func checkedRecording(_ recording: String, isCancelled: @escaping @Sendable () -> Bool) throws(Failure) -> Recording {
        let opened: Recording
        switch Recording.open(recording, language: language, isCancelled: isCancelled) {
        case .failure(let problem):
            if isCancelled() { throw Failure(messages: [language.say(Words.stopped)], cancelled: true) }
            throw Failure(messages: [problem.message])
        case .success(let r): opened = r
        }
        let check = RecordingCheck(language: language).check(opened)
        if check.verdict == .fail {
            throw Failure(messages: check.problems.filter { $0.severity == .fail }.map { "\(recording): \($0.message)" })
        }
        return opened
    }

    /// The results folder, readable by the coach only; one of an earlier version may be open to all (its
    /// files' names show children), so it and its `stills` are closed, never through a link.
    private func makeFolder(_ out: String) throws(Failure) {
        do throws(OutputFiles.WriteError) {
            try OutputFiles.makePrivateFolder(out)
            if out.hasSuffix("-inbeeld") {
                for path in [out, (out as NSString).appendingPathComponent("stills")] {
                    fchmodat(AT_FDCWD, path, 0o700, AT_SYMLINK_NOFOLLOW)
                }
            }
        } catch {
            throw Failure(messages: [OutputFiles.folderMessage(error, language)])
        }
    }

    /// The fragment (step 2) and the stills with the sheet (step 3), side by side: the cut is mostly x264 on the
    /// re-encoded seams and the copy of the rest, the stills mostly decoding, so the two cores are both used.
    /// A failure of one stops the other, and a stopped or failed run leaves no stills behind (the folder only
    /// when nothing else is in it). The fragment's files and notes, and the stills made.
    private func fragmentAndStills(_ session: CoachingSession, _ opened: Recording, markers: [Marker], folder out: String,
                                   progress: @escaping @Sendable (String, Double) -> Void,
                                   isCancelled: @escaping @Sendable () -> Bool) throws(Failure) -> ([String], [String], StillsAndSheet?) {
        let stopped = Atomic<Bool>(false)
        let stop: @Sendable () -> Bool = { isCancelled() || stopped.load(ordering: .relaxed) }
        let stillsOutcome = Mutex<Swift.Result<StillsAndSheet, Failure>?>(nil)
        var stills: SideThread?
        if !markers.isEmpty {
            let job = self
            stills = SideThread(name: "inbeeld stills") {
                let outcome = Swift.Result { () throws(Failure) in
                    try job.stillsAndSheet(session: session, recording: opened, markers: markers, folder: out, isCancelled: stop)
                }
                if case .failure = outcome { stopped.store(true, ordering: .relaxed) }
                stillsOutcome.withLock { $0 = outcome }
            }
        }
        var files: [String] = [], notes: [String] = []
        var cutFailure: Failure?
        if let fragment = session.fragment {
            var job = CutJob(recording: opened, from: fragment.from, to: fragment.to,
                             output: (out as NSString).appendingPathComponent("fragment.mp4"), crf: crf, preset: preset,
                             markers: markers, force: true, language: language)
            job.offersAnyLength = false
            do {
                let result = try job.run(progress: { progress(language.say(Words.cuttingTheFragment), 0.05 + 0.8 * $0) },
                                         isCancelled: stop)
                files.append("fragment.mp4")
                if result.subtitles != nil { files.append("fragment.vtt") }
                notes += result.notes
            } catch {
                cutFailure = Failure(messages: error.messages, cancelled: error.cancelled)
                stopped.store(true, ordering: .relaxed)
            }
        }
        stills?.wait()
        let outcome = stillsOutcome.withLock { $0 }
        let stillsFailure: Failure? = if case .failure(let failure) = outcome { failure } else { nil }
        if isCancelled() || cutFailure != nil || stillsFailure != nil {
            if case .success(let made) = outcome {
                for file in made.files { unlink((out as NSString).appendingPathComponent(file)) }
            }
            rmdir((out as NSString).appendingPathComponent("stills"))
        }
        if isCancelled() { throw Failure(messages: [language.say(Words.stopped)], cancelled: true) }
        // The failure that stopped the other job is the one to report.
        if let cutFailure, !cutFailure.cancelled || stillsFailure == nil { throw cutFailure }
        if let stillsFailure { throw stillsFailure }
        if case .success(let made) = outcome { return (files, notes, made) }
        return (files, notes, nil)
    }

    /// The filled-in sheet (with what the session holds of the conversation) and the markers as WebVTT.
    private func sheetAndMarkers(_ made: StillsAndSheet, session: CoachingSession, markers: [Marker],
                                 folder out: String) throws(Failure) -> ([String], [String]) {
        var sheet = made.sheet
        sheet.focus = session.focus
        sheet.firstReaction = session.firstReaction
        sheet.summary = session.summary
        sheet.goingWell = session.goingWell
        sheet.agreements = session.agreements
        sheet.followUp = session.followUp
        sheet.evaluation = session.evaluation
        do {
            _ = try SheetRenderer(sheet: sheet).write(pdf: (out as NSString).appendingPathComponent("sheet.pdf"))
        } catch {
            throw Failure(messages: [error.message])
        }
        do {
            let vtt = try MarkerConversion.write(markers, format: .vtt)
            try OutputFiles.write(Data(vtt.utf8), to: (out as NSString).appendingPathComponent("markers.vtt"))
            return (["sheet.pdf", "markers.vtt"], [])
        } catch {
            return (["sheet.pdf"], [language.say(Words.markersVTTNotMade(because: phrase(for: error)))])
        }
    }

    /// What step 3 made: the stills (written), and the sheet (not yet rendered).
    struct StillsAndSheet: Sendable {
        var files: [String]
        var notes: [String]
        var sheet: StillSheet
    }

    /// The stills and the sheet's content through one open file and one decode: the stills' frames,
    /// scaled down, are the sheet's pictures.
    private func stillsAndSheet(session: CoachingSession, recording: Recording, markers: [Marker], folder out: String,
                                isCancelled: @escaping @Sendable () -> Bool) throws(Failure) -> StillsAndSheet {
        let say = { (phrase: Phrase) in language.say(phrase) }
        var stills = StillsJob(recording: recording, markers: markers, folder: (out as NSString).appendingPathComponent("stills"),
                               force: true, language: language)
        // The cut runs beside on the other core: one decoder here, and the recording opened twice in all.
        stills.secondDecoder = false
        var sheetJob = StillSheetJob(recording: recording, markers: markers, coach: session.coach,
                                     professional: session.professional, focusChildren: session.focusChildren, language: language)
        if let f = session.fragment { sheetJob.fragment = (f.from, f.to) }
        sheetJob.initiatives = session.initiatives
        let kept = Mutex<[Int: RGBPicture]>([:])
        let manifest: StillsJob.Manifest
        do {
            manifest = try stills.run(sheetWidth: sheetJob.sheetStillWidth(recording), keep: { index, picture in kept.withLock { $0[index] = picture } }, isCancelled: isCancelled)
        } catch {
            throw Failure(messages: isCancelled() ? [say(Words.stopped)] : error.messages, cancelled: isCancelled())
        }
        do {
            let sheet = try sheetJob.prepare(pictures: kept.withLock { $0 }, isCancelled: isCancelled)
            return StillsAndSheet(files: manifest.stills.map { "stills/" + $0.file } + ["stills/stills.json"],
                                  notes: manifest.notes, sheet: sheet)
        } catch {
            throw Failure(messages: isCancelled() ? [say(Words.stopped)] : error.messages, cancelled: isCancelled())
        }
    }

    struct Stamp: Codable {
        var fingerprint: String
        var files: [String]
    }

    /// FNV-1a over the session file, the recording's size and modification time, and the settings.
    private func fingerprint(session: String, recording: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        func mix<S: Sequence>(_ bytes: S) where S.Element == UInt8 {
            for b in bytes { hash = (hash ^ UInt64(b)) &* 0x100_0000_01b3 }
        }
        mix(FileManager.default.contents(atPath: session) ?? Data())
        let attributes = try? FileManager.default.attributesOfItem(atPath: recording)
        mix("\(attributes?[.size] ?? 0)|\((attributes?[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0)".utf8)
        mix("\(crf)|\(preset ?? "default")|\(language.rawValue)|inbeeld-1".utf8)
        return String(hash, radix: 16)
    }

    private func indexPage(session: CoachingSession, files: [String]) -> String {
        let say = { (phrase: Phrase) in language.say(phrase) }
        func html(_ s: String) -> String {
            s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
                .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
        }
        func link(_ file: String, _ label: String) -> String { "<li><a href=\"\(html(file))\">\(html(label))</a></li>" }
        var body = "<h1>\(html(say(Words.coachingInteractionsBetweenChildren)))</h1>\n"
        var facts = [say(Words.recording) + ": " + session.recording]
        if !session.focusChildren.isEmpty { facts.append(say(Words.focusChildren) + ": " + session.focusChildren.joined(separator: ", ")) }
        if let coach = session.coach { facts.append("Coach: " + coach) }
        if let date = session.date { facts.append(say(Words.date) + ": " + date) }
        body += "<p>" + facts.map(html).joined(separator: " · ") + "</p>\n"
        if files.contains("fragment.mp4") {
            body += "<video controls preload=\"metadata\" src=\"fragment.mp4\">"
            if files.contains("fragment.vtt") { body += "<track kind=\"chapters\" src=\"fragment.vtt\" default>" }
            body += "</video>\n"
        }
        body += "<ul>\n"
        if files.contains("fragment.mp4") { body += link("fragment.mp4", say(Words.theFragment)) + "\n" }
        if files.contains("sheet.pdf") { body += link("sheet.pdf", say(Words.stillSheetPdf)) + "\n" }
        if files.contains("markers.vtt") { body += link("markers.vtt", say(Words.markersWebvtt)) + "\n" }
        body += "</ul>\n<div class=\"stills\">\n"
        for still in files where still.hasPrefix("stills/") && !still.hasSuffix(".json") {
            body += "<a href=\"\(html(still))\"><img src=\"\(html(still))\" alt=\"\(html(still))\" loading=\"lazy\"></a>\n"
        }
        body += "</div>\n"
        return """
        <!doctype html>
        <html lang="\(language.rawValue)">
        <head><meta charset="utf-8"><title>InBeeld</title>
        <style>body{font-family:sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}
        video{max-width:100%}.stills img{width:15rem;margin:.25rem;border:1px solid #ccc}</style></head>
        <body>
        \(body)</body>
        </html>

        """
    }
}

