import Foundation
import InBeeldMarkers

/// `inbeeld markers convert`: reads a marker file in one format and writes it in another, whole or not at
/// all, optionally moving the times to a fragment's clock.
public struct MarkerConversionJob: Sendable {
    public var input: String
    public var output: String
    /// The input's format; guessed from its name and content when nil.
    public var from: MarkerFormat?
    /// The output's format; guessed from its name when nil.
    public var to: MarkerFormat?
    /// Recording time of the fragment's start: times become fragment times. A leading `-` maps back.
    public var fragmentFrom: String?
    public var force: Bool
    /// The media file whose markers to take from a file holding several's (a BORIS observation of several).
    public var media: String?
    /// The recording's frame rate (`25`, `29.97`, `30000/1001`), for timecodes (`00:01:02:12`).
    public var framesPerSecond: String?
    /// An ELAN document's tiers to take markers from (empty: its independent tiers).
    public var tiers: [String] = []
    public var language: Language

    public init(input: String, output: String, from: MarkerFormat? = nil, to: MarkerFormat? = nil, fragmentFrom: String? = nil,
                force: Bool = false, media: String? = nil, framesPerSecond: String? = nil, language: Language) {
        self.media = media
        self.framesPerSecond = framesPerSecond
        self.input = input
        self.output = output
        self.from = from
        self.to = to
        self.fragmentFrom = fragmentFrom
        self.force = force
        self.language = language
    }

    /// The messages for people, each naming the file (and line) it is about.
    public struct Failure: Error, Sendable { public var messages: [String] }

    /// What is wrong with the options before any file is read, if anything (for the command line's usage error).
    public var optionProblem: String? {
        if let f = framesPerSecond, Self.rate(f) == nil {
            return language.say(Words.fpsIsNotARate(f))
        }
        if let f = fragmentFrom, Self.fragmentShift(f) == nil {
            return language.say(Words.fragmentFromIsNotATime(f))
        }
        if to == nil && MarkerFormat.guess(path: output, content: "time") == nil {
            return language.say(Words.outputFormatUnknown(output))
        }
        return nil
    }

    /// Converts; returns how many markers were written. `note` hears a line for people about how the input
    /// was read, when it was not UTF-8.
    public func run(note: (String) -> Void = { _ in }) throws(Failure) -> Int {
        let say = { (phrase: Phrase) in language.say(phrase) }
        if let problem = optionProblem { throw Failure(messages: [problem]) }
        guard let data = FileManager.default.contents(atPath: input) else {
            throw Failure(messages: ["\(input): " + say(Words.theFileCannotBeRead)])
        }
        // A workbook (BORIS's XLSX export, a list saved from Excel) is told by its bytes; text by its name and
        // content (here only to say so when it cannot be; `MarkerFile.read` guesses the same).
        if from == nil, !MarkerFile.isWorkbook(data) {
            guard let (text, _) = MarkerText.decode(data) else {
                throw Failure(messages: ["\(input): " + say(Words.thisIsNotATextFile)])
            }
            guard MarkerFormat.guess(path: input, content: text) != nil else {
                throw Failure(messages: ["\(input): " + say(Words.theFormatCannotBeToldFrom)])
            }
        }
        let to = to ?? MarkerFormat.guess(path: output, content: "time")!
        if !force, FileManager.default.fileExists(atPath: output) {
            throw Failure(messages: [say(Words.alreadyExistsOverwriteWithForce(output))])
        }
        do {
            var markers = try MarkerFile.read(data, path: input, format: from, media: media, tiers: tiers) { encoding in
                if let line = MarkerText.note(encoding, path: input, language: language) { note(line) }
            }
            if let timecode = markers.first(where: { if case .timecode = $0.time { true } else { false } }) {
                guard let rate = framesPerSecond.flatMap(Self.rate) else {
                    throw Failure(messages: ["\(input), " + say(Words.lineIsATimecodeGiveThe(timecode.line, timecode.time))])
                }
                markers = try markers.map { m throws(Failure) in
                    guard let time = m.time.resolvingTimecode(framesPerSecond: rate) else {
                        throw Failure(messages: ["\(input), " + say(Words.lineDoesNotFitFramesA(m.line, m.time, framesPerSecond!))])
                    }
                    var resolved = m
                    resolved.time = time
                    return resolved
                }
            }
            // Frame numbers (`#N`, LosslessCut's frames CSV) become times at --fps; for LosslessCut's frames CSV,
            // times become frame numbers (after the shift, which moves times).
            let rate = framesPerSecond.flatMap(Self.rate)
            if let rate, to != .losslesscutFrames {
                markers = markers.map { m in
                    guard case .frame(let n) = m.time else { return m }
                    var moved = m
                    moved.time = .clock(microseconds: Int64((Double(n) * 1_000_000 / rate).rounded(.up)))
                    return moved
                }
            }
            if let f = fragmentFrom, let shift = Self.fragmentShift(f) {
                markers = try MarkerConversion.shift(markers, by: shift)
            }
            if let rate, to == .losslesscutFrames {
                markers = markers.map { m in
                    guard case .clock(let us) = m.time else { return m }
                    var moved = m
                    moved.time = .frame(Int((Double(us) * rate / 1_000_000).rounded()))
                    return moved
                }
            }
            let written = try MarkerConversion.write(markers, format: to, mediaName: media.map(MarkerConversion.mediaName) ?? "")
            try OutputFiles.write(Data(written.utf8), to: output)
            return markers.count
        } catch let error as Failure {
            throw error
        } catch let error as MarkerFileError {
            throw Failure(messages: error.messages(in: language))
        } catch let error as MarkerConversionError {
            throw Failure(messages: [MarkerConversionError(path: error.path ?? input, line: error.line, error.reason).message(in: language)])
        } catch let error as OutputFiles.WriteError {
            throw Failure(messages: ["\(error.path): \(error.reason)"])
        } catch {
            throw Failure(messages: ["\(input): \(error)"])
        }
    }

    /// A frame rate as `25`, `29.97` or `30000/1001`; nil when it is none (or not between 1 and 1000).
    static func rate(_ text: String) -> Double? {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let n = Double(parts[0]) else { return nil }
        let value = parts.count == 2 ? Double(parts[1]).map { n / $0 } : n
        guard let value, value.isFinite, (1...1000).contains(value) else { return nil }
        return value
    }

    /// `--fragment-from T` moves times by -T; `-T` moves them back by +T. Nil when T is not a clock time.
    static func fragmentShift(_ text: String) -> Int64? {
        let negative = text.hasPrefix("-")
        guard case .clock(let us)? = MarkerTime(parsing: negative ? String(text.dropFirst()) : text) else { return nil }
        return negative ? us : -us
    }
}
