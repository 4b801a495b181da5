import ArgumentParser
import Foundation
import InBeeldCoaching
import InBeeldMarkers

extension Inbeeld {
    struct Markers: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Work with marker files of InBeeld and other tools.",
            subcommands: [Convert.self, Tiers.self]
        )

        struct Convert: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Convert markers between InBeeld CSV/text, WebVTT, SRT, ELAN (.eaf), BORIS, LosslessCut CSV and Audacity labels.",
                discussion: "Formats follow the files' extensions (.csv .txt .vtt .srt .eaf .tsv .xlsx); a CSV's columns tell BORIS and LosslessCut apart."
            )

            @Argument(help: "The marker file to read.")
            var input: String

            @Argument(help: "The marker file to write (a NAME.session.json writes a session for the recording beside it).")
            var output: String?

            @Option(help: "A session file (NAME.session.json) to add the markers to, keeping all else in it.")
            var into: String?

            @Option(help: "The recording a new session file is for (by default the one beside it of the same name).")
            var recording: String?

            @Option(help: "The input's format: csv, text, vtt, srt, eaf, boris, losslesscut, losslesscut-frames, audacity.")
            var fromFormat: MarkerFormat?

            @Option(help: "The output's format.")
            var toFormat: MarkerFormat?

            @Option(help: "Recording time of the fragment's start: times become fragment times (-T maps back).")
            var fragmentFrom: String?

            @Option(help: "The media file to take the markers of, from a BORIS observation of several media files.")
            var media: String?

            @Option(name: .customLong("fps"), help: "The recording's frame rate (25, 29.97, 30000/1001), for timecodes like 00:01:02:12.")
            var framesPerSecond: String?

            @Option(name: .customLong("tier"), help: "An ELAN tier to take markers from (repeatable); by default the independent tiers, with the dependent tiers' values in their notes.")
            var tiers: [String] = []

            @Flag(help: "Overwrite the output if it exists.")
            var force = false

            @OptionGroup var options: LanguageOptions

            var job: MarkerConversionJob {
                var job = MarkerConversionJob(input: input, output: output ?? into ?? "", from: fromFormat, to: toFormat, fragmentFrom: fragmentFrom,
                                              force: force, media: media, framesPerSecond: framesPerSecond,
                                              language: options.language)
                job.tiers = tiers
                job.into = into
                job.recording = recording
                return job
            }

            func validate() throws {
                if (output == nil) == (into == nil) { throw ValidationError(options.language.say(Words.outputOrIntoNotBoth)) }
                if let problem = job.optionProblem { throw ValidationError(problem) }
            }

            func run() throws {
                Interruption.install()
                do {
                    let done = try job.run(note: { printError("inbeeld: \($0)\n") }, isCancelled: { Interruption.requested })
                    let target = into ?? output ?? ""
                    print(options.language.say(done.skipped > 0 ? Words.markersAdded(done.count, to: target, skipped: done.skipped)
                                                                : Words.markersWritten(done.count, to: target)))
                } catch {
                    for message in error.messages { printError("inbeeld: \(message)\n") }
                    throw ExitCode(Interruption.requested ? 130 : 1)
                }
            }
        }
    }
}

extension MarkerFormat: ExpressibleByArgument {}
