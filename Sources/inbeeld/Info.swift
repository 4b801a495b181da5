import ArgumentParser
import Foundation
import InBeeldCoaching

extension Inbeeld {
    struct Info: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show what a recording holds: length, picture, sound, timing and privacy-sensitive metadata."
        )

        @Argument(help: "The recording to describe.")
        var recording: String

        @Flag(help: "Print JSON for scripts instead of text for people.")
        var json = false

        @OptionGroup var options: LanguageOptions

        func run() throws {
            let language = options.language
            let check = RecordingCheck(language: language)
            switch check.open(path: recording, thorough: true) {
            case .failure(let problem):
                printError("inbeeld: \(recording): \(problem.message)\n")
                throw ExitCode(1)
            case .success(let info):
                print(json ? try encodeJSON(info) : InfoText(info: info, language: language).render(), terminator: "")
            }
        }
    }
}
