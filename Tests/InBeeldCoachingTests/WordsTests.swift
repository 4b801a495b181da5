import Foundation
import Testing
import TestSupport
@testable import InBeeldCoaching

/// The catalogue of sentences: the page finds every word it asks for, and no sentence was left untranslated.
@Suite struct WordsTests {
    static let page = Dictionary(uniqueKeysWithValues: Words.page.map { ($0.key, $0.phrase) })

    /// Every word the page's script and HTML ask for by name is in `Words.page` (else the page would show
    /// "undefined"), and none there is unused.
    @Test func thePageFindsEveryWordItAsksFor() throws {
        let folder = packageRoot.appendingPathComponent("Sources/InBeeldServe/Page")
        let script = try String(contentsOf: folder.appendingPathComponent("app.js"), encoding: .utf8)
        let html = try String(contentsOf: folder.appendingPathComponent("index.html"), encoding: .utf8)
        // t("key"...) calls, also t(cond ? "a" : "b", ...), and data-t / data-t-title / data-t-placeholder.
        var asked = Set(script.matches(of: /\bt\((?:[^"()]*\? )?"(\w+)"(?: : "(\w+)")?/).flatMap { [String($0.1)] + ($0.2.map { [String($0)] } ?? []) })
        asked.formUnion(html.matches(of: /data-t(?:-title|-placeholder)?="(\w+)"/).map { String($0.1) })
        asked.formUnion(script.matches(of: /dataset\.t\w* = "(\w+)"/).map { String($0.1) })
        let lists: Set = ["questions", "kinds", "verdict"]  // sent beside the words (`api/config`)
        #expect(asked.count > 40, "\(asked.count) words found: the patterns no longer match the script")
        let missing = asked.subtracting(Self.page.keys).subtracting(lists)
        #expect(missing.isEmpty, "asked for but not in Words.page: \(missing.sorted())")
        // Some names travel as data before they are said (a save status, a table's headings): a word is used
        // when its name is a string anywhere in the page.
        let named = Set(script.matches(of: /"(\w+)"/).map { String($0.1) }).union(asked)
        let unused = Set(Self.page.keys).subtracting(named)
        #expect(unused.isEmpty, "in Words.page but never asked for: \(unused.sorted())")
    }

    /// The page fills in "{1}", "{2}"...: each language must have the same ones.
    @Test func bothLanguagesHaveThePagesPlaceholders() {
        for (key, phrase) in Self.page {
            let holes = { (text: String) in Set(text.matches(of: /\{\d+\}/).map { String($0.0) }) }
            #expect(holes(phrase.nl) == holes(phrase.en), "\(key): \(phrase.nl) / \(phrase.en)")
        }
    }

    /// A sentence of several words that reads the same in both languages was not translated.
    @Test func everySentenceIsTranslated() {
        var phrases = Words.page.map { ($0.key, $0.phrase) } + Words.methodQuestions.map { ("question", $0) }
            + Words.initiativeKinds.map { ("kind", $0) }
        phrases += [("fileCannotBeRead", Words.fileCannotBeRead), ("pictureCannotBeRead", Words.pictureCannotBeRead)]
        for (key, phrase) in phrases where phrase.nl.split(separator: " ").count > 2 {
            #expect(phrase.nl != phrase.en, "\(key) is the same in Dutch and English: \(phrase.en)")
            #expect(!phrase.nl.isEmpty && !phrase.en.isEmpty, "\(key)")
        }
    }
}
