import Foundation

/// When a contact initiative happens: a time on the recording as a coach writes it, or a frame number.
public enum MarkerTime: Sendable, Hashable, CustomStringConvertible {
    /// A time in microseconds from the start of the recording: exact for anything written to the
    /// millisecond (or finer, up to six decimals).
    case clock(microseconds: Int64)
    /// A frame number: 0-based, in presentation order (`#136`).
    case frame(Int)

    /// Reads `SS.mmm`, `MM:SS(.mmm)`, `H:MM:SS(.mmm)` (a decimal comma is fine: `1:02,5`) or `#N`.
    /// Returns `nil` when the text is none of these.
    public init?(parsing raw: String) {
        let text = raw.trimmingCharacters(in: .whitespaces)
        if text.hasPrefix("#") {
            let digits = text.dropFirst()
            guard !digits.isEmpty, digits.allSatisfy(\.isASCIIDigit), let n = Int(digits) else { return nil }
            self = .frame(n)
            return
        }
        // One decimal separator at most; a comma stands for a point only where it cannot separate anything.
        var normal = text
        if normal.contains(",") {
            guard !normal.contains("."), normal.filter({ $0 == "," }).count == 1 else { return nil }
            normal = normal.replacingOccurrences(of: ",", with: ".")
        }
        let fields = normal.split(separator: ":", omittingEmptySubsequences: false)
        guard (1...3).contains(fields.count) else { return nil }
        // Whole fields before the last; the last may carry a fraction.
        var whole: [Int64] = []
        for field in fields.dropLast() {
            guard !field.isEmpty, field.count <= 9, field.allSatisfy(\.isASCIIDigit), let v = Int64(field) else { return nil }
            whole.append(v)
        }
        let last = fields.last!
        let parts = last.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), !parts[0].isEmpty, parts[0].count <= 9,
              parts[0].allSatisfy(\.isASCIIDigit), let seconds = Int64(parts[0]) else { return nil }
        var micros: Int64 = 0
        if parts.count == 2 {
            // Any number of decimals (Audacity writes ten), rounded to the microsecond.
            let digits = parts[1]
            guard !digits.isEmpty, digits.allSatisfy(\.isASCIIDigit) else { return nil }
            let seven = digits.prefix(7) + String(repeating: "0", count: max(0, 7 - digits.count))
            guard let tenths = Int64(seven) else { return nil }
            micros = (tenths + 5) / 10
        }
        // Seconds and minutes stay under 60 once a larger unit is written.
        if !whole.isEmpty, seconds >= 60 { return nil }
        if whole.count == 2, whole[1] >= 60 { return nil }
        let totalSeconds = whole.reduce(0) { $0 * 60 + $1 } * 60 + seconds
        self = .clock(microseconds: totalSeconds * 1_000_000 + micros)
    }

    /// `0:02:15.433` for a time (hours always, milliseconds, more digits when written finer); `#136` for a frame.
    public var description: String {
        switch self {
        case .frame(let n): return "#\(n)"
        case .clock(let us): return Self.clockText(us)
        }
    }

    /// Writes microseconds as `H:MM:SS.mmm` (or `H:MM:SS.mmmmmm` when finer than a millisecond).
    public static func clockText(_ microseconds: Int64, separator: Character = ":") -> String {
        let us = max(microseconds, 0)
        let h = us / 3_600_000_000, m = us / 60_000_000 % 60, s = us / 1_000_000 % 60, frac = us % 1_000_000
        let fraction = frac % 1000 == 0 ? String(format: "%03lld", frac / 1000) : String(format: "%06lld", frac)
        let sep = String(separator)
        return "\(h)\(sep)" + String(format: "%02lld", m) + sep + String(format: "%02lld", s) + "." + fraction
    }
}

extension Character {
    /// One of 0-9 and nothing else: a digit followed by a combining mark is one `Character` that sorts
    /// between "0" and "9", so a range test would let it through.
    var isASCIIDigit: Bool { asciiValue.map { (48...57).contains($0) } ?? false }
}
