import Dispatch
import Foundation
import InBeeldCoaching
import Synchronization

/// What a signal does, decided here for the whole program (the libraries take no signals). For work,
/// Ctrl-C and SIGTERM: the work checks `requested` (every command hands it on as its job's `isCancelled`),
/// stops at its next step and removes what it was writing itself, and the program exits 130 (work that
/// was done when the signal came keeps its results and ends as it would have); a second signal ends the
/// program at once (what was being written then stays as a hidden, unlocked `.NAME.inbeeld-XXXXXXXX.tmp`,
/// which the page's server sweeps away). For the page's server, those and SIGHUP stop it cleanly. A full
/// disk (the file size limit, SIGXFSZ) becomes a write error instead of ending the program.
///
/// The signals are taken by dispatch sources, not by a C signal handler: what happens on a signal (the
/// server's stop takes locks) runs on an ordinary thread, where it is safe; a signal handler may only
/// touch async-signal-safe calls and lock-free flags.
enum Interruption {
    private static let flag = Atomic<Bool>(false)
    private static let sources = Mutex<[DispatchSourceSignal]>([])

    /// A signal has come.
    static var requested: Bool { flag.load(ordering: .relaxed) }

    static func install() {
        signal(SIGXFSZ, SIG_IGN)
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
        if flag.exchange(true, ordering: .relaxed) || count > 1 { _exit(130) }
    }

}
