import Foundation
import Testing
import TestSupport
import InBeeldCoaching
@testable import InBeeldServe

/// The page's HTML takes every word it shows from the catalogue, in the language asked for: `index.html`
/// holds none of its own (so none can drift from the catalogue), and the page as served holds the
/// catalogue's, before any script runs.
@Suite struct PageHTMLTests {
    static let template = String(decoding: PackageResources.index_html, as: UTF8.self)

    @Test func indexHTMLHoldsNoWordsOfItsOwn() {
        let filledElements = Self.template.matches(of: /data-t="(\w+)"[^>]*>([^<]+)</).map { "\($0.1): \($0.2)" }
        #expect(filledElements.isEmpty, "\(filledElements)")
        let attributes = Self.template.matches(of: /\s(title|placeholder)="[^"]*"/).map { String($0.0) }
        #expect(attributes.isEmpty, "\(attributes)")
        #expect(Self.template.matches(of: /data-t(-title|-placeholder)?="/).count > 70)
    }

    @Test(arguments: Language.allCases)
    func theServedPageSaysTheCataloguesWords(_ language: Language) throws {
        let page = String(decoding: try #require(PageHTML.filled[language]), as: UTF8.self)
        let words = Dictionary(Words.page.map { ($0.key, language.say($0.phrase)) }, uniquingKeysWith: { a, _ in a })
        func html(_ text: String) -> String {
            text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
                .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
        }
        var checked = 0
        for m in page.matches(of: /data-t="(\w+)"[^>]*>([^<]*)</) {
            let word = try #require(words[String(m.1)], "\(m.1) is not in Words.page")
            #expect(String(m.2) == html(word), "\(m.1)")
            checked += 1
        }
        for m in page.matches(of: /data-t-(title|placeholder)="(\w+)" (title|placeholder)="([^"]*)"/) {
            let word = try #require(words[String(m.2)], "\(m.2) is not in Words.page")
            #expect(m.1 == m.3 && String(m.4) == html(word), "\(m.2)")
            checked += 1
        }
        #expect(checked == Self.template.matches(of: /data-t(-title|-placeholder)?="/).count)
        #expect(page.contains("<html lang=\"\(language.rawValue)\">"))
    }
}
