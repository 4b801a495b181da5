import Foundation
import InBeeldMedia

/// A recording as the method's jobs use it, opened once: what the file holds, the presentation timeline on
/// which every job decides which frame a time names (its packets read once), and the open file, handed
/// to the first job that decodes. A job working at the same time on another thread (the cut beside the
/// stills) opens the file for itself, with the same description and timeline.
///
/// The jobs (`StillsJob`, `StillSheetJob`, `CutJob`) take one, opened by whoever runs them (the command,
/// `prepare`, the page): they never open a path themselves, and several jobs on one file share it.
public final class Recording: @unchecked Sendable {
    public let path: String
    /// What the file holds (every stream's parameters found; the main video stream's timing measured).
    public let info: MediaInfo
    /// Every frame of the main video stream in presentation order.
    public let timeline: PresentationTimeline
    /// The file as opened, until a job takes it (`grabber`). Guarded by `lock`: a `Mutex` cannot hand a
    /// non-Sendable `InputFile` out (the compiler cannot see it is never touched here again), which is
    /// also why the class is `@unchecked Sendable`.
    private var file: InputFile?
    private let lock = NSLock()

    private init(path: String, file: InputFile, info: MediaInfo, timeline: PresentationTimeline) {
        self.path = path
        self.file = file
        self.info = info
        self.timeline = timeline
    }

    /// Opens `path` for media work: it must be a readable recording with a picture FFmpeg can decode.
    /// The failure is the message for people, naming the file. `isCancelled` is asked while the packets
    /// are read.
    public static func open(_ path: String, language: Language, isCancelled: () -> Bool = { false }) -> Result<Recording, Problem> {
        let check = RecordingCheck(language: language)
        var timeline: PresentationTimeline?
        let opened = check.openFile(path: path) { file throws(MediaError) in
            let (info, read) = try file.describeWithTimeline(isCancelled: isCancelled)
            timeline = read
            return info
        }
        switch opened {
        case .failure(let problem):
            return .failure(Problem(problem.code, "\(path): \(problem.message)"))
        case .success(let (file, info)):
            if let problem = check.pictureProblem(info, path: path) { return .failure(problem) }
            guard let timeline else { return .failure(Problem(.unreadable, "\(path): " + language.say(Words.fileCannotBeRead))) }
            return .success(Recording(path: path, file: file, info: info, timeline: timeline))
        }
    }

    /// A grabber for stills: the first one takes over the file as opened; later ones open it again.
    /// - Parameter secondDecoder: whether it may decode on both cores (`StillGrabber.secondDecoder`).
    public func grabber(secondDecoder: Bool = true) throws(MediaError) -> StillGrabber {
        lock.lock()
        let taken = file
        file = nil
        grabbers += 1
        lock.unlock()
        let grabber: StillGrabber
        if let taken {
            grabber = try StillGrabber(file: taken, info: info, timeline: timeline)
        } else {
            let again = try InputFile(path: path)
            try again.findStreamInfo()
            grabber = try StillGrabber(file: again, info: info, timeline: timeline)
        }
        grabber.secondDecoder = secondDecoder
        return grabber
    }

    /// How many grabbers jobs have taken (for tests: work that shares decoded pictures takes none).
    public var grabbersMade: Int { lock.lock(); defer { lock.unlock() }; return grabbers }
    private var grabbers = 0

    /// The width of the picture as people see it (square pixels, rotation applied).
    public var displayWidth: Int { info.video?.video?.displayWidth ?? 0 }

    /// A cutter, on a file of its own (it may run beside a grabber).
    public func cutter() throws(MediaError) -> ClipCutter {
        try ClipCutter(source: path, info: info, timeline: timeline)
    }
}
