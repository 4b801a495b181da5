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
/// reached by decoding on; the frames around the one asked for are made ahead in the background (the rest
/// of its run forward, the start of its group of pictures back), so that stepping needs no decoding. A
/// newer request for the same recording stops that work, and a request that is still waiting when a newer
/// one comes is answered as superseded: holding an arrow key never queues up work. The pictures are kept in
/// one cache across recordings, bounded in bytes, the least recently used going first.
final class FrameSessions: Sendable {
    /// The most recordings kept open at once; opening one more closes the least recently used.
    static let openAtMost = 3
    /// A recording's decoder is closed after this long without a request.
    static let idleSeconds = 60.0
    /// How many frames are made ahead of the one asked for, and at most how many before it.
    static let ahead = 36, behind = 60

    enum Failure: Error, Sendable {
        /// A newer request for the same recording came first.
        case superseded
        case noSuchFrame
        /// The recording (or this frame) cannot be decoded: the reason, for the coach.
        case unreadable(String)
    }

    private let cache: PictureCache
    private let sessions = Mutex<[String: FrameSession]>([:])
    private let sweeper: IdleSweep

    init(cacheBytes: Int = 64 << 20) {
        cache = PictureCache(limit: cacheBytes)
        sweeper = IdleSweep()
        sweeper.start { [weak self] in self?.closeIdle() }
    }

    /// Closes the decoders of recordings not asked for in `idleSeconds`.
    private func closeIdle() {
        let now = Date()
        sessions.withLock { open in
            for (path, session) in open where now.timeIntervalSince(session.lastUsed) >= Self.idleSeconds {
                session.close()
                open[path] = nil
            }
        }
    }

    /// Frame `index` of the recording at `path` (known to the library: `info` and `timeline` are the ones
    /// its page has), `width` pixels wide, as JPEG.
    func picture(path: String, stamp: FileStamp, info: MediaInfo, timeline: PresentationTimeline,
                 index: Int, width: Int, language: Language) async -> Result<Data, Failure> {
        guard timeline.pts.indices.contains(index) else { return .failure(.noSuchFrame) }
        let key = PictureCache.Key(path: path, stamp: stamp, width: width, index: index)
        let session = self.session(path: path, stamp: stamp, info: info, timeline: timeline, language: language)
        if let hit = cache.get(key) {
            session.lookAround(index, width: width)
            return .success(hit)
        }
        return await session.make(index, width: width)
    }

    /// The recording's session: the one open, or a new one (closing the least recently used beyond
    /// `openAtMost`, and any of this recording made before the file changed).
    private func session(path: String, stamp: FileStamp, info: MediaInfo, timeline: PresentationTimeline,
                         language: Language) -> FrameSession {
        sessions.withLock { open in
            if let found = open[path], found.stamp == stamp {
                found.lastUsed = Date()
                return found
            }
            open[path]?.close()  // made before the file changed
            let made = FrameSession(path: path, stamp: stamp, info: info, timeline: timeline, cache: cache, language: language)
            open[path] = made
            while open.count > Self.openAtMost, let oldest = open.min(by: { $0.value.lastUsed < $1.value.lastUsed })?.key {
                open[oldest]?.close()
                open[oldest] = nil
            }
            return made
        }
    }
}

/// One recording's decoder, kept open and positioned, and the work on it: on one serial queue, so the
/// grabber (not `Sendable`) is only ever touched there.
private final class FrameSession: @unchecked Sendable {
    let path: String
    let stamp: FileStamp
    private let info: MediaInfo
    private let timeline: PresentationTimeline
    private let cache: PictureCache
    private let language: Language
    private let queue: DispatchQueue
    /// Touched only on `queue`; opened at the first request.
    private var grabber: StillGrabber?
    /// Counts requests: background work stops when it changes, a waiting request gives way when it has.
    private let generation = Atomic<Int>(0)
    /// The request generation whose looking around is queued or under way (-1: none yet): at most one
    /// for each, and one queued for an older request does not keep a newer one's out.
    private let lookingFor = Atomic<Int>(-1)
    /// The frame asked for last, and whether the one before it was later (stepping back).
    private let last = Atomic<Int>(-1), goingBack = Atomic<Bool>(false)
    private let used = Mutex<Date>(Date())
    var lastUsed: Date {
        get { used.withLock { $0 } }
        set { used.withLock { $0 = newValue } }
    }

    init(path: String, stamp: FileStamp, info: MediaInfo, timeline: PresentationTimeline, cache: PictureCache, language: Language) {
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

    /// Makes frame `index` (and what was decoded on the way), then looks around it in the background.
    func make(_ index: Int, width: Int) async -> Result<Data, FrameSessions.Failure> {
        let mine = generation.add(1, ordering: .sequentiallyConsistent).newValue
        return await withCheckedContinuation { continuation in
            queue.async { [self] in
                // A newer request came while this one waited: it is what the page wants now.
                guard generation.load(ordering: .sequentiallyConsistent) == mine else { return continuation.resume(returning: .failure(.superseded)) }
                let result = makeNow(index, width: width)
                continuation.resume(returning: result)
                if case .success = result { lookAround(index, width: width, for: mine) }
            }
        }
    }

    /// Stops the background work; the decoder goes with the last work queued.
    func close() { generation.add(1, ordering: .sequentiallyConsistent) }

    /// Queues the background work around `index` for request generation `request` (the current one when
    /// nil: a picture found made), unless work for it or a newer one is queued already; it stops at the
    /// next request.
    func lookAround(_ index: Int, width: Int, for request: Int? = nil) {
        let previous = last.exchange(index, ordering: .sequentiallyConsistent)
        if previous >= 0, previous != index { goingBack.store(index < previous, ordering: .sequentiallyConsistent) }
        let mine = request ?? generation.load(ordering: .sequentiallyConsistent)
        var queued = lookingFor.load(ordering: .sequentiallyConsistent)
        while queued < mine {
            let (exchanged, now) = lookingFor.compareExchange(expected: queued, desired: mine, ordering: .sequentiallyConsistent)
            if exchanged { break }
            queued = now
        }
        guard queued < mine else { return }
        queue.async { [self] in
            let stale = { self.generation.load(ordering: .sequentiallyConsistent) != mine }
            let back = goingBack.load(ordering: .sequentiallyConsistent)
            let lastFrame = timeline.frameCount - 1
            // Forward first (decoding on from where the decoder stands costs no seek), unless the coach is
            // stepping back: then the frames before.
            let forward = Array((index + 1)..<(min(lastFrame, index + FrameSessions.ahead) + 1))
            // Then back to the start of the frame's group of pictures (and into the one before, when the
            // frame is near its start, or stepping back nears it), so that stepping back needs no decoding.
            let keyframe = timeline.keyframeIndex(ofFrame: index)
            let near = back ? FrameSessions.behind / 2 : 8
            let from = max(0, index - FrameSessions.behind, keyframe - (index - keyframe < near ? FrameSessions.behind : 0))
            let backward = Array(from..<index)
            let runs = back ? [backward, forward] : [forward, backward]
            for run in runs {
                let missing = run.filter { cache.get(key($0, width), touch: false) == nil }
                guard !missing.isEmpty, !stale() else { continue }
                _ = try? grab(missing, width: width, isCancelled: stale)
            }
        }
    }

    private func makeNow(_ index: Int, width: Int) -> Result<Data, FrameSessions.Failure> {
        if let hit = cache.get(key(index, width)) { return .success(hit) }
        do throws(GrabFailure) {
            try grab([index], width: width, isCancelled: { false })
        } catch {
            grabber = nil  // opened again at the next request, from a known state
            if case .media(.noSuchFrame) = error { return .failure(.noSuchFrame) }
            return .failure(.unreadable(language.say(Words.thePictureCannotBeRead) + " (\(error))"))
        }
        guard let made = cache.get(key(index, width)) else {
            return .failure(.unreadable(language.say(Words.thePictureCannotBeRead)))
        }
        return .success(made)
    }

    /// Decodes `indices` (ascending) and keeps each as a JPEG in the cache. On `queue` only.
    private func grab(_ indices: [Int], width: Int, isCancelled: () -> Bool) throws(GrabFailure) {
        let grabber: StillGrabber
        if let open = self.grabber {
            grabber = open
        } else {
            do throws(MediaError) {
                let file = try InputFile(path: path)
                try file.findStreamInfo()
                // Above 1080p one decoding thread: a frame-threaded decoder holds a picture per thread (4K
                // HEVC: about 25 MB each) and gains little there (measured: random frames of 4K HLG took
                // about as long with two threads, the tone mapping being most of the time, at 412 MB peak
                // instead of 346 MB). Up to 1080p two: a click far away decodes up to a group of pictures,
                // which two threads do in less time, at a few MB more.
                let pixels = (info.video?.video).map { $0.width * $0.height } ?? 0
                grabber = try StillGrabber(file: file, info: info, timeline: timeline,
                                           threads: pixels <= 1920 * 1088 ? 2 : 1)
            } catch {
                throw .media(error)
            }
            // The second core serves the page, the JPEGs and the other window; one decoder per recording.
            grabber.secondDecoder = false
            self.grabber = grabber
        }
        let cache = self.cache, path = self.path, stamp = self.stamp
        try grabber.grab(frames: indices, width: width, isCancelled: isCancelled) { index, picture in
            cache.put(.init(path: path, stamp: stamp, width: width, index: index), try picture.encoded(as: .jpg))
        }
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
