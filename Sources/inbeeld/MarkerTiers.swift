import ArgumentParser
import Foundation
import InBeeldCoaching
import InBeeldMarkers

extension Inbeeld.Markers {
    /// `inbeeld markers tiers FILE`: an ELAN document's tiers, to choose from with `convert --tier`.
    struct Tiers: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the tiers of an ELAN document (.eaf): type, parent, participant and number of annotations."
        )

        @Argument(help: "The ELAN document.")
        var input: String

        @OptionGroup var options: LanguageOptions

        func run() throws {
            let language = options.language
            do {
                print(TierList(try MarkerFile.tiers(path: input)).text(in: language), terminator: "")
            } catch {
                for message in error.messages(in: language) { printError("inbeeld: \(message)\n") }
                throw ExitCode(1)
            }
        }
    }
}
