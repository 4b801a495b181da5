import Foundation

/// Writes files whole or not at all: into a private temporary file in the target folder, renamed into
/// place when complete. A temporary file is held open with an exclusive `flock` while it is written, so
/// a sweep of leftovers (`removeLeftovers`) in this or another InBeeld program never takes one that is
/// still being written; a program that was killed holds no lock. Work that stops (an error, or
/// cancelled) removes its own: nothing here knows of signals or of the process.
public enum OutputFiles {
    public struct WriteError: Error, Sendable {
        public var path: String
        public var reason: SystemReason
        public init(path: String, reason: SystemReason) { self.path = path; self.reason = reason }
        /// The system call failed with this `errno`.
        public init(path: String, errno code: Int32) { self.init(path: path, reason: .errno(code)) }
        /// The path, then why, in the coach's language.
        public var phrase: Phrase { Words.Files.pathAndReason(path, reason.phrase) }
    }

    /// Writes `data` to `path` atomically. The temporary file is readable by its owner only (0600).
    public static func write(_ data: Data, to path: String) throws(WriteError) {
        let temporary = temporaryPath(for: path)
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw WriteError(path: path, errno: errno) }
        // Locked until renamed into place (through a second descriptor, not inherited by programs started
        // meanwhile: `fd` is closed before the rename, so that a failing close is seen): a sweep of
        // leftovers leaves it alone.
        let lock = fcntl(fd, F_DUPFD_CLOEXEC, 0)
        guard lock >= 0, flock(lock, LOCK_EX) == 0 else {
            let code = errno
            if lock >= 0 { close(lock) }
            close(fd)
            unlink(temporary)
            throw WriteError(path: path, errno: code)
        }
        defer { close(lock) }
        var failure: Int32?
        data.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let n = Foundation.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if n < 0 { if errno == EINTR { continue }; failure = errno; return }
                offset += n
            }
        }
        if failure == nil, fsync(fd) != 0 { failure = errno }
        if close(fd) != 0, failure == nil { failure = errno }
        if failure == nil, rename(temporary, path) != 0 { failure = errno }
        if let failure {
            unlink(temporary)
            throw WriteError(path: path, errno: failure)
        }
    }

    /// A private (0600) file that a library writes by path (FFmpeg, Cairo), in the folder of the file it
    /// becomes: held locked while it is written (a sweep of leftovers leaves it alone), and removed when
    /// let go without being put in place (work that fails or is stopped). The one way work makes such a file.
    public final class TemporaryFile {
        public let path: String
        private var placed = false
        /// Open on the file, holding its lock until it is placed or let go.
        private var lock: Int32 = -1

        /// Makes `.NAME.inbeeld-XXXXXXXX.tmp[.EXT]` beside `target`, empty.
        public init(for target: String, extension ext: String? = nil) throws(WriteError) {
            path = temporaryPath(for: target, extension: ext)
            try create(reporting: target)
        }

        private func create(reporting target: String) throws(WriteError) {
            let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
            guard fd >= 0 else { throw WriteError(path: target, errno: errno) }
            // Kept open and locked until put in place or let go: still being written. Unlocked, a sweep
            // would take it: refused.
            guard flock(fd, LOCK_EX) == 0 else {
                let code = errno
                close(fd)
                unlink(path)
                throw WriteError(path: target, errno: code)
            }
            lock = fd
        }

        private func unlock() {
            if lock >= 0 { close(lock) }
            lock = -1
        }

        /// Empties it for another attempt (what a failed one wrote may still be there); `target` is named
        /// when that fails.
        public func makeAnew(reporting target: String) throws(WriteError) {
            unlink(path)
            unlock()
            try create(reporting: target)
        }

        /// Renames it to `target`: from here on it is that file, and is kept.
        public func place(at target: String) throws(WriteError) {
            guard rename(path, target) == 0 else { throw WriteError(path: target, errno: errno) }
            placed = true
            unlock()
        }

        deinit {
            if !placed { unlink(path) }
            unlock()
        }
    }

    /// Whether `path` is being written: some program (this one too) holds its lock.
    public static func isBeingWritten(_ path: String) -> Bool {
        let fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        return flock(fd, LOCK_EX | LOCK_NB) != 0
    }

    /// Where a file is written before it is renamed to `path`: `.NAME.inbeeld-XXXXXXXX.tmp[.EXT]` in the
    /// same folder (hidden, recognisable as ours by `isTemporaryName`).
    public static func temporaryPath(for path: String, extension ext: String? = nil) -> String {
        let folder = Paths.parent(of: path)
        let name = (path as NSString).lastPathComponent
        let random = String(format: "%08X", UInt32.random(in: .min ... .max))
        return (folder.isEmpty ? "." : folder) + "/.\(name).inbeeld-\(random).tmp" + (ext.map { "." + $0 } ?? "")
    }

    /// Whether a file name is one `temporaryPath` makes.
    public static func isTemporaryName(_ name: String) -> Bool {
        name.wholeMatch(of: /\..+\.inbeeld-[0-9A-F]{8}\.tmp(\.[A-Za-z0-9]{1,8})?/) != nil
    }

    /// Removes InBeeld's temporary files left in `folder` and every folder below it (links not followed; hidden folders other than `.inbeeld` skipped)
    /// by a program that was killed: those no program holds locked. Returns the paths removed.
    @discardableResult
    public static func removeLeftovers(under folder: String) -> [String] {
        var removed: [String] = []
        var pending = [folder]
        while let current = pending.popLast() {
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: current) else { continue }
            for name in names {
                let path = current + "/" + name
                var s = stat()
                guard lstat(path, &s) == 0 else { continue }
                switch s.st_mode & S_IFMT {
                // Hidden folders are not InBeeld's (a `.git`, a whole `.cache`), except its own `.inbeeld`.
                case S_IFDIR where !name.hasPrefix(".") || name == ".inbeeld": pending.append(path)
                case S_IFREG where isTemporaryName(name):
                    let fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
                    guard fd >= 0 else { continue }
                    // An empty file made this instant may not be locked yet: left for the next sweep.
                    let fresh = s.st_size == 0 && time(nil) - s.st_ctim.tv_sec < 2
                    if !fresh, flock(fd, LOCK_EX | LOCK_NB) == 0, unlink(path) == 0 { removed.append(path) }
                    close(fd)
                default: continue
                }
            }
        }
        return removed
    }

    /// Makes a folder for results (and the folders above it that are missing), readable by its owner only
    /// (0700): the files in it show children, and so may their names. Refuses a folder that is a link,
    /// so results never land where a link points (outside the folder being worked in, say).
    public static func makePrivateFolder(_ path: String) throws(WriteError) {
        var s = stat()
        if lstat(path, &s) == 0 {
            switch s.st_mode & S_IFMT {
            case S_IFDIR: return
            case S_IFLNK: throw WriteError(path: path, reason: .isLink)
            default: throw WriteError(path: path, errno: ENOTDIR)
            }
        }
        let parent = Paths.parent(of: path)
        if !parent.isEmpty, parent != path, stat(parent, &s) != 0 { try makePrivateFolder(parent) }
        guard mkdir(path, 0o700) == 0 || errno == EEXIST else { throw WriteError(path: path, errno: errno) }
    }

    /// Who besides the coach can open what InBeeld writes in a folder.
    public enum Exposure: Sendable, Equatable {
        /// A disk that keeps no owners (FAT, exFAT, NTFS: a USB stick, say): anyone who has it. The name
        /// of its file system.
        case diskWithoutOwners(String)
        /// Other users of this computer: the folder lets them in.
        case otherUsers
    }

    /// Whether what is written in `folder` is private to its owner; nil when it is (or cannot be told).
    /// A disk that keeps no owners is said whatever modes its mount shows (a stick mounted 0700 is still
    /// open to whoever has it); on other disks, a folder that lets others (not its group: Debian gives
    /// every user a group of their own) in.
    public static func exposure(of folder: String, mounts: String? = nil) -> Exposure? {
        guard let path = Paths.resolved(folder) else { return nil }
        let table = mounts ?? ((try? String(contentsOfFile: "/proc/self/mounts", encoding: .utf8)) ?? "")
        if let type = fileSystemType(of: path, mounts: table), let name = ownerlessFileSystems[type] { return .diskWithoutOwners(name) }
        var s = stat()
        guard stat(path, &s) == 0, s.st_mode & 0o007 != 0 else { return nil }
        return .otherUsers
    }

    /// File systems whose permissions are only what the mount says, by the names the kernel gives them, and
    /// as a coach knows them; `fuseblk` is how Debian mounts NTFS (and exFAT before its kernel driver).
    static let ownerlessFileSystems = ["vfat": "FAT", "msdos": "FAT", "exfat": "exFAT", "ntfs": "NTFS", "ntfs3": "NTFS",
                                       "fuseblk": "NTFS/exFAT"]

    /// The type of the file system an absolute, resolved `path` is on: the deepest mount in `mounts` (the
    /// text of `/proc/self/mounts`) that holds it.
    static func fileSystemType(of path: String, mounts: String) -> String? {
        var best: (point: String, type: String)?
        for line in mounts.split(separator: "\n") {
            let fields = line.split(separator: " ")
            guard fields.count >= 3 else { continue }
            let point = unescapedMountPoint(fields[1])
            let holds = point == "/" || path == point || path.hasPrefix(point + "/")
            if holds, point.count >= (best?.point.count ?? -1) { best = (point, String(fields[2])) }
        }
        return best?.type
    }

    /// A mount point as the kernel writes it: space, tab, newline and backslash as octal escapes (`\040`).
    static func unescapedMountPoint(_ field: Substring) -> String {
        var bytes: [UInt8] = [], chars = Array(field.utf8), i = 0
        while i < chars.count {
            if chars[i] == UInt8(ascii: "\\"), i + 3 < chars.count,
               let code = UInt8(String(decoding: chars[(i + 1)...(i + 3)], as: UTF8.self), radix: 8) {
                bytes.append(code)
                i += 4
            } else {
                bytes.append(chars[i])
                i += 1
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The line that says so, naming the folder; nil when it is private.
    public static func exposureNote(_ folder: String, _ language: Language) -> String? {
        switch exposure(of: folder) {
        case nil: return nil
        case .diskWithoutOwners(let system)?: return language.say(Words.resultsOnADiskWithoutOwners(folder, fileSystem: system))
        case .otherUsers?: return language.say(Words.folderOpenToOtherUsers(folder))
        }
    }

    /// Why a folder for results cannot be made, for people: what, and what to do.
    public static func folderMessage(_ error: WriteError, _ language: Language) -> String {
        if case .isLink = error.reason {
            let target = (try? FileManager.default.destinationOfSymbolicLink(atPath: error.path)) ?? "?"
            return language.say(Words.outputFolderIsALink(error.path, to: target))
        }
        return language.say(Words.cannotMakeFolder(error.path, because: error.reason.phrase))
    }

    /// Whether two paths name the same file (also through links or another spelling).
    public static func sameFile(_ a: String, _ b: String) -> Bool {
        var sa = stat(), sb = stat()
        guard stat(a, &sa) == 0, stat(b, &sb) == 0 else { return false }
        return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino
    }
}
