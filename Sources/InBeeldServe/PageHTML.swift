import Foundation
import InBeeldCoaching

/// The page's HTML with its words put in from the catalogue (`Words.page`) in one language. In
/// `index.html` the elements that show a word name it (`data-t`, `data-t-title`, `data-t-placeholder`)
/// and hold no text of their own, so nothing there can drift from the catalogue; the page shows the
/// catalogue's text before its script runs, and the script says the same words again when the coach
/// chooses the other language.
enum PageHTML {
    /// `index.html` in each language, made once.
    static let filled: [Language: [UInt8]] = Dictionary(uniqueKeysWithValues: Language.allCases.map { language in
        (language, Array(fill(String(decoding: PackageResources.index_html, as: UTF8.self), in: language).utf8))
    })

    static func fill(_ template: String, in language: Language) -> String {
        let words = Dictionary(Words.page.map { ($0.key, language.say($0.phrase)) }, uniquingKeysWith: { first, _ in first })
        func say(_ key: Substring) -> String { escaped(words[String(key)] ?? String(key)) }
        var html = template.replacing(/<html lang="\w+">/) { _ in "<html lang=\"\(language.rawValue)\">" }
        html = html.replacing(/data-t="(\w+)"([^>]*)>/) { m in "data-t=\"\(m.1)\"\(m.2)>" + say(m.1) }
        html = html.replacing(/data-t-title="(\w+)"/) { m in "data-t-title=\"\(m.1)\" title=\"\(say(m.1))\"" }
        html = html.replacing(/data-t-placeholder="(\w+)"/) { m in "data-t-placeholder=\"\(m.1)\" placeholder=\"\(say(m.1))\"" }
        return html
    }

    /// Text as HTML (in an element or a quoted attribute).
    private static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
