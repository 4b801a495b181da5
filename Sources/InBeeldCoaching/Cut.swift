import Foundation
import InBeeldMedia

/// The method's fragment (step 2, *voorbereiding*): the 1 to 2 minutes the coach picked, cut to the frame.
public struct CutJob: Sendable {
    public enum Mode: String, Sendable, CaseIterable { case exact, copy, smart }

    public var recording: String
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
    public var force: Bool
    public var language: Language

    public init(recording: String, from: MarkerTime, to: MarkerTime, output: String, mode: Mode = .smart,
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
    /// - Parameter opened: the recording, opened once for several jobs (its description and timeline are
    ///   not read again); else the job opens `recording` itself.
    public func run(using opened: Recording? = nil, progress: @escaping (Double) -> Void = { _ in },
                    isCancelled: @escaping () -> Bool = { false }) throws(Failure) -> Result {
        let say = { (phrase: Phrase) in language.say(phrase) }
        // A `Recording` has passed the same gate.
        if opened == nil, case .failure(let problem) = RecordingCheck(language: language).openPicture(path: recording) {
            throw Failure(messages: [problem.message])
        }
        let cutter: ClipCutter
        do { cutter = try opened?.cutter() ?? ClipCutter(source: recording) } catch {
            throw Failure(messages: ["\(recording): " + say(Words.thePictureCannotBeRead) + " (\(error))."])
        }
        let timeline = cutter.timeline
        let end = timeline.endMicroseconds
        let length = MarkerTime.clockText(end)

        // The fragment: inside the recording, start before end, 1 to 2 minutes.
        var problems: [String] = []
        let a = timeline.microseconds(of: from), b = timeline.microseconds(of: to)
        if a == nil || a! >= end {
            problems.append(say(Words.fromIsAfterTheEndOf(from, length)))
        }
        if b == nil || b! > end {
            problems.append(say(Words.toIsAfterTheEndOf(to, length)))
        }
        if let a, let b, a >= b {
            problems.append(say(Words.fromMustComeBeforeTo(from, to)))
        }
        if problems.isEmpty, let a, let b, !anyLength, b - a < Self.shortest || b - a > Self.longest {
            problems.append(say(Words.theFragmentIsLongForThis(MarkerTime.clockText(b - a))))
        }
        if !problems.isEmpty { throw Failure(messages: problems) }
        let start = a!, stop = b!
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
        // Players start the first chapter at zero: a chapter for the start of the fragment comes first.
        var chapterStarts: [(us: Int64, title: String)] = []
        if let first = inside.first, first.us > 0 {
            chapterStarts.append((0, say(Words.startOfTheFragment)))
        }
        chapterStarts += inside.map { (max($0.us, 0), Self.title(MarkerTime.clockText(max($0.us, 0) / 1000 * 1000), $0.marker)) }
        let chapters = chapterStarts.enumerated().map { i, c in
            (start: c.us, end: i + 1 < chapterStarts.count ? max(chapterStarts[i + 1].us, c.us + 1) : max(clipLength, c.us + 1),
             title: c.title)
        }

        // Where to write: never over the recording, never over an existing file unless asked.
        if OutputFiles.sameFile(output, recording) || (output as NSString).standardizingPath == (recording as NSString).standardizingPath {
            throw Failure(messages: [say(Words.isTheRecordingItselfItIs(output))])
        }
        let subtitles = inside.isEmpty ? nil : (output as NSString).deletingPathExtension + ".vtt"
        for path in [output] + (subtitles.map { [$0] } ?? []) where !force && FileManager.default.fileExists(atPath: path) {
            throw Failure(messages: [say(Words.alreadyExistsChooseAnotherNameWith(path))])
        }
        let temporary = OutputFiles.temporaryPath(for: output, extension: "mp4")
        // Made private (0600) before FFmpeg opens it: the clip shows children.
        guard OutputFiles.createPrivate(temporary) else {
            throw Failure(messages: [say(Words.cannotWrite(output, String(cString: strerror(errno))))])
        }
        defer { TemporaryFiles.shared.remove(temporary) }

        let request = ClipRequest(destination: temporary, fromMicroseconds: start, toMicroseconds: stop,
                                  mode: mode == .copy ? .copy : .exact(crf: crf, preset: preset ?? Self.defaultPreset(for: .exact)),
                                  keepMetadata: keepMetadata, chapters: chapters)
        let report: ClipReport
        var smartNote: String?
        do {
            if mode == .smart {
                do {
                    report = try cutter.cutSmart(request, crf: crf, preset: preset ?? Self.defaultPreset(for: .smart), progress: progress, isCancelled: isCancelled)
                } catch {
                    guard case .smartCutRefused(let reason) = error else { throw error }
                    // Never a broken file: start again in exact mode, and say why.
                    smartNote = say(Words.smartCutIsNotPossibleHere(reason))
                    var exact = request
                    exact.mode = .exact(crf: crf, preset: preset ?? Self.defaultPreset(for: .exact))
                    // The smart attempt may have left the file; made anew, private and still registered for
                    // removal on a signal (`createPrivate` refuses a file that exists, and forgets it).
                    unlink(temporary)
                    guard OutputFiles.createPrivate(temporary) else {
                        throw OutputFiles.WriteError(path: output, reason: String(cString: strerror(errno)))
                    }
                    report = try cutter.cut(exact, progress: progress, isCancelled: isCancelled)
                }
            } else {
                report = try cutter.cut(request, progress: progress, isCancelled: isCancelled)
            }
            if let subtitles {
                try OutputFiles.write(Data(WebVTT.render(inside.map { ($0.us, $0.marker) }, clipLength: clipLength).utf8), to: subtitles)
            }
            guard rename(temporary, output) == 0 else {
                throw OutputFiles.WriteError(path: output, reason: String(cString: strerror(errno)))
            }
        } catch {
            unlink(temporary)
            if let subtitles, !FileManager.default.fileExists(atPath: output) { unlink(subtitles) }
            if case .cancelled = error as? MediaError {
                throw Failure(messages: [say(Words.stoppedNothingWasLeftBehind)], cancelled: true)
            }
            let detail: String
            if let e = error as? OutputFiles.WriteError { detail = "\(e.path): \(e.reason)" } else { detail = "\(error)" }
            throw Failure(messages: [say(Words.theFragmentCouldNotBeMade(detail))])
        }

        var notes: [String] = smartNote.map { [$0] } ?? []
        if mode == .smart, smartNote == nil, let n = report.reencodedFrames {
            notes.append(say(Words.smartCutOfFramesReEncoded(n, range.count)))
        }
        if mode == .copy {
            let seconds = String(format: "%.2f", Double(report.leadInFrames) * (report.durationSeconds / Double(max(range.count, 1))))
            notes.append(say(Words.copyModeTheFileStartsAt(seconds, report.leadInFrames)))
        }
        for marker in outside {
            notes.append(say(Words.theMarkerOnLineIsOutside(marker.line, marker.time)))
        }
        return Result(clip: report, output: output, subtitles: subtitles, markersOutside: outside, notes: notes)
    }

    static func title(_ time: String, _ marker: Marker) -> String {
        ([time] + [marker.child, marker.note].compactMap { $0 }).joined(separator: " · ")
    }
}

/// WebVTT for markers: one cue per marker, until the next (at most 5 s).
public enum WebVTT {
    public static func render(_ cues: [(us: Int64, marker: Marker)], clipLength: Int64) -> String {
        var text = "WEBVTT\n"
        for (i, cue) in cues.enumerated() {
            let next = i + 1 < cues.count ? cues[i + 1].us : clipLength
            let end = max(cue.us + 1000, min(next, cue.us + 5_000_000))
            text += "\n\(i + 1)\n\(timestamp(max(cue.us, 0))) --> \(timestamp(end))\n"
            let body = [cue.marker.child.map { "\($0):" }, cue.marker.note].compactMap { $0 }.joined(separator: " ")
            // A blank line would end the cue; cue text escapes &, < and >.
            let escaped = body.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
                .replacingOccurrences(of: ">", with: "&gt;")
            let lines = escaped.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            text += (lines.isEmpty ? [cue.marker.time.description] : lines).joined(separator: "\n") + "\n"
        }
        return text
    }

    /// `HH:MM:SS.mmm`.
    static func timestamp(_ us: Int64) -> String {
        let ms = us / 1000
        return String(format: "%02lld:%02lld:%02lld.%03lld", ms / 3_600_000, ms / 60_000 % 60, ms / 1000 % 60, ms % 1000)
    }
}
