import Foundation
import InBeeldCoaching
import InBeeldMedia
import Synchronization
import InBeeldMarkers

/// The recordings in the served folder, their checks, frames and session files: what the page shows
/// and edits, in the method's words. Blocking (it reads files); call it off the server's event loops.
final class Library: Sendable {
    let access: FolderAccess
    private let checks = Mutex<[String: (stamp: FileStamp, result: RecordingSummary)]>([:])
    /// Held while a save checks the file's revision and writes it.
    private let saving = NSLock()
    /// Saves accepted and not yet answered: a server told to stop waits for them.
    let savesUnderWay = DispatchGroup()
    private let timelines = Mutex<[String: (stamp: FileStamp, media: RecordingDetail.Media, info: MediaInfo, timeline: PresentationTimeline)]>([:])
    /// One lock per recording, held while it is opened: the page asks for the recording and its timeline
    /// at once, and the second waits for the first's opening instead of reading the file again.
    private let opening = Mutex<[String: NSLock]>([:])

    init(access: FolderAccess) { self.access = access }

    // MARK: The list

    /// One line of the list: a recording and its check's verdict.
    struct RecordingSummary: Codable, Sendable {
        var path: String
        var verdict: String
        var verdictLabel: String
        var problems: [String]
        var durationSeconds: Double?
        var hasSession: Bool
    }

    /// The list: the recordings, and what was left out of it, in words (none go missing without a word).
    struct RecordingList: Codable, Sendable {
        var recordings: [RecordingSummary]
        /// "2 files skipped: names with control characters", one line per reason.
        var skipped: [String]
    }

    /// The recordings in the folder and below it (hidden folders and InBeeld's own result folders left
    /// out), each checked (cached while the file is unchanged). Recordings the page cannot name or open
    /// (control characters in the name, links out of the folder or to nothing) are counted in `skipped`.
    func recordings(language: Language) -> RecordingList {
        let found = RecordingFinder(recursive: true).find([access.root])
        // Why recordings were left out: control characters in the name, links to a hidden file, out of the
        // folder or to nothing.
        enum Reason: CaseIterable { case control, hidden, outside, missing }
        var refused: [Reason: Int] = [:]
        let list = found.recordings.compactMap { path -> RecordingSummary? in
            guard let relative = access.relative(path),
                  !relative.split(separator: "/").dropLast().contains(where: { $0.hasSuffix(Self.resultsSuffix) }) else { return nil }
            if case .failure(let refusal) = access.existingFile(relative) {
                let reason: Reason = switch refusal {
                case .badName: relative.unicodeScalars.contains { $0.properties.generalCategory == .control } ? .control : .hidden
                case .outside: .outside
                case .missing: .missing
                }
                refused[reason, default: 0] += 1
                return nil
            }
            let stamp = FileStamp(path)
            let key = language.rawValue + ":" + relative
            if let cached = checks.withLock({ $0[key] }), cached.stamp == stamp {
                return withSession(cached.result, path: path)
            }
            let result = RecordingCheck(language: language).check(path: path)
            let summary = RecordingSummary(path: relative, verdict: result.verdict.rawValue,
                                           verdictLabel: result.verdict.label(in: language),
                                           problems: result.problems.map(\.message), durationSeconds: result.durationSeconds,
                                           hasSession: false)
            checks.withLock { $0[key] = (stamp, summary) }
            return withSession(summary, path: path)
        }
        let reasons: [(Reason, Phrase)] = [
            (.control, Words.namesWithControlCharacters), (.hidden, Words.linksToHiddenFiles),
            (.outside, Words.linksToOutsideTheFolder), (.missing, Words.linksToNothing),
        ]
        let skipped = reasons.compactMap { refusal, why -> String? in
            refused[refusal].map { language.say(Words.skippedFiles($0, because: why)) }
        }
        return RecordingList(recordings: list, skipped: skipped)
    }

    private func withSession(_ summary: RecordingSummary, path: String) -> RecordingSummary {
        var s = summary
        s.hasSession = FileManager.default.fileExists(atPath: Self.sessionPath(forRecording: path))
        return s
    }

    /// `speelhoek.mp4` keeps its session in `speelhoek.session.json` and its results in `speelhoek-inbeeld/`.
    static func sessionPath(forRecording path: String) -> String {
        (path as NSString).deletingPathExtension + ".session.json"
    }
    static let resultsSuffix = "-inbeeld"
    static func resultsFolder(forRecording path: String) -> String {
        (path as NSString).deletingPathExtension + resultsSuffix
    }

    // MARK: One recording

    /// Everything the page needs to play, step and mark one recording.
    struct RecordingDetail: Codable, Sendable {
        struct Media: Codable, Sendable {
            var width: Int
            var height: Int
            var rotation: Int
            var codec: String
            /// Every frame's time from the recording's time zero, in microseconds, in presentation order.
            var frameMicroseconds: [Int64]
            var endMicroseconds: Int64
            /// Whether browsers play the file itself (else the page asks for a proxy).
            var browserPlays: Bool
            var hasAudio: Bool
        }
        var path: String
        var media: Media
        var session: PageSession
        var sessionFile: String
        var sessionExists: Bool
        /// The session file's revision (from its content; "none" while there is no file): a save says which
        /// revision it edits (`If-Match`), so that it never writes over a newer one unseen.
        var sessionRevision: String
        /// After a save that was merged with a newer revision: the fields both changed differently (the
        /// file keeps the newer text; the page shows both).
        var conflicts: [PageSession.Conflict]?
        /// Whether the save was merged with a newer revision.
        var merged: Bool?
        /// Why the existing session file could not be used (it is then not overwritten).
        var sessionProblems: [String]
        var proxyReady: Bool
    }

    enum Failure: Error {
        case refused(FolderAccess.Refusal)
        case unreadable(String)
    }

    func detail(_ relative: String, language: Language) throws(Failure) -> RecordingDetail {
        var detail = try rawDetail(relative, language: language)
        detail.sessionProblems = detail.sessionProblems.map(access.shown)
        return detail
    }

    private func rawDetail(_ relative: String, language: Language) throws(Failure) -> RecordingDetail {
        let path: String
        switch access.existingFile(relative) {
        case .failure(let refusal): throw .refused(refusal)
        case .success(let p): path = p
        }
        let (media, timeline) = try self.media(path, relative: relative, language: language)
        let sessionPath = Self.sessionPath(forRecording: path)
        // The revision is taken before the file is read: when the file changes in between, the page holds
        // newer text than its revision says, and its save is merged (never the other way round, which
        // would let a save write over a change it never saw).
        var detail = RecordingDetail(path: relative, media: media, session: .init(focus: [], markers: []),
                                     sessionFile: access.relative(sessionPath) ?? sessionPath,
                                     sessionExists: FileManager.default.fileExists(atPath: sessionPath),
                                     sessionRevision: Self.revision(ofFile: sessionPath),
                                     sessionProblems: [], proxyReady: FileManager.default.fileExists(atPath: proxyPath(for: path)))
        // A session file that is a link would be read from (and its saves aimed at) wherever it points.
        var s = stat()
        if lstat(sessionPath, &s) == 0, (s.st_mode & S_IFMT) == S_IFLNK {
            detail.sessionExists = true
            detail.sessionProblems = [language.say(Words.sessionFileIsALink(detail.sessionFile))]
            return detail
        }
        guard detail.sessionExists else { return detail }
        let session: CoachingSession
        do { session = try CoachingSession.load(path: sessionPath, language: language) } catch {
            detail.sessionProblems = error.messages(in: language)
            return detail
        }
        if !OutputFiles.sameFile(session.recordingPath, path) {
            detail.sessionProblems = [language.say(Words.sessionFileBelongsToAnotherRecording(detail.sessionFile, recording: session.recording))]
            return detail
        }
        let (page, problems) = PageSession.showing(session, on: timeline, sessionFile: detail.sessionFile, language: language)
        detail.sessionProblems = problems
        if let page { detail.session = page }
        return detail
    }

    /// The recording's picture: size, frames, whether a browser plays it. Cached while the file is unchanged.
    func media(_ path: String, relative: String, language: Language) throws(Failure) -> (RecordingDetail.Media, PresentationTimeline) {
        let stamp = FileStamp(path)
        if let cached = timelines.withLock({ $0[relative] }), cached.stamp == stamp { return (cached.media, cached.timeline) }
        let gate = opening.withLock { locks in
            if let found = locks[relative] { return found }
            let made = NSLock()
            locks[relative] = made
            return made
        }
        gate.lock()
        defer { gate.unlock() }
        if let cached = timelines.withLock({ $0[relative] }), cached.stamp == stamp { return (cached.media, cached.timeline) }
        let keptFile = Self.cachePath(for: path, in: openingsFolder, extension: "opening")
        let info: MediaInfo, t: PresentationTimeline
        if let kept = KeptOpening.read(keptFile) {
            (info, t) = (kept.info, kept.timeline)
        } else {
            // Opened once: the gate, the description and the timeline from one open and one pass.
            switch Recording.open(path, language: language) {
            case .failure(let problem): throw .unreadable(problem.message)
            case .success(let recording): (info, t) = (recording.info, recording.timeline)
            }
            KeptOpening(info: info, timeline: t).write(keptFile)
        }
        let video = info.video
        let v = video?.video
        let media = RecordingDetail.Media(
            width: v?.displayWidth ?? 0, height: v?.displayHeight ?? 0, rotation: v?.rotation ?? 0, codec: video?.codec ?? "?",
            frameMicroseconds: (0..<t.frameCount).map { t.microseconds(ofFrame: $0) }, endMicroseconds: t.endMicroseconds,
            browserPlays: Self.browserPlays(info), hasAudio: info.audio != nil)
        timelines.withLock { $0[relative] = (stamp, media, info, t) }
        return (media, t)
    }

    /// What opening a recording found (its description and every frame's timestamp), kept in
    /// `.inbeeld/openings` under the file's name, size and time of change: the next server opens the
    /// recording without reading all its packets again (a 7-minute 1080p file is half a gigabyte). Only
    /// recordings that opened well are kept, and without the metadata that could say where or with what
    /// they were made (the page never shows it; `check` reads it from the recording itself).
    private struct KeptOpening: Codable {
        static let currentVersion = 1
        var version = Self.currentVersion
        var info: MediaInfo
        var timeline: PresentationTimeline

        init(info: MediaInfo, timeline: PresentationTimeline) {
            self.info = info
            self.info.privacy = PrivacyMetadata()
            self.timeline = timeline
        }

        /// The kept opening, if there is one of this version whose timestamps are in order.
        static func read(_ file: String) -> KeptOpening? {
            guard let data = FileManager.default.contents(atPath: file),
                  let kept = try? JSONDecoder().decode(KeptOpening.self, from: data),
                  kept.version == currentVersion, kept.timeline.isOrdered else { return nil }
            return kept
        }

        /// Keeps it; a folder that cannot be written to keeps nothing, quietly (the next opening reads the
        /// recording again).
        func write(_ file: String) {
            guard let data = try? JSONEncoder().encode(self) else { return }
            do throws(OutputFiles.WriteError) {
                try OutputFiles.makePrivateFolder(Paths.parent(of: file))
                try OutputFiles.write(data, to: file)
            } catch {
                return
            }
        }
    }

    /// What Chromium, Firefox and Safari all play: H.264 (8-bit 4:2:0), VP8/VP9/AV1 in MP4, QuickTime or
    /// WebM, with AAC, MP3, Opus or Vorbis sound. Anything else gets a proxy.
    static func browserPlays(_ info: MediaInfo) -> Bool {
        guard let video = info.video else { return false }
        let containers = ["mov,mp4,m4a,3gp,3g2,mj2", "matroska,webm"]
        let codecs: Set<String> = ["h264", "vp8", "vp9", "av1"]
        let sounds: Set<String> = ["aac", "mp3", "opus", "vorbis"]
        guard containers.contains(info.container), codecs.contains(video.codec) else { return false }
        if info.container.hasPrefix("matroska"), video.codec == "h264" { return false }
        if let format = video.video?.pixelFormat, !["yuv420p", "yuvj420p"].contains(format) { return false }
        if let audio = info.audio, !sounds.contains(audio.codec) { return false }
        return true
    }

    // MARK: Saving

    /// A session as the page sees it, both ways: frame numbers where the file has times.
    struct PageSession: Codable, Sendable, Equatable {
        struct PageMarker: Codable, Sendable, Equatable {
            /// Its place in the revision the page read (the page sends it back, so that a merge knows
            /// which marker it edited); none for a marker added since.
            var id: Int?
            var frame: Int
            /// The time as the session file has it; kept on saving when it still names the same frame.
            var time: String?
            var child: String?
            var note: String?
            var kind: String?
            /// What the professional saw and heard here, and what the coach saw ("wat ik zie...").
            var seenHeard: String?
            var coachSaw: String?
            /// "conversation" when the professional's "stop" added it in the conversation.
            var added: String?
        }
        /// A child watched, by whom, and what was said about it after the fragment.
        struct PageFocus: Codable, Sendable, Equatable {
            var child: String
            var professional: String?
            var meaning: String?
            var needs: String?
            var nextTime: String?
        }
        /// The fragment's first and last frame.
        var fragment: [Int]?
        var focus: [PageFocus]
        var coach: String?
        var professional: String?
        var date: String?
        var firstReaction: String?
        var markers: [PageMarker]
        var summary: String?
        var goingWell: String?
        var agreements: String?
        var followUp: String?
        var evaluation: String?
    }

    enum SaveFailure: Error {
        case refused(FolderAccess.Refusal)
        /// The file changed since the revision the save names, and the save brought no base to merge
        /// against: the file as it is now.
        case stale(RecordingDetail)
        case invalid([String])
        case cannotWrite(String)
    }

    /// The revision of the file at `path`: a hash of its bytes (FNV-1a, 64 bits), or "none" when there
    /// is no file. Content, not time: a file changed twice in one second is two revisions.
    static func revision(ofFile path: String) -> String {
        guard let data = FileManager.default.contents(atPath: path) else { return "none" }
        return revision(of: data)
    }

    /// A hash of `data` (FNV-1a, 64 bits) in hexadecimal.
    static func revision(of data: Data) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in data {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return String(hash, radix: 16)
    }

    /// The revision of recording `relative`'s session file, or nil when the recording is not one the page may open.
    func sessionRevision(_ relative: String) -> String? {
        guard case .success(let path) = access.existingFile(relative) else { return nil }
        return Self.revision(ofFile: Self.sessionPath(forRecording: path))
    }

    /// Saves the page's session over revision `ifMatch` of the file. When the file has changed since (the
    /// page in another window, another program), the page's edit is merged with it against `base` (the
    /// revision the page read), and the fields both changed differently come back as conflicts; without
    /// `base` such a save is refused. One save at a time: the revision checked is the one written over.
    func save(_ edit: PageSession, over ifMatch: String, base: PageSession?, recording relative: String,
              language: Language) throws(SaveFailure) -> RecordingDetail {
        saving.lock()
        defer { saving.unlock() }
        var edit = edit
        var conflicts: [PageSession.Conflict] = []
        let now: RecordingDetail
        do { now = try detail(relative, language: language) } catch {
            switch error {
            case .refused(let r): throw .refused(r)
            case .unreadable(let message): throw .invalid([message])
            }
        }
        if now.sessionRevision != ifMatch, now.sessionProblems.isEmpty {
            guard let base else { throw .stale(now) }
            (edit, conflicts) = PageSession.merge(base: base, mine: edit, theirs: now.session)
        }
        var saved = try write(edit, recording: relative, language: language)
        saved.conflicts = conflicts.isEmpty ? nil : conflicts
        saved.merged = now.sessionRevision != ifMatch ? true : nil
        return saved
    }

    /// Writes the recording's session file (atomically, 0600) from the page's edit. Frames become times
    /// that name the same frames; the file is read back with the session parser before it replaces the old one.
    private func write(_ edit: PageSession, recording relative: String, language: Language) throws(SaveFailure) -> RecordingDetail {
        let say = { (phrase: Phrase) in language.say(phrase) }
        let path: String
        switch access.existingFile(relative) {
        case .failure(let refusal): throw .refused(refusal)
        case .success(let p): path = p
        }
        let current: RecordingDetail, timeline: PresentationTimeline
        do {
            current = try detail(relative, language: language)
            timeline = try media(path, relative: relative, language: language).1
        } catch {
            switch error {
            case .refused(let r): throw .refused(r)
            case .unreadable(let message): throw .invalid([message])
            }
        }
        if current.sessionExists, !current.sessionProblems.isEmpty {
            throw .invalid(current.sessionProblems + [say(Words.fileWasNotOverwritten)])
        }
        let (session, found) = edit.coachingSession(recording: (path as NSString).lastPathComponent, on: timeline, language: language)
        var problems = found
        let sessionPath = Self.sessionPath(forRecording: path)
        let data = session.jsonData()
        // What is written must read back as the same session (dates, times: the parser's own checks).
        do {
            var back = try CoachingSession.parse(data, name: current.sessionFile, language: language)
            back.folder = session.folder
            if back != session { problems.append(say(Words.sessionDoesNotReadBack)) }
        } catch {
            problems += error.problems
        }
        if !problems.isEmpty { throw .invalid(problems) }
        do { try OutputFiles.write(data, to: sessionPath) } catch {
            throw .cannotWrite(say(Words.Files.pathAndReason(current.sessionFile, error.reason.phrase)))
        }
        do { return try detail(relative, language: language) } catch {
            throw .invalid([say(Words.savedButCannotBeReadBack)])
        }
    }

    /// The description and timeline read when the page opened the recording, while the file is unchanged
    /// (a browser copy then starts without reading every packet again).
    func known(_ path: String) -> (info: MediaInfo, timeline: PresentationTimeline, stamp: FileStamp)? {
        guard let relative = access.relative(path), let cached = timelines.withLock({ $0[relative] }),
              cached.stamp == FileStamp(path) else { return nil }
        return (cached.info, cached.timeline, cached.stamp)
    }

    // MARK: Proxies

    /// Where a recording's browser copy lives: in the folder's hidden `.inbeeld/proxies`.
    func proxyPath(for path: String) -> String { Self.cachePath(for: path, in: proxyFolder, extension: "mp4") }

    /// Where work made from a recording is kept in `folder`: named after the recording's path, size and
    /// time (and `extension`), so a changed recording gets a new one.
    static func cachePath(for path: String, in folder: String, extension ext: String) -> String {
        let stamp = FileStamp(path)
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325  // FNV-1a: the same name in every run
        for byte in "\(path)|\(stamp.size)|\(stamp.modified)|\(stamp.changed)|\(stamp.inode)".utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        let stem = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        return folder + "/" + stem + "-" + String(hash, radix: 16) + "." + ext
    }

    var proxyFolder: String { access.root + "/.inbeeld/proxies" }
    /// Where the timeline's strip and sound are kept (`TimelineOverviews`).
    var timelineFolder: String { access.root + "/.inbeeld/timeline" }
    /// Where what opening a recording found is kept (`KeptOpening`).
    var openingsFolder: String { access.root + "/.inbeeld/openings" }
}

/// A file's size and modification time: the cache key for work done on it.
/// What tells one state of a file from another: its size, its time of change and its status change, and
/// which file it is (a copy made again over it, keeping the phone's time and size, is another file, or has
/// a new status change time).
struct FileStamp: Hashable, Sendable {
    var size: Int64
    var modified: Int64
    var changed: Int64 = -1
    var inode: UInt64 = 0

    init(_ path: String) {
        var s = stat()
        if stat(path, &s) == 0 {
            size = Int64(s.st_size)
            modified = Int64(s.st_mtim.tv_sec) * 1_000_000_000 + Int64(s.st_mtim.tv_nsec)
            changed = Int64(s.st_ctim.tv_sec) * 1_000_000_000 + Int64(s.st_ctim.tv_nsec)
            inode = UInt64(s.st_ino)
        } else {
            size = -1
            modified = -1
        }
    }
}

extension Library.PageSession {
    /// The session the page's edit says, on the recording's timeline: frames become times that name the
    /// same frames, texts are trimmed (empty ones left out); with what does not fit (a fragment the wrong
    /// way round, a marker outside the recording), said in `language`.
    func coachingSession(recording name: String, on timeline: PresentationTimeline,
                         language: Language) -> (CoachingSession, problems: [String]) {
        var problems: [String] = []
        var fragment: CoachingSession.Fragment?
        if let f = self.fragment {
            if f.count == 2, timeline.has(f[0]), timeline.has(f[1]), f[0] <= f[1] {
                fragment = .init(from: timeline.markerTime(ofFrame: f[0]), to: timeline.fragmentEnd(afterFrame: f[1]))
            } else {
                problems.append(language.say(Words.pageFragmentIsWrong))
            }
        }
        var session = CoachingSession(
            recording: name, fragment: fragment, focus: focusRows(), coach: Self.clean(coach), professional: Self.clean(professional),
            date: Self.clean(date), initiatives: initiatives(on: timeline, problems: &problems, language: language),
            summary: Self.clean(summary), agreements: Self.clean(agreements), followUp: Self.clean(followUp))
        session.firstReaction = Self.clean(firstReaction)
        session.goingWell = Self.clean(goingWell)
        session.evaluation = Self.clean(evaluation)
        return (session, problems)
    }

    /// The session as the page shows it: times become the frames they name. A fragment or a marker that
    /// names no frame cannot be shown: nothing is shown, and the problems say why (the file is left for the
    /// coach to correct, not rewritten without them).
    static func showing(_ session: CoachingSession, on timeline: PresentationTimeline, sessionFile: String,
                        language: Language) -> (Self?, problems: [String]) {
        var problems: [String] = []
        var fragment: [Int]?
        if let f = session.fragment {
            if let a = timeline.microseconds(of: f.from), a < timeline.endMicroseconds, let first = timeline.frameIndex(atMicroseconds: a),
               let b = timeline.microseconds(of: f.to), b <= timeline.endMicroseconds, let last = timeline.lastFrameIndex(beforeMicroseconds: b),
               first <= last {
                fragment = [first, last]
            } else {
                problems.append("\(sessionFile): " + language.say(Words.fragmentDoesNotFit(from: f.from, to: f.to, length: MarkerTime.clockText(timeline.endMicroseconds))))
            }
        }
        var markers: [PageMarker] = []
        for initiative in session.initiatives {
            let m = initiative.marker, seen = initiative.observation
            switch timeline.frame(for: m, language: language) {
            case .success(let frame):
                markers.append(.init(id: markers.count, frame: frame, time: m.time.description, child: m.child, note: m.note, kind: m.kind,
                                     seenHeard: seen.seenHeard, coachSaw: seen.coachSaw, added: seen.addedInConversation ? "conversation" : nil))
            case .failure(let outside):
                problems.append("\(sessionFile): \(outside.message)")
            }
        }
        guard problems.isEmpty else { return (nil, problems) }
        let page = Self(
            fragment: fragment,
            focus: session.focus.map { .init(child: $0.child, professional: $0.professional, meaning: $0.meaning, needs: $0.needs, nextTime: $0.nextTime) },
            coach: session.coach, professional: session.professional, date: session.date, firstReaction: session.firstReaction,
            markers: markers, summary: session.summary, goingWell: session.goingWell, agreements: session.agreements,
            followUp: session.followUp, evaluation: session.evaluation)
        return (page, [])
    }

    /// A text as saved: trimmed, and nil when nothing is left.
    static func clean(_ s: String?) -> String? {
        guard let t = s?.trimmingCharacters(in: .whitespacesAndNewlines), !t.isEmpty else { return nil }
        return t
    }

    /// The markers in time order, as the page shows them (ties keep the page's order), each with what was
    /// seen and heard; a time the page kept is kept when it still names the marker's frame.
    private func initiatives(on timeline: PresentationTimeline, problems: inout [String], language: Language) -> [CoachingSession.Initiative] {
        var initiatives: [CoachingSession.Initiative] = []
        let ordered = markers.enumerated().sorted { ($0.element.frame, $0.offset) < ($1.element.frame, $1.offset) }.map(\.element)
        for (i, m) in ordered.enumerated() {
            guard timeline.has(m.frame) else {
                problems.append(language.say(Words.markerOutsideTheRecording(number: i + 1)))
                continue
            }
            var time = timeline.markerTime(ofFrame: m.frame)
            if let text = m.time, let kept = MarkerTime(parsing: text), timeline.frameIndex(of: kept) == m.frame { time = kept }
            let marker = Marker(time: time, child: Self.clean(m.child), note: Self.clean(m.note), kind: Self.clean(m.kind),
                                line: initiatives.count + 1)
            let seen = CoachingSession.Observation(seenHeard: Self.clean(m.seenHeard), coachSaw: Self.clean(m.coachSaw),
                                                   addedInConversation: m.added == "conversation")
            initiatives.append(.init(marker, observation: seen))
        }
        return initiatives
    }

    /// The children watched. A child watched by the same professional (or by no one named) twice is one
    /// row; what was typed for either is kept, one after the other. Two professionals watching one child
    /// are two rows.
    private func focusRows() -> [CoachingSession.Focus] {
        func both(_ a: String?, _ b: String?) -> String? {
            guard let a else { return b }
            guard let b, b != a else { return a }
            return a + "\n" + b
        }
        var rows: [CoachingSession.Focus] = []
        for f in focus {
            guard let child = Self.clean(f.child) else { continue }
            let entry = CoachingSession.Focus(child: child, professional: Self.clean(f.professional), meaning: Self.clean(f.meaning),
                                              needs: Self.clean(f.needs), nextTime: Self.clean(f.nextTime))
            guard let k = rows.firstIndex(where: { $0.child == child && $0.professional == entry.professional }) else { rows.append(entry); continue }
            rows[k].meaning = both(rows[k].meaning, entry.meaning)
            rows[k].needs = both(rows[k].needs, entry.needs)
            rows[k].nextTime = both(rows[k].nextTime, entry.nextTime)
        }
        return rows
    }
}

extension PresentationTimeline {
    /// Whether the recording has a frame with this index.
    func has(_ frame: Int) -> Bool { frame >= 0 && frame < frameCount }
}
