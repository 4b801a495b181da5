import Foundation

/// Finds the recordings to check among files and folders the coach names.
public struct RecordingFinder: Sendable {
    /// File name endings of video recordings from phones and cameras (lowercase).
    public static let mediaExtensions: Set<String> = [
        "mp4", "m4v", "mov", "qt", "3gp", "3g2", "mkv", "webm", "avi", "mts", "m2ts", "ts", "mpg", "mpeg", "wmv", "flv",
    ]

    /// What was found: the recordings, in name order, and what was passed over.
    public struct Found: Sendable, Equatable {
        public var recordings: [String] = []
        /// Files and folders whose names start with a dot.
        public var skippedHidden = 0
        /// Files in a folder that are not recordings by their name (photos, documents...; not InBeeld's own
        /// session files).
        public var skippedNotMedia = 0
    }

    public var recursive: Bool

    /// What InBeeld itself writes beside recordings: `NAME.session.json` and the results folder `NAME-inbeeld`.
    public static let sessionSuffix = ".session.json", resultsSuffix = "-inbeeld"

    public init(recursive: Bool) { self.recursive = recursive }

    /// Collects recordings: a file named directly is always taken; a folder gives the recordings in it
    /// (and below it, when `recursive`). Paths that do not exist are taken too, so the check says so.
    public func find(_ paths: [String]) -> Found {
        var found = Found()
        for path in paths {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
                walk(path, into: &found)
            } else {
                found.recordings.append(path)
            }
        }
        return found
    }

    private static func isLink(_ path: String) -> Bool {
        var s = stat()
        return lstat(path, &s) == 0 && (s.st_mode & S_IFMT) == S_IFLNK
    }

    private func walk(_ folder: String, into found: inout Found) {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
        for name in names {
            let path = (folder as NSString).appendingPathComponent(name)
            if name.hasPrefix(".") { found.skippedHidden += 1; continue }
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else { continue }
            if isFolder.boolValue {
                // A link to a folder is not followed: it may lead back up (and round for ever) or elsewhere.
                // InBeeld's own results (a fragment is no 5-minute recording) are not walked either.
                if recursive, !Self.isLink(path), !name.hasSuffix(Self.resultsSuffix) { walk(path, into: &found) }
                continue
            }
            // InBeeld's own session files sit beside the recordings: not a file the coach needs told about.
            if name.hasSuffix(Self.sessionSuffix) { continue }
            if Self.mediaExtensions.contains((name as NSString).pathExtension.lowercased()) {
                found.recordings.append(path)
            } else {
                found.skippedNotMedia += 1
            }
        }
    }
}
