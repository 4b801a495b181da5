import ArgumentParser
import Foundation
import InBeeldCoaching
import InBeeldSheet
import InBeeldMarkers

extension Inbeeld {
    struct Sheet: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make a still sheet (PDF) to look at and write on during the coaching conversation.",
            discussion: """
                One exact still per marked contact initiative, with the time, the child and what is seen and \
                heard, the method's questions with room to write, and a closing page for the summary, the \
                agreements and the follow-up.
                """
        )

        @Argument(help: "The recording.")
        var recording: String

        @Option(help: "The list of contact initiatives (CSV or text).")
        var markers: String

        @Option(name: .shortAndLong, help: "The PDF to write (default: RECORDING-NAME-sheet.pdf).")
        var output: String?

        @Option(help: "Start of the fragment: only markers in it, with times in the fragment too.", transform: MarkerTime.argument)
        var from: MarkerTime?

        @Option(help: "End of the fragment.", transform: MarkerTime.argument)
        var to: MarkerTime?

        @Option(help: "The title on the first page.")
        var title: String?

        @Option(help: "The coach's name.")
        var coach: String?

        @Option(help: "The professional's name.")
        var professional: String?

        @Option(name: .customLong("focus-child"), help: "A focus child (repeat for more).")
        var focusChildren: [String] = []

        @Option(help: "Stills per page: 1 to 4.")
        var perPage: Int = 2

        @Flag(help: "Also write every page as a PNG image.")
        var png = false

        @Flag(help: "Overwrite the sheet if it exists.")
        var force = false

        @OptionGroup var options: LanguageOptions

        func validate() throws {
            guard (1...4).contains(perPage) else { throw ValidationError(options.language.say(Words.perPageChoice)) }
            if (from == nil) != (to == nil) { throw ValidationError(options.language.say(Words.fromAndToTogether)) }
        }

        func run() throws {
            let language = options.language
            let list: [Marker]
            list = try loadMarkers(markers, recording: recording, language: language)
            let base = ((recording as NSString).lastPathComponent as NSString).deletingPathExtension
            let path = output ?? "\(base)-sheet.pdf"
            if !force, FileManager.default.fileExists(atPath: path) {
                printError("inbeeld: " + language.say(Words.fileExistsChooseAnotherName(path)) + "\n")
                throw ExitCode(1)
            }
            Interruption.install()
            let opened = try openRecording(recording, language: language, isCancelled: { Interruption.requested })
            var job = StillSheetJob(recording: opened, markers: list, title: title, coach: coach,
                                    professional: professional, focusChildren: focusChildren, perPage: perPage, language: language)
            if let from, let to { job.fragment = (from, to) }
            let sheet: StillSheet
            do { sheet = try job.prepare(isCancelled: { Interruption.requested }) } catch {
                for message in error.messages { printError("inbeeld: \(message)\n") }
                throw ExitCode(Interruption.requested ? 130 : 1)
            }
            for note in sheet.notes { printError("inbeeld: \(note)\n") }
            let written: (layout: SheetLayout, pngs: [String])
            do {
                written = try SheetRenderer(sheet: sheet).write(pdf: path, pngScale: png ? 2 : nil, isCancelled: { Interruption.requested })
            } catch {
                printError("inbeeld: \(error.message)\n")
                throw ExitCode(error.cancelled ? 130 : 1)
            }
            print(language.say(Words.sheetWritten(path, pages: written.layout.pageCount, stills: sheet.entries.count)))
            noteExposure(of: Paths.parent(of: path), language: language)
        }
    }
}
