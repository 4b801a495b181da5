import Foundation

/// A sentence a coach reads, in Dutch and in English. Every one InBeeld says (on the command line, on the
/// sheets, on the page) is in `Words`; code says a phrase in a language with `Language.say`.
public struct Phrase: Sendable, Hashable {
    public let nl: String
    public let en: String

    public init(nl: String, en: String) {
        self.nl = nl
        self.en = en
    }
}

extension Language {
    /// The phrase in this language.
    public func say(_ phrase: Phrase) -> String { self == .nl ? phrase.nl : phrase.en }
}

/// The catalogue: every sentence a coach reads, Dutch beside English, in one place, grouped by subject (the
/// recording check, the cut, files, stills and the sheet, markers, the session file, prepare, the overview, the
/// coach's page, serve, the demo, the command line's mistakes, and last the page's own words); a sentence said
/// in several places is here once, under the subject it belongs to. Values put into a sentence are its
/// parameters, so the Dutch and the English sentence each place them where their grammar wants them. The media
/// layer's and the system's reasons, said inside these sentences, are in `Words+Media.swift`.
public enum Words {
    // MARK: - The recording check: reading a recording, and what is wrong with it (`inbeeld check`)

    public static let fileDoesNotExist = Phrase(nl: "het bestand bestaat niet (meer).", en: "the file does not exist (any more).")
    public static let isAFolderNotARecording = Phrase(nl: "dit is een map, geen opname.", en: "this is a folder, not a recording.")

    public static let noPermissionToRead = Phrase(
        nl: "geen toestemming om dit bestand te lezen; vraag de eigenaar of kopieer het naar je eigen map.",
        en: "no permission to read this file; ask its owner, or copy it to a folder of your own.")

    public static let fileIsEmpty = Phrase(
        nl: "het bestand is leeg (0 bytes); kopieer de opname opnieuw van de telefoon of camera.",
        en: "the file is empty (0 bytes); copy the recording from the phone or camera again.")

    public static let notVideoOrAudio = Phrase(
        nl: "dit is geen video of audio die InBeeld kan lezen.",
        en: "this is not a video or audio file InBeeld can read.")

    public static let recordingNeverFinished = Phrase(
        nl: "de opname is niet afgesloten (de index ontbreekt): de telefoon is waarschijnlijk abnormaal gestopt met opnemen, bijvoorbeeld door een lege accu of een vol geheugen. Neem opnieuw op.",
        en: "the recording was never finished (its index is missing): the phone probably stopped recording abnormally, for example with a flat battery or a full memory. Record again.")

    public static let fileIsCutShort = Phrase(
        nl: "het bestand is afgebroken: het eindigt voordat de opname klaar is. Kopieer het opnieuw van de telefoon.",
        en: "the file is cut short: it ends before the recording does. Copy it from the phone again.")

    public static let recordingLengthUnknown = Phrase(
        nl: "de lengte van de opname is niet te bepalen; het bestand is waarschijnlijk onvolledig.",
        en: "the recording's length cannot be told; the file is probably incomplete.")

    public static func photoNotVideo(codec: some CustomStringConvertible) -> Phrase {
        Phrase(nl: "dit is een foto (\(codec)), geen video-opname.", en: "this is a photo (\(codec)), not a video recording.")
    }

    public static let fileHasNoPicture = Phrase(nl: "er zit geen beeld in dit bestand.", en: "this file has no picture.")

    public static let recordingHasNoSound = Phrase(
        nl: "er zit geen geluid in de opname; bij deze methode bespreek je wat je ziet én hoort.",
        en: "the recording has no sound; this method discusses what you see and hear.")

    public static let unknownFormat = Phrase(nl: "onbekend", en: "unknown")

    public static func unsupportedPictureFormat(_ name: some CustomStringConvertible) -> Phrase {
        Phrase(nl: "het beeld is opgeslagen in een formaat dat InBeeld niet kan lezen (\(name)); zet de camera op H.264 of HEVC.",
               en: "the picture is stored in a format InBeeld cannot read (\(name)); set the camera to H.264 or HEVC.")
    }

    /// Too short or too long: the sentence says both the length and what it must be (`timeRange`).
    public static func recordingLength(is length: some CustomStringConvertible, mustBe range: some CustomStringConvertible) -> Phrase {
        Phrase(nl: "de opname duurt \(length); voor deze methode moet een opname \(range) duren.",
               en: "the recording is \(length) long; a recording for this method must be \(range).")
    }

    public static func timeRange(from start: some CustomStringConvertible, to end: some CustomStringConvertible) -> Phrase {
        Phrase(nl: "\(start) tot \(end)", en: "\(start) to \(end)")
    }

    public static func fileHoldsGPSLocation(_ location: some CustomStringConvertible) -> Phrase {
        Phrase(nl: "het bestand bevat een GPS-locatie (\(location)); InBeeld neemt die niet mee in wat het maakt, maar deel het origineel niet.",
               en: "the file holds a GPS location (\(location)); InBeeld leaves it out of what it makes, but do not share the original.")
    }

    public static func pictureIsSmall(width: some CustomStringConvertible, height: some CustomStringConvertible, minimumLines: some CustomStringConvertible) -> Phrase {
        Phrase(nl: "het beeld is klein (\(width)×\(height), minder dan \(minimumLines) lijnen): gezichten en gebaren zijn misschien slecht te zien.",
               en: "the picture is small (\(width)×\(height), fewer than \(minimumLines) lines): faces and gestures may be hard to see.")
    }

    /// `bitDepth` is said before "HDR" with its own space ("10-bit "), or is empty when unknown.
    public static func hdrBecomesSDR(bitDepth: Int?, transfer: some CustomStringConvertible) -> Phrase {
        guard let bitDepth else {
            return Phrase(nl: "dit is HDR-video (\(transfer)); InBeeld zet het om naar gewoon beeld (SDR) in alles wat het maakt.",
                          en: "this is HDR video (\(transfer)); InBeeld converts it to SDR in everything it makes.")
        }
        return Phrase(nl: "dit is \(bitDepth)-bit HDR-video (\(transfer)); InBeeld zet het om naar gewoon beeld (SDR) in alles wat het maakt.",
                      en: "this is \(bitDepth)-bit HDR video (\(transfer)); InBeeld converts it to SDR in everything it makes.")
    }

    public static func dolbyVisionOnly(profile: some CustomStringConvertible) -> Phrase {
        Phrase(nl: "dit is Dolby Vision-video (profiel \(profile)) zonder gewoon beeld erin: alleen een Dolby Vision-speler toont de kleuren goed, dus InBeeld kan er geen beelden of fragmenten van maken. Exporteer de video op de telefoon als gewone video (HDR uit, of 'meest compatibel'), of film met Dolby Vision/HDR uit.",
               en: "this is Dolby Vision video (profile \(profile)) without an ordinary picture inside: only a Dolby Vision player shows its colours right, so InBeeld cannot make pictures or clips from it. Export the video on the phone as ordinary video (HDR off, or 'most compatible'), or film with Dolby Vision/HDR off.")
    }

    public static func pictureIsTurned(degrees: some CustomStringConvertible) -> Phrase {
        Phrase(nl: "het beeld wordt bij afspelen \(degrees)° gedraaid (rechtop gefilmd); InBeeld houdt daar rekening mee.",
               en: "the picture is turned \(degrees)° when played (filmed upright); InBeeld takes care of that.")
    }

    public static func variableFrameRate(averageFPS: some CustomStringConvertible) -> Phrase {
        Phrase(nl: "wisselende beeldsnelheid (gemiddeld \(averageFPS) beelden per seconde), gewoon bij telefoons; InBeeld werkt op de echte tijden.",
               en: "variable frame rate (\(averageFPS) frames per second on average), usual for phones; InBeeld works on the real times.")
    }

    /// `when` is `fromTime(_:)`, or empty when the first error's time is not known.
    /// `from`: the time of the first error, as people read it, when known.
    public static func fileIsDamaged(errors count: some CustomStringConvertible, from: String?) -> Phrase {
        guard let from else {
            return Phrase(nl: "het bestand is beschadigd: \(count) fout(en) bij het decoderen. Kopieer het opnieuw van de telefoon.",
                          en: "the file is damaged: \(count) error(s) while decoding. Copy it from the phone again.")
        }
        return Phrase(nl: "het bestand is beschadigd: \(count) fout(en) bij het decoderen vanaf \(from). Kopieer het opnieuw van de telefoon.",
                      en: "the file is damaged: \(count) error(s) while decoding from \(from). Copy it from the phone again.")
    }


    /// The picture cannot be read: alone (on the page), or with the recording and why.
    public static let pictureCannotBeRead = Phrase(nl: "het beeld is niet te lezen", en: "the picture cannot be read")

    public static func pictureCannotBeRead(in recording: String, because reason: Phrase) -> Phrase {
        Phrase(nl: "\(recording): het beeld is niet te lezen: \(reason.nl).", en: "\(recording): the picture cannot be read: \(reason.en).")
    }

    /// The sound cannot be read (the timeline's sound band), with the recording and why.
    public static func soundCannotBeRead(in recording: String, because reason: Phrase) -> Phrase {
        Phrase(nl: "\(recording): het geluid is niet te lezen: \(reason.nl).", en: "\(recording): the sound cannot be read: \(reason.en).")
    }


    // MARK: The check's verdicts and its summary

    public static let pass = Phrase(nl: "goed", en: "pass")
    public static let warn = Phrase(nl: "let op", en: "warn")
    public static let fail = Phrase(nl: "niet bruikbaar", en: "fail")

    /// The check's last line; files skipped (hidden, or no video) are counted when there are any.
    public static func checkSummary(recordings: Int, pass: Int, warn: Int, fail: Int, skippedHidden: Int, skippedNotVideo: Int) -> Phrase {
        guard skippedHidden + skippedNotVideo > 0 else {
            return Phrase(nl: "\(recordings) opname(s): \(pass) goed, \(warn) let op, \(fail) niet bruikbaar.",
                          en: "\(recordings) recording(s): \(pass) pass, \(warn) warn, \(fail) fail.")
        }
        return Phrase(nl: "\(recordings) opname(s): \(pass) goed, \(warn) let op, \(fail) niet bruikbaar; overgeslagen: \(skippedHidden) verborgen, \(skippedNotVideo) geen video.",
                      en: "\(recordings) recording(s): \(pass) pass, \(warn) warn, \(fail) fail; skipped: \(skippedHidden) hidden, \(skippedNotVideo) not video.")
    }


    // MARK: What a recording holds (`inbeeld info`)

    public static let file = Phrase(nl: "Bestand", en: "File")
    public static let container = Phrase(nl: "Container", en: "Container")
    public static let duration = Phrase(nl: "Lengte", en: "Duration")
    public static let size = Phrase(nl: "Grootte", en: "Size")
    public static let fileIsCutShortNote = Phrase(nl: "Let op: het bestand is afgebroken.", en: "Note: the file is cut short.")
    public static let video = Phrase(nl: "Beeld", en: "Video")
    public static let subtitles = Phrase(nl: "Ondertitels", en: "Subtitles")
    public static let other = Phrase(nl: "Overig", en: "Other")
    public static let cannotBeDecoded = Phrase(nl: " (niet leesbaar)", en: " (cannot be decoded)")

    public static func shownAs(width: some CustomStringConvertible, height: some CustomStringConvertible) -> Phrase {
        Phrase(nl: ", getoond als \(width)x\(height)", en: ", shown as \(width)x\(height)")
    }

    public static let picture = Phrase(nl: "Beeldformaat", en: "Picture")
    public static let rotation = Phrase(nl: "Rotatie", en: "Rotation")
    public static let none = Phrase(nl: "geen", en: "none")

    public static func clockwise(degrees: some CustomStringConvertible) -> Phrase {
        Phrase(nl: "\(degrees)° met de klok mee", en: "\(degrees)° clockwise")
    }

    public static let variable = Phrase(nl: "wisselend", en: "variable")
    public static let constant = Phrase(nl: "constant", en: "constant")
    public static let frameRate = Phrase(nl: "Beeldsnelheid", en: "Frame rate")
    public static let frameInterval = Phrase(nl: "Beeldduur", en: "Frame interval")
    public static let frames = Phrase(nl: "Beelden", en: "Frames")
    public static let keyframes = Phrase(nl: "Sleutelbeelden", en: "Keyframes")

    public static func keyframeSpacing(count: some CustomStringConvertible, minimum: some CustomStringConvertible, median: some CustomStringConvertible, maximum: some CustomStringConvertible) -> Phrase {
        Phrase(nl: "\(count), elke \(minimum)/\(median)/\(maximum) beelden (min/mediaan/max)",
               en: "\(count), every \(minimum)/\(median)/\(maximum) frames (min/median/max)")
    }

    public static let colour = Phrase(nl: "Kleur", en: "Colour")
    public static let profile = Phrase(nl: "profiel ", en: "profile ")
    public static let sound = Phrase(nl: "Geluid", en: "Sound")
    public static func soundFormat(sampleRate: Int, channels: Int) -> Phrase {
        Phrase(nl: "\(sampleRate) Hz, \(channels) \(channels == 1 ? "kanaal" : "kanalen")",
               en: "\(sampleRate) Hz, \(channels) \(channels == 1 ? "channel" : "channels")")
    }
    public static let absent = Phrase(nl: "afwezig", en: "absent")
    public static let locationGps = Phrase(nl: "Locatie (GPS)", en: "Location (GPS)")

    /// A GPS location is there: said loudly, as a warning (the value follows).
    /// A privacy-sensitive tag found, with its value; `alarm` (a GPS position) says it loudly.
    public static func present(_ value: String, alarm: Bool = false) -> Phrase {
        alarm ? Phrase(nl: "AANWEZIG: \(value)", en: "PRESENT: \(value)") : Phrase(nl: "aanwezig: \(value)", en: "present: \(value)")
    }

    public static let device = Phrase(nl: "Toestel", en: "Device")

    /// A device or creation time is there (the value follows).

    public static let creationTime = Phrase(nl: "Opnametijd", en: "Creation time")


    // MARK: - The cut (`inbeeld cut`, and prepare's cut)

    public static func fromIsAfterTheEnd(_ from: some CustomStringConvertible, length: some CustomStringConvertible) -> Phrase {
        Phrase(nl: "--from \(from) valt na het einde van de opname (\(length)).",
               en: "--from \(from) is after the end of the recording (\(length)).")
    }

    public static func toIsAfterTheEnd(_ to: some CustomStringConvertible, length: some CustomStringConvertible) -> Phrase {
        Phrase(nl: "--to \(to) valt na het einde van de opname (\(length)).",
               en: "--to \(to) is after the end of the recording (\(length)).")
    }

    public static func fromMustComeBeforeTo(_ from: some CustomStringConvertible, _ to: some CustomStringConvertible) -> Phrase {
        Phrase(nl: "--from (\(from)) moet voor --to (\(to)) liggen.", en: "--from (\(from)) must come before --to (\(to)).")
    }

    /// The fragment is not 1 to 2 minutes long, said on the command line (where --any-length is offered).
    public static func fragmentLengthOutsideMethod(_ length: some CustomStringConvertible) -> Phrase {
        Phrase(nl: "het fragment duurt \(length); voor deze methode is dat 1 tot 2 minuten. Kies andere tijden, of gebruik --any-length.",
               en: "the fragment is \(length) long; for this method it is 1 to 2 minutes. Choose other times, or use --any-length.")
    }

    /// The fragment is not 1 to 2 minutes long, said by prepare (the fragment comes from the page or the session file).
    public static func preparedFragmentLengthOutsideMethod(_ length: some CustomStringConvertible) -> Phrase {
        Phrase(nl: "het fragment duurt \(length); voor deze methode is dat 1 tot 2 minuten. Kies een ander begin of einde (I en O op de pagina, of 'fragment' in het sessiebestand).",
               en: "the fragment is \(length) long; for this method it is 1 to 2 minutes. Choose another start or end (I and O on the page, or 'fragment' in the session file).")
    }

    public static let noFrameFallsInTheFragment = Phrase(nl: "er valt geen beeld in het fragment.", en: "no frame falls in the fragment.")

    public static func clipIsTheRecording(_ output: some CustomStringConvertible) -> Phrase {
        Phrase(nl: "\(output) is de opname zelf; die wordt nooit overschreven. Kies een andere naam met -o.",
               en: "\(output) is the recording itself; it is never written over. Choose another name with -o.")
    }

    public static func smartCutNotPossible(because reason: Phrase) -> Phrase {
        Phrase(nl: "slim knippen kan hier niet (\(reason.nl)); het fragment is exact opnieuw gecodeerd.",
               en: "smart cut is not possible here (\(reason.en)); the fragment was re-encoded in exact mode.")
    }

    public static let stoppedNothingWasLeftBehind = Phrase(
        nl: "gestopt; er is niets achtergebleven.",
        en: "stopped; nothing was left behind.")

    public static func fragmentCouldNotBeMade(because reason: Phrase) -> Phrase {
        Phrase(nl: "het fragment kon niet worden gemaakt: \(reason.nl). Er is niets achtergebleven.",
               en: "the fragment could not be made: \(reason.en). Nothing was left behind.")
    }

    public static func smartCutReencoded(_ reencoded: some CustomStringConvertible, of frames: some CustomStringConvertible) -> Phrase {
        Phrase(nl: "slim knippen: \(reencoded) van de \(frames) beelden opnieuw gecodeerd, de rest ongewijzigd gekopieerd.",
               en: "smart cut: \(reencoded) of \(frames) frames re-encoded, the rest copied unchanged.")
    }

    public static func copyModeLeadIn(seconds: some CustomStringConvertible, frames: some CustomStringConvertible) -> Phrase {
        Phrase(nl: "kopieermodus: het bestand begint bij het sleutelbeeld \(seconds) s voor het fragment (\(frames) beelden die nog in het bestand zitten); spelers die de edit list volgen beginnen precies bij het eerste beeld, andere tonen die aanloop.",
               en: "copy mode: the file starts at the keyframe \(seconds) s before the fragment (\(frames) lead-in frames are still in the file); players that honour the edit list start at the exact frame, others show the lead-in.")
    }

    public static func markerOutsideFragment(line: some CustomStringConvertible, time: some CustomStringConvertible) -> Phrase {
        Phrase(nl: "markering op regel \(line) (\(time)) valt buiten het fragment en staat niet in de clip.",
               en: "the marker on line \(line) (\(time)) is outside the fragment and not in the clip.")
    }

    /// The clip's first chapter, when the first marker is later than its start.
    public static let fragmentStartChapter = Phrase(nl: "0:00:00.000 · begin van het fragment", en: "0:00:00.000 · start of the fragment")

    /// A clip made; `markers` the file beside it with the fragment's markers, when one was written.
    public static func clipMade(_ output: String, frames: Int, seconds: String, markers: String?) -> Phrase {
        guard let markers else {
            return Phrase(nl: "\(output): \(frames) beelden, \(seconds) s", en: "\(output): \(frames) frames, \(seconds) s")
        }
        return Phrase(nl: "\(output): \(frames) beelden, \(seconds) s; markeringen in \(markers)",
                      en: "\(output): \(frames) frames, \(seconds) s; markers in \(markers)")
    }


    // MARK: - Reading and writing files (any job)

    public static let fileCannotBeRead = Phrase(nl: "het bestand is niet te lezen.", en: "the file cannot be read.")

    public static func fileExistsChooseAnotherName(_ path: some CustomStringConvertible) -> Phrase {
        Phrase(nl: "\(path) bestaat al; kies een andere naam met -o, of overschrijf met --force.",
               en: "\(path) already exists; choose another name with -o, or overwrite with --force.")
    }

    public static func cannotWrite(_ path: some CustomStringConvertible, because reason: Phrase) -> Phrase {
        Phrase(nl: "kan \(path) niet schrijven: \(reason.nl).", en: "cannot write \(path): \(reason.en).")
    }

    public static func cannotWrite(in folder: some CustomStringConvertible) -> Phrase {
        Phrase(nl: "kan niet schrijven in \(folder).", en: "cannot write in \(folder).")
    }

    public static func cannotWrite(in folder: some CustomStringConvertible, because reason: Phrase) -> Phrase {
        Phrase(nl: "kan niet schrijven in \(folder): \(reason.nl).", en: "cannot write in \(folder): \(reason.en).")
    }

    /// Results written on a disk that keeps no owners (a USB stick): said once, after the work is done.
    public static func resultsOnADiskWithoutOwners(_ folder: String, fileSystem: String) -> Phrase {
        Phrase(nl: "Let op: \(folder) staat op een schijf zonder eigenaars (\(fileSystem), zoals een USB-stick). Wie de schijf heeft, kan alles erin openen: opnamen, foto's, bladen en sessies. Bewaar ze liever op de laptop, of gebruik een versleutelde stick.",
               en: "Note: \(folder) is on a disk that keeps no owners (\(fileSystem), like a USB stick). Whoever has the disk can open everything on it: recordings, stills, sheets and sessions. Keep them on the laptop instead, or use an encrypted stick.")
    }

    /// Results written in a folder other users of the computer may open.
    public static func folderOpenToOtherUsers(_ folder: String) -> Phrase {
        Phrase(nl: "Let op: andere gebruikers van deze computer kunnen de map \(folder) openen. Maak haar privé met: chmod 700 \"\(folder)\"",
               en: "Note: other users of this computer can open the folder \(folder). Make it private with: chmod 700 \"\(folder)\"")
    }

    public static func cannotMakeFolder(_ folder: some CustomStringConvertible, because reason: Phrase) -> Phrase {
        Phrase(nl: "kan de map \(folder) niet maken: \(reason.nl).", en: "cannot make the folder \(folder): \(reason.en).")
    }

    public static func outputFolderIsALink(_ path: some CustomStringConvertible, to target: some CustomStringConvertible) -> Phrase {
        Phrase(nl: "\(path) is een koppeling (naar \(target)); InBeeld schrijft zijn resultaten alleen in een echte map. Verwijder de koppeling, of kies een andere map met -o.",
               en: "\(path) is a link (to \(target)); InBeeld writes its results only into a real folder. Remove the link, or choose another folder with -o.")
    }


    // MARK: - Stills (`inbeeld stills`, and prepare's)

    public static func stillExistsChooseAnotherFolder(_ path: some CustomStringConvertible) -> Phrase {
        Phrase(nl: "\(path) bestaat al; kies een andere map met -o, of overschrijf met --force.",
               en: "\(path) already exists; choose another folder with -o, or overwrite with --force.")
    }

    public static func stillIsTheRecording(_ path: some CustomStringConvertible) -> Phrase {
        Phrase(nl: "\(path) is de opname zelf; die wordt nooit overschreven.",
               en: "\(path) is the recording itself; it is never written over.")
    }

    public static func stillsCouldNotBeMadeNothingLeftBehind(because reason: Phrase) -> Phrase {
        Phrase(nl: "de stilstaande beelden konden niet worden gemaakt: \(reason.nl). Er is niets achtergebleven.",
               en: "the stills could not be made: \(reason.en). Nothing was left behind.")
    }

    public static func stillsWritten(_ count: some CustomStringConvertible, in folder: some CustomStringConvertible) -> Phrase {
        Phrase(nl: "\(count) stilstaand(e) beeld(en) in \(folder)", en: "\(count) still(s) in \(folder)")
    }


    // MARK: - The sheet (`inbeeld sheet`, and prepare's): making it

    /// The sheet's title when none is given.
    public static let interactionsBetweenChildrenOnVideo = Phrase(
        nl: "Onderlinge interacties in beeld",
        en: "Interactions between children on video")

    /// Said by the sheet, and by the page about a session file (after its name).
    public static func fragmentDoesNotFit(from: some CustomStringConvertible, to: some CustomStringConvertible, length: some CustomStringConvertible) -> Phrase {
        Phrase(nl: "het fragment \(from)–\(to) past niet in de opname (\(length)).",
               en: "the fragment \(from)–\(to) does not fit the recording (\(length)).")
    }

    public static let noMarkersFallInTheFragment = Phrase(
        nl: "er vallen geen markeringen in het fragment.",
        en: "no markers fall in the fragment.")

    public static func stillsCouldNotBeMade(because reason: Phrase) -> Phrase {
        Phrase(nl: "de stilstaande beelden konden niet worden gemaakt: \(reason.nl).", en: "the stills could not be made: \(reason.en).")
    }

    public static func sheetWritten(_ path: some CustomStringConvertible, pages: some CustomStringConvertible, stills: some CustomStringConvertible) -> Phrase {
        Phrase(nl: "\(path): \(pages) pagina('s), \(stills) stilstaand(e) beeld(en)",
               en: "\(path): \(pages) page(s), \(stills) still(s)")
    }


    // MARK: The sheet's pages: the method's questions and the conversation's headings

    /// The method's four questions (`shared/method`, the Dutch original): the first at each contact initiative,
    /// the other three after the fragment, per child.
    public static let methodQuestions = [
        Phrase(nl: "Wat zie en hoor je?", en: "What do you see and hear?"),
        Phrase(nl: "Wat heeft dit moment voor het kind betekend?", en: "What did this moment mean for the child?"),
        Phrase(nl: "Welke (ontwikkelings)behoeften heeft het kind?", en: "Which (developmental) needs does the child have?"),
        Phrase(nl: "Wat kun je in een vergelijkbaar moment voor dit kind doen?", en: "What can you do for this child in a similar moment next time?"),
    ]

    /// The method's question at each contact initiative, and the coach's own when it saw something else.
    public static var seenAndHeard: Phrase { methodQuestions[0] }

    public static let whatTellsYouThat = Phrase(nl: "Waaraan zie of hoor je dat?", en: "What do you see or hear that tells you that?")
    public static let addedInConversation = Phrase(nl: "in het gesprek toegevoegd", en: "added in the conversation")
    public static let whatISee = Phrase(nl: "Wat ik zie... (de coach)", en: "What I see... (the coach)")
    public static let firstReactionHeading = Phrase(nl: "Eerste reactie, na de hele opname", en: "First reaction, after the whole recording")
    public static let summaryHeading = Phrase(nl: "Samenvatting: wat hebben we gezien en gehoord?", en: "Summary: what did we see and hear?")

    public static func childPageHeading(_ child: some CustomStringConvertible) -> Phrase {
        Phrase(nl: "Kind: \(child)", en: "Child: \(child)")
    }

    public static func childWatchedBy(_ child: some CustomStringConvertible, _ professional: some CustomStringConvertible) -> Phrase {
        Phrase(nl: "\(child) · \(professional) let op dit kind", en: "\(child) · \(professional) watches this child")
    }

    public static let beforeTheFragment = Phrase(nl: "Voor het fragment", en: "Before the fragment")
    public static let afterTheFragment = Phrase(nl: "Na het fragment", en: "After the fragment")

    public static let whichChildHeading = Phrase(nl: "Op welk kind ga je letten? (in een groep bijvoorbeeld één kind per professional)",
                                                 en: "Which child will you watch? (in a group for example one child per professional)")

    public static let goingWellHeading = Phrase(nl: "Wat gaat goed?", en: "What goes well?")

    public static let evaluationHeading = Phrase(nl: "Wat evalueren we? (eventueel met een nieuwe opname)",
                                                 en: "What will be evaluated? (possibly with a new recording)")

    public static let agreementsHeading = Phrase(nl: "Afspraken", en: "Agreements")
    public static let followUpHeading = Phrase(nl: "Vervolg", en: "Follow-up")
    public static let followUpDateHeading = Phrase(nl: "Evaluatie van de begeleiding op (datum):", en: "Evaluate the guidance on (date):")


    // MARK: The sheet's header and footer

    public static func sheetFooter(recording: some CustomStringConvertible, page: some CustomStringConvertible, of pageCount: some CustomStringConvertible) -> Phrase {
        Phrase(nl: "InBeeld · \(recording) · pagina \(page) van \(pageCount)",
               en: "InBeeld · \(recording) · page \(page) of \(pageCount)")
    }

    public static let recording = Phrase(nl: "Opname", en: "Recording")
    public static func recordedOn(_ day: String) -> Phrase { Phrase(nl: "opgenomen \(day)", en: "recorded \(day)") }
    public static func lengthIs(_ length: String) -> Phrase { Phrase(nl: "duur \(length)", en: "length \(length)") }
    public static func fragmentSpan(from: String, to: String, length: String) -> Phrase {
        Phrase(nl: "fragment \(from)–\(to) (\(length))", en: "fragment \(from)–\(to) (\(length))")
    }

    /// "Focus child" or "Focus children", before the names.
    public static func focusChild(count: Int) -> Phrase {
        count == 1 ? Phrase(nl: "Focuskind", en: "Focus child") : Phrase(nl: "Focuskinderen", en: "Focus children")
    }

    public static let coach = Phrase(nl: "Coach", en: "Coach")
    /// The method's word for the one who is coached (the sheet, the page's field).
    public static let professional = Phrase(nl: "Pedagogisch professional", en: "Professional")
    public static func madeOn(_ day: String) -> Phrase { Phrase(nl: "Gemaakt op \(day)", en: "Made on \(day)") }
    /// Under a still's heading: its frame (0-based, as `#N` in marker files) and time to the millisecond.
    public static func stillExactly(frame: Int, time: String) -> Phrase {
        Phrase(nl: "beeld #\(frame) · \(time)", en: "frame #\(frame) · \(time)")
    }
    /// A still's heading: its number, its time in the recording, and in the fragment when there is one.
    public static func stillWhen(order: Int, recording: String, fragment: String?) -> Phrase {
        guard let fragment else { return Phrase(nl: "\(order) · \(recording)", en: "\(order) · \(recording)") }
        return Phrase(nl: "\(order) · \(recording) (fragment \(fragment))", en: "\(order) · \(recording) (fragment \(fragment))")
    }


    // MARK: - Markers: reading a marker file (our CSV and text, any text file)

    /// Said by the marker module and by markers convert, which tries the same before it reads.
    public static let notATextFile = Phrase(
        nl: "dit is geen tekstbestand; sla de lijst op als CSV of tekst (UTF-8).",
        en: "this is not a text file; save the list as CSV or plain text (UTF-8).")

    public static func headerHasNoTimeColumn(_ header: some CustomStringConvertible) -> Phrase {
        Phrase(nl: "de kopregel (\(header)) heeft geen kolom 'time' of 'tijd'; zet de tijden in een kolom met die naam.",
               en: "the header row (\(header)) has no 'time' column; put the times in a column with that name.")
    }

    public static func notATime(_ text: some CustomStringConvertible) -> Phrase {
        Phrase(nl: "'\(text)' is geen tijd; schrijf bijvoorbeeld 2:15.433, 0:02:15, 135.4 of #136 (beeldnummer).",
               en: "'\(text)' is not a time; write for example 2:15.433, 0:02:15, 135.4 or #136 (a frame number).")
    }

    public static let quoteNeverClosed = Phrase(nl: "een aanhalingsteken (\") wordt niet gesloten.", en: "a quote (\") is never closed.")

    public static func tooManyFields(found: some CustomStringConvertible, expected: some CustomStringConvertible) -> Phrase {
        Phrase(nl: "\(found) velden, maar de kopregel noemt er \(expected); zet tekst met het scheidingsteken erin, of een tijd met een komma, tussen aanhalingstekens (\"1:02,5\").",
               en: "\(found) fields, but the header names \(expected); put text holding the separator, or a time with a decimal comma, in quotes (\"1:02,5\").")
    }

    public static let holdsNoMarkers = Phrase(nl: "er staan geen markeringen in.", en: "it holds no markers.")

    /// `file, line 4`: where a problem is, before what it is.
    public static func fileLine(_ path: some CustomStringConvertible, _ line: some CustomStringConvertible) -> Phrase {
        Phrase(nl: "\(path), regel \(line)", en: "\(path), line \(line)")
    }

    public static func notUTF8ReadAsWindows1252(_ path: some CustomStringConvertible) -> Phrase {
        Phrase(nl: "\(path) is geen UTF-8; gelezen als Windows-1252 (West-Europees). Kijk of letters als é en ë goed staan; sla het bestand als UTF-8 op om zeker te zijn.",
               en: "\(path) is not UTF-8; read as Windows-1252 (Western European). Check that letters such as é and ë are right; save the file as UTF-8 to be sure.")
    }

    public static func unexpected(_ error: Any) -> Phrase {
        Phrase(nl: "\(error)", en: "\(error)")
    }


    // MARK: Markers: Excel workbooks, and LosslessCut's frame numbers

    public static func workbookUnreadable(because reason: Phrase) -> Phrase {
        Phrase(nl: "dit is geen Excel-werkmap die te lezen is (\(reason.nl)); sla de lijst op als CSV (UTF-8).",
               en: "this is no Excel workbook that can be read (\(reason.en)); save the list as CSV (UTF-8).")
    }

    public static let workbookNotZIP = Phrase(nl: "geen ZIP-archief", en: "not a ZIP archive")

    public static func workbookPartDamaged(_ part: some CustomStringConvertible, checksumWrong: Bool) -> Phrase {
        checksumWrong
            ? Phrase(nl: "\(part) is beschadigd: het controlegetal klopt niet; sla de werkmap opnieuw op in Excel of LibreOffice",
                     en: "\(part) is damaged: its checksum is wrong; save the workbook again in Excel or LibreOffice")
            : Phrase(nl: "\(part) is beschadigd: het is niet uit te pakken; sla de werkmap opnieuw op in Excel of LibreOffice",
                     en: "\(part) is damaged: it cannot be unpacked; save the workbook again in Excel or LibreOffice")
    }

    public static let workbookHasNoWorkbookPart = Phrase(nl: "geen xl/workbook.xml: geen Excel-werkmap", en: "no xl/workbook.xml: not an Excel workbook")

    public static func workbookHasNoSheet(_ part: some CustomStringConvertible) -> Phrase {
        Phrase(nl: "geen \(part)", en: "no \(part)")
    }

    public static func workbookIsNot(format: some CustomStringConvertible) -> Phrase {
        Phrase(nl: "dit is een Excel-werkmap, geen \(format)-bestand.", en: "this is an Excel workbook, not a \(format) file.")
    }

    public static let everyTimeIsAWholeNumber = Phrase(
        nl: "alle tijden zijn hele getallen, zoals LosslessCut's export 'CSV (frames)' beeldnummers schrijft; zeg wat het zijn met inbeeld markers convert --from-format losslesscut-frames (beeldnummers) of --from-format losslesscut (seconden).",
        en: "every time is a whole number, as LosslessCut's 'CSV (frames)' export writes frame numbers; say which they are with inbeeld markers convert --from-format losslesscut-frames (frame numbers) or --from-format losslesscut (seconds).")

    public static func losslessCutFramesNeedsFPS(_ time: some CustomStringConvertible) -> Phrase {
        Phrase(nl: "\(time) is een tijd; LosslessCut's CSV met beeldnummers heeft beeldnummers nodig: geef de beeldsnelheid met --fps.",
               en: "\(time) is a time; LosslessCut's frames CSV needs frame numbers: give the frame rate with --fps.")
    }

    public static func frameNumberNeedsFPS(_ time: some CustomStringConvertible) -> Phrase {
        Phrase(nl: "\(time) is een beeldnummer; andere programma's hebben tijden nodig. Geef de beeldsnelheid van de opname met --fps, of schrijf onze CSV of tekst.",
               en: "\(time) is a frame number; other tools need times. Give the recording's frame rate with --fps, or write our CSV or text.")
    }

    public static func frameNumberCannotBeShifted(_ time: some CustomStringConvertible) -> Phrase {
        Phrase(nl: "\(time) is een beeldnummer en kan niet verschoven worden.", en: "\(time) is a frame number and cannot be shifted.")
    }

    public static func markerBeforeStartAfterShift(line: some CustomStringConvertible, time: some CustomStringConvertible) -> Phrase {
        Phrase(nl: "de markering op regel \(line) (\(time)) zou na het verschuiven voor het begin vallen.",
               en: "the marker on line \(line) (\(time)) would fall before the start after the shift.")
    }


    // MARK: Markers: ELAN documents and their tiers

    public static let elanDocumentEndsEarly = Phrase(
        nl: "geen geldig ELAN-document: het houdt op voor het af is.",
        en: "not a valid ELAN document: it ends before it is complete.")

    public static func elanXMLError(code: some CustomStringConvertible) -> Phrase {
        Phrase(nl: "geen geldig ELAN-document (XML-fout \(code)).", en: "not a valid ELAN document (XML error \(code)).")
    }

    public static func annotationSlotHasNoTime(annotation: some CustomStringConvertible, slot: some CustomStringConvertible) -> Phrase {
        Phrase(nl: "annotatie \(annotation) begint bij tijdstip \(slot), dat geen tijd heeft, en de laag heeft er geen tijdstip met tijd omheen om het naar te plaatsen.",
               en: "annotation \(annotation) starts at time slot \(slot), which has no time, and its tier has no timed slot around it to place it by.")
    }

    public static func annotationSlotUnknown(annotation: some CustomStringConvertible, slot: some CustomStringConvertible) -> Phrase {
        Phrase(nl: "annotatie \(annotation) verwijst naar een onbekend tijdstip \(slot).",
               en: "annotation \(annotation) refers to an unknown time slot \(slot).")
    }

    public static func timeOutOfRange(milliseconds: some CustomStringConvertible) -> Phrase {
        Phrase(nl: "de tijd \(milliseconds) ms is geen tijd in een opname.", en: "the time \(milliseconds) ms is not a time in a recording.")
    }

    public static let notAnElanDocument = Phrase(
        nl: "dit is geen ELAN-document (.eaf); alleen ELAN-documenten hebben lagen.",
        en: "this is no ELAN document (.eaf); only ELAN documents have tiers.")

    public static let tierColumnTier = Phrase(nl: "laag", en: "tier")
    public static let tierColumnType = Phrase(nl: "soort", en: "type")
    public static let tierColumnParent = Phrase(nl: "hangt onder", en: "parent")
    public static let tierColumnParticipant = Phrase(nl: "deelnemer", en: "participant")
    public static let tierColumnCount = Phrase(nl: "aantal", en: "count")
    public static let tierIndependent = Phrase(nl: "zelfstandig", en: "independent")

    public static func tiersTakenByDefault(_ tiers: some CustomStringConvertible, _ annotations: some CustomStringConvertible) -> Phrase {
        Phrase(nl: "Zonder --tier worden de \(tiers) zelfstandige lagen markeringen (\(annotations)); wat eronder hangt komt in hun notitie.",
               en: "Without --tier, the \(tiers) independent tiers become markers (\(annotations)); what depends on them goes in their notes.")
    }

    public static func noTierNamed(_ tier: some CustomStringConvertible, _ tiers: some CustomStringConvertible) -> Phrase {
        Phrase(nl: "er is geen laag '\(tier)'; de lagen zijn: \(tiers).", en: "there is no tier '\(tier)'; the tiers are: \(tiers).")
    }


    // MARK: Markers: BORIS's files

    public static func borisFileHoldsSeveralObservations(_ count: some CustomStringConvertible, names: some CustomStringConvertible) -> Phrase {
        Phrase(nl: "dit BORIS-bestand bevat \(count) observaties (\(names)); exporteer in BORIS één observatie per bestand.",
               en: "this BORIS file holds \(count) observations (\(names)); export one observation per file from BORIS.")
    }

    public static func borisObservationSpansFiles(_ count: some CustomStringConvertible, names: some CustomStringConvertible) -> Phrase {
        Phrase(nl: "deze BORIS-observatie loopt over \(count) mediabestanden (\(names)) en de tijden tellen door; kies er één met --media NAAM.",
               en: "this BORIS observation spans \(count) media files (\(names)) and its times run on across them; choose one with --media NAME.")
    }

    public static func borisObservationIsAbout(_ files: some CustomStringConvertible, not media: some CustomStringConvertible) -> Phrase {
        Phrase(nl: "deze BORIS-observatie gaat over \(files), niet over \(media).",
               en: "this BORIS observation is about \(files), not \(media).")
    }

    public static func borisObservationSpansFilesWithoutLengths(_ count: some CustomStringConvertible, names: some CustomStringConvertible, media: some CustomStringConvertible) -> Phrase {
        Phrase(nl: "deze BORIS-observatie loopt over \(count) mediabestanden (\(names)), maar de export noemt hun lengtes niet, dus de tijden in \(media) zijn niet te bepalen; exporteer met BORIS 8 of nieuwer, of maak per mediabestand een observatie.",
               en: "this BORIS observation spans \(count) media files (\(names)), but the export does not give their lengths, so the times in \(media) cannot be told; export with BORIS 8 or later, or make one observation per media file.")
    }


    // MARK: - Markers: converting them (`inbeeld markers convert`)

    public static let inputFormatUnknown = Phrase(
        nl: "het formaat is niet aan de naam te zien; gebruik --from-format.",
        en: "the format cannot be told from the name; use --from-format.")

    public static func fileExistsOverwriteWithForce(_ output: some CustomStringConvertible) -> Phrase {
        Phrase(nl: "\(output) bestaat al; overschrijf met --force.", en: "\(output) already exists; overwrite with --force.")
    }

    public static func timecodeNeedsFPS(line: some CustomStringConvertible, time: some CustomStringConvertible) -> Phrase {
        Phrase(nl: "regel \(line): \(time) is een tijdcode; geef met --fps de beeldsnelheid van de opname (25, 29.97 of 30000/1001).",
               en: "line \(line): \(time) is a timecode; give the recording's frame rate with --fps (25, 29.97 or 30000/1001).")
    }

    public static func timecodeDoesNotFitFPS(line: some CustomStringConvertible, time: some CustomStringConvertible, framesPerSecond: some CustomStringConvertible) -> Phrase {
        Phrase(nl: "regel \(line): \(time) past niet bij \(framesPerSecond) beelden per seconde.",
               en: "line \(line): \(time) does not fit \(framesPerSecond) frames a second.")
    }

    public static func whichRecordingIsTheSessionFor(_ session: some CustomStringConvertible) -> Phrase {
        Phrase(nl: "\(session): voor welke opname is deze sessie? Zet de opname met dezelfde naam ernaast, of noem haar met --recording OPNAME.",
               en: "\(session): which recording is this session for? Put the recording of the same name beside it, or name it with --recording RECORDING.")
    }

    public static let outputOrIntoNotBoth = Phrase(nl: "geef een bestand om te schrijven, of --into NAAM.session.json (niet allebei).",
                                                  en: "give a file to write, or --into NAME.session.json (not both).")

    public static let recordingNotWithInto = Phrase(
        nl: "--recording is voor een nieuwe sessie; een sessie bij --into noemt haar opname zelf.",
        en: "--recording is for a new session; a session given with --into names its recording itself.")

    public static let tierIsForElan = Phrase(nl: "--tier is voor een ELAN-document (.eaf).", en: "--tier is for an ELAN document (.eaf).")

    public static func intoNeedsASessionFile(_ path: some CustomStringConvertible) -> Phrase {
        Phrase(nl: "--into neemt een sessiebestand (NAAM.session.json), niet \(path).",
               en: "--into takes a session file (NAME.session.json), not \(path).")
    }

    public static func markersAdded(_ count: some CustomStringConvertible, to session: some CustomStringConvertible, skipped: some CustomStringConvertible) -> Phrase {
        Phrase(nl: "\(count) markering(en) toegevoegd aan \(session); \(skipped) overgeslagen: die stonden er al (zelfde kind, zelfde beeld).",
               en: "\(count) marker(s) added to \(session); \(skipped) skipped: already there (same child, same frame).")
    }

    public static func markersWritten(_ count: some CustomStringConvertible, to output: some CustomStringConvertible) -> Phrase {
        Phrase(nl: "\(count) markering(en) naar \(output)", en: "\(count) marker(s) to \(output)")
    }


    // MARK: Markers: placing them on a recording's frames

    public static func markerFrameDoesNotExist(line: some CustomStringConvertible, frame: some CustomStringConvertible, frameCount: some CustomStringConvertible, lastFrame: some CustomStringConvertible) -> Phrase {
        Phrase(nl: "markering op regel \(line) (#\(frame)) bestaat niet: de opname heeft \(frameCount) beelden (#0 tot #\(lastFrame)).",
               en: "the marker on line \(line) (#\(frame)) does not exist: the recording has \(frameCount) frames (#0 to #\(lastFrame)).")
    }

    public static func markerTimecodeNotInRecording(line: some CustomStringConvertible, time: some CustomStringConvertible, framesPerSecond: some CustomStringConvertible) -> Phrase {
        Phrase(nl: "markering op regel \(line) (\(time)) is geen tijdcode bij deze opname van \(framesPerSecond) beelden per seconde.",
               en: "the marker on line \(line) (\(time)) is no timecode of this recording at \(framesPerSecond) frames a second.")
    }

    public static func markerAfterEnd(line: some CustomStringConvertible, time: some CustomStringConvertible, length: some CustomStringConvertible) -> Phrase {
        Phrase(nl: "markering op regel \(line) (\(time)) valt na het einde van de opname (\(length)).",
               en: "the marker on line \(line) (\(time)) is after the end of the recording (\(length)).")
    }


    // MARK: - The session file (NAME.session.json)

    /// A session file that is not JSON, with the line where it broke when the parser says so.
    public static func notValidJSON(line: Int?) -> Phrase {
        guard let line else {
            return Phrase(nl: "dit is geen geldige JSON; controleer de haakjes, aanhalingstekens en komma's.",
                          en: "this is not valid JSON; check the brackets, quotes and commas.")
        }
        return Phrase(nl: "dit is geen geldige JSON (regel \(line)); controleer de haakjes, aanhalingstekens en komma's op en voor die regel.",
                      en: "this is not valid JSON (line \(line)); check the brackets, quotes and commas on and before that line.")
    }

    public static let mustBeOneJSONObject = Phrase(
        nl: "het bestand moet één JSON-object zijn ({ ... }).",
        en: "the file must hold one JSON object ({ ... }).")

    /// A field by its place in the file: `fragment.from`, `focus[0].child`, `markers[3].time`.
    public static func fieldIsMissing(_ field: some CustomStringConvertible) -> Phrase {
        Phrase(nl: "veld '\(field)' ontbreekt.", en: "field '\(field)' is missing.")
    }

    public static func fieldMustBeText(_ field: some CustomStringConvertible) -> Phrase {
        Phrase(nl: "veld '\(field)' moet tekst zijn.", en: "field '\(field)' must be text.")
    }

    public static func fieldMustBeAnObject(_ field: some CustomStringConvertible) -> Phrase {
        Phrase(nl: "veld '\(field)' moet een object zijn.", en: "field '\(field)' must be an object.")
    }

    public static func fieldIsNotATime(_ field: some CustomStringConvertible, _ text: some CustomStringConvertible) -> Phrase {
        Phrase(nl: "veld '\(field)': '\(text)' is geen tijd (bijvoorbeeld 1:45.200).",
               en: "field '\(field)': '\(text)' is not a time (for example 1:45.200).")
    }

    public static func fieldIsNotADate(_ field: some CustomStringConvertible, _ text: some CustomStringConvertible) -> Phrase {
        Phrase(nl: "veld '\(field)': '\(text)' is geen datum (JJJJ-MM-DD).", en: "field '\(field)': '\(text)' is not a date (YYYY-MM-DD).")
    }

    public static func unknownField(_ field: some CustomStringConvertible) -> Phrase {
        Phrase(nl: "onbekend veld '\(field)'.", en: "unknown field '\(field)'.")
    }

    public static let fragmentMustBeFromTo = Phrase(
        nl: "veld 'fragment' moet {\"from\": ..., \"to\": ...} zijn.",
        en: "field 'fragment' must be {\"from\": ..., \"to\": ...}.")

    public static let focusMustBeAList = Phrase(
        nl: "veld 'focus' moet een lijst zijn, één { \"child\": ... } per kind.",
        en: "field 'focus' must be a list, one { \"child\": ... } per child.")

    public static func focusEntryMustBeAnObject(index: some CustomStringConvertible) -> Phrase {
        Phrase(nl: "veld 'focus[\(index)]' moet een object zijn, zoals { \"child\": \"Sam\" }.",
               en: "field 'focus[\(index)]' must be an object, such as { \"child\": \"Sam\" }.")
    }

    public static let focusChildrenMustBeNames = Phrase(
        nl: "veld 'focus_children' moet een lijst met namen zijn.",
        en: "field 'focus_children' must be a list of names.")

    public static let markersMustBeAList = Phrase(nl: "veld 'markers' moet een lijst zijn.", en: "field 'markers' must be a list.")

    public static func markerAddedMustBeConversationOrPrepared(index: some CustomStringConvertible) -> Phrase {
        Phrase(nl: "veld 'markers[\(index)].added' moet \"conversation\" (in het gesprek toegevoegd) of \"prepared\" (vooraf gemarkeerd) zijn.",
               en: "field 'markers[\(index)].added' must be \"conversation\" (added in the conversation) or \"prepared\" (marked beforehand).")
    }


    // MARK: - Prepare (`inbeeld prepare`, and the page's Prepare): its steps, and the index page it writes

    public static let checking = Phrase(nl: "controleren", en: "checking")

    /// A job was stopped before it finished: prepare's message, and the media layer's reason
    /// (`MediaError.cancelled`) inside another sentence.
    public static let stopped = Phrase(nl: "gestopt", en: "stopped")

    public static let cuttingTheFragment = Phrase(nl: "fragment knippen", en: "cutting the fragment")
    public static let sheet = Phrase(nl: "overzichtsblad", en: "sheet")
    public static let done = Phrase(nl: "klaar", en: "done")

    public static func markersVTTNotMade(because reason: Phrase) -> Phrase {
        Phrase(nl: "markers.vtt is niet gemaakt: \(reason.nl).", en: "markers.vtt was not made: \(reason.en).")
    }

    public static let coachingInteractionsBetweenChildren = Phrase(
        nl: "Coaching: onderlinge interacties in beeld",
        en: "Coaching: interactions between children")

    public static let focusChildren = Phrase(nl: "Focuskind(eren)", en: "Focus child(ren)")
    public static let date = Phrase(nl: "Datum", en: "Date")
    public static let theFragment = Phrase(nl: "Het fragment", en: "The fragment")
    public static let stillSheetPdf = Phrase(nl: "Overzichtsblad (PDF)", en: "Still sheet (PDF)")
    public static let markersWebvtt = Phrase(nl: "Markeringen (WebVTT)", en: "Markers (WebVTT)")

    public static func everythingIsUpToDate(_ index: some CustomStringConvertible) -> Phrase {
        Phrase(nl: "Alles is al bijgewerkt: \(index)", en: "Everything is up to date: \(index)")
    }

    public static func prepareDone(files: some CustomStringConvertible, open index: some CustomStringConvertible) -> Phrase {
        Phrase(nl: "Klaar: \(files) bestanden; open \(index)", en: "Done: \(files) files; open \(index)")
    }


    // MARK: - The overview per child (`inbeeld overview`)

    public static func noSuchSessionsFolder(_ folder: some CustomStringConvertible) -> Phrase {
        Phrase(nl: "\(folder) is geen map die bestaat. Geef de map met de sessiebestanden.",
               en: "\(folder) is not a folder that exists. Name the folder with the session files.")
    }

    public static let noSessionsWithFocusChildrenFound = Phrase(
        nl: "Geen sessies met focuskinderen gevonden.",
        en: "No sessions with focus children found.")

    /// `count` contact initiatives, singular or plural.
    public static func contactInitiatives(_ count: Int) -> Phrase {
        count == 1 ? Phrase(nl: "\(count) contactinitiatief", en: "\(count) contact initiative")
            : Phrase(nl: "\(count) contactinitiatieven", en: "\(count) contact initiatives")
    }

    public static let noDate = Phrase(nl: "(geen datum)", en: "(no date)")

    // MARK: Dates for people

    /// The months as dates abbreviate them ("27 nov. 2026").
    static let monthAbbreviations: [Phrase] = zip(
        ["jan.", "feb.", "mrt.", "apr.", "mei", "jun.", "jul.", "aug.", "sep.", "okt.", "nov.", "dec."],
        ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]).map { Phrase(nl: $0, en: $1) }

    /// A day as people read it, day first: `2026-11-27` is "27 nov. 2026" ("27 Nov 2026"); with `short`,
    /// where space is short, "27-11" ("27 Nov"). What is not such a date is said as it is.
    public static func day(_ iso: String, short: Bool = false) -> Phrase {
        let parts = iso.split(separator: "-").map { Int($0) }
        guard parts.count == 3, let year = parts[0], let month = parts[1], let day = parts[2], (1...12).contains(month) else {
            return Phrase(nl: iso, en: iso)
        }
        let name = monthAbbreviations[month - 1]
        if short { return Phrase(nl: "\(day)-\(month)", en: "\(day) \(name.en)") }
        return Phrase(nl: "\(day) \(name.nl) \(year)", en: "\(day) \(name.en) \(year)")
    }
    /// The overview's lines under a session: what the professional will do next time, the agreements, and
    /// the follow-up day (flagged when due) with what will be evaluated.
    public static func overviewNextTime(_ text: String) -> Phrase { Phrase(nl: "volgende keer: \(text)", en: "next time: \(text)") }
    public static func overviewAgreements(_ text: String) -> Phrase { Phrase(nl: "afspraken: \(text)", en: "agreements: \(text)") }
    public static func overviewFollowUp(day: String, due: Bool, evaluation: String?) -> Phrase {
        let nl = "vervolg: \(day)" + (due ? "  ← is aan de beurt" : "") + (evaluation.map { ": \($0)" } ?? "")
        let en = "follow-up: \(day)" + (due ? "  ← due" : "") + (evaluation.map { ": \($0)" } ?? "")
        return Phrase(nl: nl, en: en)
    }

    public static func addedInConversationCount(_ count: some CustomStringConvertible) -> Phrase {
        Phrase(nl: "\(count) in het gesprek toegevoegd", en: "\(count) added in the conversation")
    }


    // MARK: - The coach's page: what the server says about the folder, a recording and its session

    /// Kinds of contact initiative the page suggests (a coach may type any other).
    public static let initiativeKinds = [
        Phrase(nl: "kijken", en: "look"), Phrase(nl: "woord", en: "word"), Phrase(nl: "speelgoed aanbieden", en: "offering a toy"),
        Phrase(nl: "aanraken", en: "touch"), Phrase(nl: "nadoen", en: "imitating"), Phrase(nl: "lachen", en: "laughing"),
    ]

    /// Files the recordings list leaves out, `count` of them, and why.
    public static func skippedFiles(_ count: Int, because why: Phrase) -> Phrase {
        Phrase(nl: "\(count) \(count == 1 ? "bestand" : "bestanden") overgeslagen: \(why.nl)",
               en: "\(count) \(count == 1 ? "file" : "files") skipped: \(why.en)")
    }

    public static let namesWithControlCharacters = Phrase(nl: "namen met stuurtekens (hernoem ze om ze te zien)",
                                                          en: "names with control characters (rename them to see them)")

    public static let linksToHiddenFiles = Phrase(nl: "koppelingen naar verborgen bestanden", en: "links to hidden files")
    public static let linksToOutsideTheFolder = Phrase(nl: "koppelingen naar buiten de map", en: "links to outside the folder")
    public static let linksToNothing = Phrase(nl: "koppelingen naar niets", en: "links to nothing")

    public static func notAFileInTheFolder(_ path: some CustomStringConvertible) -> Phrase {
        Phrase(nl: "'\(path)' is geen bestand in deze map.", en: "'\(path)' is not a file in this folder.")
    }

    public static func doesNotExistAnyMore(_ path: some CustomStringConvertible) -> Phrase {
        Phrase(nl: "'\(path)' bestaat niet (meer).", en: "'\(path)' does not exist (any more).")
    }

    public static func pointsOutsideTheFolder(_ path: some CustomStringConvertible) -> Phrase {
        Phrase(nl: "'\(path)' wijst naar buiten de map; dat wordt niet getoond.",
               en: "'\(path)' points outside the folder; it is not shown.")
    }

    public static func sessionFileIsALink(_ sessionFile: some CustomStringConvertible) -> Phrase {
        Phrase(nl: "\(sessionFile) is een koppeling (link); InBeeld leest en bewaart sessies alleen als gewoon bestand in de map. Vervang de koppeling door het bestand zelf.",
               en: "\(sessionFile) is a link; InBeeld reads and saves sessions only as plain files in the folder. Replace the link with the file itself.")
    }

    public static func sessionFileBelongsToAnotherRecording(_ sessionFile: some CustomStringConvertible, recording: some CustomStringConvertible) -> Phrase {
        Phrase(nl: "\(sessionFile) hoort bij een andere opname (\(recording)); hernoem of verplaats het eerst.",
               en: "\(sessionFile) belongs to another recording (\(recording)); rename or move it first.")
    }

    public static func markerOutsideTheRecording(number: some CustomStringConvertible) -> Phrase {
        Phrase(nl: "markering \(number) ligt buiten de opname.", en: "marker \(number) lies outside the recording.")
    }

    public static let pageFragmentIsWrong = Phrase(
        nl: "het fragment klopt niet (begin na einde, of buiten de opname).",
        en: "the fragment is wrong (start after end, or outside the recording).")

    /// The page sent a session that is not what a session is: `field` is where (its path, as in
    /// `markers.2.frame`), nil when it is not JSON at all. A page of another version can do this.
    public static func sessionFromThePageCannotBeRead(field: String?) -> Phrase {
        guard let field else {
            return Phrase(nl: "Niet bewaard: wat de pagina stuurde is geen sessie (geen geldige JSON). Laad de pagina opnieuw.",
                          en: "Not saved: what the page sent is not a session (not valid JSON). Reload the page.")
        }
        return Phrase(nl: "Niet bewaard: wat de pagina stuurde is geen sessie (veld '\(field)' klopt niet). Laad de pagina opnieuw.",
                      en: "Not saved: what the page sent is not a session (field '\(field)' is wrong). Reload the page.")
    }

    public static let aSaveMustSayWhichRevisionItEdits = Phrase(
        nl: "Niet bewaard: een bewaring moet zeggen welke versie van de sessie ze aanpast (If-Match), zodat niets nieuwers wordt overschreven. Laad de pagina opnieuw.",
        en: "Not saved: a save must say which version of the session it changes (If-Match), so that nothing newer is written over. Reload the page.")

    public static let fileWasNotOverwritten = Phrase(nl: "Het bestand is niet overschreven.", en: "The file was not overwritten.")

    public static let sessionDoesNotReadBack = Phrase(
        nl: "de sessie leest niet terug zoals bewaard.",
        en: "the session does not read back as saved.")

    public static let savedButCannotBeReadBack = Phrase(nl: "opgeslagen, maar niet terug te lezen.", en: "saved, but it cannot be read back.")
    public static let saveTheSessionFirst = Phrase(nl: "Bewaar de sessie eerst.", en: "Save the session first.")
    public static let makingACopyForTheBrowser = Phrase(nl: "kopie voor de browser maken", en: "making a copy for the browser")

    public static func browserCopyFailed(because reason: Phrase) -> Phrase {
        Phrase(nl: "de kopie voor de browser is niet gelukt: \(reason.nl).", en: "the copy for the browser failed: \(reason.en).")
    }

    public static let browserCopyCannotBePutInPlace = Phrase(
        nl: "de kopie is niet op zijn plaats te zetten.",
        en: "the copy cannot be put in place.")


    // MARK: - Serve (`inbeeld serve`): starting, stopping, and whom the page answers

    public static func openInTheBrowser(_ address: some CustomStringConvertible) -> Phrase {
        Phrase(nl: "Open in de browser: \(address)\nAlleen op deze computer te zien. Stoppen: Ctrl-C.\n",
               en: "Open in your browser: \(address)\nOnly this computer can see it. Stop with Ctrl-C.\n")
    }

    public static func noSuchRecordingsFolder(_ folder: some CustomStringConvertible) -> Phrase {
        Phrase(nl: "\(folder) is geen map die bestaat. Geef de map met de opnamen.",
               en: "\(folder) is not a folder that exists. Name the folder with the recordings.")
    }

    public static func portInUse(_ port: some CustomStringConvertible) -> Phrase {
        Phrase(nl: "poort \(port) is al in gebruik door een ander programma. Kies een andere --port, of laat --port weg.",
               en: "port \(port) is already used by another program. Choose another --port, or leave --port out.")
    }

    public static func pageCannotStart(because reason: Phrase) -> Phrase {
        Phrase(nl: "de pagina kan niet starten: \(reason.nl).", en: "the page cannot start: \(reason.en).")
    }

    public static let oneHostHeaderOnly = Phrase(nl: "Eén Host-kopregel, niet meer.", en: "One Host header only.")

    public static func answersOnlyOnThisComputer(port: some CustomStringConvertible) -> Phrase {
        Phrase(nl: "Deze pagina antwoordt alleen op 127.0.0.1:\(port) of localhost:\(port).",
               en: "This page answers only to 127.0.0.1:\(port) or localhost:\(port).")
    }

    public static let openTheAddressServePrinted = Phrase(
        nl: "Open het adres dat `inbeeld serve` liet zien (daar zit een sleutel in).",
        en: "Open the address that `inbeeld serve` printed (it holds a key).")

    public static let aSaveDidNotFinish = Phrase(
        nl: "inbeeld: een sessie werd nog bewaard en was na 30 seconden niet klaar; wat de pagina typte, bewaart de browser (open de opname opnieuw).",
        en: "inbeeld: a session was still being saved and had not finished after 30 seconds; the browser keeps what the page typed (open the recording again).")


    // MARK: - The demo (`inbeeld demo`)

    /// The demo session's contact initiatives: Sam's, one before the fragment.
    public static let demoInitiatives: [(time: String, note: Phrase, kind: Phrase)] = [
        ("1:35.000", Phrase(nl: "Kijkt naar de blokkentoren van Zoë (voor het fragment).", en: "Looks at Zoë's tower of blocks (before the fragment)."),
         initiativeKinds[0]),
        ("1:45.200", Phrase(nl: "Kijkt naar Zoë en lacht.", en: "Looks at Zoë and laughs."), initiativeKinds[0]),
        ("1:58.640", Phrase(nl: "Zegt \"mag ik?\" en wijst naar het blokje.", en: "Says \"may I?\" and points at the block."), initiativeKinds[1]),
        ("2:12.000", Phrase(nl: "Geeft Zoë een rood blokje; zij neemt het aan.", en: "Gives Zoë a red block; she takes it."), initiativeKinds[2]),
        ("2:30.480", Phrase(nl: "Doet Daniël na: klapt in zijn handen.", en: "Copies Daniël: claps his hands."), initiativeKinds[4]),
        ("2:51.920", Phrase(nl: "Raakt Zoë's arm aan en kijkt haar aan.", en: "Touches Zoë's arm and looks at her."), initiativeKinds[3]),
    ]

    public static func demoFolderIsAFile(_ folder: some CustomStringConvertible) -> Phrase {
        Phrase(nl: "\(folder) is een bestand, geen map. Kies een andere naam voor de demomap.",
               en: "\(folder) is a file, not a folder. Choose another name for the demo folder.")
    }

    public static func demoRecordingCouldNotBeMade(because reason: Phrase) -> Phrase {
        Phrase(nl: "de demo-opname kon niet gemaakt worden: \(reason.nl).", en: "the demo recording could not be made: \(reason.en).")
    }

    public static let made = Phrase(nl: "gemaakt", en: "made")
    public static let alreadyThereKept = Phrase(nl: "was er al, bewaard", en: "already there, kept")

    public static func demoIsReady(in folder: some CustomStringConvertible) -> Phrase {
        Phrase(nl: "De demo staat klaar in \(folder):", en: "The demo is ready in \(folder):")
    }

    public static let demoRecordingDescription = Phrase(nl: "een demo-opname van 6 minuten", en: "a 6-minute demo recording")

    public static let demoSessionDescription = Phrase(
        nl: "een voorbereide sessie: fragment, focuskind Sam, 6 contactinitiatieven",
        en: "a prepared session: fragment, focus child Sam, 6 contact initiatives")

    public static let nowTry = Phrase(nl: "Probeer nu:", en: "Now try:")


    // MARK: - The command line's mistakes (usage errors)

    public static let widthRange = Phrase(nl: "--width moet tussen 16 en 16384 liggen.", en: "--width must be between 16 and 16384.")
    public static let crfRange = Phrase(nl: "--crf moet tussen 0 en 51 liggen.", en: "--crf must be between 0 and 51.")

    public static func presetChoice(_ presets: some CustomStringConvertible) -> Phrase {
        Phrase(nl: "--preset moet een van deze zijn: \(presets).", en: "--preset must be one of \(presets).")
    }

    public static func minIsNotATime(_ min: some CustomStringConvertible) -> Phrase {
        Phrase(nl: "--min: '\(min)' is geen tijd zoals 5:00.", en: "--min: '\(min)' is not a time like 5:00.")
    }

    public static func maxIsNotATime(_ max: some CustomStringConvertible) -> Phrase {
        Phrase(nl: "--max: '\(max)' is geen tijd zoals 8:00.", en: "--max: '\(max)' is not a time like 8:00.")
    }

    public static func minLongerThanMax(_ min: some CustomStringConvertible, _ max: some CustomStringConvertible) -> Phrase {
        Phrase(nl: "--min (\(min)) is langer dan --max (\(max)).", en: "--min (\(min)) is longer than --max (\(max)).")
    }

    public static let jobsAtLeastOne = Phrase(nl: "--jobs moet 1 of meer zijn.", en: "--jobs must be 1 or more.")

    public static func pathDoesNotExist(_ path: some CustomStringConvertible) -> Phrase {
        Phrase(nl: "'\(path)' bestaat niet. Geef opnamen of mappen waar ze in staan.",
               en: "'\(path)' does not exist. Give recordings or folders that hold them.")
    }

    public static let perPageChoice = Phrase(nl: "--per-page moet 1, 2, 3 of 4 zijn.", en: "--per-page must be 1, 2, 3 or 4.")
    public static let fromAndToTogether = Phrase(nl: "--from en --to horen bij elkaar.", en: "--from and --to go together.")
    public static let portRange = Phrase(nl: "--port moet tussen 0 en 65535 liggen.", en: "--port must be 0 to 65535.")

    public static func argumentIsNotATime(_ text: some CustomStringConvertible) -> Phrase {
        Phrase(nl: "'\(text)' is geen tijd zoals 1:40.5, 0:03:10 of #3015 (een beeldnummer).",
               en: "'\(text)' is not a time like 1:40.5, 0:03:10 or #3015 (a frame number).")
    }

    public static func fpsIsNotARate(_ fps: some CustomStringConvertible) -> Phrase {
        Phrase(nl: "--fps: '\(fps)' is geen beeldsnelheid zoals 25, 29.97 of 30000/1001.",
               en: "--fps: '\(fps)' is not a frame rate like 25, 29.97 or 30000/1001.")
    }

    public static func fragmentFromIsNotATime(_ from: some CustomStringConvertible) -> Phrase {
        Phrase(nl: "--fragment-from: '\(from)' is geen tijd zoals 1:40.5.", en: "--fragment-from: '\(from)' is not a time like 1:40.5.")
    }

    public static func outputFormatUnknown(_ output: some CustomStringConvertible) -> Phrase {
        Phrase(nl: "het formaat van \(output) is niet aan de naam te zien; voeg --to-format toe.",
               en: "cannot tell the format of \(output) from its name; add --to-format.")
    }


    // MARK: - The coach's page: its own words (app.js asks for them by name; it fills in {1}, {2}... itself)

    /// The heading over contact initiatives: the page's list of markers, and a column of its overview.
    public static let contactInitiativesHeading = Phrase(nl: "Contactinitiatieven", en: "Contact initiatives")

    // MARK: The page's keys, the conversation's steps and the commands: the page's help lines, the
    // cheat sheet (`inbeeld cheatsheet`) and the guides' tables say the same

    /// Keys and what they do.
    public struct KeyUse: Sendable {
        public var keys: Phrase
        public var does: Phrase
    }

    /// While watching and marking.
    public static let markingKeys: [KeyUse] = [
        KeyUse(keys: Phrase(nl: "Spatie", en: "Space"), does: Phrase(nl: "afspelen/pauzeren", en: "play/pause")),
        KeyUse(keys: Phrase(nl: "← en →", en: "← and →"), does: Phrase(nl: "één beeld", en: "one frame")),
        KeyUse(keys: Phrase(nl: "Shift+← en Shift+→", en: "Shift+← and Shift+→"), does: Phrase(nl: "één seconde", en: "one second")),
        KeyUse(keys: Phrase(nl: "PageUp en PageDown", en: "PageUp and PageDown"), does: Phrase(nl: "10 seconden", en: "10 seconds")),
        KeyUse(keys: Phrase(nl: "Home en End", en: "Home and End"), does: Phrase(nl: "begin/einde", en: "start/end")),
        KeyUse(keys: Phrase(nl: "M", en: "M"), does: Phrase(nl: "markeren", en: "mark")),
        KeyUse(keys: Phrase(nl: "I en O", en: "I and O"), does: Phrase(nl: "begin/einde fragment (met het beeld dat je ziet)", en: "fragment start/end (with the frame you see)")),
        KeyUse(keys: Phrase(nl: "Z", en: "Z"), does: Phrase(nl: "inzoomen op het fragment", en: "zoom into the fragment")),
        KeyUse(keys: Phrase(nl: "Ctrl+S", en: "Ctrl+S"), does: Phrase(nl: "bewaren", en: "save")),
        KeyUse(keys: Phrase(nl: "Esc", en: "Esc"), does: Phrase(nl: "klaar met typen, terug naar de video", en: "done typing, back to the video")),
    ]

    /// In the conversation.
    public static let conversationKeys: [KeyUse] = [
        KeyUse(keys: Phrase(nl: "Spatie", en: "Space"), does: Phrase(nl: "afspelen/verder", en: "play/go on")),
        KeyUse(keys: Phrase(nl: "Enter en M", en: "Enter and M"), does: Phrase(nl: "stop, contactinitiatief hier", en: "stop, contact initiative here")),
        KeyUse(keys: Phrase(nl: "R", en: "R"), does: Phrase(nl: "terugspoelen en opnieuw tot hier", en: "rewind and play up to here again")),
        KeyUse(keys: Phrase(nl: "N en P", en: "N and P"), does: Phrase(nl: "volgende/vorige", en: "next/previous")),
        KeyUse(keys: Phrase(nl: "S", en: "S"), does: Phrase(nl: "langzaam (0,5×) of gewoon", en: "slow (0.5×) or normal")),
        KeyUse(keys: Phrase(nl: "G", en: "G"), does: Phrase(nl: "goed om te weten", en: "good to know")),
        KeyUse(keys: Phrase(nl: "Esc", en: "Esc"), does: Phrase(nl: "volledig scherm uit; nog een keer: gesprek sluiten", en: "leave full screen; again: close the conversation")),
    ]

    /// A help line: "Spatie: afspelen/pauzeren · ← en →: één beeld · ...".
    static func keyHelp(_ keys: [KeyUse]) -> Phrase {
        Phrase(nl: keys.map { "\($0.keys.nl): \($0.does.nl)" }.joined(separator: " · "),
               en: keys.map { "\($0.keys.en): \($0.does.en)" }.joined(separator: " · "))
    }

    /// The method's conversation in four steps: each step's name (the page's step buttons) and what
    /// happens in it.
    public static let conversationSteps: [(name: Phrase, what: Phrase)] = [
        (Phrase(nl: "1. De hele opname", en: "1. The whole recording"),
         Phrase(nl: "Speel de hele opname af. De professional geeft een eerste reactie.",
                en: "Play the whole recording. The professional gives a first reaction.")),
        (Phrase(nl: "2. Op welk kind let je?", en: "2. Which child do you watch?"),
         Phrase(nl: "Vraag op welk kind de professional let. Groepscoaching: ieder een eigen kind, of samen één. Nieuw met video? Eén kind.",
                en: "Ask which child the professional watches. Group coaching: a child each, or one together. New to video? One child.")),
        (Phrase(nl: "3. Het fragment", en: "3. The fragment"),
         Phrase(nl: "Speel het fragment. De professional zegt ‘stop’ bij een contactinitiatief (Enter); jij mag ook stoppen. Herhaal wat je hoort en vraag alleen: \(methodQuestions[0].nl) (Waaraan zie of hoor je dat?)",
                en: "Play the fragment. The professional says ‘stop’ at a contact initiative (Enter); you may stop too. Repeat what you hear and ask only: \(methodQuestions[0].en) (What tells you that?)")),
        (Phrase(nl: "4. Na het fragment", en: "4. After the fragment"),
         Phrase(nl: "Vat samen wat jullie zagen. Dan per kind: \(methodQuestions[1].nl) \(methodQuestions[2].nl) \(methodQuestions[3].nl) Dan: wat gaat goed, afspraken, evaluatie.",
                en: "Sum up what you saw. Then per child: \(methodQuestions[1].en) \(methodQuestions[2].en) \(methodQuestions[3].en) Then: what goes well, agreements, evaluation.")),
    ]

    /// The commands a coach types, as the guides show them, and what each does.
    public static let coachCommands: [(command: String, does: Phrase)] = [
        ("inbeeld check opnames", Phrase(nl: "controleer alle opnamen in de map opnames", en: "check every recording in the folder opnames")),
        ("inbeeld serve opnames", Phrase(nl: "open de pagina: kijken, markeren, het gesprek (stoppen: Ctrl+C)", en: "open the page: watch, mark, the conversation (stop: Ctrl+C)")),
        ("inbeeld overview opnames", Phrase(nl: "het overzicht per kind, voor het vervolg", en: "the overview per child, for the follow-up")),
        ("inbeeld info opnames/NAAM.mp4", Phrase(nl: "wat een opname bevat (vraag je hulp? Haal dan eerst Locatie, Toestel en Opnametijd weg)",
                                                 en: "what a recording holds (asking for help? Remove Location, Device and Creation time first)")),
        ("inbeeld demo", Phrase(nl: "een demomap om mee te oefenen", en: "a demo folder to practise with")),
    ]

    public static let cheatSheetTitle = Phrase(nl: "InBeeld: spiekbrief", en: "InBeeld: cheat sheet")
    public static let inTheTerminal = Phrase(nl: "In de terminal", en: "In the terminal")
    public static let keysWhileMarking = Phrase(nl: "Toetsen: kijken en markeren", en: "Keys: watching and marking")
    public static let keysInTheConversation = Phrase(nl: "Toetsen in het gesprek", en: "Keys in the conversation")
    public static let theConversationInFourSteps = Phrase(nl: "Het gesprek in vier stappen", en: "The conversation in four steps")
    public static let typingFirstEsc = Phrase(nl: "Typ je in een vak? Druk eerst op Esc; dan werken de toetsen weer. Geen PageUp, Home of End op je laptop? Houd Fn ingedrukt.",
                                              en: "Typing in a box? Press Esc first; then the keys work again. No PageUp, Home or End on your laptop? Hold Fn.")
    public static func cheatSheetWritten(_ path: String) -> Phrase {
        Phrase(nl: "\(path): spiekbrief, één A4. Print hem uit en leg hem naast de laptop.",
               en: "\(path): cheat sheet, one A4 page. Print it and keep it beside the laptop.")
    }

    /// The page's words, served with its settings (`api/config`). A word the sheet or the index page says too
    /// is that entry (the same meaning, said once).
    public static let page: [(key: String, phrase: Phrase)] = [
        ("recordings", Phrase(nl: "Opnamen", en: "Recordings")),
        ("noRecordings", Phrase(nl: "Geen opnamen in deze map.", en: "No recordings in this folder.")),
        ("makeCopy", Phrase(nl: "Kopie maken om af te spelen", en: "Make a copy to play")),
        ("backSecond", Phrase(nl: "Eén seconde terug (Shift+←)", en: "One second back (Shift+←)")),
        ("backFrame", Phrase(nl: "Eén beeld terug (←)", en: "One frame back (←)")),
        ("playPause", Phrase(nl: "Afspelen / pauzeren (spatie)", en: "Play / pause (space)")),
        ("nextFrame", Phrase(nl: "Eén beeld verder (→)", en: "One frame on (→)")),
        ("nextSecond", Phrase(nl: "Eén seconde verder (Shift+→)", en: "One second on (Shift+→)")),
        ("mark", Phrase(nl: "Markeer contactinitiatief", en: "Mark contact initiative")),
        ("fragmentStart", Phrase(nl: "Begin fragment", en: "Fragment start")),
        ("fragmentEnd", Phrase(nl: "Einde fragment", en: "Fragment end")),
        ("timeline", Phrase(nl: "Tijdlijn: klik of sleep om te zoeken; draai aan het muiswiel om in of uit te zoomen",
                            en: "Timeline: click or drag to seek; turn the mouse wheel to zoom in or out")),
        ("noSound", Phrase(nl: "geen geluid in deze opname", en: "no sound in this recording")),
        ("soundUnreadable", Phrase(nl: "het geluid is niet te lezen", en: "the sound cannot be read")),
        ("zoomFragment", Phrase(nl: "Zoom in op het fragment (Z)", en: "Zoom into the fragment (Z)")),
        ("zoomWhole", Phrase(nl: "Hele opname (Z)", en: "Whole recording (Z)")),
        ("checkNote", Phrase(nl: "Controle: {1} opmerking", en: "Check: {1} note")),
        ("checkNotes", Phrase(nl: "Controle: {1} opmerkingen", en: "Check: {1} notes")),
        ("keys", keyHelp(markingKeys)),
        ("initiatives", contactInitiativesHeading),
        ("focusChildren", Phrase(nl: "Focuskind(eren), met komma's", en: "Focus child(ren), with commas")),
        ("childrenExample", Phrase(nl: "bijv. Sam, Zoë", en: "e.g. Sam, Zoë")),
        ("noMarkers", Phrase(nl: "Nog geen markeringen. Pauzeer bij een contactinitiatief en druk op M.", en: "No markers yet. Pause at a contact initiative and press M.")),
        ("conversation", Phrase(nl: "Gesprek en afspraken", en: "Conversation and agreements")),
        ("coach", coach),
        ("professional", professional),
        ("date", date),
        ("summary", Phrase(nl: "Samenvatting", en: "Summary")),
        ("agreements", agreementsHeading),
        ("followUp", Phrase(nl: "Vervolg (datum)", en: "Follow-up (date)")),
        ("save", Phrase(nl: "Bewaren", en: "Save")),
        ("prepare", Phrase(nl: "Voorbereiden", en: "Prepare")),
        ("welcomeTitle", Phrase(nl: "Kies een opname", en: "Choose a recording")),
        ("welcomeText", Phrase(nl: "Kies links een opname. Speel hem af, pauzeer bij elk contactinitiatief van het focuskind en druk op M. Kies met I en O het fragment van 1 tot 2 minuten, bewaar, en maak met Voorbereiden het fragment, de foto's en het overzichtsblad.", en: "Choose a recording on the left. Play it, pause at each contact initiative of the focus child and press M. Choose the fragment of 1 to 2 minutes with I and O, save, and make the fragment, the stills and the sheet with Prepare.")),
        ("frame", Phrase(nl: "beeld #{1} · {3} · {2} beelden", en: "frame #{1} · {3} · {2} frames")),
        ("child", Phrase(nl: "Kind", en: "Child")),
        ("kind", Phrase(nl: "Soort", en: "Kind")),
        ("note", seenAndHeard),
        ("remove", Phrase(nl: "Verwijderen", en: "Delete")),
        ("jumpTo", Phrase(nl: "Ga naar dit beeld", en: "Go to this frame")),
        ("noFragment", Phrase(nl: "Nog geen fragment: zet het begin met I en het einde met O.", en: "No fragment yet: set its start with I and its end with O.")),
        ("fragmentText", Phrase(nl: "Fragment: {1} tot {2} ({3})", en: "Fragment: {1} to {2} ({3})")),
        ("fragmentOnlyStart", Phrase(nl: "Fragment begint bij {1}; zet het einde met O.", en: "The fragment starts at {1}; set its end with O.")),
        ("fragmentOnlyEnd", Phrase(nl: "Fragment eindigt bij {1}; zet het begin met I.", en: "The fragment ends at {1}; set its start with I.")),
        ("fragmentLength", Phrase(nl: "voor deze methode is het fragment 1 tot 2 minuten", en: "for this method the fragment is 1 to 2 minutes")),
        ("clear", Phrase(nl: "wissen", en: "clear")),
        ("savedFile", Phrase(nl: "Bewaard om {1} · {2}", en: "Saved at {1} · {2}")),
        ("unsaved", Phrase(nl: "Niet bewaard", en: "Not saved")),
        ("saving", Phrase(nl: "Bewaren…", en: "Saving…")),
        ("mergedElsewhere", Phrase(nl: "De sessie was intussen ook ergens anders veranderd (een ander venster of een ander programma). Alles is samengevoegd en bewaard.", en: "The session had meanwhile also changed elsewhere (another window or another program). Everything was put together and saved.")),
        ("conflict", Phrase(nl: "'{1}' is hier en ergens anders verschillend veranderd. Bewaard is: \u{201C}{2}\u{201D}. Hier was getypt: \u{201C}{3}\u{201D}.", en: "'{1}' was changed differently here and elsewhere. Saved is: \u{201C}{2}\u{201D}. Typed here was: \u{201C}{3}\u{201D}.")),
        ("notSavedYet", Phrase(nl: "Nog niet bewaard", en: "Not saved yet")),
        ("savedElsewhere", Phrase(nl: "Om {1} in een ander venster of programma bewaard; hier bijgewerkt", en: "Saved in another window or program at {1}; updated here")),
        ("keepTheirs", Phrase(nl: "Houd wat bewaard is", en: "Keep what is saved")),
        ("keepMine", Phrase(nl: "Houd wat hier getypt was", en: "Keep what was typed here")),
        ("keepBoth", Phrase(nl: "Houd allebei", en: "Keep both")),
        ("serverGone", Phrase(nl: "De pagina heeft geen verbinding meer met inbeeld serve (gestopt, of opnieuw gestart met een nieuw adres). Wat je typt, blijft in deze browser bewaard. Start inbeeld serve opnieuw, open het adres dat het laat zien en open deze opname: dan krijg je het terug.", en: "The page has lost inbeeld serve (stopped, or started again with a new address). What you type is kept in this browser. Start inbeeld serve again, open the address it shows and open this recording: you will get it back.")),
        ("draftFound", Phrase(nl: "Deze browser heeft tekst van deze opname die nog niet bewaard was (van {1}). Terugzetten voegt hem samen met wat bewaard is.", en: "This browser holds text for this recording that was not saved yet (from {1}). Restoring puts it together with what is saved.")),
        ("draftRestore", Phrase(nl: "Terugzetten", en: "Restore")),
        ("draftDiscard", Phrase(nl: "Weggooien", en: "Discard")),
        ("proxyNeeded", Phrase(nl: "Deze browser speelt dit formaat ({1}) niet af. Stappen en markeren kan meteen: het stilstaande beeld maakt InBeeld zelf. Om af te spelen met geluid (ook voor het gesprek) maakt InBeeld eerst een kopie voor de browser; markeringen blijven in de tijd van het origineel.", en: "This browser does not play this format ({1}). You can step and mark right away: InBeeld makes the still picture itself. To play it with sound (also for the conversation), InBeeld first makes a copy for the browser; markers stay in the original's time.")),
        ("proxyFailed", Phrase(nl: "De kopie is niet gelukt.", en: "The copy failed.")),
        ("playError", Phrase(nl: "De browser kan deze opname niet afspelen. Stappen en markeren kan wel; maak een kopie om af te spelen.", en: "The browser cannot play this recording. You can still step and mark; make a copy to play it.")),
        ("prepareBusy", Phrase(nl: "Voorbereiden…", en: "Preparing…")),
        ("prepareDone", Phrase(nl: "Klaar:", en: "Done:")),
        ("prepareNeedsSave", Phrase(nl: "Eerst bewaren…", en: "Saving first…")),
        ("leave", Phrase(nl: "Er zijn wijzigingen die nog niet bewaard zijn.", en: "There are changes that are not saved.")),
        ("sessionFile", Phrase(nl: "Sessiebestand: {1}", en: "Session file: {1}")),
        ("importMarkers", Phrase(nl: "Markeringen importeren", en: "Import markers")),
        ("importFile", Phrase(nl: "Bestand met markeringen", en: "File with markers")),
        ("importChoose", Phrase(nl: "Kies een bestand…", en: "Choose a file…")),
        ("importBeside", Phrase(nl: "Bij deze opname", en: "With this recording")),
        ("importOthers", Phrase(nl: "Andere bestanden in de map", en: "Other files in the folder")),
        ("importNoFiles", Phrase(nl: "Er staan geen bestanden met markeringen in de map (CSV, tekst, ondertitels, ELAN, BORIS, Excel of een sessie).",
                                 en: "The folder holds no files with markers (CSV, text, subtitles, ELAN, BORIS, Excel or a session).")),
        ("importWouldAdd", Phrase(nl: "Dit voegt {1} markering(en) toe, van {2} tot {3}.", en: "This adds {1} marker(s), from {2} to {3}.")),
        ("importChildren", Phrase(nl: "Kinderen: {1}.", en: "Children: {1}.")),
        ("importNoChild", Phrase(nl: "Er staat bij geen markering een kind.", en: "No marker names a child.")),
        ("importNothing", Phrase(nl: "Er is niets toe te voegen.", en: "There is nothing to add.")),
        ("importDoubled", Phrase(nl: "{1} overgeslagen: die staan er al (zelfde kind, zelfde beeld).",
                                 en: "{1} skipped: already there (same child, same frame).")),
        ("importRefused", Phrase(nl: "{1} niet toegevoegd:", en: "{1} not added:")),
        ("importAdd", Phrase(nl: "Toevoegen", en: "Add")),
        ("importCancel", Phrase(nl: "Annuleren", en: "Cancel")),
        ("importDone", Phrase(nl: "{1} markering(en) toegevoegd uit {2}.", en: "{1} marker(s) added from {2}.")),
        ("importUndo", Phrase(nl: "Ongedaan maken", en: "Undo")),
        ("markerAt", Phrase(nl: "Contactinitiatief {1} gemarkeerd op {2}.", en: "Contact initiative {1} marked at {2}.")),
        ("markerOutsideAt", Phrase(nl: "Contactinitiatief gemarkeerd op {1}, buiten het fragment.", en: "Contact initiative marked at {1}, outside the fragment.")),
        ("outsideFragment", Phrase(nl: "buiten fragment", en: "outside fragment")),
        ("sessionProblems", Phrase(nl: "Het sessiebestand is niet te gebruiken:", en: "The session file cannot be used:")),
        ("talkStart", Phrase(nl: "Gesprek voeren", en: "Hold the conversation")),
        // The conversation's steps, in the method's words (../shared/method, the Dutch original).
        ("talkStep0", conversationSteps[0].name),
        ("talkStep1", conversationSteps[1].name),
        ("talkStep2", conversationSteps[2].name),
        ("talkStep3", conversationSteps[3].name),
        ("talkWholeTitle", Phrase(nl: "Bekijk de hele opname aan één stuk", en: "Watch the whole recording in one go")),
        ("talkWholeText", Phrase(nl: "Speel de hele opname af (spatie). Geef de professional(s) daarna de ruimte om een eerste reactie te geven. Kijk of er aanknopingspunten zijn en maak de koppeling met het moment dat je wilt gaan bekijken.", en: "Play the whole recording (space). Then give the professional(s) room for a first reaction. Look for points to pick up, and link them to the moment you are going to watch.")),
        ("firstReaction", Phrase(nl: "Eerste reactie", en: "First reaction")),
        ("talkChildTitle", Phrase(nl: "Op welk kind ga je letten?", en: "Which child will you watch?")),
        ("talkChildText", Phrase(nl: "Geef aan dat je wilt inzoomen op wat er tussen de kinderen onderling gebeurt, en vraag de professional(s) op welk kind ze gaan letten. In een groepscoaching kan elke professional op één kind letten. Werken de professionals nog niet met beeldmateriaal, focus dan op één kind.", en: "Say that you are going to zoom in on what happens between the children, and ask the professional(s) which child they will watch. In a group coaching each professional can watch one child. With professionals new to video, focus on one child.")),
        ("talkAddChild", Phrase(nl: "Nog een kind of professional (groepscoaching)", en: "Another child or professional (group coaching)")),
        ("talkStop", Phrase(nl: "Stop: contactinitiatief", en: "Stop: contact initiative")),
        ("talkStopFor", Phrase(nl: "van", en: "of")),
        ("talkInstruction", Phrase(nl: "Start het fragment (spatie) en vraag de professional(s) ‘stop’ te zeggen bij een contactinitiatief van het gekozen kind. Druk dan op Enter: het beeld staat stil en het contactinitiatief wordt toegevoegd. Je mag ook zelf stoppen. Bij de contactinitiatieven die je vooraf markeerde stopt de opname ook.", en: "Start the fragment (space) and ask the professional(s) to say ‘stop’ at a contact initiative of the chosen child. Then press Enter: the picture stands still and the contact initiative is added. You may stop it yourself too. The recording also stops at the contact initiatives you marked beforehand.")),
        ("talkOf", Phrase(nl: "Contactinitiatief {1} van {2}", en: "Contact initiative {1} of {2}")),
        ("talkReady", Phrase(nl: "Het fragment staat klaar ({1} contactinitiatieven vooraf gemarkeerd).", en: "The fragment is ready ({1} contact initiatives marked beforehand).")),
        ("talkPlaying", Phrase(nl: "Het fragment speelt. Zegt de professional ‘stop’? Druk op Enter.", en: "The fragment is playing. Does the professional say ‘stop’? Press Enter.")),
        ("talkFinished", Phrase(nl: "Het fragment is afgelopen. Ga verder met de volgende stap: na het fragment.", en: "The fragment has ended. Go on with the next step: after the fragment.")),
        ("addedInConversation", addedInConversation),
        ("seenAndHeard", seenAndHeard),
        ("prompt", whatTellsYouThat),
        ("promptHelp", Phrase(nl: "Bij een subjectieve waarneming (‘zij wilde de pop afpakken’): vraag waaraan de professional dat ziet of hoort. Spoel zo nodig terug en vraag bij het opnieuw afspelen wat het kind doet of zegt. Zie je zelf iets anders, zeg dat dan (‘wat ik zie...’).", en: "For a subjective remark (‘she wanted to take the doll’): ask what the professional sees or hears that tells them so. Rewind when needed, and while it plays again ask what the child does or says. If you see something else, say so (‘what I see...’).")),
        ("whatISee", whatISee),
        ("talkRemove", Phrase(nl: "Dit contactinitiatief weghalen", en: "Remove this contact initiative")),
        ("talkClosing", afterTheFragment),
        ("kijkwijzer", Phrase(nl: "De Kijkwijzer bevorderen van onderlinge interacties kan handvatten bieden bij de vraag wat je voor dit kind kunt doen.", en: "The Kijkwijzer bevorderen van onderlinge interacties (a checklist for encouraging interactions between children) can help with what you can do for this child.")),
        ("dropChildAnswers", Phrase(nl: "Over {1} is al iets getypt (betekenis, behoeften of volgende keer). Toch weghalen?", en: "Something was already typed about {1} (meaning, needs or next time). Remove anyway?")),
        ("summaryQuestion", summaryHeading),
        ("childWatchedBy", childWatchedBy("{1}", "{2}")),
        ("goingWell", goingWellHeading),
        ("evaluation", Phrase(nl: "Wat evalueren we?", en: "What will be evaluated?")),
        ("talkStepBack", Phrase(nl: "← Vorige stap", en: "← Previous step")),
        ("talkStepOn", Phrase(nl: "Volgende stap →", en: "Next step →")),
        ("goodToKnow", Phrase(nl: "Goed om te weten (G)", en: "Good to know (G)")),
        ("goodToKnowText", Phrase(nl: "Coachen met beeld kan als onveilig worden ervaren als er te veel wordt ingezoomd op de rol van de professional. Gebeurt dat, breng de focus dan terug naar de kinderen. Benoem ook wat goed gaat. Kies voor groepscoaching alleen als de professionals elkaar goed kennen en er genoeg veiligheid is om met en van elkaar te leren.", en: "Coaching with video can feel unsafe when it zooms in too much on the professional's role. When that happens, bring the focus back to the children. Name what goes well, too. Choose group coaching only when the professionals know each other well and there is enough safety to learn with and from each other.")),
        ("speed", Phrase(nl: "Snelheid", en: "Speed")),
        ("rewindSeconds", Phrase(nl: "Terugspoelen (seconden)", en: "Rewind (seconds)")),
        ("talkPrevious", Phrase(nl: "Vorige", en: "Previous")),
        ("talkRewind", Phrase(nl: "Terugspoelen", en: "Rewind")),
        ("talkContinue", Phrase(nl: "Verder", en: "Go on")),
        ("spaceKey", Phrase(nl: "spatie", en: "space")),
        ("talkNext", Phrase(nl: "Volgende", en: "Next")),
        ("talkFull", Phrase(nl: "Volledig scherm", en: "Full screen")),
        ("talkLeave", Phrase(nl: "Gesprek sluiten", en: "Close the conversation")),
        ("talkKeys", keyHelp(conversationKeys)),
        ("overview", Phrase(nl: "Overzicht per kind", en: "Overview per child")),
        ("overviewNone", Phrase(nl: "Nog geen sessies met focuskinderen in deze map.", en: "No sessions with focus children in this folder yet.")),
        ("ovRecording", recording),
        ("ovDate", date),
        ("ovInitiatives", contactInitiativesHeading),
        ("ovAgreements", agreementsHeading),
        ("ovFollowUp", followUpHeading),
        ("ovDue", Phrase(nl: "is aan de beurt", en: "due")),
        ("ovChart", Phrase(nl: "Contactinitiatieven van {1} per sessie, per soort", en: "{1}'s contact initiatives per session, by kind")),
        ("ovNoKind", Phrase(nl: "zonder soort", en: "no kind")),
        ("ovAdded", addedInConversationCount("{1}")),
    ]
}
