internal import CFFmpeg

/// A failure in the media layer, carrying FFmpeg's own message where FFmpeg reported it.
public enum MediaError: Error, Sendable, Equatable, CustomStringConvertible {
    /// An FFmpeg call returned a negative error code.
    /// `code` is FFmpeg's `AVERROR` value; `message` is `av_strerror`'s text for it.
    case ffmpeg(call: String, code: Int32, message: String)
    /// An FFmpeg allocation returned NULL.
    case outOfMemory(String)
    /// The file holds no picture (no video stream).
    case noVideoStream
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
    case smartCutRefused(SmartCutRefusal)
    /// The work was stopped on request (Ctrl-C).
    case cancelled
    /// Something InBeeld checks on its own work did not hold.
    case inconsistent(Inconsistency)

    public var description: String {
        switch self {
        case let .ffmpeg(call, code, message): return "\(call) failed: \(message) (\(code))"
        case let .outOfMemory(call): return "\(call): out of memory"
        case .noVideoStream: return "no video stream"
        case let .noDecoder(codec): return "no decoder for codec \(codec)"
        case let .noEncoder(name): return "no \(name) encoder in this FFmpeg"
        case let .noSuchFrame(index): return "there is no frame #\(index)"
        case let .frameNotDecoded(index): return "frame #\(index) did not come out of the decoder"
        case .damagedFrame: return "damaged frame"
        case .packetCutShort: return "packet cut short"
        case let .smartCutRefused(reason): return "smart cut not possible: \(reason)"
        case .cancelled: return "stopped"
        case let .inconsistent(what): return "\(what)"
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
        case .noVideoStream: return .other
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

/// Why a smart cut was not made. The media layer says nothing to people: the coaching layer says each
/// reason in the coach's language; `description` is for logs and tests.
public enum SmartCutRefusal: Sendable, Equatable {
    case noFrames
    /// HDR becomes SDR in the clip, so every frame is re-encoded.
    case hdrBecomesSDR
    /// The picture is not H.264 (the codec's name).
    case notH264(codec: String)
    case notEightBit420
    /// The parameter sets are not in the sample entry (`avcC`).
    case parameterSetsNotInSampleEntry
    case noFreeParameterSetID
    case noKeyframeAfterFirstFrame
    case noKeyframeBeforeEnd
    case noWholeGroupOfPictures
    case noNALLengthSize
    case sequenceParameterSetUnreadable
    /// The keyframe at a seam is not an IDR picture (an open GOP).
    case seamNotIDR
    case unusualSeamTimestamps
    case encoderGaveNoParameterSets
    case encoderParameterSetsDiffer
    case reencodedFrameCount(made: Int, expected: Int)
    case nothingToReencode
    case decodeTimesWouldNotRise
    /// A picture of the copied part lies outside it (an open GOP).
    case pictureOutsideCopiedPart
    case clipHasNoPicture
    /// The clip does not decode at a seam: a damaged picture, or the decoder's error.
    indirect case seamDoesNotDecode(MediaError?)
    case seamFramesUnexpected
}

/// Something InBeeld checks on its own work that did not hold (a bug, or a recording damaged in a way
/// the reading did not notice).
public enum Inconsistency: Sendable, Equatable {
    case noFramesInFragment
    /// The clip would have `sent` of its `total` frames (the recording may be damaged).
    case clipFrameCount(sent: Int, total: Int)
    /// A converted sound frame without this channel.
    case missingChannel(Int)
    /// A decoder or encoder that takes no input and gives no output (its codec's name).
    case codecStalled(codec: String)
    /// libavfilter has no buffer source or sink.
    case filterMissing
    case pictureWithoutPixels
    /// An output file without the stream with this index.
    case outputStreamMissing(Int)
    /// FFmpeg lists the input stream but gives none behind it.
    case inputStreamMissing(Int)
    /// The clip's edit list could not be ended where the fragment ends.
    case editList(EditListProblem)
}

/// Why the edit list of a clip just written could not be shortened.
public enum EditListProblem: Sendable, Equatable {
    case cannotOpen
    case impossibleBoxSize
    case noMovieBox
    case movieBoxCutShort
    case noMovieHeader
    case noTimeScale
    case unparsableEditList
    case endsBeforeLastEdit
    /// Reading or writing the file failed: the system's error number (EIO when it gave none).
    case io(errno: Int32)
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

/// The format context an FFmpeg call makes (`avformat_open_input`, `avformat_alloc_output_context2`), FFmpeg
/// set up first; an error naming `call` when it fails or makes none.
func formatContext(_ call: String, _ make: (inout UnsafeMutablePointer<AVFormatContext>?) -> Int32)
    throws(MediaError) -> UnsafeMutablePointer<AVFormatContext> {
    prepareFFmpeg()
    var made: UnsafeMutablePointer<AVFormatContext>?
    try check(make(&made), call)
    guard let made else { throw .outOfMemory(call) }
    return made
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
