import Foundation

/// Paths resolved through the system, and path arithmetic Foundation gets wrong here:
/// `NSString.deletingLastPathComponent` traps on a path of one character (`s`, `.`, `s/`) in Swift 6.3's
/// Foundation on Linux, so `inbeeld stills REC -o s` crashed.
public enum Paths {
    /// The folder a path is in, as `deletingLastPathComponent` answers: `a/b` → `a`, `/b` → `/`, `b` → ``,
    /// `a/b/` → `a`, `/` → `/`.
    public static func parent(of path: String) -> String {
        var p = Substring(path)
        while p.count > 1, p.hasSuffix("/") { p.removeLast() }
        guard let slash = p.lastIndex(of: "/") else { return "" }
        var parent = p[..<slash]
        while parent.hasSuffix("/") { parent.removeLast() }
        return parent.isEmpty ? "/" : String(parent)
    }

    /// `realpath(3)`: the path with every link and `.`/`..` resolved; `nil` when it does not exist.
    public static func resolved(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
