import Foundation
import InBeeldMedia

/// The media layer's reasons said in the coach's language (the media layer itself says nothing to people).
/// FFmpeg's own text follows a sentence in parentheses, as a detail, never as the sentence.
extension MediaError {
    public var phrase: Phrase {
        switch self {
        case let .ffmpeg(call, _, message):
            let what: Phrase = switch kind {
            case .permissionDenied: Words.Media.mayNotRead
            case .notFound: Words.Media.fileNotThere
            case .invalidData: Words.Media.dataDamaged
            case .endOfFile: Words.Media.endsEarly
            case .unsupportedCodec, .other: Words.Media.ffmpegFailed
            }
            return Words.Media.withDetail(what, call: call, message: message)
        case .outOfMemory(let call): return Words.Media.outOfMemory(call: call)
        case .noVideoStream: return Words.Media.noPicture
        case .noDecoder(let codec): return Words.Media.cannotDecode(codec: codec)
        case .noEncoder(let name): return Words.Media.noEncoder(name: name)
        case .noSuchFrame(let index): return Words.Media.noSuchFrame(index: index)
        case .frameNotDecoded(let index): return Words.Media.frameNotDecoded(index: index)
        case .damagedFrame: return Words.Media.damagedFrame
        case .packetCutShort: return Words.Media.packetCutShort
        case .smartCutRefused(let refusal): return refusal.phrase
        case .cancelled: return Words.stopped
        case .inconsistent(let what): return Words.Media.inconsistent(what.phrase)
        }
    }
}

extension SmartCutRefusal {
    /// Why, said inside "smart cut is not possible here (...)".
    public var phrase: Phrase {
        typealias W = Words.SmartCut
        switch self {
        case .noFrames: return Words.Media.noFramesInFragment
        case .hdrBecomesSDR: return W.hdrBecomesSDR
        case .notH264(let codec): return W.notH264(codec: codec)
        case .notEightBit420: return W.notEightBit420
        case .parameterSetsNotInSampleEntry: return W.parameterSetsNotInSampleEntry
        case .noFreeParameterSetID: return W.noFreeParameterSetID
        case .noKeyframeAfterFirstFrame: return W.noKeyframeAfterFirstFrame
        case .noKeyframeBeforeEnd: return W.noKeyframeBeforeEnd
        case .noWholeGroupOfPictures: return W.noWholeGroupOfPictures
        case .noNALLengthSize: return W.noNALLengthSize
        case .sequenceParameterSetUnreadable: return W.sequenceParameterSetUnreadable
        case .seamNotIDR: return W.seamNotIDR
        case .unusualSeamTimestamps: return W.unusualSeamTimestamps
        case .encoderGaveNoParameterSets: return W.encoderGaveNoParameterSets
        case .encoderParameterSetsDiffer: return W.encoderParameterSetsDiffer
        case let .reencodedFrameCount(made, expected): return W.reencodedFrameCount(made: made, expected: expected)
        case .nothingToReencode: return W.nothingToReencode
        case .decodeTimesWouldNotRise: return W.decodeTimesWouldNotRise
        case .pictureOutsideCopiedPart: return W.pictureOutsideCopiedPart
        case .clipHasNoPicture: return W.clipHasNoPicture
        case .seamDoesNotDecode(let error): return W.seamDoesNotDecode(error?.phrase ?? Words.Media.damagedFrame)
        case .seamFramesUnexpected: return W.seamFramesUnexpected
        }
    }
}

extension Inconsistency {
    public var phrase: Phrase {
        typealias W = Words.Media
        switch self {
        case .noFramesInFragment: return W.noFramesInFragment
        case let .clipFrameCount(sent, total): return W.clipFrameCount(sent: sent, total: total)
        case .missingChannel(let channel): return W.missingChannel(channel)
        case .codecStalled(let codec): return W.codecStalled(codec: codec)
        case .filterMissing: return W.filterMissing
        case .pictureWithoutPixels: return W.pictureWithoutPixels
        case .outputStreamMissing(let index): return W.outputStreamMissing(index)
        case .inputStreamMissing(let index): return W.inputStreamMissing(index)
        case .editList(let problem): return W.editListNotShortened(problem.phrase)
        }
    }
}

extension EditListProblem {
    public var phrase: Phrase {
        typealias W = Words.Media.EditList
        switch self {
        case .cannotOpen: return W.cannotOpen
        case .impossibleBoxSize: return W.impossibleBoxSize
        case .noMovieBox: return W.noMovieBox
        case .movieBoxCutShort: return W.movieBoxCutShort
        case .noMovieHeader: return W.noMovieHeader
        case .noTimeScale: return W.noTimeScale
        case .unparsableEditList: return W.unparsable
        case .endsBeforeLastEdit: return W.endsBeforeLastEdit
        case .io(let code): return W.readingOrWritingFailed(because: SystemReason.errno(code).phrase)
        }
    }
}

/// Why the system refused to read or write a file: an `errno`, or a folder that is a link (which InBeeld
/// refuses of its own accord).
public enum SystemReason: Error, Sendable, Equatable {
    case errno(Int32)
    case isLink

    public var phrase: Phrase {
        typealias W = Words.Files
        switch self {
        case .isLink: return W.isALink
        case .errno(let code):
            switch code {
            case EACCES, EPERM: return W.noPermission
            case ENOSPC: return W.diskFull
            case EDQUOT: return W.quotaUsedUp
            case EROFS: return W.readOnly
            case ENOENT: return W.doesNotExist
            case ENOTDIR: return W.notAFolder
            case EEXIST: return W.alreadyExists
            case EISDIR: return W.isAFolder
            case ENAMETOOLONG: return W.nameTooLong
            case EIO: return W.diskError
            default: return W.systemError(code, detail: String(cString: strerror(code)))
            }
        }
    }
}

/// Any failure a job passes on, said in the coach's language: the media layer's and the system's reasons
/// in words; anything else as the error says itself (an error of InBeeld's own that already is a sentence).
public func phrase(for error: any Error) -> Phrase {
    switch error {
    case let error as MediaError: return error.phrase
    case let error as GrabFailure:
        switch error {
        case .media(let media): return media.phrase
        case .delivery(let inner): return phrase(for: inner)
        }
    case let error as OutputFiles.WriteError: return error.phrase
    case let error as SystemReason: return error.phrase
    default:
        let cocoa = error as NSError
        if cocoa.domain == NSPOSIXErrorDomain { return SystemReason.errno(Int32(cocoa.code)).phrase }
        if let underlying = cocoa.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return SystemReason.errno(Int32(underlying.code)).phrase
        }
        return Words.unexpected(error)
    }
}
