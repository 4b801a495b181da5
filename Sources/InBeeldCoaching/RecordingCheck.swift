import Foundation
import InBeeldMedia

/// What the method asks of a recording before a coaching session (step 1, *opname*): 5 to 8 minutes
/// of children playing, readable, with picture and sound, and nothing on it that gives away where or
/// with what it was made.
public struct RecordingLimits: Sendable, Equatable {
    /// Shortest and longest allowed recording, in milliseconds.
    public var minimumMilliseconds: Int64
    public var maximumMilliseconds: Int64
    /// Fewer picture lines than this is too little to see children's faces and gestures.
    public var minimumLines: Int

    public init(minimumMilliseconds: Int64 = 300_000, maximumMilliseconds: Int64 = 480_000, minimumLines: Int = 480) {
        self.minimumMilliseconds = minimumMilliseconds
        self.maximumMilliseconds = maximumMilliseconds
        self.minimumLines = minimumLines
    }

    /// The method's limits: 5:00 to 8:00.
    public static let method = RecordingLimits()
}

/// How bad a problem is: `fail` makes the recording unusable, `warn` needs a look, `info` is only said.
public enum Severity: String, Sendable, Codable, Comparable {
    case info, warn, fail

    public static func < (a: Severity, b: Severity) -> Bool {
        let order: [Severity] = [.info, .warn, .fail]
        return order.firstIndex(of: a)! < order.firstIndex(of: b)!
    }
}

/// The verdict on one recording.
public enum Verdict: String, Sendable, Codable {
    case pass, warn, fail

    public func label(in language: Language) -> String {
        switch self {
        case .pass: return language.say(Words.pass)
        case .warn: return language.say(Words.warn)
        case .fail: return language.say(Words.fail)
        }
    }
}

/// A problem found in a recording. Codes are stable: scripts may rely on them.
public enum ProblemCode: String, Sendable, Codable, CaseIterable {
    case unreadable, incomplete, noVideo = "no_video", tooShort = "too_short", tooLong = "too_long"
    case unsupportedCodec = "unsupported_codec", corrupt
    case dolbyVisionOnly = "dolby_vision_only"
    case noAudio = "no_audio", locationMetadata = "location_metadata", lowResolution = "low_resolution", hdr
    case variableFrameRate = "variable_frame_rate", rotation

    public var severity: Severity {
        switch self {
        case .unreadable, .incomplete, .noVideo, .tooShort, .tooLong, .unsupportedCodec, .corrupt, .dolbyVisionOnly: return .fail
        case .noAudio, .locationMetadata, .lowResolution: return .warn
        case .variableFrameRate, .rotation, .hdr: return .info
        }
    }
}

/// One problem with its message for people.
public struct Problem: Error, Sendable, Codable, Equatable {
    public var code: ProblemCode
    public var severity: Severity
    public var message: String

    public init(_ code: ProblemCode, _ message: String) {
        self.code = code
        self.severity = code.severity
        self.message = message
    }
}

/// The outcome of checking one recording.
public struct RecordingCheckResult: Sendable {
    public var path: String
    public var problems: [Problem]
    /// What the file holds, when it could be read.
    public var media: MediaInfo?

    public var verdict: Verdict {
        let worst = problems.map(\.severity).max() ?? .info
        switch worst {
        case .fail: return .fail
        case .warn: return .warn
        case .info: return .pass
        }
    }

    public var durationSeconds: Double? { media?.durationSeconds }
}

/// Checks recordings against the method's requirements. Reads files only; never changes or locks them.
public struct RecordingCheck: Sendable {
    public var limits: RecordingLimits
    /// Decode every frame of every stream to find damage (slow: reads the whole file).
    public var deep: Bool
    public var language: Language

    public init(limits: RecordingLimits = .method, deep: Bool = false, language: Language) {
        self.limits = limits
        self.deep = deep
        self.language = language
    }

    /// Checks the file at `path`. Never throws: every way a file can be bad is a problem in the result.
    /// - Parameter progress: with `deep`, called with the fraction of the file decoded.
    public func check(path: String, progress: (Double) -> Void = { _ in }) -> RecordingCheckResult {
        switch open(path: path, thorough: false) {
        case .failure(let problem):
            return RecordingCheckResult(path: path, problems: [problem], media: nil)
        case .success(let info):
            return check(path: path, info: info, progress: progress)
        }
    }

    /// Checks a recording already opened for media work: nothing is read again (unless `deep`).
    public func check(_ recording: Recording, progress: (Double) -> Void = { _ in }) -> RecordingCheckResult {
        check(path: recording.path, info: recording.info, progress: progress)
    }

    private func check(path: String, info: MediaInfo, progress: (Double) -> Void) -> RecordingCheckResult {
        let say = Messages(language: language)
        var result = RecordingCheckResult(path: path, problems: [], media: info)
        result.problems = problems(in: info, say)

        if deep, !result.problems.contains(where: { $0.code == .unreadable || $0.code == .unsupportedCodec || $0.code == .noVideo }) {
            do {
                let report = try InputFile(path: path).decodeEverything(progress: progress)
                if !report.isClean {
                    result.problems.append(Problem(.corrupt, say.corrupt(count: report.errorCount, at: report.firstErrorSeconds)))
                }
            } catch {
                result.problems.append(Problem(.corrupt, say.corrupt(count: 1, at: nil)))
            }
        }
        result.problems.sort { $0.severity > $1.severity }
        return result
    }

    /// Reads what the file at `path` holds, or says in the user's language why it cannot be read
    /// (a problem with code `unreadable` or `incomplete`).
    /// - Parameter thorough: let FFmpeg decode a few frames to learn every stream's parameters, even
    ///   when the header states them.
    public func open(path: String, thorough: Bool) -> Result<MediaInfo, Problem> {
        openFile(path: path) { file throws(MediaError) in try file.describe(thorough: thorough) }.map(\.info)
    }

    /// Opens the file at `path` and reads it with `describe`, or says why it cannot be read; the open file
    /// is handed back for more work.
    func openFile(path: String, _ describe: (InputFile) throws(MediaError) -> MediaInfo) -> Result<(file: InputFile, info: MediaInfo), Problem> {
        let say = Messages(language: language)
        if let reason = unreadableBeforeOpening(path, say) { return .failure(Problem(.unreadable, reason)) }
        do {
            let file = try InputFile(path: path)
            let info = try describe(file)
            // A single picture (a photo under a video's name) opens as an image sequence.
            if info.container.hasPrefix("image2") || info.container.hasSuffix("_pipe") {
                return .failure(Problem(.unreadable, say.picture(info.video?.codec ?? "?")))
            }
            return .success((file, info))
        } catch {
            if case .noVideoStream = error { return .failure(Problem(.noVideo, say.noVideo)) }
            return .failure(openingProblem(path, error, say))
        }
    }

    /// Why a recording that opened cannot be used for pictures (stills, cuts, sheets), if it cannot.
    func pictureProblem(_ info: MediaInfo, path: String) -> Problem? {
        let say = Messages(language: language)
        guard let video = info.video else { return Problem(.noVideo, "\(path): \(say.noVideo)") }
        guard video.decodable else { return Problem(.unsupportedCodec, "\(path): \(say.unsupported(video.codec))") }
        if let dv = video.video?.dolbyVision, !dv.hasCompatibleBaseLayer {
            return Problem(.dolbyVisionOnly, "\(path): \(say.dolbyVisionOnly(dv.profile))")
        }
        return nil
    }

    /// Reasons a file cannot be read that are clearer found before FFmpeg tries.
    private func unreadableBeforeOpening(_ path: String, _ say: Messages) -> String? {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else { return say.notFound }
        if isFolder.boolValue { return say.isFolder }
        guard FileManager.default.isReadableFile(atPath: path) else { return say.noPermission }
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.int64Value ?? 0
        if size == 0 { return say.empty }
        return nil
    }

    private func openingProblem(_ path: String, _ error: MediaError, _ say: Messages) -> Problem {
        if error.kind == .permissionDenied { return Problem(.unreadable, say.noPermission) }
        if looksLikeMP4(path) { return Problem(.incomplete, say.noIndex) }
        return Problem(.unreadable, say.notMedia)
    }

    /// MP4 and QuickTime files start with a box header whose type is `ftyp` (or, in old QuickTime
    /// files, `mdat`, `wide`, `moov`, `free`).
    private func looksLikeMP4(_ path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        guard let head = try? handle.read(upToCount: 8), head.count == 8 else { return false }
        let type = String(decoding: head[4..<8], as: UTF8.self)
        return ["ftyp", "mdat", "wide", "moov", "free"].contains(type)
    }

    private func problems(in info: MediaInfo, _ say: Messages) -> [Problem] {
        var found: [Problem] = []
        if info.truncated { found.append(Problem(.incomplete, say.cutShort)) }
        guard let video = info.video else {
            found.append(Problem(.noVideo, say.noVideo))
            return found
        }
        if !video.decodable { found.append(Problem(.unsupportedCodec, say.unsupported(video.codec))) }

        if let micros = info.durationMicroseconds {
            let ms = micros / 1000
            if ms < limits.minimumMilliseconds {
                found.append(Problem(.tooShort, say.lengthOutsideLimits(info.durationSeconds!, limits)))
            } else if ms > limits.maximumMilliseconds {
                found.append(Problem(.tooLong, say.lengthOutsideLimits(info.durationSeconds!, limits)))
            }
        } else {
            found.append(Problem(.incomplete, say.noDuration))
        }

        if info.audio == nil { found.append(Problem(.noAudio, say.noAudio)) }
        if let location = info.privacy.location { found.append(Problem(.locationMetadata, say.location(location))) }
        if let v = video.video {
            let lines = min(v.displayWidth, v.displayHeight)
            if lines > 0, lines < limits.minimumLines {
                found.append(Problem(.lowResolution, say.lowResolution(v.displayWidth, v.displayHeight, limits.minimumLines)))
            }
            if let dv = v.dolbyVision, !dv.hasCompatibleBaseLayer {
                found.append(Problem(.dolbyVisionOnly, say.dolbyVisionOnly(dv.profile)))
            } else if v.isHDR {
                found.append(Problem(.hdr, say.hdr(v.colorTransfer ?? "", v.bitDepth)))
            }
            if v.rotation != 0 { found.append(Problem(.rotation, say.rotation(v.rotation))) }
        }
        if let timing = video.timing, timing.isVariable {
            found.append(Problem(.variableFrameRate, say.variableFrameRate(timing)))
        }
        return found
    }
}
