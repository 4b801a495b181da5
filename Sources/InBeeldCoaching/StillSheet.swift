import Foundation
import InBeeldMedia
import InBeeldMarkers
import Synchronization

/// The still sheet a coach prints, or shows on screen, for the coaching conversation, in the method's
/// order: one exact still per contact initiative with its one question (what do you see and hear?) and
/// room for the coach's own "wat ik zie..."; then, after the fragment, the first reaction and the
/// summary, a page per child watched (meaning, needs, next time), and what goes well, the agreements and
/// the follow-up (*vervolg*). Filled in from a session file, it is the conversation's report.
public struct StillSheet: Sendable {
    public struct Entry: Sendable {
        /// Position in time order, from 1.
        public var order: Int
        public var recordingMicroseconds: Int64
        /// Time in the fragment, when a fragment is given.
        public var fragmentMicroseconds: Int64?
        public var child: String?
        public var note: String?
        public var frameIndex: Int
        public var picture: RGBPicture
        /// What was seen and heard in the conversation, printed under the question (the *verslag*).
        public var observation: CoachingSession.Observation?
    }

    public var language: Language
    public var title: String
    public var recordingName: String
    /// The recording date, from the file's creation time, when it states one (`2026-03-14`).
    public var recordingDate: String?
    public var durationMicroseconds: Int64
    public var fragment: (from: Int64, to: Int64)?
    public var focusChildren: [String]
    /// The children with what was said about each after the fragment (from a session file); without one,
    /// `focusChildren` get a page each with empty lines, and no names a page with a line for the name.
    public var focus: [CoachingSession.Focus] = []
    public var coach: String?
    public var professional: String?
    /// The day the sheet was made (`2026-11-26`).
    public var madeOn: String
    public var perPage: Int
    public var entries: [Entry]
    /// Filled in from a session file, when it has them: printed on the closing pages above the lines.
    public var firstReaction: String?
    public var summary: String?
    public var goingWell: String?
    public var agreements: String?
    public var followUp: String?
    public var evaluation: String?
    /// Things the coach should know about the pictures (HDR), in the coach's language.
    public var notes: [String] = []

    /// The children the closing part has a page for: those of the session, else the focus children by
    /// name, else one page with a line for the name.
    public var closingChildren: [CoachingSession.Focus] {
        if !focus.isEmpty { return focus }
        if !focusChildren.isEmpty { return focusChildren.map { .init(child: $0) } }
        return [.init(child: "")]
    }

    public static func defaultTitle(_ language: Language) -> String {
        language.say(Words.interactionsBetweenChildrenOnVideo)
    }
}

/// Builds a still sheet: resolves the markers (within the fragment, when one is given) and takes the
/// exact stills through one open file.
public struct StillSheetJob: Sendable {
    /// The recording, opened by whoever runs the job (nothing is read again).
    public var recording: Recording
    /// The contact initiatives; what was seen and heard at each (from a session file) makes the sheet the report.
    public var initiatives: [CoachingSession.Initiative]
    public var fragment: (from: MarkerTime, to: MarkerTime)?
    public var title: String?
    public var coach: String?
    public var professional: String?
    public var focusChildren: [String]
    public var perPage: Int
    public var language: Language
    /// Width of the stills taken for the sheet, in pixels (enough for print at about 200 dpi).
    public var stillWidth = 1000

    public init(recording: Recording, markers: [Marker], fragment: (from: MarkerTime, to: MarkerTime)? = nil,
                title: String? = nil, coach: String? = nil, professional: String? = nil, focusChildren: [String] = [],
                perPage: Int = 2, language: Language) {
        self.recording = recording
        initiatives = markers.map { CoachingSession.Initiative($0) }
        self.fragment = fragment
        self.title = title
        self.coach = coach
        self.professional = professional
        self.focusChildren = focusChildren
        self.perPage = perPage
        self.language = language
    }

    public struct Failure: Error, Sendable { public var messages: [String] }

    /// - Parameters:
    ///   - pictures: stills already taken at `stillWidth` (or the recording's width, when narrower), by
    ///     frame index; only the frames missing here are decoded.
    public func prepare(today: Date = Date(), pictures taken: [Int: RGBPicture] = [:],
                        isCancelled: () -> Bool = { false }) throws(Failure) -> StillSheet {
        let say = { (phrase: Phrase) in language.say(phrase) }
        let info = recording.info
        let timeline = recording.timeline
        let end = timeline.endMicroseconds
        let range = try fragmentRange(on: timeline)
        let chosen = try chosenInitiatives(on: timeline, within: range)

        let width = sheetStillWidth(recording)
        let usable = taken.filter { $0.value.width == width }
        let missing = chosen.map(\.frame).filter { usable[$0] == nil }  // only these are decoded
        let pictures = Mutex(usable)
        do {
            if !missing.isEmpty {
                try recording.grabber().grab(frames: missing, width: width, isCancelled: isCancelled) { index, picture in pictures.withLock { $0[index] = picture } }
            }
        } catch {
            throw Failure(messages: [say(Words.stillsCouldNotBeMade(because: phrase(for: error)))])
        }
        let shown = pictures.withLock { $0 }
        let origin = range.flatMap { r in timeline.frameIndex(atMicroseconds: r.from).map { timeline.microseconds(ofFrame: $0) } }
        let entries = chosen.enumerated().map { i, c in
            StillSheet.Entry(order: i + 1, recordingMicroseconds: c.us, fragmentMicroseconds: origin.map { c.us - $0 },
                             child: c.marker.child, note: MarkerConversion.kindAndNote(c.marker), frameIndex: c.frame, picture: shown[c.frame]!,
                             observation: c.observation.isEmpty ? nil : c.observation)
        }
        var children = focusChildren
        if children.isEmpty {
            for child in entries.compactMap(\.child) where !children.contains(child) { children.append(child) }
        }
        let day = ISO8601DateFormatter()
        day.formatOptions = [.withFullDate]
        return StillSheet(
            language: language, title: title ?? StillSheet.defaultTitle(language),
            recordingName: (recording.path as NSString).lastPathComponent,
            recordingDate: info.privacy.creationTime.map { String($0.prefix(10)) },
            durationMicroseconds: info.durationMicroseconds ?? end, fragment: range, focusChildren: children,
            coach: coach, professional: professional, madeOn: day.string(from: today), perPage: perPage, entries: entries)
    }

    /// The initiatives the sheet shows (inside the fragment, when one is given), each with its time and
    /// frame, in time order; every marker that names no frame is refused at once.
    private func chosenInitiatives(on timeline: PresentationTimeline, within range: (from: Int64, to: Int64)?)
        throws(Failure) -> [(marker: Marker, observation: CoachingSession.Observation, us: Int64, frame: Int)] {
        var problems: [String] = []
        var chosen: [(marker: Marker, observation: CoachingSession.Observation, us: Int64, frame: Int)] = []
        for initiative in initiatives {
            let marker = initiative.marker
            let frame: Int
            switch timeline.frame(for: marker, language: language) {
            case .failure(let outside): problems.append(outside.message); continue
            case .success(let f): frame = f
            }
            let t = timeline.microseconds(of: marker.time) ?? timeline.microseconds(ofFrame: frame)
            if let range, t < range.from || t >= range.to { continue }
            chosen.append((marker, initiative.observation, t, frame))
        }
        if !problems.isEmpty { throw Failure(messages: problems) }
        if chosen.isEmpty {
            throw Failure(messages: [language.say(Words.noMarkersFallInTheFragment)])
        }
        return chosen.sorted { ($0.us, $0.marker.line) < ($1.us, $1.marker.line) }
    }


    /// The fragment on the recording's clock, when one is given; refused when it does not fit.
    private func fragmentRange(on timeline: PresentationTimeline) throws(Failure) -> (from: Int64, to: Int64)? {
        guard let fragment else { return nil }
        let end = timeline.endMicroseconds
        guard let a = timeline.microseconds(of: fragment.from), let b = timeline.microseconds(of: fragment.to), a < b, b <= end else {
            throw Failure(messages: [language.say(Words.fragmentDoesNotFit(from: fragment.from, to: fragment.to, length: MarkerTime.clockText(end)))])
        }
        return (a, b)
    }

    /// The width of the sheet's stills from this recording: `stillWidth`, or the picture's own when narrower.
    public func sheetStillWidth(_ recording: Recording) -> Int { min(stillWidth, recording.displayWidth) }
}
