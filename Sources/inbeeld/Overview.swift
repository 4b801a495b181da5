import ArgumentParser
import Foundation
import InBeeldCoaching

extension Inbeeld {
    struct Overview: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The follow-up per focus child: sessions in date order, contact initiatives, agreements, follow-up dates.",
            discussion: """
                Reads the session files (NAME.session.json) in FOLDER. Follow-ups whose date is today or has \
                passed are flagged. A session file that cannot be read is reported; the rest is still shown.
                """
        )

        @Argument(help: "The folder with the session files (default: the current folder).")
        var folder: String = "."

        @Flag(help: "Also look in folders inside the folder.")
        var recursive = false

        @Flag(help: "Print JSON for scripts instead of text for people.")
        var json = false

        @OptionGroup var options: LanguageOptions

        func run() throws {
            let language = options.language
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
                printError("inbeeld: " + language.say(Words.noSuchSessionsFolder(folder)) + "\n")
                throw ExitCode(64)
            }
            let overview = SessionOverview.read(folder: folder, recursive: recursive, today: SessionOverview.today(), language: language)
            print(json ? overview.json() : overview.text(language: language), terminator: "")
            for problem in overview.problems { printError("inbeeld: \(problem)\n") }
        }
    }
}
