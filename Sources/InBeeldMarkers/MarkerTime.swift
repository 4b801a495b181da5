import Foundation

/// When a contact initiative happens: a time on the recording as a coach writes it, or a frame number.
public enum MarkerTime: Sendable, Hashable, CustomStringConvertible {
    /// A time in microseconds from the start of the recording: exact for anything written to the
    /// millisecond (or finer, up to six decimals).
    case clock(microseconds: Int64)
    /// A frame number: 0-based, in presentation order (`#136`).
    case frame(Int)
    /// A timecode as editors write it (`00:01:02:12`, Premiere and Resolve; `00:01:02;12` drop-frame): whole
    /// seconds and a frame within the second, which needs the frame rate to become a frame (`frameNumber`).
    case timecode(seconds: Int64, frames: Int, dropFrame: Bool)

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
        if let timecode = Self.timecode(text) { self = timecode; return }
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

    /// `HH:MM:SS:FF`, or `HH:MM:SS;FF` for drop-frame (also all semicolons): four fields of digits,
    /// minutes and seconds two digits under 60. (Some tools write drop-frame with a `.` before the frames,
    /// which cannot be told from seconds with a fraction, `0:02:15.433`; that is read as a time.)
    private static func timecode(_ text: String) -> MarkerTime? {
        guard text.count <= 24, text.filter({ $0 == ":" || $0 == ";" }).count == 3 else { return nil }
        let fields = text.split(omittingEmptySubsequences: false) { $0 == ":" || $0 == ";" }
        guard fields.count == 4, fields.allSatisfy({ (1...6).contains($0.count) && $0.allSatisfy(\.isASCIIDigit) }) else { return nil }
        let v = fields.map { Int64($0)! }
        guard v[1] < 60, v[2] < 60, fields[1].count == 2, fields[2].count == 2 else { return nil }
        let separator = text[fields[2].endIndex]
        return .timecode(seconds: v[0] * 3600 + v[1] * 60 + v[2], frames: Int(v[3]), dropFrame: separator != ":")
    }

    /// The frame a timecode names at a nominal rate (25; 30 for 29.97; 24 for 23.976), counting from
    /// 00:00:00:00 as frame 0; drop-frame timecode (30 and 60 only) skips frame numbers 0 and 1 (0-3 at 60)
    /// at the start of every minute but every tenth. `nil` when the frames do not fit the rate.
    public static func frameNumber(seconds: Int64, frames: Int, dropFrame: Bool, nominalRate rate: Int) -> Int? {
        guard rate > 0, frames < rate, seconds < Int64(Int32.max) else { return nil }
        let nominal = Int(seconds) * rate + frames
        guard dropFrame else { return nominal }
        guard rate % 30 == 0 else { return nil }
        let dropped = 2 * rate / 30
        let totalMinutes = Int(seconds) / 60
        if Int(seconds) % 60 == 0, totalMinutes % 10 != 0, frames < dropped { return nil }  // a number that does not exist
        return nominal - dropped * (totalMinutes - totalMinutes / 10)
    }

    /// The nominal rate of a frame rate: 29.97 counts as 30, 23.976 as 24, 59.94 as 60.
    public static func nominalRate(_ framesPerSecond: Double) -> Int { Int(framesPerSecond.rounded()) }

    /// A timecode made a time at `framesPerSecond` (the start of its frame, to the microsecond); other times as
    /// they are. `nil` when the timecode's frames do not fit the rate.
    public func resolvingTimecode(framesPerSecond: Double) -> MarkerTime? {
        guard case let .timecode(seconds, frames, drop) = self else { return self }
        guard framesPerSecond > 0, framesPerSecond.isFinite,
              let n = Self.frameNumber(seconds: seconds, frames: frames, dropFrame: drop, nominalRate: Self.nominalRate(framesPerSecond)) else { return nil }
        // Rounded up: a microsecond early would be the frame before.
        return .clock(microseconds: Int64((Double(n) * 1_000_000 / framesPerSecond).rounded(.up)))
    }

    /// `0:02:15.433` for a time (hours always, milliseconds, more digits when written finer); `#136` for a
    /// frame; `00:01:02:12` for a timecode.
    public var description: String {
        switch self {
        case .frame(let n): return "#\(n)"
        case .clock(let us): return Self.clockText(us)
        case let .timecode(seconds, frames, drop):
            return String(format: "%02lld:%02lld:%02lld%@%02d", seconds / 3600, seconds / 60 % 60, seconds % 60, drop ? ";" : ":", frames)
        }
    }

    /// Writes a duration the way a coach reads one on a player: `3:12`, `1:02:03`, with tenths when asked
    /// (the check's lengths, the sheet's times); a marker's own time is `clockText`.
    public static func durationText(_ seconds: Double, decimals: Int = 0) -> String {
        let scale = pow(10, Double(decimals))
        let total = (max(seconds, 0) * scale).rounded(.down) / scale
        let whole = Int(total)
        let h = whole / 3600, m = (whole % 3600) / 60, s = whole % 60
        var text = h > 0 ? String(format: "%d:%02d:%02d", h, m, s) : String(format: "%d:%02d", m, s)
        if decimals > 0 {
            let fraction = Int(((total - Double(whole)) * scale).rounded())
            text += "." + String(format: "%0\(decimals)d", fraction)
        }
        return text
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

extension MarkerTime {
    /// A cue's time: `00:01:02.500` (WebVTT), `00:01:02,500` (SRT); milliseconds, rounded down.
    public static func cueText(_ microseconds: Int64, srt: Bool) -> String {
        let ms = max(microseconds, 0) / 1000
        return String(format: "%02lld:%02lld:%02lld%@%03lld", ms / 3_600_000, ms / 60_000 % 60, ms / 1000 % 60, srt ? "," : ".", ms % 1000)
    }

    /// Seconds with `decimals` decimals (3: milliseconds, 6: microseconds), rounded down: `12.345`.
    public static func secondsText(_ microseconds: Int64, decimals: Int) -> String {
        let us = max(microseconds, 0)
        let digits = min(max(decimals, 0), 6)
        guard digits > 0 else { return "\(us / 1_000_000)" }
        var unit: Int64 = 1
        for _ in digits..<6 { unit *= 10 }
        return String(format: "%lld.%0\(digits)lld", us / 1_000_000, us % 1_000_000 / unit)
    }
}

extension Character {
    /// One of 0-9 and nothing else: a digit followed by a combining mark is one `Character` that sorts
    /// between "0" and "9", so a range test would let it through.
    var isASCIIDigit: Bool { asciiValue.map { (48...57).contains($0) } ?? false }
}
