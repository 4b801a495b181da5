import Foundation
import InBeeldMedia
import Synchronization
import InBeeldMarkers

/// The check of a batch of recordings, as people and scripts see it.
public struct CheckReport: Sendable {
    public var results: [RecordingCheckResult]
    public var found: RecordingFinder.Found
    public var language: Language

    public var anyFailed: Bool { results.contains { $0.verdict == .fail } }

    /// Checks every recording `found` lists, `jobs` at a time, keeping the order of `found`.
    /// - Parameter progress: called from worker threads with (recording index, fraction done).
    public static func run(_ found: RecordingFinder.Found, check: RecordingCheck, jobs: Int,
                           progress: @Sendable (Int, Double) -> Void = { _, _ in }) -> CheckReport {
        let paths = found.recordings
        let results = Mutex<[RecordingCheckResult?]>(Array(repeating: nil, count: paths.count))
        let next = Atomic<Int>(0)
        let workers = max(1, min(jobs, paths.count))
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while true {
                let i = next.wrappingAdd(1, ordering: .relaxed).oldValue
                guard i < paths.count else { return }
                let result = check.check(path: paths[i]) { progress(i, $0) }
                progress(i, 1)
                results.withLock { $0[i] = result }
            }
        }
        return CheckReport(results: results.withLock { $0.map { $0! } }, found: found, language: check.language)
    }

    /// Counts per verdict.
    public var counts: (pass: Int, warn: Int, fail: Int) {
        (results.filter { $0.verdict == .pass }.count,
         results.filter { $0.verdict == .warn }.count,
         results.filter { $0.verdict == .fail }.count)
    }

    // MARK: For people

    /// A line per recording (verdict, duration, picture size, problems), then a summary line.
    public func table() -> String {
        let say = { (phrase: Phrase) in language.say(phrase) }
        let verdictWidth = Verdict.allLabels(language).map(\.count).max()!
        // File names, or whole paths when two recordings in different folders share a name.
        let names = results.map { ($0.path as NSString).lastPathComponent }
        let shown = Set(names).count == names.count ? names : results.map(\.path)
        let nameWidth = min(40, shown.map(\.count).max() ?? 0)
        var lines: [String] = []
        for (result, name) in zip(results, shown) {
            let duration = result.durationSeconds.map { MarkerTime.durationText($0) } ?? "-"
            let size = result.media?.video?.video.map { "\($0.displayWidth)x\($0.displayHeight)" } ?? "-"
            let verdict = result.verdict.label(in: language).uppercased()
            var line = pad(verdict, verdictWidth) + "  " + pad(name, nameWidth) + "  " + pad(duration, 7, left: true)
                + "  " + pad(size, 9)
            if let first = result.problems.first {
                line += "  " + describe(first)
                lines.append(line)
                let indent = String(repeating: " ", count: verdictWidth + nameWidth + 7 + 9 + 8)
                for problem in result.problems.dropFirst() { lines.append(indent + describe(problem)) }
            } else {
                lines.append(String(line.reversed().drop { $0 == " " }.reversed()))
            }
        }
        let c = counts
        lines.append(say(Words.checkSummary(recordings: results.count, pass: c.pass, warn: c.warn, fail: c.fail,
                                            skippedHidden: found.skippedHidden, skippedNotVideo: found.skippedNotMedia)))
        return lines.joined(separator: "\n") + "\n"
    }

    private func describe(_ problem: Problem) -> String {
        let mark: String
        switch problem.severity {
        case .fail: mark = "✗"
        case .warn: mark = "!"
        case .info: mark = "·"
        }
        return "\(mark) \(problem.message) [\(problem.code.rawValue)]"
    }

    private func pad(_ text: String, _ width: Int, left: Bool = false) -> String {
        // Long names keep their end (the file name), not their start.
        let clipped = text.count > width ? "…" + String(text.suffix(width - 1)) : text
        let space = String(repeating: " ", count: max(0, width - clipped.count))
        return left ? space + clipped : clipped + space
    }

    // MARK: For scripts

    /// The report as JSON (`{"recordings": [...], "summary": {...}}`), keys in a stable order.
    public func json() throws -> String {
        let c = counts
        let document = JSONReport(
            recordings: results.map(JSONReport.Recording.init),
            summary: .init(total: results.count, pass: c.pass, warn: c.warn, fail: c.fail,
                           skippedHidden: found.skippedHidden, skippedNotMedia: found.skippedNotMedia)
        )
        return try encodeJSON(document)
    }
}

extension Verdict {
    static func allLabels(_ language: Language) -> [String] {
        [Verdict.pass, .warn, .fail].map { $0.label(in: language).uppercased() }
    }
}

/// Encodes for scripts: snake_case keys, sorted, pretty-printed, `null` kept for absent values.
public func encodeJSON<T: Encodable>(_ value: T) throws -> String {
    let encoder = JSONEncoder()
    encoder.keyEncodingStrategy = .convertToSnakeCase
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
}

struct JSONReport: Encodable {
    struct Recording: Encodable {
        var path: String
        var verdict: Verdict
        var durationSeconds: Double?
        var problems: [Problem]
        var container: String?
        var video: Video?
        var audio: Audio?

        struct Video: Encodable {
            var codec: String
            var width: Int
            var height: Int
            var displayWidth: Int
            var displayHeight: Int
            var rotation: Int
            var frameRate: Double?
            var variableFrameRate: Bool?
            var hdr: Bool
        }

        struct Audio: Encodable {
            var codec: String
            var sampleRate: Int
            var channels: Int
        }

        init(_ result: RecordingCheckResult) {
            path = result.path
            verdict = result.verdict
            durationSeconds = result.durationSeconds
            problems = result.problems
            container = result.media?.container
            if let stream = result.media?.video, let v = stream.video {
                video = Video(codec: stream.codec, width: v.width, height: v.height, displayWidth: v.displayWidth,
                              displayHeight: v.displayHeight, rotation: v.rotation,
                              frameRate: stream.timing?.averageFrameRate ?? v.headerFrameRate?.doubleValue,
                              variableFrameRate: stream.timing?.isVariable, hdr: v.isHDR)
            }
            if let stream = result.media?.audio, let a = stream.audio {
                audio = Audio(codec: stream.codec, sampleRate: a.sampleRate, channels: a.channels)
            }
        }

        // Absent values are written as null, not left out, so scripts see every key.
        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(path, forKey: .path)
            try c.encode(verdict, forKey: .verdict)
            try c.encode(durationSeconds, forKey: .durationSeconds)
            try c.encode(problems, forKey: .problems)
            try c.encode(container, forKey: .container)
            try c.encode(video, forKey: .video)
            try c.encode(audio, forKey: .audio)
        }

        enum CodingKeys: String, CodingKey { case path, verdict, durationSeconds, problems, container, video, audio }
    }

    struct Summary: Encodable {
        var total, pass, warn, fail, skippedHidden, skippedNotMedia: Int
    }

    var recordings: [Recording]
    var summary: Summary
}
