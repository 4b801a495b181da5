internal import CFFmpeg

/// A failure in the media layer, carrying FFmpeg's own message where FFmpeg reported it.
public enum MediaError: Error, Sendable, Equatable, CustomStringConvertible {
    /// An FFmpeg call returned a negative error code.
    /// `code` is FFmpeg's `AVERROR` value; `message` is `av_strerror`'s text for it.
    case ffmpeg(call: String, code: Int32, message: String)
    /// An FFmpeg allocation returned NULL.
    case outOfMemory(String)
    /// The file holds no stream of the kind asked for.
    case noStream(String)
    /// No decoder is available for the stream's codec.
    case noDecoder(codec: String)
    /// This FFmpeg has no encoder of that name (`libx264`, `aac`, `png`, ...).
    case noEncoder(String)
    /// The recording has no frame with this index (presentation order).
    case noSuchFrame(Int)
    /// The frame is in the recording's index but the decoder did not give it (damage, or a stream that
    /// ends early).
    case frameNotDecoded(Int)
    /// The decoder marked a frame as damaged (concealed).
    case damagedFrame
    /// The demuxer read a packet that the file cuts short.
    case packetCutShort
    /// A smart cut was not made, and why (the caller cuts in exact mode instead and says so in one line).
    case smartCutRefused(String)
    /// The work was stopped on request (Ctrl-C).
    case cancelled
    /// Something InBeeld checks on its own output did not hold.
    case inconsistent(String)

    public var description: String {
        switch self {
        case let .ffmpeg(call, code, message): return "\(call) failed: \(message) (\(code))"
        case let .outOfMemory(call): return "\(call): out of memory"
        case let .noStream(kind): return "no \(kind) stream"
        case let .noDecoder(codec): return "no decoder for codec \(codec)"
        case let .noEncoder(name): return "no \(name) encoder in this FFmpeg"
        case let .noSuchFrame(index): return "there is no frame #\(index)"
        case let .frameNotDecoded(index): return "frame #\(index) did not come out of the decoder"
        case .damagedFrame: return "damaged frame"
        case .packetCutShort: return "packet cut short"
        case let .smartCutRefused(reason): return "smart cut not possible: \(reason)"
        case .cancelled: return "stopped"
        case let .inconsistent(what): return what
        }
    }

    /// What kind of failure this is, without FFmpeg's numbers, for callers deciding what to tell people.
    public var kind: Kind {
        switch self {
        case let .ffmpeg(_, code, _):
            switch code {
            case ib_averror_eacces(): return .permissionDenied
            case ib_averror_enoent(): return .notFound
            case ib_averror_invaliddata(): return .invalidData
            case ib_averror_eof(): return .endOfFile
            default: return .other
            }
        case .outOfMemory: return .other
        case .noStream: return .other
        case .noDecoder, .noEncoder: return .unsupportedCodec
        case .frameNotDecoded, .damagedFrame, .packetCutShort: return .invalidData
        case .noSuchFrame: return .other
        case .cancelled, .inconsistent, .smartCutRefused: return .other
        }
    }

    public enum Kind: Sendable, Equatable {
        case permissionDenied, notFound, invalidData, endOfFile, unsupportedCodec, other
    }
}

/// FFmpeg's message for an error code. Wraps `av_strerror`.
func ffmpegMessage(_ code: Int32) -> String {
    var buffer = [CChar](repeating: 0, count: 256)
    if av_strerror(code, &buffer, buffer.count) < 0 {
        return "unknown error \(code)"
    }
    return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
}

/// Throws a `MediaError.ffmpeg` naming `call` when `result` is negative; returns `result` otherwise.
@discardableResult
func check(_ result: Int32, _ call: @autoclosure () -> String) throws(MediaError) -> Int32 {
    if result < 0 {
        throw MediaError.ffmpeg(call: call(), code: result, message: ffmpegMessage(result))
    }
    return result
}

/// Why `StillGrabber.grab` stopped: the media work itself, or what the caller's `deliver` threw (its own
/// error, passed through unchanged: a file that could not be written, say).
public enum GrabFailure: Error, Sendable, CustomStringConvertible {
    case media(MediaError)
    case delivery(any Error)

    public var description: String {
        switch self {
        case .media(let error): "\(error)"
        case .delivery(let error): "\(error)"
        }
    }
}
