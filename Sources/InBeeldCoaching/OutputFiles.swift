import Foundation

/// Writes files whole or not at all: into a private temporary file in the target folder, renamed into
/// place when complete.
public enum OutputFiles {
    public struct WriteError: Error, Sendable { public var path: String; public var reason: String }

    /// Writes `data` to `path` atomically. The temporary file is readable by its owner only (0600).
    public static func write(_ data: Data, to path: String) throws(WriteError) {
        let folder = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        let temporary = (folder.isEmpty ? "." : folder) + "/.\(name).inbeeld-\(UUID().uuidString.prefix(8)).tmp"
        TemporaryFiles.shared.add(temporary)
        defer { TemporaryFiles.shared.remove(temporary) }
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard fd >= 0 else { throw WriteError(path: path, reason: String(cString: strerror(errno))) }
        var failure: String?
        data.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let n = Foundation.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if n < 0 { if errno == EINTR { continue }; failure = String(cString: strerror(errno)); return }
                offset += n
            }
        }
        if failure == nil, fsync(fd) != 0 { failure = String(cString: strerror(errno)) }
        if close(fd) != 0, failure == nil { failure = String(cString: strerror(errno)) }
        if failure == nil, rename(temporary, path) != 0 { failure = String(cString: strerror(errno)) }
        if let failure {
            unlink(temporary)
            throw WriteError(path: path, reason: failure)
        }
    }

    /// Makes an empty private (0600) file for a library that writes a temporary file by path (FFmpeg,
    /// Cairo), registered for removal on Ctrl-C. Returns false when the folder cannot be written.
    public static func createPrivate(_ path: String) -> Bool {
        TemporaryFiles.shared.add(path)
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard fd >= 0 else { TemporaryFiles.shared.remove(path); return false }
        close(fd)
        return true
    }

    /// Removes a temporary file and forgets it.
    public static func discard(_ path: String) {
        unlink(path)
        TemporaryFiles.shared.remove(path)
    }

    /// Whether two paths name the same file (also through links or another spelling).
    public static func sameFile(_ a: String, _ b: String) -> Bool {
        var sa = stat(), sb = stat()
        guard stat(a, &sa) == 0, stat(b, &sb) == 0 else { return false }
        return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino
    }
}
