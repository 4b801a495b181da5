import Foundation
import Synchronization

/// Temporary files being written, removed when the program is stopped by a signal. Each is held open
/// with an exclusive `flock` while it is written, so a sweep of leftovers (`OutputFiles.removeLeftovers`)
/// in this or another InBeeld program never takes a file that is still being written; a program that
/// was killed holds no lock. One for the process, as a signal is; only `OutputFiles` touches it (work
/// makes its files through `OutputFiles.write` and `OutputFiles.TemporaryFile`; the program removes them
/// on a signal through `OutputFiles.removeFilesBeingWritten`).
final class TemporaryFiles: Sendable {
    static let shared = TemporaryFiles()
    /// Each path with the descriptor that holds its lock (-1 for none).
    private let paths = Mutex<[String: Int32]>([:])

    /// Registers `path`, locked through `descriptor` (closed by `remove`; -1 for none).
    func add(_ path: String, descriptor: Int32 = -1) {
        if descriptor >= 0 { flock(descriptor, LOCK_EX) }
        let old = paths.withLock { $0.updateValue(descriptor, forKey: path) }
        if let old, old >= 0 { close(old) }
    }

    func remove(_ path: String) {
        let fd = paths.withLock { $0.removeValue(forKey: path) }
        if let fd, fd >= 0 { close(fd) }
    }

    /// Whether `path` is registered for removal.
    func contains(_ path: String) -> Bool { paths.withLock { $0[path] != nil } }

    /// Removes every temporary file still being written (what a signal does), or only those in `folder`.
    func removeAll(in folder: String? = nil) {
        let chosen = paths.withLock { paths in
            let chosen = paths.filter { path, _ in folder.map { Paths.parent(of: path) == $0 } ?? true }
            for path in chosen.keys { paths[path] = nil }
            return chosen
        }
        for (path, fd) in chosen {
            unlink(path)
            if fd >= 0 { close(fd) }
        }
    }
}
