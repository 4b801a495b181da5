import Foundation

/// One HTTP byte range (RFC 9110, 14.1.2) of a file of a known size, as players ask for video.
public enum ByteRange: Sendable, Equatable {
    /// No `Range` header, or one we answer with the whole file (several ranges, other units).
    case whole
    /// The bytes to send, inside the file.
    case part(ClosedRange<Int64>)
    /// A range that lies outside the file: 416, `Content-Range: bytes */size`.
    case unsatisfiable

    /// Reads `bytes=first-last`, `bytes=first-` and `bytes=-suffix` against a file of `size` bytes.
    public init(header: String?, size: Int64) {
        guard let header else { self = .whole; return }
        let text = header.trimmingCharacters(in: .whitespaces)
        guard text.lowercased().hasPrefix("bytes=") else { self = .whole; return }
        let spec = text.dropFirst("bytes=".count).trimmingCharacters(in: .whitespaces)
        // Several ranges: answering with the whole file is allowed, and players never ask for them.
        guard !spec.contains(",") else { self = .whole; return }
        let sides = spec.split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false)
        guard sides.count == 2 else { self = .unsatisfiable; return }
        let first = sides[0].trimmingCharacters(in: .whitespaces), last = sides[1].trimmingCharacters(in: .whitespaces)
        // Digits only; a number too large for 64 bits is larger than any file, so it counts as `Int64.max`.
        func number(_ s: String) -> Int64? {
            guard !s.isEmpty, s.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) else { return nil }
            return Int64(s) ?? .max
        }
        if first.isEmpty {
            // The last N bytes.
            guard let n = number(last), n > 0, size > 0 else { self = .unsatisfiable; return }
            self = .part(max(size - n, 0)...(size - 1))
            return
        }
        guard let start = number(first), start < size else { self = .unsatisfiable; return }
        if last.isEmpty { self = .part(start...(size - 1)); return }
        // A last position past the end means "to the end" (RFC 9110, 14.1.2), however many digits it has.
        guard let end = number(last), end >= start else { self = .unsatisfiable; return }
        self = .part(start...min(end, size - 1))
    }
}
