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
            noteExposure(of: result.folder, language: language)
            let index = (result.folder as NSString).appendingPathComponent("index.html")
            print(result.upToDate
                  ? language.say(Words.everythingIsUpToDate(index))
                  : language.say(Words.prepareDone(files: result.files.count, open: index)))
        }
    }
}


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
