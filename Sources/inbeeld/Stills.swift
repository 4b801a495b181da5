import ArgumentParser
import Foundation
import InBeeldCoaching
import InBeeldMedia

extension Inbeeld {
    struct Stills: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the exact frame at each marked contact initiative as an image.",
            discussion: """
                The markers file is a CSV with a header row (time, and optionally child and note; comma or \
                semicolon separated) or a text file with one marker per line: TIME [child:] note. Times: \
                SS.mmm, MM:SS.mmm, H:MM:SS.mmm, or #N for frame N (0-based). The still at a time is the frame a \
                player shows when paused there. A manifest, stills.json, lists every still.
                """
        )

        @Argument(help: "The recording.")
        var recording: String

        @Option(help: "The list of contact initiatives (CSV or text).")
        var markers: String

        @Option(name: .shortAndLong, help: "The folder for the stills (default: RECORDING-NAME-stills).")
        var output: String?

        @Option(help: "Image format: jpg or png.")
        var format: ImageFormat = .jpg

        @Option(help: "Scale the stills to this width in pixels, keeping the shape.")
        var width: Int?

        @Flag(help: "Overwrite stills that already exist.")
        var force = false

        @Flag(help: "Print the manifest as JSON.")
        var json = false

        @OptionGroup var options: LanguageOptions

        func validate() throws {
            if let width, width < 16 || width > 16384 { throw ValidationError(options.language.say(Words.widthRange)) }
        }

        func run() throws {
            let language = options.language
            let list = try loadMarkers(markers, recording: recording, language: language)
            let base = ((recording as NSString).lastPathComponent as NSString).deletingPathExtension
            Interruption.install()
            let opened = try openRecording(recording, language: language, isCancelled: { Interruption.requested })
            let job = StillsJob(recording: opened, markers: list, folder: output ?? "\(base)-stills",
                                format: format, width: width, force: force, language: language)
            let manifest: StillsJob.Manifest
            do {
                manifest = try job.run(isCancelled: { Interruption.requested })
            } catch {
                for message in error.messages { printError("inbeeld: \(message)\n") }
                throw ExitCode(Interruption.requested ? 130 : 1)
            }
            for note in manifest.notes { printError("inbeeld: \(note)\n") }
            noteExposure(of: job.folder, language: language)
            if json {
                print(try encodeJSON(manifest), terminator: "")
            } else {
                print(language.say(Words.stillsWritten(manifest.stills.count, in: job.folder)))
            }
        }
    }
}

extension ImageFormat: ExpressibleByArgument {}
