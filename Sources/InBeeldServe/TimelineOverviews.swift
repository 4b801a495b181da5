import Foundation
import InBeeldCoaching
import InBeeldMedia
import Synchronization

/// What the timeline shows of a recording besides where the coach stands (`api/timeline`, `api/strip`):
/// a strip of small pictures spread evenly over the whole recording, and the loudness of its sound. Made
/// in the background once the page opens the recording, handed out as they come, and kept in the
/// folder's hidden `.inbeeld/timeline`, so that opening the recording again shows them at once.
///
/// A strip picture is the keyframe at or before its time, not the frame of that time: finding a moment by
/// eye needs a picture near it, and a keyframe costs one decoded frame where an exact frame may cost a
/// group of pictures. The paused picture and the preview under the pointer are exact (`FrameSessions`).
final class TimelineOverviews: Sendable {
    /// A strip picture's height in pixels: twice the strip's height on the page, sharp on sharp screens.
    static let pictureHeight = 96
    /// About one picture per this many microseconds of recording, and at most `mostPictures`.
    static let spacing: Int64 = 3_000_000, mostPictures = 300
    /// The sound band's windows.
    static let windowMicroseconds = 50_000
    /// Overviews kept in memory (some hundreds of kB each); the least recently asked for goes first.
    static let keptAtMost = 8

    private let kept = Mutex<[String: TimelineOverview]>([:])
    /// The recordings' decoders: a large recording's strip is made by its own (`FrameSessions.keyframePictures`).
    private let frames: FrameSessions
    /// Recordings whose decoded picture is larger than this many bytes (above 1080p) are large.
    private let largeAbove: Int

    init(frames: FrameSessions, largeAbove: Int = FrameSessions.largeDecoder) {
        self.frames = frames
        self.largeAbove = largeAbove
    }

    /// The overview of the recording at `path` (known to the library: `info` and `timeline` are its
    /// page's), started if new; `cacheFile` is where it is kept between openings.
    func overview(path: String, stamp: FileStamp, info: MediaInfo, timeline: PresentationTimeline,
                  cacheFile: String, language: Language) -> TimelineOverview {
        var dropped: [TimelineOverview] = []
        defer { for overview in dropped { overview.cancel() } }
        let (overview, isNew) = kept.withLock { kept -> (TimelineOverview, Bool) in
            if let found = kept[path], found.stamp == stamp {
                found.touch()
                return (found, false)
            }
            if let old = kept[path] { dropped.append(old) }
            let made = TimelineOverview(path: path, stamp: stamp, info: info, timeline: timeline, cacheFile: cacheFile, language: language,
                                        frames: frames, largeAbove: largeAbove)
            kept[path] = made
            while kept.count > Self.keptAtMost, let oldest = kept.filter({ $0.key != path }).min(by: { $0.value.lastUsed < $1.value.lastUsed }) {
                dropped.append(oldest.value)
                kept[oldest.key] = nil
            }
            return (made, true)
        }
        if isNew { overview.start() }
        return overview
    }

    /// Stops the work under way (the server is stopping).
    func cancelAll() {
        for overview in kept.withLock({ Array($0.values) }) { overview.cancel() }
    }
}

/// One recording's strip and sound levels, as far as they are made.
final class TimelineOverview: Sendable {
    let path: String
    let stamp: FileStamp
    /// The strip's pictures: the time each stands for (from time zero) and the frame shown for it.
    let slots: [Slot]
    /// Every strip picture's size in pixels (upright, square pixels).
    let width: Int, height: Int
    private let info: MediaInfo
    private let timeline: PresentationTimeline
    private let cacheFile: String
    private let language: Language
    private let frames: FrameSessions
    private let largeAbove: Int

    struct Slot: Codable, Sendable, Equatable {
        /// The time the picture stands for, in microseconds from time zero.
        var at: Int64
        /// The keyframe at or before that time, as a frame number.
        var frame: Int
    }

    enum Sound: Sendable, Equatable {
        case making
        /// The recording has no sound.
        case none
        case levels(SoundLevels)
        /// The sound cannot be read: why, for the coach.
        case unreadable(String)
    }

    private struct State {
        /// JPEGs by frame number.
        var pictures: [Int: Data] = [:]
        var picturesDone = false
        /// Why pictures are missing, for the coach.
        var picturesProblem: String?
        var sound: Sound = .making
        var lastUsed = Date()
        var cancelled = false
        /// Stops the recording's own decoder making the strip, while it does.
        var stopStrip: (@Sendable () -> Void)?
    }
    private let state = Mutex(State())

    init(path: String, stamp: FileStamp, info: MediaInfo, timeline: PresentationTimeline, cacheFile: String, language: Language,
         frames: FrameSessions, largeAbove: Int) {
        self.frames = frames
        self.largeAbove = largeAbove
        self.path = path
        self.stamp = stamp
        self.info = info
        self.timeline = timeline
        self.cacheFile = cacheFile
        self.language = language
        slots = Self.slots(of: timeline)
        let (w, h) = (info.video?.video?.displayWidth ?? 16, info.video?.video?.displayHeight ?? 9)
        height = TimelineOverviews.pictureHeight
        width = max(16, Int((Double(w) * Double(height) / Double(max(1, h))).rounded()))
    }

    /// The strip's pictures spread evenly over the recording, about one per `spacing`: picture `i` stands
    /// for the time `i` parts in, and shows the keyframe at or before it.
    static func slots(of timeline: PresentationTimeline) -> [Slot] {
        guard timeline.frameCount > 0 else { return [] }
        let first = timeline.microseconds(ofFrame: 0), span = max(1, timeline.endMicroseconds - first)
        let count = min(TimelineOverviews.mostPictures, max(1, Int((span + TimelineOverviews.spacing / 2) / TimelineOverviews.spacing)))
        return (0..<count).map { i in
            let at = first + span * Int64(i) / Int64(count)
            let frame = timeline.frameIndex(atMicroseconds: at) ?? 0
            return Slot(at: at, frame: timeline.keyframeIndex(ofFrame: frame))
        }
    }

    var lastUsed: Date { state.withLock { $0.lastUsed } }
    func touch() { state.withLock { $0.lastUsed = Date() } }

    func cancel() {
        let stop = state.withLock { s in
            s.cancelled = true
            return s.stopStrip
        }
        stop?()
    }
    private var isCancelled: Bool { state.withLock { $0.cancelled } }

    /// The JPEG of frame `frame`, once made.
    func picture(frame: Int) -> Data? { state.withLock { $0.pictures[frame] } }

    /// Reads the kept overview, or makes it: the pictures and the sound side by side, each on its own
    /// thread (the pictures on a second one as well when they are small: `StillGrabber`'s second decoder).
    /// Both threads run at a lower priority (nice 10) than the rest of the server: on a laptop's two cores
    /// the paused picture, the preview and the page's steps go first, the timeline fills in around them.
    func start() {
        if load() { return }
        let work = DispatchGroup()
        for part in [makePictures, measureSound] {
            work.enter()
            Thread {
                lowerThisThreadsPriority()
                part()
                work.leave()
            }.start()
        }
        work.notify(queue: .global(qos: .utility)) { [self] in
            StillGrabber.returnFreedMemory()
            store()
        }
    }

    /// A recording whose decoder is large (above 1080p: 4K HEVC of 10 bits holds some 250 MB) has its
    /// strip made by the paused picture's decoder, between the coach's requests, so that two such decoders
    /// are never open at once; what that decoder leaves undone (it closed) and smaller recordings' strips
    /// are made on a decoder of their own.
    private func makePictures() {
        var frames = Array(Set(slots.map(\.frame))).sorted()
        if FrameSessions.weight(info) > largeAbove {
            let outcome = self.frames.keyframePictures(
                path: path, stamp: stamp, info: info, timeline: timeline, language: language, frames: frames, width: width,
                stop: { stop in
                    let cancelled = state.withLock { s in
                        s.stopStrip = stop
                        return s.cancelled
                    }
                    if cancelled { stop() }
                },
                deliver: { [self] frame, jpeg in state.withLock { $0.pictures[frame] = jpeg } })
            state.withLock { $0.stopStrip = nil }
            switch outcome {
            case .made:
                state.withLock { $0.picturesDone = true }
                return
            case .stopped(let remaining):
                if isCancelled { return state.withLock { $0.picturesDone = true } }
                frames = remaining
            case .failed(let error):
                return picturesFailed(error)
            }
        }
        makePictures(frames)
    }

    private func picturesFailed(_ error: GrabFailure) {
        let problem = language.say(Words.pictureCannotBeRead(in: path, because: phrase(for: error)))
        state.withLock { s in
            s.picturesDone = true
            if !s.cancelled { s.picturesProblem = problem }
        }
    }

    /// Makes the strip pictures of `frames` on a decoder of its own.
    private func makePictures(_ frames: [Int]) {
        do throws(GrabFailure) {
            let file: InputFile
            do throws(MediaError) {
                file = try InputFile(path: path)
                try file.findStreamInfo()
            } catch { throw .media(error) }
            let grabber: StillGrabber
            do throws(MediaError) { grabber = try StillGrabber(file: file, info: info, timeline: timeline, threads: 1) } catch { throw .media(error) }
            // A second decoder beside one that is not large (`FrameSessions.largeDecoder`).
            grabber.secondDecoder = FrameSessions.weight(info) <= largeAbove
            try grabber.grabKeyframes(frames, width: width, isCancelled: { [self] in isCancelled }) { [self] frame, picture in
                let jpeg = try picture.encoded(as: .jpg)
                state.withLock { $0.pictures[frame] = jpeg }
            }
            state.withLock { $0.picturesDone = true }
        } catch {
            picturesFailed(error)
        }
    }

    private func measureSound() {
        let sound: Sound
        do throws(MediaError) {
            if let levels = try SoundLevels.measure(path: path, windowMicroseconds: TimelineOverviews.windowMicroseconds,
                                                    isCancelled: { [self] in isCancelled }) {
                sound = .levels(levels)
            } else {
                sound = .none
            }
        } catch {
            sound = .unreadable(language.say(Words.soundCannotBeRead(in: path, because: phrase(for: error))))
        }
        state.withLock { $0.sound = sound }
    }

    // MARK: For the page

    /// What `api/timeline` says: the strip's places and the pictures made so far, the sound's levels
    /// once measured (dB, whole numbers), and whether all is done.
    struct Summary: Encodable, Sendable {
        var width: Int, height: Int
        var pictures: [Slot]
        var made: [Int]
        var picturesProblem: String?
        /// "making", "none", "levels" or "unreadable".
        var sound: String
        var soundProblem: String?
        var windowMicroseconds: Int?
        var peak: [Int]?, rms: [Int]?
        var done: Bool

        enum CodingKeys: String, CodingKey {
            case width, height, pictures, made, sound, peak, rms, done
            case picturesProblem = "pictures_problem", soundProblem = "sound_problem", windowMicroseconds = "window_microseconds"
        }
    }

    var summary: Summary {
        state.withLock { s in
            var summary = Summary(width: width, height: height, pictures: slots, made: s.pictures.keys.sorted(),
                                  picturesProblem: s.picturesProblem, sound: "making", done: false)
            switch s.sound {
            case .making: break
            case .none: summary.sound = "none"
            case .unreadable(let why): (summary.sound, summary.soundProblem) = ("unreadable", why)
            case .levels(let levels):
                summary.sound = "levels"
                summary.windowMicroseconds = levels.windowMicroseconds
                summary.peak = levels.peak.map { Int($0.rounded()) }
                summary.rms = levels.rms.map { Int($0.rounded()) }
            }
            summary.done = s.picturesDone && s.sound != .making
            return summary
        }
    }

    // MARK: Kept between openings

    /// The kept form: a line of JSON (what was made and where each picture lies in what follows), then
    /// the pictures' JPEGs one after another.
    private struct Kept: Codable {
        static let version = 1
        var version: Int
        var width: Int, height: Int
        var slots: [Slot]
        /// Frame numbers and their JPEGs' lengths, in the order they follow.
        var frames: [Int], lengths: [Int]
        /// nil: no sound.
        var windowMicroseconds: Int?
        var peak: [Float]?, rms: [Float]?
    }

    /// Keeps the overview when everything was made (a recording that cannot be read whole is read again
    /// next time, and says so again); a folder that cannot be written to keeps nothing, quietly.
    private func store() {
        let (pictures, sound, complete) = state.withLock { s in
            (s.pictures, s.sound, !s.cancelled && s.picturesProblem == nil && s.pictures.count == Set(slots.map(\.frame)).count)
        }
        let levels: SoundLevels?
        switch sound {
        case .levels(let l): levels = l
        case .none: levels = nil
        case .making, .unreadable: return
        }
        guard complete else { return }
        let frames = pictures.keys.sorted()
        let kept = Kept(version: Kept.version, width: width, height: height, slots: slots, frames: frames,
                        lengths: frames.map { pictures[$0]!.count }, windowMicroseconds: levels?.windowMicroseconds,
                        peak: levels?.peak, rms: levels?.rms)
        guard var data = try? JSONEncoder().encode(kept) else { return }
        data.append(0x0A)
        for frame in frames { data.append(pictures[frame]!) }
        do throws(OutputFiles.WriteError) {
            try OutputFiles.makePrivateFolder(Paths.parent(of: cacheFile))
            try OutputFiles.write(data, to: cacheFile)
        } catch {
            return
        }
    }

    /// Takes the kept overview, if there is one made for this recording as it is now (the file's name
    /// says its size and time) with these pictures; false when it is missing or does not fit.
    private func load() -> Bool {
        guard let data = FileManager.default.contents(atPath: cacheFile), let end = data.firstIndex(of: 0x0A),
              let kept = try? JSONDecoder().decode(Kept.self, from: data[data.startIndex..<end]),
              kept.version == Kept.version, kept.width == width, kept.height == height, kept.slots == slots,
              kept.frames.count == kept.lengths.count,
              data.count - (end + 1) == kept.lengths.reduce(0, +) else { return false }
        var pictures: [Int: Data] = [:]
        var at = end + 1
        for (frame, length) in zip(kept.frames, kept.lengths) {
            pictures[frame] = data.subdata(in: at..<at + length)
            at += length
        }
        let sound: Sound
        if let window = kept.windowMicroseconds, let peak = kept.peak, let rms = kept.rms {
            sound = .levels(SoundLevels(windowMicroseconds: window, peak: peak, rms: rms))
        } else {
            sound = .none
        }
        state.withLock { s in
            s.pictures = pictures
            s.picturesDone = true
            s.sound = sound
        }
        return true
    }
}

/// Gives the calling thread nice 10, for background work (the timeline's strip and sound, the preview's
/// columns): threads it starts afterwards, a decoder's among them, inherit it. On Linux the nice value
/// belongs to the thread: `who` 0 is this one.
func lowerThisThreadsPriority() {
    #if os(Linux)
    _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 10)
    #endif
}
