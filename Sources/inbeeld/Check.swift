import ArgumentParser
import Foundation
import InBeeldCoaching
import Synchronization
import InBeeldMarkers

extension Inbeeld {
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check recordings before a coaching session: length, picture, sound and privacy.",
            discussion: """
                Gives each recording a verdict: pass, warn or fail. Exit status: 0 when no recording fails, \
                1 when any fails, 64 for mistakes on the command line.
                """
        )

        @Argument(help: "Recordings, or folders holding recordings.")
        var paths: [String]

        @Flag(help: "Also look in folders inside the folders given.")
        var recursive = false

        @Option(help: "Shortest allowed recording (default 5:00).")
        var min = "5:00"

        @Option(help: "Longest allowed recording (default 8:00).")
        var max = "8:00"

        @Flag(help: "Print JSON for scripts instead of a table for people.")
        var json = false

        @Flag(help: "Decode every frame to find damage (reads the whole file; slower).")
        var deep = false

        @Option(help: "How many recordings to check at once (default: the number of cores).")
        var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

        @OptionGroup var options: LanguageOptions

        /// `5:00`, `300`, `1:02:03` or `4:59.5` as seconds, by the marker files' time parser; nil for anything else.
        static func seconds(_ text: String) -> Double? {
            guard case .clock(let us)? = MarkerTime(parsing: text) else { return nil }
            return Double(us) / 1_000_000
        }

        func validate() throws {
            guard let lo = Self.seconds(min) else { throw ValidationError(options.language.say(Words.minIsNotATime(min))) }
            guard let hi = Self.seconds(max) else { throw ValidationError(options.language.say(Words.maxIsNotATime(max))) }
            guard lo <= hi else { throw ValidationError(options.language.say(Words.minLongerThanMax(min, max))) }
            guard jobs >= 1 else { throw ValidationError(options.language.say(Words.jobsAtLeastOne)) }
            for path in paths where !FileManager.default.fileExists(atPath: path) {
                throw ValidationError(options.language.say(Words.pathDoesNotExist(path)))
            }
        }

        func run() throws {
            let language = options.language
            let limits = RecordingLimits(
                minimumMilliseconds: Int64((Self.seconds(min)! * 1000).rounded()),
                maximumMilliseconds: Int64((Self.seconds(max)! * 1000).rounded())
            )
            let found = RecordingFinder(recursive: recursive).find(paths)
            let check = RecordingCheck(limits: limits, deep: deep, language: language)
            let display = deep && standardErrorIsTerminal ? ProgressDisplay(total: found.recordings.count) : nil
            let report = CheckReport.run(found, check: check, jobs: jobs) { index, fraction in
                display?.update(recording: index, fraction: fraction)
            }
            display?.finish()
            print(json ? try report.json() : report.table(), terminator: "")
            if report.anyFailed { throw ExitCode(1) }
        }
    }
}

/// A one-line progress display on standard error: recordings done and the overall fraction.
final class ProgressDisplay: Sendable {
    private let total: Int
    private let state: Mutex<(fractions: [Int: Double], lastDraw: ContinuousClock.Instant?)>

    init(total: Int) {
        self.total = total
        state = Mutex(([:], nil))
    }

    func update(recording index: Int, fraction: Double) {
        let line: String? = state.withLock { s in
            s.fractions[index] = fraction
            let now = ContinuousClock.now
            if let last = s.lastDraw, now - last < .milliseconds(100), fraction < 1 { return nil }
            s.lastDraw = now
            let done = s.fractions.values.filter { $0 >= 1 }.count
            let overall = s.fractions.values.reduce(0, +) / Double(Swift.max(total, 1))
            return String(format: "\r%d/%d  %3.0f%%", done, total, overall * 100)
        }
        if let line { printError(line) }
    }

    func finish() { printError("\r\u{1B}[K") }
}
