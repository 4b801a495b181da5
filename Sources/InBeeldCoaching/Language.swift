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
}
