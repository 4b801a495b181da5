import Foundation
import InBeeldMedia
import InBeeldMarkers

/// What the check says about a recording, in the coach's language: the sentences are `Words`'; this puts
/// the values in them as a coach reads them (lengths as on a player, the allowed range, the bit depth). Each
/// says what is wrong and, where there is something to do, what to do.
struct Messages {
    let language: Language

    private func say(_ phrase: Phrase) -> String { language.say(phrase) }

    var notFound: String { say(Words.fileDoesNotExist) }
    var isFolder: String { say(Words.isAFolderNotARecording) }
    var noPermission: String {
        say(Words.noPermissionToRead)
    }
    var empty: String {
        say(Words.fileIsEmpty)
    }
    var notMedia: String {
        say(Words.notVideoOrAudio)
    }
    var noIndex: String {
        say(Words.recordingNeverFinished)
    }
    var cutShort: String {
        say(Words.fileIsCutShort)
    }
    var noDuration: String {
        say(Words.recordingLengthUnknown)
    }
    func markerAfterEnd(_ marker: Marker, length: String) -> String {
        say(Words.markerAfterEnd(line: marker.line, time: marker.time, length: length))
    }

    func picture(_ codec: String) -> String {
        say(Words.photoNotVideo(codec: codec))
    }
    var noVideo: String { say(Words.fileHasNoPicture) }
    var noAudio: String {
        say(Words.recordingHasNoSound)
    }

    func unsupported(_ codec: String) -> String {
        let name = codec == "none" ? say(Words.unknownFormat) : codec
        return say(Words.unsupportedPictureFormat(name))
    }

    /// Too short or too long, said alike: how long the recording is, and how long the method asks for.
    func lengthOutsideLimits(_ seconds: Double, _ limits: RecordingLimits) -> String {
        say(Words.recordingLength(is: MarkerTime.durationText(seconds), mustBe: range(limits)))
    }

    private func range(_ limits: RecordingLimits) -> String {
        let lo = MarkerTime.durationText(Double(limits.minimumMilliseconds) / 1000)
        let hi = MarkerTime.durationText(Double(limits.maximumMilliseconds) / 1000)
        return say(Words.timeRange(from: lo, to: hi))
    }

    func location(_ value: String) -> String {
        say(Words.fileHoldsGPSLocation(value))
    }

    func lowResolution(_ width: Int, _ height: Int, _ minimum: Int) -> String {
        say(Words.pictureIsSmall(width: width, height: height, minimumLines: minimum))
    }

    func hdr(_ transfer: String, _ bitDepth: Int?) -> String {
        say(Words.hdrBecomesSDR(bitDepth: bitDepth, transfer: transfer))
    }

    func dolbyVisionOnly(_ profile: Int) -> String {
        say(Words.dolbyVisionOnly(profile: profile))
    }

    func rotation(_ degrees: Int) -> String {
        say(Words.pictureIsTurned(degrees: degrees))
    }

    func variableFrameRate(_ timing: TimingInfo) -> String {
        let fps = timing.averageFrameRate.map { String(format: "%.2f", $0) } ?? "?"
        return say(Words.variableFrameRate(averageFPS: fps))
    }

    func corrupt(count: Int, at seconds: Double?) -> String {
        say(Words.fileIsDamaged(errors: count, from: seconds.map { MarkerTime.durationText($0, decimals: 1) }))
    }
}
