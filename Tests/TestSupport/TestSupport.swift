import Foundation

/// The package's root folder, found from this file's place in it.
public let packageRoot: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// A generated fixture (see `Scripts/make-fixtures.sh` and `Fixtures/README.md`).
public func fixture(_ name: String) -> String {
    packageRoot.appendingPathComponent("Fixtures/generated").appendingPathComponent(name).path
}

/// What a finished program said.
public struct ProgramOutput: Sendable {
    public var status: Int32
    public var stdout: String
    public var stderr: String
}

/// Runs a program to completion and returns what it printed and its exit status.
public func run(_ executable: String, _ arguments: [String], environment: [String: String]? = nil,
                in folder: String? = nil) throws -> ProgramOutput {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    if let environment { process.environment = environment }
    if let folder { process.currentDirectoryURL = URL(fileURLWithPath: folder) }
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = FileHandle.nullDevice
    try process.run()
    // Read both pipes while the program runs, so neither can fill up and block it.
    let errData = LockedData()
    let errReader = Thread { errData.set(err.fileHandleForReading.readDataToEndOfFile()) }
    errReader.start()
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    while !errData.isSet { usleep(1000) }
    return ProgramOutput(status: process.terminationStatus,
                         stdout: String(decoding: outData, as: UTF8.self),
                         stderr: String(decoding: errData.get(), as: UTF8.self))
}

private final class LockedData: @unchecked Sendable {
    private let lock = NSLock()
    private var data: Data?
    func set(_ d: Data) { lock.lock(); data = d; lock.unlock() }
    func get() -> Data { lock.lock(); defer { lock.unlock() }; return data ?? Data() }
    var isSet: Bool { lock.lock(); defer { lock.unlock() }; return data != nil }
}

/// Finds a program on PATH.
public func which(_ name: String) -> String? {
    for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
        let path = "\(dir)/\(name)"
        if FileManager.default.isExecutableFile(atPath: path) { return path }
    }
    return nil
}

/// The ffmpeg CLI's answers about a file: the independent oracle.
public enum Oracle {
    /// `ffprobe -of json` with the given arguments, parsed.
    public static func probe(_ path: String, _ arguments: [String]) throws -> [String: Any] {
        let ffprobe = try require_program("ffprobe")
        let output = try run(ffprobe, ["-v", "error", "-of", "json"] + arguments + [path])
        guard output.status == 0,
              let object = try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any] else {
            throw OracleError.failed("ffprobe \(arguments.joined(separator: " ")) \(path): \(output.stderr)")
        }
        return object
    }

    /// The container: `format` of `ffprobe -show_format`.
    public static func format(_ path: String) throws -> [String: Any] {
        try probe(path, ["-show_format"])["format"] as? [String: Any] ?? [:]
    }

    /// The first stream of a kind (`v` or `a`) of `ffprobe -show_streams`.
    public static func stream(_ path: String, _ kind: String) throws -> [String: Any]? {
        (try probe(path, ["-show_streams", "-select_streams", "\(kind):0"])["streams"] as? [[String: Any]])?.first
    }

    /// The Dolby Vision profile and base-layer compatibility ffprobe reads from the first video stream's
    /// configuration record, or nil when it has none.
    public static func dolbyVision(_ path: String) throws -> (profile: Int, compatibility: Int)? {
        let sideData = (try stream(path, "v")?["side_data_list"] as? [[String: Any]]) ?? []
        guard let record = sideData.first(where: { ($0["side_data_type"] as? String)?.contains("DOVI") == true }) else { return nil }
        guard let profile = record["dv_profile"] as? Int, let compatibility = record["dv_bl_signal_compatibility_id"] as? Int else {
            throw OracleError.failed("\(path): a DOVI record without profile: \(record)")
        }
        return (profile, compatibility)
    }

    /// Every packet of the first video stream: presentation time in ticks and keyframe flag.
    public static func videoPackets(_ path: String) throws -> [(pts: Int64, key: Bool)] {
        let packets = try probe(path, ["-show_entries", "packet=pts,flags", "-select_streams", "v:0"])["packets"]
            as? [[String: Any]] ?? []
        return packets.compactMap { p in
            guard let pts = p["pts"] as? Int64 ?? (p["pts"] as? Int).map(Int64.init) else { return nil }
            return (pts, (p["flags"] as? String ?? "").contains("K"))
        }
    }

    /// What `ffmpeg -v error -i PATH -f null -` prints about reading and decoding (the null muxer's own
    /// complaints about the CLI's output timing on variable frame rate are left out).
    public static func decodeErrors(_ path: String) throws -> String {
        let ffmpeg = try require_program("ffmpeg")
        let stderr = try run(ffmpeg, ["-nostdin", "-v", "error", "-i", path, "-f", "null", "-"]).stderr
        return stderr.split(separator: "\n").filter { !$0.hasPrefix("[null @") }.joined(separator: "\n")
    }

    /// Frames the ffmpeg CLI decodes from the first video stream.
    public static func decodedVideoFrames(_ path: String) throws -> Int {
        let s = try probe(path, ["-count_frames", "-select_streams", "v:0", "-show_entries", "stream=nb_read_frames"])
        let value = ((s["streams"] as? [[String: Any]])?.first?["nb_read_frames"] as? String) ?? ""
        guard let n = Int(value) else { throw OracleError.failed("no frame count for \(path)") }
        return n
    }
}

public enum OracleError: Error, CustomStringConvertible {
    case failed(String)
    case missingProgram(String)
    public var description: String {
        switch self {
        case .failed(let s): return s
        case .missingProgram(let s): return "\(s) is not installed; run Scripts/setup.sh"
        }
    }
}

/// The path of a program the tests need, or an error that says how to install it.
private func require_program(_ name: String) throws -> String {
    guard let path = which(name) else { throw OracleError.missingProgram(name) }
    return path
}

/// The built `inbeeld` program: beside the test runner (same build folder), or `INBEELD_BIN`.
public func inbeeldProgram() throws -> String {
    if let path = ProcessInfo.processInfo.environment["INBEELD_BIN"] { return path }
    // Built beside the tests (the CLI tests depend on the product), so never a stale one from elsewhere.
    let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("inbeeld").path
    guard FileManager.default.isExecutableFile(atPath: beside) else {
        throw OracleError.missingProgram("inbeeld, next to the tests at \(beside)")
    }
    return beside
}

/// Runs `inbeeld` with the given arguments; `LANG` is English unless `language` says otherwise.
public func inbeeld(_ arguments: [String], lang: String = "en_US.UTF-8") throws -> ProgramOutput {
    var environment = ProcessInfo.processInfo.environment
    environment["LANG"] = lang
    environment["LC_ALL"] = nil
    environment["LC_MESSAGES"] = nil
    return try run(try inbeeldProgram(), arguments, environment: environment)
}

/// Where a barcode runs in a picture: along the top (as made), or down the right edge (turned a
/// quarter clockwise).
public enum BarcodeEdge: Sendable { case top, right }

extension Oracle {
    /// A picture file's size and 8-bit gray pixels, decoded by the ffmpeg CLI.
    public static func grayPixels(_ path: String) throws -> (width: Int, height: Int, pixels: [UInt8]) {
        let s = try require_stream(path)
        let ffmpeg = try require_program("ffmpeg")
        let out = try runData(ffmpeg, ["-nostdin", "-v", "error", "-i", path, "-frames:v", "1", "-f", "rawvideo", "-pix_fmt", "gray", "-"])
        guard out.count == s.width * s.height else { throw OracleError.failed("\(path): \(out.count) bytes of gray") }
        return (s.width, s.height, [UInt8](out))
    }

    /// A picture file's RGB colour at a pixel, decoded by the ffmpeg CLI.
    public static func rgb(_ path: String, x: Int, y: Int) throws -> [Int] {
        let ffmpeg = try require_program("ffmpeg")
        let out = try runData(ffmpeg, ["-nostdin", "-v", "error", "-i", path, "-frames:v", "1",
                                       "-vf", "crop=2:2:\(x):\(y)", "-f", "rawvideo", "-pix_fmt", "rgb24", "-"])
        guard out.count >= 3 else { throw OracleError.failed("\(path): no pixel") }
        return [Int(out[0]), Int(out[1]), Int(out[2])]
    }

    /// The frame index a barcoded picture carries (see Fixtures/README.md): 16 blocks, bit k in block k.
    public static func barcode(_ path: String, edge: BarcodeEdge = .top) throws -> Int {
        let (w, h, px) = try grayPixels(path)
        var value = 0
        for k in 0..<16 {
            let (x, y): (Int, Int)
            switch edge {
            case .top: (x, y) = ((2 * k + 1) * w / 32, 8 * h / 240)
            case .right: (x, y) = (w - 1 - 8 * w / 240, (2 * k + 1) * h / 32)
            }
            if px[y * w + x] > 128 { value |= 1 << k }
        }
        return value
    }

    /// Every video frame's presentation time in ticks (sorted), the time base, and the container's start
    /// time in microseconds, as ffprobe states them.
    public static func presentationTimes(_ path: String) throws -> (pts: [Int64], num: Int64, den: Int64, startMicroseconds: Int64) {
        let v = try stream(path, "v") ?? [:]
        let tb = (v["time_base"] as? String ?? "").split(separator: "/").compactMap { Int64($0) }
        guard tb.count == 2 else { throw OracleError.failed("\(path): no time base") }
        let start = Double(try format(path)["start_time"] as? String ?? "0") ?? 0
        return (try videoPackets(path).map(\.pts).sorted(), tb[0], tb[1], Int64((start * 1_000_000).rounded()))
    }

    /// The rule of ../shared/MEDIA-NOTES.md, in exact integers: the index of the frame with the largest
    /// pts <= T + 0.5 ms (the first frame when T is before it).
    public static func frameShown(atMicroseconds t: Int64, in timeline: (pts: [Int64], num: Int64, den: Int64, startMicroseconds: Int64)) -> Int {
        let limit = t + 500 + timeline.startMicroseconds
        let index = timeline.pts.lastIndex { p in p * timeline.num * 1_000_000 <= limit * timeline.den }
        return index ?? 0
    }
}

/// Runs a program and returns its standard output as bytes.
public func runData(_ executable: String, _ arguments: [String]) throws -> Data {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    let out = Pipe()
    process.standardOutput = out
    process.standardError = FileHandle.nullDevice
    process.standardInput = FileHandle.nullDevice
    try process.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return data
}

private func require_stream(_ path: String) throws -> (width: Int, height: Int) {
    guard let s = try Oracle.stream(path, "v"), let w = s["width"] as? Int, let h = s["height"] as? Int else {
        throw OracleError.failed("\(path): no picture")
    }
    return (w, h)
}

/// A folder named as a coach names one (`.../opnames`), in a fresh temporary folder: the page shows the
/// folder's name in its header, and pictures made for people should not show a test's. Remove it with
/// `removeCoachFolder`.
public func coachFolder() -> String {
    let path = temporaryFolder() + "/opnames"
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

public func removeCoachFolder(_ path: String) {
    try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent)
}

extension Oracle {
    /// The barcode of every frame of a video file, in the order the ffmpeg CLI decodes and shows them
    /// (rotation not applied). With `ignoreEditList`, as a player that ignores MP4 edit lists would.
    public static func barcodes(ofVideo path: String, ignoreEditList: Bool = false) throws -> [Int] {
        guard let s = try stream(path, "v"), let w = s["width"] as? Int, let h = s["height"] as? Int else {
            throw OracleError.failed("\(path): no picture")
        }
        let ffmpeg = try require_program("ffmpeg")
        let data = try runData(ffmpeg, ["-nostdin", "-v", "error"] + (ignoreEditList ? ["-ignore_editlist", "1"] : [])
                               + ["-noautorotate", "-i", path, "-map", "0:v:0", "-fps_mode", "passthrough",
                                  "-f", "rawvideo", "-pix_fmt", "gray", "-"])
        let frameSize = w * h
        return stride(from: 0, to: data.count - frameSize + 1, by: frameSize).map { start in
            var value = 0
            for k in 0..<16 where data[data.startIndex + start + (8 * h / 240) * w + (2 * k + 1) * w / 32] > 128 {
                value |= 1 << k
            }
            return value
        }
    }

    /// The first audio stream decoded by the ffmpeg CLI to mono 32-bit float samples at `rate`.
    public static func audioSamples(_ path: String, rate: Int = 48000) throws -> [Float] {
        let ffmpeg = try require_program("ffmpeg")
        let data = try runData(ffmpeg, ["-nostdin", "-v", "error", "-i", path, "-map", "0:a:0", "-ac", "1", "-ar", String(rate),
                                        "-f", "f32le", "-"])
        return data.withUnsafeBytes { Array($0.bindMemory(to: Float.self)) }
    }
}

/// A new empty folder under the system's temporary folder, for one test (the test removes it).
public func temporaryFolder() -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("inbeeld-test-\(UUID().uuidString)").path
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

extension Oracle {
    /// The barcode of every frame of an MP4/QuickTime file as a player stack that shares no code with
    /// FFmpeg shows them: GStreamer's demuxer (`qtdemux`, which honours edit lists) and Cisco's OpenH264
    /// decoder. The sound, when there is one, goes to a sink of its own so the demuxer is not held up.
    /// A picture is on screen from its presentation time until the next one's: one whose successor has the
    /// same time is never seen. (GStreamer 1.28 rounds a frame's duration up by a nanosecond and so keeps
    /// the frame before an edit list's start, clipped to the start: two pictures at the same time. Durations
    /// themselves say nothing here: 1.28 takes them from the decode-time steps of the sample table.)
    public static func openH264Barcodes(ofVideo path: String) throws -> [Int] {
        guard let s = try stream(path, "v"), let w = s["width"] as? Int, let h = s["height"] as? Int else {
            throw OracleError.failed("\(path): no picture")
        }
        let gst = try require_program("gst-launch-1.0")
        let pixels = temporaryFolder() + "/frames.gray"
        defer { try? FileManager.default.removeItem(atPath: (pixels as NSString).deletingLastPathComponent) }
        var pipeline = ["-v", "filesrc", "location=\(path)", "!", "qtdemux", "name=d", "d.video_0", "!", "queue", "!",
                        "h264parse", "!", "openh264dec", "!", "videoconvert", "!", "video/x-raw,format=GRAY8", "!",
                        "identity", "name=shown", "silent=false", "!", "filesink", "location=\(pixels)", "async=false"]
        if try stream(path, "a") != nil { pipeline += ["d.audio_0", "!", "queue", "!", "fakesink", "async=false"] }
        let log = try run(gst, pipeline)
        guard log.status == 0 else { throw OracleError.failed("gst-launch-1.0: \(log.stderr)") }
        // One line per picture from the identity element, in order: its presentation time.
        let times: [Int64?] = log.stdout.split(separator: "\n").filter { $0.contains("= chain") && $0.contains("(shown:sink)") }.map { line in
            guard let range = line.range(of: "pts: ") else { return nil }
            let clock = line[range.upperBound...].prefix { $0 != "," }.split(separator: ":")
            guard clock.count == 3, let hours = Int64(clock[0]), let minutes = Int64(clock[1]) else { return nil }
            let parts = clock[2].split(separator: ".")
            guard let seconds = Int64(parts[0]), let nanos = Int64(parts.count > 1 ? parts[1] : "0") else { return nil }
            return ((hours * 60 + minutes) * 60 + seconds) * 1_000_000_000 + nanos
        }
        let data = try Data(contentsOf: URL(fileURLWithPath: pixels))
        // GStreamer's rows start on 4-byte boundaries.
        let rowBytes = (w + 3) & ~3, frameSize = rowBytes * h
        let frames = data.count / frameSize
        guard times.count == frames else { throw OracleError.failed("\(path): \(frames) pictures, \(times.count) buffer lines") }
        return (0..<frames).compactMap { i in
            if i + 1 < frames, let t = times[i], let next = times[i + 1], next <= t { return nil }
            let start = i * frameSize
            var value = 0
            for k in 0..<16 where data[data.startIndex + start + (8 * h / 240) * rowBytes + (2 * k + 1) * w / 32] > 128 {
                value |= 1 << k
            }
            return value
        }
    }

    /// The H.264 level a clip declares (`level_idc`, 31 for 3.1), as ffprobe reads it.
    public static func declaredLevel(_ path: String) throws -> Int? {
        try stream(path, "v")?["level"] as? Int
    }
}

extension Oracle {
    /// RGB pixels of a picture file, or of frame `index` (presentation order) of a video, decoded by the
    /// ffmpeg CLI (the video upright, as players show it, and scaled to `width` x `height` when given).
    /// The luma samples of one frame as stored, 10-bit (values 0-1023), decoded by the ffmpeg CLI.
    public static func luma10(_ path: String, frame index: Int = 0) throws -> [Int] {
        let ffmpeg = try require_program("ffmpeg")
        let data = try runData(ffmpeg, ["-nostdin", "-v", "error", "-i", path, "-vf", "select=eq(n\\,\(index)),format=yuv420p10le,extractplanes=y",
                                        "-frames:v", "1", "-f", "rawvideo", "-pix_fmt", "gray10le", "-"])
        return stride(from: 0, to: data.count - 1, by: 2).map { Int(data[$0]) | Int(data[$0 + 1]) << 8 }
    }

    public static func rgbPixels(_ path: String, frame index: Int = 0, width: Int? = nil, height: Int? = nil) throws -> [UInt8] {
        let ffmpeg = try require_program("ffmpeg")
        var filters = ["select=eq(n\\,\(index))"]
        if let width, let height { filters.append("scale=\(width):\(height):flags=bicubic") }
        return [UInt8](try runData(ffmpeg, ["-nostdin", "-v", "error", "-i", path, "-vf", filters.joined(separator: ","),
                                            "-frames:v", "1", "-f", "rawvideo", "-pix_fmt", "rgb24", "-"]))
    }

    /// The mean absolute difference of two equally long pixel buffers, in levels of 255.
    public static func meanAbsoluteDifference(_ a: [UInt8], _ b: [UInt8]) -> Double {
        guard a.count == b.count, !a.isEmpty else { return .infinity }
        var sum = 0
        for i in a.indices { sum += abs(Int(a[i]) - Int(b[i])) }
        return Double(sum) / Double(a.count)
    }
}
