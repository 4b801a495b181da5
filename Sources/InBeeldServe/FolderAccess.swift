import Foundation
import InBeeldCoaching

/// The one folder the coach's page may read and write: every path a request names is resolved here,
/// and only what lies inside the folder (after following links) comes out.
public struct FolderAccess: Sendable {
    /// The folder, links resolved, without a trailing slash.
    public let root: String

    public init(folder: String) throws(ServeError) {
        let absolute = folder.hasPrefix("/") ? folder : FileManager.default.currentDirectoryPath + "/" + folder
        guard let resolved = Paths.resolved(absolute) else { throw .folderMissing(folder) }
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: resolved, isDirectory: &isFolder), isFolder.boolValue else {
            throw .folderMissing(folder)
        }
        root = resolved == "/" ? "" : resolved
    }

    /// Why a path was refused.
    public enum Refusal: Error, Sendable, Equatable {
        /// Not a relative path of plain names (empty, absolute, `..`, hidden names, control characters).
        case badName
        /// Not there.
        case missing
        /// There, but (through a link) outside the folder.
        case outside
    }

    /// A relative path of plain names: no empty or hidden parts (so no `.` or `..`), not absolute, no
    /// backslashes or control characters.
    public static func isPlainRelative(_ path: String) -> Bool {
        guard !path.isEmpty, !path.hasPrefix("/"), path.utf8.count < 4096 else { return false }
        if path.unicodeScalars.contains(where: { $0.value < 0x20 || $0 == "\\" || $0.value == 0x7f }) { return false }
        return path.split(separator: "/", omittingEmptySubsequences: false).allSatisfy { !$0.isEmpty && !$0.hasPrefix(".") }
    }

    /// The absolute path of an existing file inside the folder that `relative` names.
    public func existingFile(_ relative: String) -> Result<String, Refusal> {
        guard Self.isPlainRelative(relative) else { return .failure(.badName) }
        let joined = root + "/" + relative
        guard let resolved = Paths.resolved(joined) else { return .failure(.missing) }
        guard resolved.hasPrefix(root + "/") else { return .failure(.outside) }
        // A plain name that links to a hidden file (or into a hidden folder) is refused like that file.
        guard Self.isPlainRelative(String(resolved.dropFirst(root.count + 1))) else { return .failure(.badName) }
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: resolved, isDirectory: &isFolder), !isFolder.boolValue else {
            return .failure(.missing)
        }
        return .success(resolved)
    }

    /// Where a new file beside an existing one goes (its folder checked the same way); `nil` when refused.
    public func sibling(of file: String, named name: String) -> String? {
        let folder = Paths.parent(of: file)
        guard let resolved = Paths.resolved(folder), resolved == root || resolved.hasPrefix(root + "/"),
              !name.contains("/"), !name.hasPrefix(".") else { return nil }
        return resolved + "/" + name
    }

    /// `text` with the folder's own path taken out, so messages name files as the coach sees them in the
    /// page ("groep 2/speelhoek.mp4"), not where the folder lies on this computer.
    public func shown(_ text: String) -> String {
        root.isEmpty ? text : text.replacingOccurrences(of: root + "/", with: "")
    }

    /// The path relative to the folder, for a path inside it.
    public func relative(_ absolute: String) -> String? {
        guard absolute.hasPrefix(root + "/") else { return nil }
        return String(absolute.dropFirst(root.count + 1))
    }
}

/// What stops the page from starting.
public enum ServeError: Error, Sendable, Equatable {
    case folderMissing(String)
    /// Another program listens on the port asked for.
    case portInUse(Int)
}
