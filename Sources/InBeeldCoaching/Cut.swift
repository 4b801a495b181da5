import Foundation
import InBeeldMedia
import InBeeldMarkers

/// The method's fragment (step 2, *voorbereiding*): the 1 to 2 minutes the coach picked, cut to the frame.
public struct CutJob: Sendable {
    public enum Mode: String, Sendable, CaseIterable { case exact, copy, smart }

    /// The recording, opened by whoever runs the job (its description and timeline are not read again).
    public var recording: Recording
    public var from: MarkerTime
    public var to: MarkerTime
    public var output: String
    public var mode: Mode
    public var crf: Int
    /// The x264 preset of what is re-encoded; `nil` for the mode's own (`defaultPreset`).
    public var preset: String?
    public var markers: [Marker]
    public var keepMetadata: Bool
    public var anyLength: Bool
    /// Whether a fragment of the wrong length may be answered with "--any-length" (the `cut` command's
    /// option); `prepare` and the page have no such option, and say to choose other times only.
    public var offersAnyLength = true
    public var force: Bool
    public var language: Language

    public init(recording: Recording, from: MarkerTime, to: MarkerTime, output: String, mode: Mode = .smart,
                crf: Int = 18, preset: String? = nil, markers: [Marker] = [], keepMetadata: Bool = false,
                anyLength: Bool = false, force: Bool = false, language: Language) {
        self.recording = recording
        self.from = from
        self.to = to
        self.output = output
        self.mode = mode
        self.crf = crf
        self.preset = preset
        self.markers = markers
        self.keepMetadata = keepMetadata
        self.anyLength = anyLength
        self.force = force
        self.language = language
    }

    /// Exact mode re-encodes the whole fragment: `medium`, for a file a third smaller than at `veryfast`.
    /// Smart cut re-encodes only the seconds up to the first keyframe and after the last: `veryfast`,
    /// three times as fast; CRF sets their quality either way, the preset only their size.
    public static func defaultPreset(for mode: Mode) -> String { mode == .smart ? "veryfast" : "medium" }

    /// The method's fragment: 1:00 to 2:00.
    public static let shortest: Int64 = 60_000_000
    public static let longest: Int64 = 120_000_000

    /// What was made, for the coach and for scripts.
    public struct Result: Sendable {
        public var clip: ClipReport
        public var output: String
        /// The WebVTT file of the markers in the fragment, when there were any.
        public var subtitles: String?
        /// Markers outside the fragment (reported, not silently dropped).
        public var markersOutside: [Marker]
        /// Lines to tell the coach (copy mode's lead-in, markers left out).
        public var notes: [String]
    }

    public struct Failure: Error, Sendable {
        public var messages: [String]
        /// The coach stopped it (Ctrl-C).
        public var cancelled = false
    }

    /// Cuts the fragment. Writes the clip (and the WebVTT file) whole or not at all.
    public func run(progress: @escaping (Double) -> Void = { _ in },
                    isCancelled: @escaping () -> Bool = { false }) throws(Failure) -> Result {
        let say = { (phrase: Phrase) in language.say(phrase) }
        let cutter: ClipCutter
        do { cutter = try recording.cutter() } catch {
            throw Failure(messages: [say(Words.pictureCannotBeRead(in: recording.path, because: phrase(for: error)))])
        }
        let timeline = cutter.timeline
        let (start, stop) = try bounds(in: timeline)
        guard let range = cutter.frames(fromMicroseconds: start, toMicroseconds: stop) else {
            throw Failure(messages: [say(Words.noFrameFallsInTheFragment)])
        }
        let origin = timeline.microseconds(ofFrame: range.lowerBound)  // clip time zero: its first frame
        let clipEnd = timeline.endMicroseconds(ofFrame: range.upperBound)

        // Markers inside become chapters and a WebVTT file; those outside are reported.
        var inside: [(us: Int64, marker: Marker)] = []
        var outside: [Marker] = []
        for marker in markers {
            if let us = timeline.microseconds(of: marker.time), us >= start, us < stop { inside.append((us - origin, marker)) } else { outside.append(marker) }
        }
        inside.sort { $0.us < $1.us }
        let clipLength = max(clipEnd - origin, 1)
        let chapters = self.chapters(inside, clipLength: clipLength)

        // Where to write: never over the recording, never over an existing file unless asked.
        if OutputFiles.sameFile(output, recording.path) || (output as NSString).standardizingPath == (recording.path as NSString).standardizingPath {
            throw Failure(messages: [say(Words.clipIsTheRecording(output))])
        }
        let subtitles = inside.isEmpty ? nil : (output as NSString).deletingPathExtension + ".vtt"
        for path in [output] + (subtitles.map { [$0] } ?? []) where !force && FileManager.default.fileExists(atPath: path) {
            throw Failure(messages: [say(Words.fileExistsChooseAnotherName(path))])
        }
        // Made private (0600) before FFmpeg opens it: the clip shows children.
        let temporary: OutputFiles.TemporaryFile
        do { temporary = try OutputFiles.TemporaryFile(for: output, extension: "mp4") } catch {
            throw Failure(messages: [say(Words.cannotWrite(output, because: error.reason.phrase))])
        }

        let request = ClipRequest(destination: temporary.path, fromMicroseconds: start, toMicroseconds: stop,
                                  mode: mode == .copy ? .copy : .exact(crf: crf, preset: preset ?? Self.defaultPreset(for: .exact)),
                                  keepMetadata: keepMetadata, chapters: chapters)
        let (report, smartNote) = try makeClip(cutter, request, temporary: temporary, subtitles: subtitles.map { path in
            (path, MarkerConversion.cues(inside.map { ($0.us, $0.marker) }, srt: false, end: clipLength))
        }, progress: progress, isCancelled: isCancelled)

        let notes = self.notes(report, smartNote: smartNote, frames: range.count, outside: outside)
        return Result(clip: report, output: output, subtitles: subtitles, markersOutside: outside, notes: notes)
    }


    /// Cuts into the temporary file and moves it into place, with the markers' WebVTT beside it: smart mode
    /// falls back to exact when it cannot cut this fragment (never a broken file), saying why. Nothing is left
    /// behind on failure or when stopped.
    private func makeClip(_ cutter: ClipCutter, _ request: ClipRequest, temporary: OutputFiles.TemporaryFile, subtitles: (path: String, text: String)?,
                          progress: @escaping (Double) -> Void, isCancelled: @escaping () -> Bool) throws(Failure) -> (ClipReport, String?) {
        let report: ClipReport
        var smartNote: String?
        do {
            if mode == .smart {
                do {
                    report = try cutter.cutSmart(request, crf: crf, preset: preset ?? Self.defaultPreset(for: .smart), progress: progress, isCancelled: isCancelled)
                } catch {
                    guard case .smartCutRefused(let reason) = error else { throw error }
                    // Never a broken file: start again in exact mode, and say why.
                    smartNote = language.say(Words.smartCutNotPossible(because: reason.phrase))
                    var exact = request
                    exact.mode = .exact(crf: crf, preset: preset ?? Self.defaultPreset(for: .exact))
                    // The smart attempt may have left the file: made anew, private, locked, and removed if stopped.
                    try temporary.makeAnew(reporting: output)
                    report = try cutter.cut(exact, progress: progress, isCancelled: isCancelled)
                }
            } else {
                report = try cutter.cut(request, progress: progress, isCancelled: isCancelled)
            }
            if let subtitles { try OutputFiles.write(Data(subtitles.text.utf8), to: subtitles.path) }
            try temporary.place(at: output)
        } catch {
            // The temporary file goes when it is let go.
            if let subtitles, !FileManager.default.fileExists(atPath: output) { unlink(subtitles.path) }
            if case .cancelled = error as? MediaError {
                throw Failure(messages: [language.say(Words.stoppedNothingWasLeftBehind)], cancelled: true)
            }
            throw Failure(messages: [language.say(Words.fragmentCouldNotBeMade(because: phrase(for: error)))])
        }

        return (report, smartNote)
    }

    /// The fragment's start and end on the recording's clock: inside it, start before end, 1 to 2 minutes
    /// (unless any length is allowed); every problem said at once.
    private func bounds(in timeline: PresentationTimeline) throws(Failure) -> (Int64, Int64) {
        let end = timeline.endMicroseconds
        let length = MarkerTime.clockText(end)
        var problems: [String] = []
        let a = timeline.microseconds(of: from), b = timeline.microseconds(of: to)
        if a == nil || a! >= end { problems.append(language.say(Words.fromIsAfterTheEnd(from, length: length))) }
        if b == nil || b! > end { problems.append(language.say(Words.toIsAfterTheEnd(to, length: length))) }
        if let a, let b, a >= b { problems.append(language.say(Words.fromMustComeBeforeTo(from, to))) }
        if problems.isEmpty, let a, let b, !anyLength, b - a < Self.shortest || b - a > Self.longest {
            let length = MarkerTime.clockText(b - a)
            problems.append(language.say(offersAnyLength ? Words.fragmentLengthOutsideMethod(length) : Words.preparedFragmentLengthOutsideMethod(length)))
        }
        guard problems.isEmpty, let a, let b else { throw Failure(messages: problems) }
        return (a, b)
    }

    /// The clip's chapters: one per marker inside (players start the first chapter at zero, so a chapter for
    /// the start of the fragment comes first when the first marker is later), each to the next.
    private func chapters(_ inside: [(us: Int64, marker: Marker)], clipLength: Int64) -> [(start: Int64, end: Int64, title: String)] {
        var starts: [(us: Int64, title: String)] = []
        if let first = inside.first, first.us > 0 { starts.append((0, language.say(Words.fragmentStartChapter))) }
        starts += inside.map { (max($0.us, 0), Self.title(MarkerTime.clockText(max($0.us, 0) / 1000 * 1000), $0.marker)) }
        return starts.enumerated().map { i, c in
            (start: c.us, end: i + 1 < starts.count ? max(starts[i + 1].us, c.us + 1) : max(clipLength, c.us + 1), title: c.title)
        }
    }

    /// What to tell the coach about the clip made: why a smart cut was not possible, or how much of it was
    /// re-encoded; copy mode's lead-in; the markers outside the fragment.
    private func notes(_ report: ClipReport, smartNote: String?, frames: Int, outside: [Marker]) -> [String] {
        var notes: [String] = smartNote.map { [$0] } ?? []
        if mode == .smart, smartNote == nil, let n = report.reencodedFrames {
            notes.append(language.say(Words.smartCutReencoded(n, of: frames)))
        }
        if mode == .copy {
            let seconds = String(format: "%.2f", Double(report.leadInFrames) * (report.durationSeconds / Double(max(frames, 1))))
            notes.append(language.say(Words.copyModeLeadIn(seconds: seconds, frames: report.leadInFrames)))
        }
        for marker in outside { notes.append(language.say(Words.markerOutsideFragment(line: marker.line, time: marker.time))) }
        return notes
    }

    static func title(_ time: String, _ marker: Marker) -> String {
        ([time] + [marker.child, marker.note].compactMap { $0 }).joined(separator: " · ")
    }
}
