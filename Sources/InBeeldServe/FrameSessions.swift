import Foundation
import InBeeldCoaching
import InBeeldMedia
import Synchronization

/// InBeeld's own pictures of single frames (`api/frame`): the page shows these whenever the player stands
/// still, so the picture on screen is known to be frame N (a browser's `<video>` can only be asked which
/// frame it shows, and after a seek it may not say, or say another). Made by the stills' own code
/// (`StillGrabber`: the one frame rule, rotation, square pixels, HDR to SDR), scaled to the width the page
/// shows them at, as JPEG.
///
/// One `FrameSession` per open recording keeps its decoder open and where it stood, so the next frame is
/// reached by decoding on; the frames around the one asked for are made in the background (the nearest
/// either way first, then further in the direction the coach moves), so that stepping needs no decoding.
/// A newer request for the same recording stops that work, unless the work is about to make its frame; a
/// request that is still waiting when a newer one comes is answered as superseded: holding an arrow key
/// never queues up work. The pictures are kept in one cache across recordings, bounded in bytes, the least
/// recently used going first; the decoders are bounded by their pictures' size (one 4K decoder of 10 bits
/// holds some 250 MB), the least recently used closed first.
final class FrameSessions: Sendable {
    /// The most recordings kept open at once; opening one more closes the least recently used.
    static let openAtMost = 3
    /// A recording's decoder is closed after this long without a request (60 s; tests may wait longer).
    private let idleSeconds: Double
    /// How many frames are made ahead of the one asked for, and at most how many before it; the nearest
    /// of them, either way, first.
    static let ahead = 36, behind = 60, nearby = 12
    /// How large the open recordings' decoded pictures may be together (a decoder keeps its reference
    /// pictures and a few more: its memory grows with the picture's size and depth): one 4K recording of
    /// 10 bits, or about eight of 1080p. Opening one more closes the least recently used that is not at
    /// work until it fits (the one opened stays, however large).
    static let pictureBudget = 3840 * 2160 * 3 / 2 * 2

    /// A recording's decoded picture, in bytes.
    static func weight(_ info: MediaInfo) -> Int { info.video?.video?.decodedPictureBytes ?? 0 }
    /// A decoder whose pictures are larger than this (above 1080p; 1080p of 10 bits is not) is large: a 4K
    /// one of 10 bits holds some 250 MB, so no second decoder is opened beside it (`TimelineOverviews`,
    /// `PreviewColumns`).
    static let largeDecoder = 1920 * 1088 * 3

    enum Failure: Error, Sendable {
        /// A newer request for the same recording came first.
        case superseded
        case noSuchFrame
        /// The recording (or this frame) cannot be decoded: the reason, for the coach.
        case unreadable(String)
    }

    private let cache: PictureCache
    /// The previews of the timeline's columns, made ahead.
    let columns: PreviewColumns
    private let sessions = Mutex<[String: FrameSession]>([:])
    /// Entered while a closed session's decoder is still to be let go: a decoder is opened only after those
    /// (with 4K, two decoders at once would be some 250 MB more).
    private let releasing = DispatchGroup()
    private let sweeper: IdleSweep

    init(cacheBytes: Int = 24 << 20, idleSeconds: Double = 60) {
        cache = PictureCache(limit: cacheBytes)
        columns = PreviewColumns()
        self.idleSeconds = idleSeconds
        sweeper = IdleSweep()
        sweeper.start { [weak self] in self?.closeIdle() }
    }

    /// The recordings whose decoders are open (for tests).
    var openRecordings: Set<String> { sessions.withLock { Set($0.keys) } }

    /// Closes the decoders of recordings not asked for in `idleSeconds` (one making a strip too: what it
    /// leaves undone, the timeline makes on a decoder of its own), unless a request is still waiting for
    /// its picture (on a loaded machine a picture can take that long; closing would refuse it).
    private func closeIdle() {
        let now = Date()
        let idle = sessions.withLock { open in
            let idle = open.filter { now.timeIntervalSince($0.value.lastUsed) >= idleSeconds && !$0.value.answering }
            for path in idle.keys { open[path] = nil }
            return Array(idle.values)
        }
        for session in idle { session.close() }
    }

    /// Frame `index` of the recording at `path` (known to the library: `info` and `timeline` are the ones
    /// its page has), `width` pixels wide, as JPEG.
    /// - Parameter preview: the picture under the pointer on the timeline, not where the coach stands: it
    ///   neither supersedes nor is superseded by the paused picture's requests (only by a newer preview),
    ///   it comes before the look-around, and the look-around stays around the frame the coach stands on;
    ///   the timeline's columns made ahead (`columns`) answer it at once.
    func picture(path: String, stamp: FileStamp, info: MediaInfo, timeline: PresentationTimeline,
                 index: Int, width: Int, preview: Bool = false, language: Language) async -> Result<Data, Failure> {
        guard timeline.pts.indices.contains(index) else { return .failure(.noSuchFrame) }
        // A column made ahead needs no decoder (nor opens one).
        if preview, let made = columns.picture(path: path, stamp: stamp, width: width, index: index) { return .success(made) }
        let key = PictureCache.Key(path: path, stamp: stamp, width: width, index: index)
        let session = self.session(path: path, stamp: stamp, info: info, timeline: timeline, language: language)
        if let hit = cache.get(key) {
            if !preview { session.lookAround(index, width: width) }
            return .success(hit)
        }
        return await columns.pausing { await session.make(index, width: width, preview: preview) }
    }

    /// The recording's session: the one open, or a new one (closing the least recently used beyond
    /// `openAtMost` or `pictureBudget`, and any of this recording made before the file changed). A session
    /// at work (a request waiting, or its loop running) is not closed for room: two windows on two large
    /// recordings would otherwise close each other's at every request, and neither would get a picture.
    /// How the strip's pictures made by a recording's own decoder ended (`keyframePictures`).
    enum StripOutcome: Sendable {
        case made
        /// The session closed (idle, another recording, the file changed) or the timeline's work was stopped:
        /// these frames are still to be made.
        case stopped(remaining: [Int])
        case failed(GrabFailure)
    }

    /// The keyframes `frames` as strip pictures `width` wide, made by the recording's own decoder whenever
    /// it has nothing else to do (after every request and the look-around), one at a time; each handed to
    /// `deliver` as a JPEG. For recordings whose decoder is large (4K: some 250 MB), so that the timeline
    /// does not open a second one beside the paused picture's. Blocks until done or stopped; `stop` is set
    /// to what stops it (the timeline's own work stopping).
    func keyframePictures(path: String, stamp: FileStamp, info: MediaInfo, timeline: PresentationTimeline, language: Language,
                          frames: [Int], width: Int, stop: (@escaping @Sendable () -> Void) -> Void,
                          deliver: @escaping @Sendable (Int, Data) -> Void) -> StripOutcome {
        let session = session(path: path, stamp: stamp, info: info, timeline: timeline, language: language)
        let outcome = Mutex<StripOutcome?>(nil)
        let done = DispatchSemaphore(value: 0)
        session.makeStrip(frames, width: width, deliver: deliver) { ended in
            outcome.withLock { $0 = ended }
            done.signal()
        }
        // After the strip is in place: stopped before it was, it would be made all the same.
        stop { session.stopStrip() }
        done.wait()
        return outcome.withLock { $0 } ?? .stopped(remaining: frames)
    }

    private func session(path: String, stamp: FileStamp, info: MediaInfo, timeline: PresentationTimeline,
                         language: Language) -> FrameSession {
        var closing: [FrameSession] = []
        defer { for session in closing { session.close() } }  // after the lock: closing answers a waiting request
        return sessions.withLock { open in
            // Asked for now: under the same lock as the idle sweep, which then leaves it open.
            if let found = open[path], found.stamp == stamp { found.touch(); return found }
            if let old = open[path] { closing.append(old) }  // made before the file changed
            let made = FrameSession(path: path, stamp: stamp, info: info, timeline: timeline, cache: cache, language: language,
                                    releasing: releasing)
            open[path] = made
            func tooMuch() -> Bool {
                open.count > Self.openAtMost || open.values.reduce(0) { $0 + Self.weight($1.info) } > Self.pictureBudget
            }
            while tooMuch(),
                  let oldest = open.filter({ $0.key != path && !$0.value.atWork }).min(by: { $0.value.lastUsed < $1.value.lastUsed }) {
                closing.append(oldest.value)
                open[oldest.key] = nil
            }
            return made
        }
    }
}

/// One recording's decoder, kept open and positioned, and the work on it: one loop at a time on a serial
/// queue, so the grabber (not `Sendable`) is only ever touched there.
///
/// The loop does the request waiting, if there is one, else the next piece of the look-around: around the
/// frame asked for last, in the direction the coach last moved. A request for a frame the piece under way
/// will still make waits for it (stepping back while the group of pictures is being made would otherwise
/// start decoding it all over again); any other request stops the piece at the next frame.
private final class FrameSession: @unchecked Sendable {
    let path: String
    let stamp: FileStamp
    let info: MediaInfo
    private let timeline: PresentationTimeline
    private let cache: PictureCache
    private let language: Language
    private let queue: DispatchQueue
    /// Touched only on `queue`; opened at the first request.
    private var grabber: StillGrabber?

    typealias Answer = Result<Data, FrameSessions.Failure>
    /// A request waiting for its picture.
    private struct Waiter {
        let index: Int, width: Int
        /// Far from the frame asked for before (a click on the timeline, not a step).
        let jump: Bool
        let continuation: CheckedContinuation<Answer, Never>
    }
    /// The timeline's strip pictures to make, the next first; `ended` is told once, how it ended.
    private struct Strip {
        var frames: [Int]
        let width: Int
        let deliver: @Sendable (Int, Data) -> Void
        let ended: @Sendable (FrameSessions.StripOutcome) -> Void
    }
    private struct State {
        var waiter: Waiter?
        /// The picture under the pointer on the timeline waiting (`make(preview:)`).
        var preview: Waiter?
        /// The frame asked for last, its width, and whether the coach was going back to it.
        var last = -1, width = 0, goingBack = false
        /// The frames the piece of work under way has still to make, at `runWidth`, and whether it is the
        /// look-around (which any request stops).
        var running: Set<Int> = [], runWidth = 0, runningAhead = false
        /// Strip pictures still to make when nothing else is asked (`keyframePictures`).
        var strip: Strip?
        /// Whether the loop is queued or under way.
        var working = false
        var closed = false
        var lastUsed = Date()
        /// Whether a request waits for its picture.
        var answering: Bool { waiter != nil || preview != nil }
    }
    private let state = Mutex(State())

    var lastUsed: Date { state.withLock { $0.lastUsed } }
    /// Whether a request waits or the loop runs.
    var atWork: Bool { state.withLock { $0.answering || $0.working } }
    var answering: Bool { state.withLock { $0.answering } }
    /// Counts as used now.
    func touch() { state.withLock { $0.lastUsed = Date() } }

    private let releasing: DispatchGroup

    init(path: String, stamp: FileStamp, info: MediaInfo, timeline: PresentationTimeline, cache: PictureCache, language: Language,
         releasing: DispatchGroup) {
        self.releasing = releasing
        self.path = path
        self.stamp = stamp
        self.info = info
        self.timeline = timeline
        self.cache = cache
        self.language = language
        queue = DispatchQueue(label: "inbeeld.frames.\((path as NSString).lastPathComponent)", qos: .userInitiated)
    }

    private func key(_ index: Int, _ width: Int) -> PictureCache.Key {
        .init(path: path, stamp: stamp, width: width, index: index)
    }

    /// Notes where the coach stands (and which way they went), for the look-around.
    private static func note(_ index: Int, width: Int, in s: inout State) {
        if s.last >= 0, s.last != index { s.goingBack = index < s.last }
        s.last = index
        s.width = width
        s.lastUsed = Date()
    }

    /// Frame `index`, made (or found made) by the loop. A request still waiting when a newer one of its kind
    /// (`preview` or not) comes is answered as superseded.
    func make(_ index: Int, width: Int, preview: Bool = false) async -> Answer {
        await withCheckedContinuation { continuation in
            let (earlier, refused) = state.withLock { s -> (Waiter?, Bool) in
                guard !s.closed else { return (nil, true) }
                if preview {
                    // Wanted at once, and the decoder is where the coach stands no longer: the look-around
                    // starts again from a keyframe.
                    defer { s.preview = Waiter(index: index, width: width, jump: true, continuation: continuation) }
                    s.lastUsed = Date()
                    return (s.preview, false)
                }
                let jump = s.last < 0 || abs(index - s.last) > FrameSessions.nearby
                Self.note(index, width: width, in: &s)
                defer { s.waiter = Waiter(index: index, width: width, jump: jump, continuation: continuation) }
                return (s.waiter, false)
            }
            earlier?.continuation.resume(returning: .failure(.superseded))
            if refused { return continuation.resume(returning: .failure(.superseded)) }
            start()
        }
    }

    /// A picture was found made: the look-around follows the coach there.
    func lookAround(_ index: Int, width: Int) {
        state.withLock { Self.note(index, width: width, in: &$0) }
        start()
    }

    /// Makes the strip pictures `frames` (keyframes, ascending) when nothing else is asked; `ended` is told
    /// how it ended, once. A closed session ends it at once, with every frame still to make.
    func makeStrip(_ frames: [Int], width: Int, deliver: @escaping @Sendable (Int, Data) -> Void,
                   ended: @escaping @Sendable (FrameSessions.StripOutcome) -> Void) {
        let refused = state.withLock { s -> Bool in
            guard !s.closed, s.strip == nil else { return true }
            s.strip = Strip(frames: frames, width: width, deliver: deliver, ended: ended)
            return false
        }
        if refused { return ended(.stopped(remaining: frames)) }
        start()
    }

    /// Ends the strip's making where it stands (the frame being made, if any, stops at its next packet).
    func stopStrip() {
        guard let strip = state.withLock({ s -> Strip? in defer { s.strip = nil }; return s.strip }) else { return }
        strip.ended(.stopped(remaining: strip.frames))
    }

    /// Stops the work and closes the decoder; a request waiting gives way.
    func close() {
        releasing.enter()
        let waiting = state.withLock { s -> [Waiter] in
            s.closed = true
            defer { s.waiter = nil; s.preview = nil }
            return [s.waiter, s.preview].compactMap { $0 }
        }
        for waiter in waiting { waiter.continuation.resume(returning: .failure(.superseded)) }
        stopStrip()
        // After the loop (the queue is serial): the decoder's pictures go back to the system, not only to
        // the allocator, where the next recording's decoder (often of another size) could not reuse them.
        queue.async { [self] in
            defer { releasing.leave() }
            guard grabber != nil else { return }
            grabber = nil
            StillGrabber.returnFreedMemory()
        }
    }

    /// Queues the loop unless it is queued or under way.
    private func start() {
        let queued = state.withLock { s -> Bool in
            guard !s.working, !s.closed else { return false }
            s.working = true
            return true
        }
        if queued { queue.async { [self] in work() } }
    }

    private enum Job {
        case request(index: Int, width: Int, jump: Bool)
        /// Frames around `around`, where the coach stood when the piece was chosen.
        case ahead([Int], width: Int, around: Int)
        /// The next strip picture (a keyframe).
        case strip(Int, width: Int)
    }

    /// The loop, on `queue`: requests first (the paused picture's, then the preview's), then the
    /// look-around, until nothing is missing around the frame asked for last.
    private func work() {
        while let job = nextJob() {
            switch job {
            case .request(let index, let width, let jump):
                if let made = cache.get(key(index, width)) {
                    answer(index, width, .success(made))
                    continue
                }
                // Made, it is handed over on the way; a newer request or closing stopped it, and answered.
                // After a jump the frame comes first; its neighbours are the look-around's, which starts
                // again from the keyframe (stepping on decodes on, so the next step costs one frame).
                switch grab([index], width: width, lastAtOnce: jump) {
                case .success, .failure(.media(.cancelled)): break
                case .failure(.media(.noSuchFrame)): answer(index, width, .failure(.noSuchFrame))
                case .failure(let error):
                    answer(index, width, .failure(.unreadable(language.say(Words.pictureCannotBeRead(in: path, because: phrase(for: error))))))
                }
            case .ahead(let indices, let width, let around):
                // A part that cannot be decoded is not tried again until the coach moves.
                switch grab(indices, width: width) {
                case .success, .failure(.media(.cancelled)): break
                case .failure: state.withLock { s in if s.last == around { s.last = -1 } }
                }
            case .strip(let frame, let width):
                stripPicture(frame, width: width)
            }
        }
    }

    /// What the loop does next; nil (and the loop marked as stopped) when nothing.
    private func nextJob() -> Job? {
        state.withLock { s -> Job? in
            s.running = []
            s.runningAhead = false
            if !s.closed, let waiter = s.waiter ?? s.preview { return .request(index: waiter.index, width: waiter.width, jump: waiter.jump) }
            if !s.closed, s.last >= 0, let run = nextRun(around: s.last, back: s.goingBack, width: s.width) {
                s.runningAhead = true
                return .ahead(run, width: s.width, around: s.last)
            }
            if !s.closed, let strip = s.strip, let frame = strip.frames.first {
                s.runningAhead = true
                return .strip(frame, width: strip.width)
            }
            s.working = false
            return nil
        }
    }

    /// The first piece of the look-around around `index` with frames not yet made (those frames,
    /// ascending, all after one keyframe). Forward, decoding on from where the decoder stands costs no
    /// seek; back, the frames nearest come first, then the rest of the window a group of pictures at a
    /// time, nearest first (each decoded from its own keyframe, so splitting costs no extra decoding).
    /// Stepping back, back first; else a few forward first, then the nearest back, then the rest.
    private func nextRun(around index: Int, back: Bool, width: Int) -> [Int]? {
        let lastFrame = timeline.frameCount - 1
        func frames(_ from: Int, through last: Int) -> [Int] { from <= min(last, lastFrame) ? Array(from...min(last, lastFrame)) : [] }
        let nearAhead = frames(index + 1, through: index + FrameSessions.nearby)
        let restAhead = frames(index + FrameSessions.nearby + 1, through: index + FrameSessions.ahead)
        var behind: [[Int]] = []
        var upTo = index
        while upTo > max(0, index - FrameSessions.behind) {
            let keyframe = timeline.keyframeIndex(ofFrame: upTo - 1)
            let from = max(keyframe, index - FrameSessions.behind)
            if behind.isEmpty, upTo - from > FrameSessions.nearby { behind.append(Array((upTo - FrameSessions.nearby)..<upTo)) }
            behind.append(Array(from..<upTo))
            upTo = from
        }
        let nearBehind = behind.first ?? []
        let runs = back ? behind + [nearAhead, restAhead] : [nearAhead, nearBehind, restAhead] + behind
        for run in runs {
            let missing = run.filter { cache.get(key($0, width), touch: false) == nil }
            if !missing.isEmpty { return missing }
        }
        return nil
    }

    /// Hands a made picture to the request waiting for it, if any; `made` also takes the frame off the
    /// piece under way, in the same step (between the two, the piece would look as if it could no longer
    /// answer the request, and stop).
    private func answer(_ index: Int, _ width: Int, _ answer: Answer, made: Bool = false) {
        let waiting = state.withLock { s -> [Waiter] in
            if made { s.running.remove(index) }
            var answered: [Waiter] = []
            if let waiter = s.waiter, waiter.index == index, waiter.width == width { answered.append(waiter); s.waiter = nil }
            if let waiter = s.preview, waiter.index == index, waiter.width == width { answered.append(waiter); s.preview = nil }
            return answered
        }
        for waiter in waiting { waiter.continuation.resume(returning: answer) }
    }

    /// Decodes `indices` (ascending) and keeps each as a JPEG in the cache, answering a request waiting
    /// for one of them. Stops at the next frame when a request comes that these will not answer, or the
    /// session closes. On `queue` only.
    private func grab(_ indices: [Int], width: Int, lastAtOnce: Bool = false) -> Result<Void, GrabFailure> {
        state.withLock { s in
            s.running = Set(indices)
            s.runWidth = width
        }
        // Stopped by a request these frames will not answer: the paused picture's first, then the preview's
        // (which stops only the look-around and another preview).
        let isCancelled = { [self] in
            state.withLock { s in
                func unanswered(_ waiter: Waiter?) -> Bool { waiter.map { !(s.running.contains($0.index) && $0.width == s.runWidth) } ?? false }
                if s.closed || unanswered(s.waiter) { return true }
                let previewRunning = s.preview.map { s.running.contains($0.index) && $0.width == s.runWidth } ?? false
                return unanswered(s.preview) && (s.runningAhead || s.waiter == nil && !previewRunning)
            }
        }
        let grabber: StillGrabber
        switch openGrabber() {
        case .success(let open): grabber = open
        case .failure(let failure): return .failure(failure)
        }
        do throws(GrabFailure) {
            try grabber.grab(frames: indices, width: width, lastAtOnce: lastAtOnce, isCancelled: isCancelled) { [self] index, picture in
                let jpeg = try picture.encoded(as: .jpg)
                cache.put(key(index, width), jpeg)
                answer(index, width, .success(jpeg), made: true)
            }
            return .success(())
        } catch {
            // Opened again at the next request, from a known state (cancelling stops cleanly between frames).
            if case .media(.cancelled) = error {} else { self.grabber = nil }
            return .failure(error)
        }
    }

    /// Makes one strip picture, unless a request comes first (it stays the next to make) or the strip is
    /// stopped; the last one made, or a failure, ends the strip. On `queue` only.
    private func stripPicture(_ frame: Int, width: Int) {
        // Stopped by any request, by closing, and by the strip's own end.
        let isCancelled = { [self] in state.withLock { s in s.closed || s.waiter != nil || s.preview != nil || s.strip == nil } }
        let deliver = state.withLock { $0.strip?.deliver }
        var result: Result<Void, GrabFailure>
        switch openGrabber() {
        case .failure(let failure): result = .failure(failure)
        case .success(let grabber):
            do throws(GrabFailure) {
                try grabber.grabKeyframes([frame], width: width, isCancelled: isCancelled) { index, picture in
                    deliver?(index, try picture.encoded(as: .jpg))
                }
                result = .success(())
            } catch {
                if case .media(.cancelled) = error {} else { self.grabber = nil }
                result = .failure(error)
            }
        }
        let ended = state.withLock { s -> (Strip, FrameSessions.StripOutcome)? in
            guard var strip = s.strip, strip.frames.first == frame else { return nil }
            switch result {
            case .failure(.media(.cancelled)): return nil
            case .failure(let failure): s.strip = nil; return (strip, .failed(failure))
            case .success:
                strip.frames.removeFirst()
                s.strip = strip.frames.isEmpty ? nil : strip
                return strip.frames.isEmpty ? (strip, .made) : nil
            }
        }
        if let (strip, outcome) = ended { strip.ended(outcome) }
    }

    /// The recording's decoder, opened at the first picture asked of it. On `queue` only.
    private func openGrabber() -> Result<StillGrabber, GrabFailure> {
        let grabber: StillGrabber
        if let open = self.grabber {
            grabber = open
        } else {
            // A closed session opens nothing (its own closing, counted in `releasing`, waits behind this).
            if state.withLock({ $0.closed }) { return .failure(.media(.cancelled)) }
            // At most the frame a closed session is making; bounded, since this session may be closed
            // while it waits.
            _ = releasing.wait(timeout: .now() + 2)
            do throws(MediaError) {
                let file = try InputFile(path: path)
                try file.findStreamInfo()
                // Above 1080p one decoding thread: a frame-threaded decoder holds a picture per thread (4K
                // HEVC: about 25 MB each) and gains little there (measured: random frames of 4K HLG took
                // about as long with two threads, the tone mapping being most of the time, at 412 MB peak
                // instead of 346 MB). Up to 1080p two: a click far away decodes up to a group of pictures,
                // which two threads do in less time, at a few MB more.
                let pixels = (info.video?.video).map { $0.width * $0.height } ?? 0
                grabber = try StillGrabber(file: file, info: info, timeline: timeline, threads: pixels <= 1920 * 1088 ? 2 : 1)
            } catch {
                return .failure(.media(error))
            }
            // The second core serves the page, the JPEGs and the other window; one decoder per recording.
            grabber.secondDecoder = false
            self.grabber = grabber
        }
        return .success(grabber)
    }
}

/// JPEGs of frames, across recordings, at most `limit` bytes; the least recently used go first.
final class PictureCache: Sendable {
    struct Key: Hashable, Sendable {
        var path: String
        var stamp: FileStamp
        var width: Int
        var index: Int
    }

    private struct Store {
        var pictures: [Key: (data: Data, used: UInt64)] = [:]
        var bytes = 0
        var clock: UInt64 = 0
    }

    private let store = Mutex(Store())
    let limit: Int

    init(limit: Int) { self.limit = limit }

    /// The picture, if kept; `touch` marks it as just used.
    func get(_ key: Key, touch: Bool = true) -> Data? {
        store.withLock { s in
            guard let found = s.pictures[key] else { return nil }
            if touch {
                s.clock += 1
                s.pictures[key] = (found.data, s.clock)
            }
            return found.data
        }
    }

    func put(_ key: Key, _ data: Data) {
        store.withLock { s in
            s.clock += 1
            if let old = s.pictures.updateValue((data, s.clock), forKey: key) { s.bytes -= old.data.count }
            s.bytes += data.count
            guard s.bytes > limit else { return }
            // Over the limit: the least recently used quarter of the limit goes at once (one sort, not one per picture).
            var freed = 0
            for (k, v) in s.pictures.sorted(by: { $0.value.used < $1.value.used }) where s.bytes - freed > limit * 3 / 4 && k != key {
                s.pictures[k] = nil
                freed += v.data.count
            }
            s.bytes -= freed
        }
    }

    var bytes: Int { store.withLock { $0.bytes } }
}

/// A timer every ten seconds, for as long as it lives. The timer is set up in `start` and cancelled in
/// `deinit`, never touched otherwise.
private final class IdleSweep: @unchecked Sendable {
    private let timer = DispatchSource.makeTimerSource(queue: DispatchQueue(label: "inbeeld.frames.sweep"))

    func start(_ work: @escaping @Sendable () -> Void) {
        timer.setEventHandler(handler: work)
        timer.schedule(deadline: .now() + 10, repeating: 10)
        timer.resume()
    }

    deinit { timer.cancel() }
}
