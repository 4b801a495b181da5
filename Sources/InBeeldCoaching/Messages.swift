import Foundation
import InBeeldMedia

/// What InBeeld says about recordings, in Dutch and English. Each message says what is wrong and,
/// where there is something to do, what to do.
struct Messages {
    let language: Language

    private func say(_ nl: String, _ en: String) -> String { language.pick(nl: nl, en: en) }

    var notFound: String { say("het bestand bestaat niet (meer).", "the file does not exist (any more).") }
    var isFolder: String { say("dit is een map, geen opname.", "this is a folder, not a recording.") }
    var noPermission: String {
        say("geen toestemming om dit bestand te lezen; vraag de eigenaar of kopieer het naar je eigen map.",
            "no permission to read this file; ask its owner, or copy it to a folder of your own.")
    }
    var empty: String {
        say("het bestand is leeg (0 bytes); kopieer de opname opnieuw van de telefoon of camera.",
            "the file is empty (0 bytes); copy the recording from the phone or camera again.")
    }
    var notMedia: String {
        say("dit is geen video of audio die InBeeld kan lezen.",
            "this is not a video or audio file InBeeld can read.")
    }
    var noIndex: String {
        say("de opname is niet afgesloten (de index ontbreekt): de telefoon is waarschijnlijk abnormaal gestopt met opnemen, bijvoorbeeld door een lege accu of een vol geheugen. Neem opnieuw op.",
            "the recording was never finished (its index is missing): the phone probably stopped recording abnormally, for example with a flat battery or a full memory. Record again.")
    }
    var cutShort: String {
        say("het bestand is afgebroken: het eindigt voordat de opname klaar is. Kopieer het opnieuw van de telefoon.",
            "the file is cut short: it ends before the recording does. Copy it from the phone again.")
    }
    var noDuration: String {
        say("de lengte van de opname is niet te bepalen; het bestand is waarschijnlijk onvolledig.",
            "the recording's length cannot be told; the file is probably incomplete.")
    }
    func markerAfterEnd(_ marker: Marker, length: String) -> String {
        say("markering op regel \(marker.line) (\(marker.time)) valt na het einde van de opname (\(length)).",
            "the marker on line \(marker.line) (\(marker.time)) is after the end of the recording (\(length)).")
    }

    func picture(_ codec: String) -> String {
        say("dit is een foto (\(codec)), geen video-opname.", "this is a photo (\(codec)), not a video recording.")
    }
    var noVideo: String { say("er zit geen beeld in dit bestand.", "this file has no picture.") }
    var noAudio: String {
        say("er zit geen geluid in de opname; bij deze methode bespreek je wat je ziet én hoort.",
            "the recording has no sound; this method discusses what you see and hear.")
    }

    func unsupported(_ codec: String) -> String {
        let name = codec == "none" ? say("onbekend", "unknown") : codec
        return say("het beeld is opgeslagen in een formaat dat InBeeld niet kan lezen (\(name)); zet de camera op H.264 of HEVC.",
                   "the picture is stored in a format InBeeld cannot read (\(name)); set the camera to H.264 or HEVC.")
    }

    func tooShort(_ seconds: Double, _ limits: RecordingLimits) -> String {
        say("de opname duurt \(formatClock(seconds)); voor deze methode moet een opname \(range(limits)) duren.",
            "the recording is \(formatClock(seconds)) long; a recording for this method must be \(range(limits)).")
    }

    func tooLong(_ seconds: Double, _ limits: RecordingLimits) -> String {
        tooShort(seconds, limits)
    }

    private func range(_ limits: RecordingLimits) -> String {
        let lo = formatClock(Double(limits.minimumMilliseconds) / 1000)
        let hi = formatClock(Double(limits.maximumMilliseconds) / 1000)
        return say("\(lo) tot \(hi)", "\(lo) to \(hi)")
    }

    func location(_ value: String) -> String {
        say("het bestand bevat een GPS-locatie (\(value)); InBeeld neemt die niet mee in wat het maakt, maar deel het origineel niet.",
            "the file holds a GPS location (\(value)); InBeeld leaves it out of what it makes, but do not share the original.")
    }

    func lowResolution(_ width: Int, _ height: Int, _ minimum: Int) -> String {
        say("het beeld is klein (\(width)×\(height), minder dan \(minimum) lijnen): gezichten en gebaren zijn misschien slecht te zien.",
            "the picture is small (\(width)×\(height), fewer than \(minimum) lines): faces and gestures may be hard to see.")
    }

    func hdr(_ transfer: String, _ bitDepth: Int?) -> String {
        let depth = bitDepth.map { "\($0)-bit " } ?? ""
        return say("dit is \(depth)HDR-video (\(transfer)); InBeeld zet het om naar gewoon beeld (SDR) in alles wat het maakt.",
                   "this is \(depth)HDR video (\(transfer)); InBeeld converts it to SDR in everything it makes.")
    }

    func dolbyVisionOnly(_ profile: Int) -> String {
        say("dit is Dolby Vision-video (profiel \(profile)) zonder gewoon beeld erin: alleen een Dolby Vision-speler toont de kleuren goed, dus InBeeld kan er geen beelden of fragmenten van maken. Exporteer de video op de telefoon als gewone video (HDR uit, of 'meest compatibel'), of film met Dolby Vision/HDR uit.",
            "this is Dolby Vision video (profile \(profile)) without an ordinary picture inside: only a Dolby Vision player shows its colours right, so InBeeld cannot make pictures or clips from it. Export the video on the phone as ordinary video (HDR off, or 'most compatible'), or film with Dolby Vision/HDR off.")
    }

    func rotation(_ degrees: Int) -> String {
        say("het beeld wordt bij afspelen \(degrees)° gedraaid (rechtop gefilmd); InBeeld houdt daar rekening mee.",
            "the picture is turned \(degrees)° when played (filmed upright); InBeeld takes care of that.")
    }

    func variableFrameRate(_ timing: TimingInfo) -> String {
        let fps = timing.averageFrameRate.map { String(format: "%.2f", $0) } ?? "?"
        return say("wisselende beeldsnelheid (gemiddeld \(fps) beelden per seconde), gewoon bij telefoons; InBeeld werkt op de echte tijden.",
                   "variable frame rate (\(fps) frames per second on average), usual for phones; InBeeld works on the real times.")
    }

    func corrupt(count: Int, at seconds: Double?) -> String {
        let when = seconds.map { say(" vanaf \(formatClock($0, decimals: 1))", " from \(formatClock($0, decimals: 1))") } ?? ""
        return say("het bestand is beschadigd: \(count) fout(en) bij het decoderen\(when). Kopieer het opnieuw van de telefoon.",
                   "the file is damaged: \(count) error(s) while decoding\(when). Copy it from the phone again.")
    }
}
