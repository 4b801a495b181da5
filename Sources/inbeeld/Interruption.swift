import Dispatch
import Foundation
import InBeeldCoaching
import Synchronization

/// What a signal does, decided here for the whole program (the libraries take no signals). For media
/// work, Ctrl-C and SIGTERM: work that checks `requested` (cut, prepare) stops at its next step, removes
/// its temporary files, and the program exits 130; a second signal, or any signal during work that does
/// not check (stills, sheets: seconds long), removes the temporary files and exits 130 at once. For the
/// page's server, those and SIGHUP stop it cleanly. A full disk (the file size limit, SIGXFSZ) becomes a
/// write error instead of ending the program.
///
/// The signals are taken by dispatch sources, not by a C signal handler: what happens on a signal (taking
/// a lock, removing files) runs on an ordinary thread, where it is safe; a signal handler
/// may only touch async-signal-safe calls and lock-free flags.
enum Interruption {
    private static let flag = Atomic<Bool>(false)
    private static let polled = Atomic<Bool>(false)
    private static let sources = Mutex<[DispatchSourceSignal]>([])

    /// A signal has come.
    static var requested: Bool { flag.load(ordering: .relaxed) }

    /// - Parameter polling: the work checks `requested` often.
    static func install(polling: Bool = true) {
        signal(SIGXFSZ, SIG_IGN)
        polled.store(polling, ordering: .relaxed)
        take([SIGINT, SIGTERM]) { arrived($0) }
    }

    /// For the page's server, which stops by itself, cleanly: Ctrl-C, SIGTERM and the terminal closing
    /// (SIGHUP) call `stop`, every time one comes (the server finishes a save under way, however many
    /// times it is asked to stop: it holds the coach's words).
    static func install(stopping stop: @escaping @Sendable () -> Void) {
        signal(SIGXFSZ, SIG_IGN)
        take([SIGINT, SIGTERM, SIGHUP]) { _ in stop() }
    }

    /// Takes `signals` away from their default action (ending the program) and hands them to `handler`,
    /// with how many came since it last ran, on an ordinary thread.
    private static func take(_ signals: [Int32], handler: @escaping @Sendable (UInt) -> Void) {
        sources.withLock { installed in
            guard installed.isEmpty else { return }
            for sig in signals {
                // The default action (ending the program) would come first: ignored, the dispatch source sees it.
                signal(sig, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: sig, queue: .global(qos: .userInteractive))
                source.setEventHandler { handler(source.data) }
                source.resume()
                installed.append(source)
            }
        }
        // A parent may start us with these signals blocked (Foundation's Process does): unblock them.
        var set = sigset_t()
        sigemptyset(&set)
        for sig in signals { sigaddset(&set, sig) }
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
    }

    /// `count` signals since the source last reported.
    private static func arrived(_ count: UInt) {
        if flag.exchange(true, ordering: .relaxed) || count > 1 || !polled.load(ordering: .relaxed) {
            OutputFiles.removeFilesBeingWritten()
            _exit(130)
        }
    }
}
