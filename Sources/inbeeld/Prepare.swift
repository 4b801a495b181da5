import ArgumentParser
import Foundation
import InBeeldCoaching
import InBeeldSheet

extension Inbeeld {
    struct Prepare: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Prepare one coaching session from its session file: check, fragment, stills, sheet.",
            discussion: """
                Writes into the folder: fragment.mp4 (and fragment.vtt), stills/, sheet.pdf, markers.vtt and \
                index.html, which lists them. Run again with unchanged inputs, it does nothing; --force redoes \
                everything. Exit status: 0 done, 1 failed, 64 command-line mistakes, 130 stopped with Ctrl-C.
                """
        )

        @Argument(help: "The session file (JSON; see the README).")
        var session: String

        @Option(name: .shortAndLong, help: "The folder for the results (default: SESSION-NAME-inbeeld beside it).")
        var output: String?

        @Flag(help: "Redo everything, even when nothing changed.")
        var force = false

        @OptionGroup var options: LanguageOptions

        func run() throws {
            let language = options.language
            Interruption.install()
            let display = standardErrorIsTerminal ? StageDisplay() : nil
            let result: PrepareJob.Result
            do {
                result = try PrepareJob(sessionPath: session, folder: output, force: force, language: language)
                    .run(progress: { stage, fraction in display?.update(stage, fraction) }, isCancelled: { Interruption.requested })
            } catch {
                display?.finish()
                for message in error.messages { printError("inbeeld: \(message)\n") }
                throw ExitCode(error.cancelled ? 130 : 1)
            }
            display?.finish()
            for note in result.notes { printError("inbeeld: \(note)\n") }
            let index = (result.folder as NSString).appendingPathComponent("index.html")
            print(result.upToDate
                  ? language.pick(nl: "Alles is al bijgewerkt: \(index)", en: "Everything is up to date: \(index)")
                  : language.pick(nl: "Klaar: \(result.files.count) bestanden; open \(index)", en: "Done: \(result.files.count) files; open \(index)"))
        }
    }

    struct Markers: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Work with marker files of InBeeld and other tools.",
            subcommands: [Convert.self]
        )

        struct Convert: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Convert markers between InBeeld CSV/text, WebVTT, SRT, ELAN (.eaf), BORIS and LosslessCut CSV.",
                discussion: "Formats follow the files' extensions (.csv .txt .vtt .srt .eaf .tsv); a CSV's header tells BORIS and LosslessCut apart."
            )

            @Argument(help: "The marker file to read.")
            var input: String

            @Argument(help: "The marker file to write.")
            var output: String

            @Option(help: "The input's format: csv, text, vtt, srt, eaf, boris, losslesscut.")
            var fromFormat: MarkerFormat?

            @Option(help: "The output's format.")
            var toFormat: MarkerFormat?

            @Option(help: "Recording time of the fragment's start: times become fragment times (-T maps back).")
            var fragmentFrom: String?

            @Flag(help: "Overwrite the output if it exists.")
            var force = false

            @OptionGroup var options: LanguageOptions

            func validate() throws {
                if let f = fragmentFrom, MarkerTime(parsing: f.hasPrefix("-") ? String(f.dropFirst()) : f) == nil {
                    throw ValidationError("--fragment-from: '\(f)' is not a time like 1:40.5.")
                }
                if toFormat == nil && MarkerFormat.guess(path: output, content: "time") == nil {
                    throw ValidationError("cannot tell the format of \(output) from its name; add --to-format.")
                }
            }

            func run() throws {
                let language = options.language
                guard let data = FileManager.default.contents(atPath: input), let text = String(data: data, encoding: .utf8) else {
                    printError("inbeeld: \(input): " + language.pick(nl: "niet te lezen als tekst (UTF-8).", en: "cannot be read as text (UTF-8).") + "\n")
                    throw ExitCode(1)
                }
                guard let from = fromFormat ?? MarkerFormat.guess(path: input, content: text) else {
                    printError("inbeeld: \(input): " + language.pick(nl: "het formaat is niet aan de naam te zien; gebruik --from-format.",
                                                                     en: "the format cannot be told from the name; use --from-format.") + "\n")
                    throw ExitCode(1)
                }
                let to = toFormat ?? MarkerFormat.guess(path: output, content: "time")!
                if !force, FileManager.default.fileExists(atPath: output) {
                    printError("inbeeld: " + language.pick(nl: "\(output) bestaat al; overschrijf met --force.", en: "\(output) already exists; overwrite with --force.") + "\n")
                    throw ExitCode(1)
                }
                do {
                    var markers = try MarkerConversion.read(text, format: from, name: input)
                    if let f = fragmentFrom {
                        let negative = f.hasPrefix("-")
                        guard case .clock(let us)? = MarkerTime(parsing: negative ? String(f.dropFirst()) : f) else { throw MarkerConversionError("--fragment-from must be a time.") }
                        markers = try MarkerConversion.shift(markers, by: negative ? us : -us)
                    }
                    Interruption.install(polling: false)
                    let written = try MarkerConversion.write(markers, format: to, mediaName: "")
                    try OutputFiles.write(Data(written.utf8), to: output)
                    print(language.pick(nl: "\(markers.count) markering(en) naar \(output)", en: "\(markers.count) marker(s) to \(output)"))
                } catch let error as MarkerFileError {
                    for m in error.messages(in: language) { printError("inbeeld: \(m)\n") }
                    throw ExitCode(1)
                } catch let error as MarkerConversionError {
                    printError("inbeeld: \(input): \(error.message)\n")
                    throw ExitCode(1)
                } catch let error as OutputFiles.WriteError {
                    printError("inbeeld: \(error.path): \(error.reason)\n")
                    throw ExitCode(1)
                }
            }
        }
    }
}

extension MarkerFormat: ExpressibleByArgument {}

/// One progress line for a run of several steps: the step and the overall percentage.
final class StageDisplay: @unchecked Sendable {
    private let lock = NSLock()
    private var last = ContinuousClock.now - .seconds(1)

    func update(_ stage: String, _ fraction: Double) {
        lock.lock(); defer { lock.unlock() }
        let now = ContinuousClock.now
        guard now - last > .milliseconds(200) || fraction >= 1 else { return }
        last = now
        printError(String(format: "\r%3.0f%%  %@\u{1B}[K", fraction * 100, stage))
    }

    func finish() { printError("\r\u{1B}[K") }
}
