import Foundation

/// The language of everything InBeeld says to people: Dutch or English.
public enum Language: String, Sendable, CaseIterable, Codable {
    case nl, en

    /// Dutch when the locale variables (`LC_ALL`, `LC_MESSAGES`, `LANG`, in that order) start with `nl`,
    /// English otherwise.
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> Language {
        for key in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let value = environment[key], !value.isEmpty {
                return value.lowercased().hasPrefix("nl") ? .nl : .en
            }
        }
        return .en
    }

    /// Picks the Dutch or the English text.
    public func pick(nl: String, en: String) -> String {
        self == .nl ? nl : en
    }
}

/// Writes a duration the way a coach reads one on a player: `3:12`, `1:02:03`, with tenths when asked.
public func formatClock(_ seconds: Double, decimals: Int = 0) -> String {
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
