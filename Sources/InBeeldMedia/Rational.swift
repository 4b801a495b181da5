internal import CFFmpeg

/// An exact rational number, used for time bases, frame rates and aspect ratios. Wraps `AVRational`.
public struct Rational: Sendable, Hashable, Codable, CustomStringConvertible {
    public var numerator: Int32
    public var denominator: Int32

    public init(_ numerator: Int32, _ denominator: Int32) {
        self.numerator = numerator
        self.denominator = denominator
    }

    init(_ r: AVRational) { self.init(r.num, r.den) }
    var av: AVRational { AVRational(num: numerator, den: denominator) }

    /// Whether this is a usable value (FFmpeg writes 0/1 or 0/0 for "unknown").
    public var isKnown: Bool { numerator != 0 && denominator != 0 }

    /// The value as a `Double`: for printing and JSON only, never for deciding which frame.
    public var doubleValue: Double { denominator == 0 ? 0 : Double(numerator) / Double(denominator) }

    public var description: String { "\(numerator)/\(denominator)" }
}

/// A point or span on a stream's timeline: integer ticks in a rational time base.
public struct MediaTime: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    public var ticks: Int64
    public var timeBase: Rational

    public init(ticks: Int64, timeBase: Rational) {
        self.ticks = ticks
        self.timeBase = timeBase
    }

    /// Seconds as a `Double`: for printing and JSON only.
    public var seconds: Double { Double(ticks) * timeBase.doubleValue }

    /// This time expressed in another time base, rounded to the nearest tick. Wraps `av_rescale_q_rnd`.
    public func rescaled(to target: Rational) -> MediaTime {
        let value = av_rescale_q_rnd(ticks, timeBase.av, target.av,
                                     AVRounding(rawValue: AV_ROUND_NEAR_INF.rawValue | AV_ROUND_PASS_MINMAX.rawValue))
        return MediaTime(ticks: value, timeBase: target)
    }

    /// Exact comparison across time bases. Wraps `av_compare_ts`.
    public static func < (lhs: MediaTime, rhs: MediaTime) -> Bool {
        av_compare_ts(lhs.ticks, lhs.timeBase.av, rhs.ticks, rhs.timeBase.av) < 0
    }

    public static func == (lhs: MediaTime, rhs: MediaTime) -> Bool {
        av_compare_ts(lhs.ticks, lhs.timeBase.av, rhs.ticks, rhs.timeBase.av) == 0
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(rescaled(to: Rational(1, 1_000_000)).ticks)
    }

    public var description: String { "\(ticks)×\(timeBase)" }
}

/// Converts FFmpeg's `AV_NOPTS_VALUE` sentinel into `nil`.
func timestamp(_ value: Int64) -> Int64? {
    value == ib_nopts_value() ? nil : value
}
