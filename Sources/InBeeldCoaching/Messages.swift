import Foundation
import InBeeldMedia
import InBeeldMarkers

/// What the check says about a recording, in the coach's language: the sentences are `Words`'; this puts
/// the values in them as a coach reads them (lengths as on a player, the allowed range, the bit depth). Each
/// says what is wrong and, where there is something to do, what to do.
struct Messages {
    let language: Language

    private func say(_ phrase: Phrase) -> String { language.say(phrase) }

    var notFound: String { say(Words.theFileDoesNotExistAny) }
    var isFolder: String { say(Words.thisIsAFolderNotA) }
    var noPermission: String {
        say(Words.noPermissionToReadThisFile)
    }
    var empty: String {
        say(Words.theFileIsEmptyBytesCopy)
    }
    var notMedia: String {
        say(Words.thisIsNotAVideoOr)
    }
    var noIndex: String {
        say(Words.theRecordingWasNeverFinishedIts)
    }
    var cutShort: String {
        say(Words.theFileIsCutShortIt)
    }
    var noDuration: String {
        say(Words.theRecordingsLengthCannotBeTold)
    }
    func markerAfterEnd(_ marker: Marker, length: String) -> String {
        say(Words.theMarkerOnLineIsAfter(marker.line, marker.time, length))
    }

    func picture(_ codec: String) -> String {
        say(Words.thisIsAPhotoNotA(codec))
    }
    var noVideo: String { say(Words.thisFileHasNoPicture) }
    var noAudio: String {
        say(Words.theRecordingHasNoSoundThis)
    }

    func unsupported(_ codec: String) -> String {
        let name = codec == "none" ? say(Words.unknownFormat) : codec
        return say(Words.thePictureIsStoredInA(name))
    }

    func tooShort(_ seconds: Double, _ limits: RecordingLimits) -> String {
        say(Words.theRecordingIsLongARecording(MarkerTime.durationText(seconds), range(limits)))
    }

    func tooLong(_ seconds: Double, _ limits: RecordingLimits) -> String {
        tooShort(seconds, limits)
    }

    private func range(_ limits: RecordingLimits) -> String {
        let lo = MarkerTime.durationText(Double(limits.minimumMilliseconds) / 1000)
        let hi = MarkerTime.durationText(Double(limits.maximumMilliseconds) / 1000)
        return say(Words.timeRange(lo, hi))
    }

    func location(_ value: String) -> String {
        say(Words.theFileHoldsAGpsLocation(value))
    }

    func lowResolution(_ width: Int, _ height: Int, _ minimum: Int) -> String {
        say(Words.thePictureIsSmallFewerThan(width, height, minimum))
    }

    func hdr(_ transfer: String, _ bitDepth: Int?) -> String {
        let depth = bitDepth.map { "\($0)-bit " } ?? ""
        return say(Words.thisIsHdrVideoInbeeldConverts(depth, transfer))
    }

    func dolbyVisionOnly(_ profile: Int) -> String {
        say(Words.thisIsDolbyVisionVideoProfile(profile))
    }

    func rotation(_ degrees: Int) -> String {
        say(Words.thePictureIsTurnedWhenPlayed(degrees))
    }

    func variableFrameRate(_ timing: TimingInfo) -> String {
        let fps = timing.averageFrameRate.map { String(format: "%.2f", $0) } ?? "?"
        return say(Words.variableFrameRateFramesPerSecond(fps))
    }

    func corrupt(count: Int, at seconds: Double?) -> String {
        let when = seconds.map { say(Words.fromTime(MarkerTime.durationText($0, decimals: 1))) } ?? ""
        return say(Words.theFileIsDamagedErrorS(count, when))
    }
}
