import Foundation
internal import CFFmpeg
import Synchronization

/// Takes exact frames out of a recording's main video stream, as people see them: upright, square
/// pixels, RGB. Not `Sendable`: owns the open file and decoder.
public final class StillGrabber {
    private let file: InputFile
    private let decoder: Decoder
    /// The video stream's packets; pictures nothing refers to, before the frame wanted, are not decoded
    /// (H.264, HEVC).
    private let source: PacketSource
    private let frame: Frame
    /// Pictures left out before the frames wanted.
    public var framesSkipped: Int { source.skipped + helperSkipped }
    private var helperSkipped = 0
    /// Packets the decoder found damaged (concealed; the frames around them may show it).
    public private(set) var damagedPackets = 0
    /// What the file holds (timing not measured: the timeline below is the exact one).
    public let info: MediaInfo
    /// Every frame of the video stream in presentation order.
    public let timeline: PresentationTimeline
    private let video: VideoInfo

    /// Frames decoded so far (for tests and benchmarks: markers within one GOP must not cost a new seek).
    public private(set) var framesDecoded = 0
    public private(set) var seeks = 0
    /// Frames wanted at once whose decoding ended with their own packet (`lastAtOnce`; for tests).
    public private(set) var endedAtTarget = 0

    /// Opens the recording at `path` and reads its presentation timeline (every packet, no decoding);
    /// `isCancelled` is asked while the packets are read.
    public convenience init(path: String, isCancelled: () -> Bool = { false }) throws(MediaError) {
        let file = try InputFile(path: path)
        let info = try file.describe(thorough: true, measureTiming: false)
        guard let index = file.mainVideoStream else { throw .noVideoStream }
        try self.init(file: file, info: info, timeline: try file.presentationTimeline(stream: index, isCancelled: isCancelled))
    }

    /// Takes over a file already open, described and read for its timeline (`file.describe(thorough: true)`,
    /// `file.presentationTimeline`): nothing is read again. The grabber owns the file from here on.
    /// - Parameter threads: decoding threads; 0 for as many as there are cores.
    public init(file: InputFile, info: MediaInfo, timeline: PresentationTimeline, threads: Int32 = 0) throws(MediaError) {
        self.file = file
        self.info = info
        let index = timeline.streamIndex
        guard let video = info.streams.first(where: { $0.index == index })?.video else { throw .noVideoStream }
        self.video = video
        self.timeline = timeline
        decoder = try Decoder(file: file, stream: index, threads: threads)
        source = try PacketSource(file: file, streams: [index], disposablePicturesOf: index)
        frame = try Frame()
    }

    /// Gives the memory freed by grabbers that are gone back to the system. The allocator keeps freed
    /// memory for reuse in the thread's arena, where a decoder of another size (or on another thread)
    /// rarely fits: a long-running program that opens recordings one after another would keep them all.
    public static func returnFreedMemory() {
        #if os(Linux)
        malloc_trim(0)
        #endif
    }

    /// The size of a still: the displayed size (square pixels, rotation applied), or `width` wide
    /// keeping the shape.
    public func stillSize(width: Int?) -> (width: Int, height: Int) {
        let (w, h) = (video.displayWidth, video.displayHeight)
        guard let width, width > 0, w > 0 else { return (w, h) }
        return (width, max(1, Int((Double(h) * Double(width) / Double(w)).rounded())))
    }

    /// Decodes the frames with the given presentation indices and hands each to `deliver` once per distinct
    /// index. They are decoded in ascending order: frames within one run of decoding are reached by decoding
    /// on; the demuxer seeks only when the next frame's keyframe lies ahead. Turning a frame into RGB and
    /// `deliver` run on up to two other threads while decoding goes on, so `deliver` sees the frames in no
    /// fixed order, and possibly two at once.
    /// - Parameter width: scale the still to this width (keeping the shape); `nil` for the displayed size.
    /// - Parameter isCancelled: checked before each frame decoded; throws `MediaError.cancelled` when it turns true.
    /// - Parameter lastAtOnce: the last frame is wanted as soon as can be, not the frames after it: its
    ///   decoding ends with its own packet, so the decoder hands it out without first decoding the frames
    ///   it would hold back for reordering (two or three with B-frames, each some milliseconds), and the
    ///   next grab starts again from a keyframe. For a single frame far from the last one asked for.
    public func grab(frames indices: [Int], width: Int? = nil, lastAtOnce: Bool = false, isCancelled: () -> Bool = { false },
                     deliver: @escaping @Sendable (Int, RGBPicture) throws -> Void) throws(GrabFailure) {
        try grab(frames: indices, widths: [width], lastAtOnce: lastAtOnce, isCancelled: isCancelled) { index, pictures in
            try deliver(index, pictures[0])
        }
    }

    /// As above, with each frame turned into one picture per width in `widths` (in that order) from the
    /// same decoded frame: stills for the folder and smaller ones for the sheet, decoded once.
    public func grab(frames indices: [Int], widths: [Int?], lastAtOnce: Bool = false, isCancelled: () -> Bool = { false },
                     deliver: @escaping @Sendable (Int, [RGBPicture]) throws -> Void) throws(GrabFailure) {
        try grab(frames: indices, widths: widths, atOnce: lastAtOnce ? .last : .none, isCancelled: isCancelled, deliver: deliver)
    }

    /// Pictures of keyframes, for an overview of the whole recording (the timeline's strip), where the
    /// keyframe at or before a time stands for that time: each is decoded from its own packet alone (the
    /// decoder is told the stream ends there), so a picture costs one decoded frame, not the frames the
    /// decoder would otherwise hold back for reordering. `indices` must all be keyframes' frames
    /// (`timeline.keyframeIndex(ofFrame:)`).
    public func grabKeyframes(_ indices: [Int], width: Int?, isCancelled: () -> Bool = { false },
                              deliver: @escaping @Sendable (Int, RGBPicture) throws -> Void) throws(GrabFailure) {
        if let other = indices.first(where: { !timeline.pts.indices.contains($0) || timeline.keyframeIndex(ofFrame: $0) != $0 }) {
            throw .media(.noSuchFrame(other))
        }
        try grab(frames: indices, widths: [width], atOnce: .eachRun, isCancelled: isCancelled) { index, pictures in
            try deliver(index, pictures[0])
        }
    }

    /// Which frames are wanted as soon as can be (`lastAtOnce`): none, the last one, or the last of every
    /// run of decoding.
    private enum AtOnce { case none, last, eachRun }

    private func grab(frames indices: [Int], widths: [Int?], atOnce: AtOnce, isCancelled: () -> Bool,
                      deliver: @escaping @Sendable (Int, [RGBPicture]) throws -> Void) throws(GrabFailure) {
        let rotation = video.rotation
        let sizes = widths.map { width in
            let (outW, outH) = stillSize(width: width)
            return rotation % 180 != 0 ? (width: outH, height: outW) : (width: outW, height: outH)
        }
        // Each frame handed on keeps a decoded picture alive: four at most, one of 4K at 10 bits (25 MB;
        // turned into a picture while the next is decoded, which takes about as long).
        let worker = StillWorker(sizes: sizes, rotation: rotation, inFlight: video.decodedPictureBytes > 16 << 20 ? 1 : 4, deliver: deliver)
        defer { worker.wait() }
        let wanted = Set(indices).sorted()
        if let outside = wanted.first(where: { !timeline.pts.indices.contains($0) }) { throw .media(.noSuchFrame(outside)) }

        // Frames after the same keyframe are one run of decoding. With two runs or more and two cores, the
        // runs are shared with a second decoder on its own file and thread (single-threaded: a frame-threaded
        // decoder restarted at every seek keeps its threads waiting).
        var runs: [[Int]] = []
        for index in wanted {
            let key = timeline.keyframe(atOrBefore: timeline.pts[index])
            if let last = runs.last?.last, timeline.keyframe(atOrBefore: timeline.pts[last]) == key { runs[runs.count - 1].append(index) } else { runs.append([index]) }
        }
        guard runs.count >= 2, secondDecoder, ProcessInfo.processInfo.activeProcessorCount >= 2 else {
            do throws(MediaError) {
                if atOnce == .eachRun {
                    for run in runs { try decode(run, into: worker, lastAtOnce: true, isCancelled: isCancelled) }
                } else {
                    try decode(wanted, into: worker, lastAtOnce: atOnce == .last, isCancelled: isCancelled)
                }
            } catch {
                // Cancelled: the frames not yet turned into pictures are not wanted any more either.
                if error == .cancelled { worker.abandon() }
                throw .media(error)
            }
            worker.wait()
            if let error = worker.failure { throw error }
            return
        }
        try grabShared(runs, into: worker, eachAtOnce: atOnce == .eachRun, isCancelled: isCancelled)
    }

    /// Decodes the runs (frames after one keyframe each) on this decoder and on a second one, on its own
    /// file and thread, each taking the next run not yet taken. Stops both at the first failure; once this
    /// decoder finds no run left, it waits for the other to finish the one it has (at most one group of
    /// pictures), without asking `isCancelled` meanwhile.
    /// - Parameter eachAtOnce: every run's last frame is wanted at once (`grabKeyframes`).
    private func grabShared(_ runs: [[Int]], into worker: StillWorker, eachAtOnce: Bool, isCancelled: () -> Bool) throws(GrabFailure) {
        let helper: HandOver<StillGrabber>
        do throws(MediaError) {
            let other = try InputFile(path: file.path)
            try other.findStreamInfo()
            helper = HandOver(value: try StillGrabber(file: other, info: info, timeline: timeline, threads: 1))
        } catch {
            throw .media(error)
        }
        helper.value.secondDecoder = false
        let next = Atomic<Int>(0)
        let stop = Atomic<Bool>(false)
        let helperFailure = Mutex<MediaError?>(nil)
        @Sendable func take() -> [Int]? {
            let i = next.add(1, ordering: .relaxed).oldValue
            return i < runs.count && !stop.load(ordering: .relaxed) ? runs[i] : nil
        }
        let second = SideThread(name: "inbeeld second decoder") {
            do throws(MediaError) {
                while let run = take() {
                    try helper.value.decode(run, into: worker, lastAtOnce: eachAtOnce, isCancelled: { stop.load(ordering: .relaxed) })
                }
            } catch {
                helperFailure.withLock { $0 = error }
                stop.store(true, ordering: .relaxed)
            }
        }
        func stopHere() -> Bool {
            if isCancelled() { stop.store(true, ordering: .relaxed) }
            return stop.load(ordering: .relaxed)
        }
        var failure: MediaError?
        do throws(MediaError) {
            while let run = take() { try decode(run, into: worker, lastAtOnce: eachAtOnce, isCancelled: stopHere) }
            if isCancelled() { throw MediaError.cancelled }
        } catch {
            failure = error
            stop.store(true, ordering: .relaxed)
            if error == .cancelled { worker.abandon() }
        }
        second.wait()
        framesDecoded += helper.value.framesDecoded
        helperSkipped += helper.value.framesSkipped
        damagedPackets += helper.value.damagedPackets
        seeks += helper.value.seeks
        endedAtTarget += helper.value.endedAtTarget
        // The failure that stopped the other decoder is the one to report.
        let theirFailure = helperFailure.withLock { $0 }
        if let failure, failure != .cancelled || theirFailure == nil { throw .media(failure) }
        if let theirFailure { throw .media(theirFailure) }
        worker.wait()
        if let error = worker.failure { throw error }
    }

    /// Whether `grab` may share markers in different GOPs with a second decoder on its own file and thread.
    /// Off where other work already uses the second core (`prepare`'s cut), and for that decoder itself.
    public var secondDecoder = true

    /// Decodes the frames `indices` (ascending, all in the recording) in order and hands them to `worker`.
    private func decode(_ indices: [Int], into worker: StillWorker, lastAtOnce: Bool = false, isCancelled: () -> Bool) throws(MediaError) {
        do throws(MediaError) { try decodeInOrder(indices, into: worker, lastAtOnce: lastAtOnce, isCancelled: isCancelled) } catch {
            // A failure leaves the decoder somewhere unknown: the next call seeks. Cancelling stops cleanly
            // between frames, so the next call may decode on from where this one stood.
            if error != .cancelled { position = nil }
            throw error
        }
    }

    private func decodeInOrder(_ indices: [Int], into worker: StillWorker, lastAtOnce: Bool, isCancelled: () -> Bool) throws(MediaError) {
        for index in indices {
            if worker.failure != nil { return }
            if isCancelled() { throw MediaError.cancelled }
            let target = timeline.pts[index]
            source.skipDisposable = target
            var seekPoint = timeline.keyframe(atOrBefore: target) ?? timeline.pts[0]
            if position == nil || seekPoint > position! || position! >= target {
                try restart(at: seekPoint)
                position = nil
            }
            // The last frame at once: the stream "ends" with its packet (the next grab seeks, and so flushes).
            let ending = lastAtOnce && index == indices.last ? { [self] (packet: Packet) in
                guard packet.pts == target else { return false }
                endedAtTarget += 1
                return true
            } : nil
            defer { if ending != nil { position = nil } }
            var retries = 0
            while true {
                var found = false, overshot = false
                let stopped = try decodeOn(isCancelled: isCancelled, endingAfter: ending) { frame throws(MediaError) in
                    let pts = frame.bestEffortTimestamp ?? frame.pointer.pointee.pts
                    position = pts
                    if pts == target {
                        worker.submit(index: index, frame: try frame.clone())
                        found = true
                    } else if pts > target {
                        overshot = true
                    }
                    return !found && !overshot
                }
                if found { break }
                guard stopped, overshot else { throw MediaError.frameNotDecoded(index) }
                // The frame was skipped (an open GOP, or the seek landed late): start from an earlier keyframe.
                retries += 1
                guard retries <= 4, let earlier = timeline.keyframe(atOrBefore: seekPoint - 1) ?? (seekPoint > timeline.pts[0] ? timeline.pts[0] : nil) else {
                    throw MediaError.frameNotDecoded(index)
                }
                seekPoint = earlier
                try restart(at: seekPoint)
                position = nil
            }
        }
    }

    /// The pts of the last frame decoded since the last seek, kept across calls: a frame after it in the
    /// same run of decoding is reached by decoding on (the page's next frame, a frame session's look ahead).
    private var position: Int64?

    private func restart(at ticks: Int64) throws(MediaError) {
        try source.seek(stream: timeline.streamIndex, toKeyframeAtOrBefore: ticks)
        decoder.flush()
        seeks += 1
    }

    /// Decodes on from where the last run stopped, handing each frame to `each` (which returns whether
    /// to go on). Returns true when `each` stopped it, false when the stream ended first. Damaged packets
    /// are counted and decoding goes on (the decoder conceals what it can); `isCancelled` is asked for
    /// every packet read and every frame decoded (a GOP can be many seconds long), and stops decoding
    /// between frames, so no decoded frame is lost on the way out.
    private func decodeOn(isCancelled: () -> Bool, endingAfter last: ((Packet) -> Bool)? = nil,
                          _ each: (Frame) throws(MediaError) -> Bool) throws(MediaError) -> Bool {
        var cancelled = false
        let stopped = try decoder.run(from: source, into: frame, isCancelled: isCancelled,
                                      damaged: { _ in self.damagedPackets += 1 }, endingAfter: last) { frame throws(MediaError) in
            framesDecoded += 1
            guard try each(frame) else { return false }
            if isCancelled() { cancelled = true; return false }
            return true
        }
        if cancelled { throw .cancelled }
        return stopped
    }
}

/// Turns decoded frames into RGB stills and hands them on, while decoding goes on: on as many lanes as
/// there are cores (up to two, and no more than frames in flight), each a serial queue with its own scalers
/// (each keeps its cached context), frames given to the lanes in turn; at most a few frames behind the decoder (each held frame keeps a
/// decoded picture alive). `deliver` may run on two lanes at once.
private final class StillWorker: @unchecked Sendable {
    // A lane's scalers are touched only on its queue; the failure under `lock`; the semaphore bounds the
    // frames in flight.
    private struct Lane: @unchecked Sendable { let queue: DispatchQueue; let scalers: [Scaler] }
    private let lanes: [Lane]
    private var next = 0
    private let group = DispatchGroup()
    private let slots: DispatchSemaphore
    private let lock = NSLock()
    private var firstFailure: GrabFailure?
    private let sizes: [(width: Int, height: Int)]
    private let rotation: Int
    private let deliver: @Sendable (Int, [RGBPicture]) throws -> Void

    init(sizes: [(width: Int, height: Int)], rotation: Int, inFlight: Int, deliver: @escaping @Sendable (Int, [RGBPicture]) throws -> Void) {
        self.sizes = sizes
        slots = DispatchSemaphore(value: inFlight)
        let count = min(2, inFlight, max(1, ProcessInfo.processInfo.activeProcessorCount))
        lanes = (0..<count).map { i in Lane(queue: DispatchQueue(label: "inbeeld.stills.\(i)"), scalers: sizes.map { _ in Scaler() }) }
        self.rotation = rotation
        self.deliver = deliver
    }

    var failure: GrabFailure? { lock.lock(); defer { lock.unlock() }; return firstFailure }

    func submit(index: Int, frame: Frame) {
        slots.wait()
        let handed = HandOver(value: frame)
        lock.lock()
        let lane = lanes[next]
        next = (next + 1) % lanes.count
        lock.unlock()
        lane.queue.async(group: group) { [self] in
            defer { slots.signal() }
            guard failure == nil, !abandoned.load(ordering: .relaxed) else { return }
            func fail(_ failure: GrabFailure) { lock.lock(); if firstFailure == nil { firstFailure = failure }; lock.unlock() }
            var pictures: [RGBPicture] = []
            do throws(MediaError) {
                for (scaler, size) in zip(lane.scalers, sizes) {
                    pictures.append(try scaler.rgb(from: handed.value, width: size.width, height: size.height).rotated(clockwise: rotation))
                }
            } catch {
                return fail(.media(error))
            }
            do { try deliver(index, pictures) } catch { fail(.delivery(error)) }
        }
    }

    func wait() { group.wait() }

    /// Frames handed on and not yet begun are dropped (the grab was cancelled).
    func abandon() { abandoned.store(true, ordering: .relaxed) }
    private let abandoned = Atomic<Bool>(false)
}
