import Foundation
import InBeeldMarkers

/// `inbeeld markers convert`: reads a marker file in one format and writes it in another, whole or not at
/// all, optionally moving the times to a fragment's clock.
public struct MarkerConversionJob: Sendable {
    public var input: String
    public var output: String
    /// The input's format; guessed from its name and content when nil.
    public var from: MarkerFormat?
    /// The output's format; guessed from its name when nil.
    public var to: MarkerFormat?
    /// Recording time of the fragment's start: times become fragment times. A leading `-` maps back.
    public var fragmentFrom: String?
    public var force: Bool
    /// The media file whose markers to take from a file holding several's (a BORIS observation of several).
    public var media: String?
    /// The recording's frame rate (`25`, `29.97`, `30000/1001`), for timecodes (`00:01:02:12`).
    public var framesPerSecond: String?
    /// An ELAN document's tiers to take markers from (empty: its independent tiers).
    public var tiers: [String] = []
    /// A session file to add the markers to (keeping everything else in it), instead of writing `output`.
    public var into: String?
    /// The recording a new session file is for (when `output` is one); by default the one beside it.
    public var recording: String?
    public var language: Language

    public init(input: String, output: String, from: MarkerFormat? = nil, to: MarkerFormat? = nil, fragmentFrom: String? = nil,
                force: Bool = false, media: String? = nil, framesPerSecond: String? = nil, language: Language) {
        self.media = media
        self.framesPerSecond = framesPerSecond
        self.input = input
        self.output = output
        self.from = from
        self.to = to
        self.fragmentFrom = fragmentFrom
        self.force = force
        self.language = language
    }

    /// The messages for people, each naming the file (and line) it is about.
    public struct Failure: Error, Sendable { public var messages: [String] }

    /// What is wrong with the options before any file is read, if anything (for the command line's usage error).
    public var optionProblem: String? {
        if let f = framesPerSecond, Self.rate(f) == nil {
            return language.say(Words.fpsIsNotARate(f))
        }
        if let f = fragmentFrom, Self.fragmentShift(f) == nil {
            return language.say(Words.fragmentFromIsNotATime(f))
        }
        if let into, !CoachingSession.isSessionFile(into) {
            return language.say(Words.intoNeedsASessionFile(into))
        }
        if into != nil, recording != nil { return language.say(Words.recordingNotWithInto) }
        if !tiers.isEmpty, from.map({ $0 != .eaf }) ?? !input.lowercased().hasSuffix(".eaf") { return language.say(Words.tierIsForElan) }
        if into == nil, to == nil, !CoachingSession.isSessionFile(output), MarkerFormat.guess(path: output, content: "time") == nil {
            return language.say(Words.outputFormatUnknown(output))
        }
        return nil
    }

    /// What a conversion wrote: how many markers, and how many were left out because the session had them.
    public struct Converted: Sendable, Equatable {
        public var count: Int
        public var skipped: Int
    }

    /// Converts. `note` hears a line for people about how the input was read, when it was not UTF-8. A
    /// session file (`NAME.session.json`) is read for its markers; written, it is a new session for
    /// `recording` (or the recording beside it of the same name), or with `into` the markers are added to
    /// that session, keeping everything else in it. `isCancelled` is asked while the recording is read
    /// (into a session: seconds for a long one); stopped, nothing is written.
    public func run(note: (String) -> Void = { _ in }, isCancelled: () -> Bool = { false }) throws(Failure) -> Converted {
        if let problem = optionProblem { throw Failure(messages: [problem]) }
        let target = into ?? output
        let toSession = into != nil || CoachingSession.isSessionFile(target)
        if into == nil, !force, FileManager.default.fileExists(atPath: target) {
            throw Failure(messages: [language.say(Words.fileExistsOverwriteWithForce(target))])
        }
        do {
            let markers = try resolved(try readMarkers(note: note), forLossless: !toSession && to == .losslesscutFrames)
            if toSession { return try writeSession(markers, to: target, isCancelled: isCancelled) }
            let format = to ?? MarkerFormat.guess(path: output, content: "time")!
            let written = try MarkerConversion.write(markers, format: format, mediaName: media.map(MarkerConversion.mediaName) ?? "")
            try OutputFiles.write(Data(written.utf8), to: output)
            return Converted(count: markers.count, skipped: 0)
        } catch let error as Failure {
            throw error
        } catch let error as MarkerFileError {
            throw Failure(messages: error.messages(in: language))
        } catch let error as MarkerConversionError {
            throw Failure(messages: [MarkerConversionError(path: error.path ?? input, line: error.line, error.reason).message(in: language)])
        } catch let error as SessionError {
            throw Failure(messages: error.messages(in: language))
        } catch let error as OutputFiles.WriteError {
            throw Failure(messages: [language.say(error.phrase)])
        } catch {
            throw Failure(messages: [language.say(Words.Files.pathAndReason(input, phrase(for: error)))])
        }
    }

    /// The input's markers: a session's (with their kinds), or a marker file's in its format.
    private func readMarkers(note: (String) -> Void) throws -> [Marker] {
        let say = { (phrase: Phrase) in language.say(phrase) }
        if CoachingSession.isSessionFile(input) { return try CoachingSession.load(path: input, language: language).markers }
        guard let data = FileManager.default.contents(atPath: input) else {
            throw Failure(messages: ["\(input): " + say(Words.fileCannotBeRead)])
        }
        // A workbook (BORIS's XLSX export, a list saved from Excel) is told by its bytes; text by its name and
        // content (here only to say so when it cannot be; `MarkerFile.read` guesses the same).
        if from == nil, !MarkerFile.isWorkbook(data) {
            guard let (text, _) = MarkerText.decode(data) else {
                throw Failure(messages: ["\(input): " + say(Words.notATextFile)])
            }
            guard MarkerFormat.guess(path: input, content: text) != nil else {
                throw Failure(messages: ["\(input): " + say(Words.inputFormatUnknown)])
            }
        }
        return try MarkerFile.read(data, path: input, format: from, media: media, tiers: tiers) { encoding in
            if let line = MarkerText.note(encoding, path: input, language: language) { note(line) }
        }
    }

    /// Timecodes made times at --fps, frame numbers times at --fps (but for LosslessCut's frames CSV, times
    /// become frame numbers, after the shift, which moves times), and --fragment-from's shift.
    private func resolved(_ read: [Marker], forLossless: Bool) throws -> [Marker] {
        var markers = read
        if let timecode = markers.first(where: { if case .timecode = $0.time { true } else { false } }) {
            guard let rate = framesPerSecond.flatMap(Self.rate) else {
                throw Failure(messages: ["\(input), " + language.say(Words.timecodeNeedsFPS(line: timecode.line, time: timecode.time))])
            }
            markers = try markers.map { m throws(Failure) in
                guard let time = m.time.resolvingTimecode(framesPerSecond: rate) else {
                    throw Failure(messages: ["\(input), " + language.say(Words.timecodeDoesNotFitFPS(line: m.line, time: m.time, framesPerSecond: framesPerSecond!))])
                }
                var resolved = m
                resolved.time = time
                return resolved
            }
        }
        let rate = framesPerSecond.flatMap(Self.rate)
        func retimed(_ time: (MarkerTime) -> MarkerTime?) {
            markers = markers.map { m in var moved = m; moved.time = time(m.time) ?? m.time; return moved }
        }
        if let rate, !forLossless {
            retimed { t in if case .frame(let n) = t { .clock(microseconds: Int64((Double(n) * 1_000_000 / rate).rounded(.up))) } else { nil } }
        }
        if let f = fragmentFrom, let shift = Self.fragmentShift(f) {
            markers = try MarkerConversion.shift(markers, by: shift)
        }
        if let rate, forLossless {
            retimed { t in if case .clock(let us) = t { .frame(Int((Double(us) * rate / 1_000_000).rounded())) } else { nil } }
        }
        return markers
    }

    /// Adds the markers to the session at `path` (`into`), or writes a new session for the recording.
    private func writeSession(_ markers: [Marker], to path: String, isCancelled: () -> Bool) throws -> Converted {
        var session: CoachingSession
        if into != nil {
            session = try CoachingSession.load(path: path, language: language)
        } else {
            let folder = Paths.parent(of: path).isEmpty ? "." : Paths.parent(of: path)
            guard let recording = recording ?? Self.recordingBeside(session: path) else {
                throw Failure(messages: [language.say(Words.whichRecordingIsTheSessionFor(path))])
            }
            // Written as the session file finds it: by name when beside it, else by its whole path.
            let absolute = { (p: String) in ((p.hasPrefix("/") ? p : FileManager.default.currentDirectoryPath + "/" + p) as NSString).standardizingPath }
            let name = Paths.parent(of: absolute(recording)) == Paths.parent(of: absolute(path)) ? (recording as NSString).lastPathComponent : absolute(recording)
            session = CoachingSession(recording: name)
            session.folder = folder
        }
        // The same frame is told by the recording's timeline; when it cannot be read, by the same time. A
        // marker that names no frame of the recording (after its end) is refused, as everywhere.
        let timeline = try? Recording.open(session.recordingPath, language: language, isCancelled: isCancelled).get().timeline
        if isCancelled() { throw Failure(messages: [language.say(Words.stoppedNothingWasLeftBehind)]) }
        if let timeline {
            let outside = markers.compactMap { m -> String? in
                if case .failure(let o) = timeline.frame(for: m, language: language) { return "\(input): \(o.message)" } else { return nil }
            }
            if !outside.isEmpty { throw Failure(messages: outside) }
        }
        let skipped = session.add(markers) { time in
            if let timeline { return timeline.frameIndex(of: time).map(Int64.init) }
            if case .clock(let us) = time { return us }
            return nil
        }
        try OutputFiles.write(session.jsonData(), to: path)
        return Converted(count: markers.count - skipped, skipped: skipped)
    }

    /// The recording a new session file is for: the one beside it with the same name (`speelhoek.mp4` for
    /// `speelhoek.session.json`), if there is exactly one.
    static func recordingBeside(session path: String) -> String? {
        let base = String(path.dropLast(RecordingFinder.sessionSuffix.count))
        let folder = Paths.parent(of: path).isEmpty ? "." : Paths.parent(of: path)
        let name = (base as NSString).lastPathComponent
        let found = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { file in
            (file as NSString).deletingPathExtension == name && RecordingFinder.mediaExtensions.contains((file as NSString).pathExtension.lowercased())
        }
        guard found.count == 1 else { return nil }
        return folder == "." && Paths.parent(of: path).isEmpty ? found[0] : (folder as NSString).appendingPathComponent(found[0])
    }

    /// A frame rate as `25`, `29.97` or `30000/1001`; nil when it is none (or not between 1 and 1000).
    static func rate(_ text: String) -> Double? {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let n = Double(parts[0]) else { return nil }
        let value = parts.count == 2 ? Double(parts[1]).map { n / $0 } : n
        guard let value, value.isFinite, (1...1000).contains(value) else { return nil }
        return value
    }

    /// `--fragment-from T` moves times by -T; `-T` moves them back by +T. Nil when T is not a clock time.
    static func fragmentShift(_ text: String) -> Int64? {
        let negative = text.hasPrefix("-")
        guard case .clock(let us)? = MarkerTime(parsing: negative ? String(text.dropFirst()) : text) else { return nil }
        return negative ? us : -us
    }
}
