import Foundation

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
