import ArgumentParser
import Foundation
import InBeeldCoaching
import InBeeldSheet

extension Inbeeld {
    struct CheatSheetCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "cheatsheet",
            abstract: "Make a one-page cheat sheet (A4 PDF) to print: the commands, the page's keys, the conversation's steps.",
            discussion: "It holds no recordings or names; it is the same for every coach."
        )

        @Option(name: .shortAndLong, help: "The PDF to write (default: spiekbrief.pdf, or cheat-sheet.pdf in English).")
        var output: String?

        @OptionGroup var options: LanguageOptions

        func run() throws {
            let language = options.language
            let path = output ?? (language == .nl ? "spiekbrief.pdf" : "cheat-sheet.pdf")
            do { try CheatSheet(language: language).write(pdf: path) } catch {
                printError("inbeeld: \(error.message)\n")
                throw ExitCode(1)
            }
            print(language.say(Words.cheatSheetWritten(path)))
        }
    }
}
