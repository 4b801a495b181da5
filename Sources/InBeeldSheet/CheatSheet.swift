import Foundation
import InBeeldCoaching
internal import CPango

/// The one-page cheat sheet (A4) to print and keep beside the laptop: the commands a coach types, the
/// page's keys while marking and in the conversation, and the conversation's four steps with the method's
/// questions. Every word is the catalogue's, the same the page and its help lines show.
public struct CheatSheet {
    public var language: Language

    public init(language: Language) { self.language = language }

    /// Writes the PDF, whole or not at all.
    public func write(pdf path: String) throws(SheetRenderer.Failure) {
        let temporary = try SheetRenderer.pdf(path, title: language.say(Words.cheatSheetTitle), pages: 1, language: language) { _, cr in
            draw(on: cr)
        }
        do { try temporary.place(at: path) } catch {
            throw SheetRenderer.Failure(message: language.say(Words.cannotWrite(path, because: error.reason.phrase)))
        }
    }

    private func draw(on cr: OpaquePointer) {
        let say = { (phrase: Phrase) in language.say(phrase) }
        let margin = 40.0, width = SheetRenderer.pageWidth - 2 * margin
        var y = margin
        y += SheetRenderer.text(cr, say(Words.cheatSheetTitle), x: margin, y: y, width: width, size: 17, bold: true) + 8
        /// A heading, then two columns: what to type or press (monospaced for commands), and what it does.
        func table(_ heading: Phrase, _ rows: [(left: String, right: String)], monospace: Bool = false, column: Double = 165) {
            y += SheetRenderer.text(cr, say(heading), x: margin, y: y, width: width, size: 11.5, bold: true, gray: 0.15) + 3
            for row in rows {
                let left = SheetRenderer.text(cr, row.left, x: margin, y: y, width: column - 6, size: monospace ? 8 : 9, bold: !monospace,
                                              monospace: monospace)
                let right = SheetRenderer.text(cr, row.right, x: margin + column, y: y, width: width - column, size: 9)
                y += max(left, right) + 2.5
            }
            y += 8
        }
        table(Words.inTheTerminal, Words.coachCommands.map { ($0.command, say($0.does)) }, monospace: true, column: 215)
        table(Words.keysWhileMarking, Words.markingKeys.map { (say($0.keys), say($0.does)) })
        table(Words.keysInTheConversation, Words.conversationKeys.map { (say($0.keys), say($0.does)) })
        y += SheetRenderer.text(cr, say(Words.typingFirstEsc), x: margin, y: y - 5, width: width, size: 8.5, gray: 0.35) + 6
        table(Words.theConversationInFourSteps, Words.conversationSteps.map { (say($0.name), say($0.what)) })
    }
}
