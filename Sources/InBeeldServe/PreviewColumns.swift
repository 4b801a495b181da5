import Foundation
import InBeeldCoaching
import InBeeldMedia
import Synchronization

/// The pictures under the pointer, made before the pointer comes (the timeline's preview).
///
/// The pointer can stand on as many places as the timeline's lane has pixel columns (the page shows the
/// frame at the middle of the column under the pointer): some 600-800 in a window of 1280 by 720, one every
/// 15-20 frames of a 7-minute recording of 30 fps. A frame anywhere costs decoding from its keyframe, up to a
/// group of pictures (on a laptop's two cores 100-300 ms at 1080p), however it is cached: the next point
/// is somewhere else. So the frames of the columns of the view on screen are decoded once, straight
/// through, in the background, and kept as the preview's JPEGs; a hover on a column made is answered from
/// here, without decoding. They are exact, made by the stills' own code as every other picture of a frame.
///
/// One view at a time, the newest asked for (a zoom, another recording, another window): the work on the
/// one before stops at its next frame, and what it made stays kept. The work has its own decoder, decoding
/// on its own thread at nice 10 (as the timeline's strip; the pictures are scaled and encoded on the stills'
/// worker lanes), and it pauses while a picture is being made for the page (`pausing`), so the paused
/// picture, the preview of a column not yet made and the page come first. Only
/// for recordings whose decoder is small (up to 1080p, `FrameSessions.largeDecoder`): beside a 4K recording's
/// own decoder a second one would hold some 250 MB more; their previews are made when hovered.
final class PreviewColumns: Sendable {
    /// The columns of one view of one recording: `frames` (ascending, distinct) `width` pixels wide.
    struct View: Sendable {
        let path: String
        let stamp: FileStamp
        let info: MediaInfo
        let timeline: PresentationTimeline
        let width: Int
        let frames: [Int]

        func same(as other: View) -> Bool {
            path == other.path && stamp == other.stamp && width == other.width && frames == other.frames
        }
    }

    private struct State {
        var view: View?
        /// Counts the views asked for; the work on one stops when it is no longer the newest.
        var generation = 0
        /// The generation whose frames are all made or could not be (nothing more to do for it).
        var finished = 0
        var working = false
        var stopped = false
    }

    private let store: PictureCache
    private let state = Mutex(State())
    /// Pictures being made for the page (`pausing`).
    private let making = Atomic<Int>(0)

    /// The most columns a view may have (a lane some 2000 CSS pixels wide).
    static let columnsAtMost = 2000

    /// - Parameter bytes: how much the kept pictures may take together (800 pictures of 160 px take some
    ///   4 MB, 2000 of 320 px, for a screen of two device pixels a CSS pixel, some 25 MB); the least recently
    ///   used go first (a view larger than that keeps its last pictures).
    init(bytes: Int = 32 << 20) { store = PictureCache(limit: bytes) }

    /// Whether a recording's columns are made ahead (its decoder is small).
    static func makesColumns(of info: MediaInfo) -> Bool {
        FrameSessions.weight(info) <= FrameSessions.largeDecoder
    }

    private func key(_ view: View, _ index: Int) -> PictureCache.Key {
        .init(path: view.path, stamp: view.stamp, width: view.width, index: index)
    }

    /// Frame `index` of the recording, `width` wide, if made ahead.
    func picture(path: String, stamp: FileStamp, width: Int, index: Int) -> Data? {
        store.get(.init(path: path, stamp: stamp, width: width, index: index))
    }

    /// Makes `view`'s pictures not made yet, instead of those of the view asked for before (a recording
    /// whose decoder is large: none, and the work on the view before stops all the same). The same view
    /// asked for again goes on where it was.
    func want(_ view: View) {
        let start = state.withLock { s -> Bool in
            guard !s.stopped else { return false }
            if let current = s.view, current.same(as: view) { return false }
            s.generation += 1
            guard Self.makesColumns(of: view.info) else {
                s.view = nil
                return false
            }
            s.view = view
            guard !s.working else { return false }
            s.working = true
            return true
        }
        if start { Thread { [self] in work() }.start() }
    }

    /// The frames of the newest view of the recording at `width`, and how many of them are made (none of
    /// none when the newest view is another's); the page's tests and the benchmark wait for all.
    func progress(path: String, stamp: FileStamp, width: Int) -> (made: Int, frames: [Int]) {
        guard let view = state.withLock({ $0.view }), view.path == path, view.stamp == stamp, view.width == width else { return (0, []) }
        return (view.frames.reduce(0) { $0 + (store.get(key(view, $1), touch: false) == nil ? 0 : 1) }, view.frames)
    }

    /// Makes a picture the page waits for (`make`), the work here pausing meanwhile: on a laptop's two
    /// cores even a decoder at nice 10 takes its share, and the paused picture and the preview under the
    /// pointer are what the coach is waiting for.
    func pausing<T>(_ make: () async throws -> T) async rethrows -> T {
        making.add(1, ordering: .relaxed)
        defer { making.subtract(1, ordering: .relaxed) }
        return try await make()
    }

    /// Stops the work for good (the server stops).
    func stop() {
        state.withLock { s in
            s.stopped = true
            s.generation += 1
        }
    }

    /// The newest view, while it has work left; nil (and the thread marked as ending) when none.
    private func next() -> (View, Int)? {
        state.withLock { s -> (View, Int)? in
            if !s.stopped, let view = s.view, s.finished != s.generation { return (view, s.generation) }
            s.working = false
            return nil
        }
    }

    /// The thread's loop: the newest view's missing frames, in one pass from the first to the last.
    private func work() {
        lowerThisThreadsPriority()
        var open: (grabber: StillGrabber, path: String, stamp: FileStamp)?
        defer {
            if open != nil {
                open = nil
                StillGrabber.returnFreedMemory()
            }
        }
        while let (view, generation) = next() {
            let missing = view.frames.filter { store.get(key(view, $0), touch: false) == nil }
            var outcome: Result<Void, GrabFailure> = .success(())
            if !missing.isEmpty {
                if let current = open, current.path != view.path || current.stamp != view.stamp { open = nil }
                if open == nil {
                    do throws(MediaError) {
                        let file = try InputFile(path: view.path)
                        try file.findStreamInfo()
                        // Opened on this thread: the decoder's own threads are made here, at its priority.
                        let grabber = try StillGrabber(file: file, info: view.info, timeline: view.timeline, threads: 2)
                        grabber.secondDecoder = false
                        open = (grabber, view.path, view.stamp)
                    } catch {
                        outcome = .failure(.media(error))
                    }
                }
                if let grabber = open?.grabber {
                    // Asked between packets and frames: while the page waits for a picture, the decoding
                    // waits where it stands (a few milliseconds at a time), then goes on from there.
                    let isCancelled = { [self] in
                        let superseded = { self.state.withLock { $0.generation != generation } }
                        while making.load(ordering: .relaxed) > 0, !superseded() { usleep(2_000) }
                        return superseded()
                    }
                    do throws(GrabFailure) {
                        try grabber.grab(frames: missing, width: view.width, isCancelled: isCancelled) { [self] index, picture in
                            store.put(key(view, index), try picture.encoded(as: .jpg))
                        }
                    } catch {
                        outcome = .failure(error)
                        // Opened again for the next view, from a known state (cancelling stops cleanly).
                        if case .media(.cancelled) = error {} else { open = nil }
                    }
                }
            }
            // A view that cannot be made is not tried again until another is asked for: its previews are
            // made when hovered, and say why when they cannot be.
            if case .failure(.media(.cancelled)) = outcome { continue }
            state.withLock { s in if s.generation == generation { s.finished = generation } }
        }
    }
}
