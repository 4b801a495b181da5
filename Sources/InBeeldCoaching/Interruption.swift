import Dispatch
import Foundation
import Synchronization

/// Temporary files being written, removed when the program is stopped by a signal. Each is held open
/// with an exclusive `flock` while it is written, so a sweep of leftovers (`OutputFiles.removeLeftovers`)
/// in this or another InBeeld program never takes a file that is still being written; a program that
/// was killed holds no lock.
public final class TemporaryFiles: @unchecked Sendable {
    public static let shared = TemporaryFiles()
    private let lock = NSLock()
    private var paths: [String: Int32] = [:]

    /// Registers `path`, locked through `descriptor` (closed by `remove`; -1 for none).
    func add(_ path: String, descriptor: Int32 = -1) {
        if descriptor >= 0 { flock(descriptor, LOCK_EX) }
        lock.lock(); let old = paths.updateValue(descriptor, forKey: path); lock.unlock()
        if let old, old >= 0 { close(old) }
    }

    func remove(_ path: String) {
        lock.lock(); let fd = paths.removeValue(forKey: path); lock.unlock()
        if let fd, fd >= 0 { close(fd) }
    }

    /// Whether `path` is registered for removal (for tests).
    public func contains(_ path: String) -> Bool { lock.lock(); defer { lock.unlock() }; return paths[path] != nil }

    /// Removes every temporary file still being written (what a signal does), or only those in `folder`.
    public func removeAll(in folder: String? = nil) {
        lock.lock()
        let chosen = paths.filter { path, _ in folder.map { Paths.parent(of: path) == $0 } ?? true }
        for path in chosen.keys { paths[path] = nil }
        lock.unlock()
        for (path, fd) in chosen {
            unlink(path)
            if fd >= 0 { close(fd) }
        }
    }
}

/// Ctrl-C and SIGTERM for a program doing media work. Work that checks `requested` (cut, prepare) stops at
/// its next step, removes its temporary files, and the program exits 130; a second signal, or any signal
/// during work that does not check (stills, sheets: seconds long), removes the temporary files and exits
/// 130 at once. A full disk (the file size limit, SIGXFSZ) becomes a write error instead of ending the
/// program.
///
/// The signals are taken by dispatch sources, not by a C signal handler: what happens on a signal (taking
/// `TemporaryFiles`' lock, removing files) runs on an ordinary thread, where it is safe; a signal handler
/// may only touch async-signal-safe calls and lock-free flags.
public enum Interruption {
    private static let flag = Atomic<Bool>(false)
    private static let polled = Atomic<Bool>(false)
    private static let sources = Mutex<[DispatchSourceSignal]>([])

    /// A signal has come.
    public static var requested: Bool { flag.load(ordering: .relaxed) }

    /// - Parameter polling: the work checks `requested` often.
    public static func install(polling: Bool = true) {
        signal(SIGXFSZ, SIG_IGN)
        polled.store(polling, ordering: .relaxed)
        sources.withLock { installed in
            guard installed.isEmpty else { return }
            for sig in [SIGINT, SIGTERM] {
                // The default action (ending the program) would come first: ignored, the dispatch source sees it.
                signal(sig, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: sig, queue: .global(qos: .userInteractive))
                source.setEventHandler { arrived(source.data) }
                source.resume()
                installed.append(source)
            }
        }
        // A parent may start us with these signals blocked (Foundation's Process does): unblock them.
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGINT)
        sigaddset(&set, SIGTERM)
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
    }

    /// `count` signals since the source last reported.
    private static func arrived(_ count: UInt) {
        if flag.exchange(true, ordering: .relaxed) || count > 1 || !polled.load(ordering: .relaxed) {
            TemporaryFiles.shared.removeAll()
            _exit(130)
        }
    }
}
