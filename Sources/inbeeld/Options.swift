import ArgumentParser
import Foundation
import InBeeldCoaching
import InBeeldMarkers

/// `--lang`, shared by every subcommand.
struct LanguageOptions: ParsableArguments {
    @Option(name: .long, help: "Language of messages and reports: nl or en (default: from LANG).")
    var lang: Language?

    var language: Language { lang ?? Language.fromEnvironment() }
}

extension Language: ExpressibleByArgument {}

/// Writes to standard error.
func printError(_ text: String) {
    FileHandle.standardError.write(Data(text.utf8))
}

/// Says on stderr, after the work, when what was written in `folder` is not private to the coach (a USB
/// stick with FAT or exFAT, or a folder other users may open).
func noteExposure(of folder: String, language: Language) {
    if let note = OutputFiles.exposureNote(folder.isEmpty ? "." : folder, language) { printError("inbeeld: \(note)\n") }
}

/// Reads a markers file for `stills`, `cut` and `sheet`: a line on stderr when it was not UTF-8, and on a
/// bad file every problem (file and line) on stderr and exit status 1. `recording` picks its own markers
/// from a file that holds several recordings' (BORIS).
func loadMarkers(_ path: String, recording: String, language: Language) throws -> [Marker] {
    do {
        return try MarkerFile.load(path: path, media: (recording as NSString).lastPathComponent) { encoding in
            if let note = MarkerText.note(encoding, path: path, language: language) { printError("inbeeld: \(note)\n") }
        }
    } catch {
        for message in error.messages(in: language) { printError("inbeeld: \(message)\n") }
        throw ExitCode(1)
    }
}

/// Opens the recording `stills`, `cut` and `sheet` work on, once: one that cannot be used is said on
/// stderr (naming the file) with exit status 1, or 130 when the coach stopped the reading (Ctrl-C).
func openRecording(_ path: String, language: Language, isCancelled: () -> Bool = { false }) throws -> Recording {
    switch Recording.open(path, language: language, isCancelled: isCancelled) {
    case .success(let recording):
        return recording
    case .failure(let problem):
        let stopped = isCancelled()
        printError("inbeeld: " + (stopped ? language.say(Words.stoppedNothingWasLeftBehind) : problem.message) + "\n")
        throw ExitCode(stopped ? 130 : 1)
    }
}

/// Whether standard error is a terminal (progress displays go there only then).
var standardErrorIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }


/// A one-line progress display for long work: percentage, speed and time left.
final class RateDisplay {
    private let started = ContinuousClock.now
    private var lastDraw: ContinuousClock.Instant?

    func update(_ fraction: Double) {
        let now = ContinuousClock.now
        if let lastDraw, now - lastDraw < .milliseconds(200), fraction < 1 { return }
        lastDraw = now
        let elapsed = Double((now - started).components.seconds) + Double((now - started).components.attoseconds) / 1e18
        var line = String(format: "\r%3.0f%%", fraction * 100)
        if fraction > 0.01 && elapsed > 0.5 {
            let left = elapsed * (1 - fraction) / fraction
            line += String(format: "  %.0f s left", left)
        }
        printError(line + "\u{1B}[K")
    }

    func finish() { printError("\r\u{1B}[K") }
}

extension MarkerTime {
    /// A time on the command line (`--from 1:40.5`, `--to #5700`), parsed once, by the same parser as marker
    /// files; the error names what a time looks like.
    static func argument(_ text: String) throws -> MarkerTime {
        guard let time = MarkerTime(parsing: text) else {
            throw ValidationError(Language.fromEnvironment().say(Words.argumentIsNotATime(text)))
        }
        return time
    }
}
