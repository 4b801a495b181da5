import Foundation
import InBeeldMedia

/// The demo a coach tries InBeeld on before a real recording: a folder with a 6-minute demo recording
/// (`speelhoek.mp4`, a test picture with a frame counter, not a camera's) and its session file
/// (`speelhoek.session.json`): a fragment chosen, one focus child, six contact initiatives marked, the
/// answers still to be given. `inbeeld serve` on the folder opens it ready for the conversation.
public enum DemoFolder {
    public static let recordingName = "speelhoek.mp4"
    public static let sessionName = "speelhoek.session.json"
    /// Six minutes: inside the method's 5 to 8, so the check passes it.
    public static let seconds = 360

    public struct Failure: Error, Sendable { public var message: String; public var cancelled = false }

    /// What `make` did: which of the two files it made (an existing one is kept as it is).
    public struct Result: Sendable {
        public var folder: String
        public var madeRecording: Bool
        public var madeSession: Bool
    }

    /// Makes `folder` (and what is missing above it) with the demo recording and session. Files that are
    /// there already are kept: the coach may have marked or answered in the session.
    public static func make(in folder: String, today: String, language: Language,
                            progress: (Double) -> Void = { _ in }, isCancelled: () -> Bool = { false }) throws(Failure) -> Result {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), !isFolder.boolValue {
            throw Failure(message: language.pick(nl: "\(folder) is een bestand, geen map. Kies een andere naam voor de demomap.",
                                                 en: "\(folder) is a file, not a folder. Choose another name for the demo folder."))
        }
        do { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) } catch {
            throw Failure(message: language.pick(nl: "kan de map \(folder) niet maken: \(Self.reason(error)).",
                                                 en: "cannot make the folder \(folder): \(Self.reason(error))."))
        }
        let recording = folder + "/" + recordingName, sessionFile = folder + "/" + sessionName
        var result = Result(folder: folder, madeRecording: false, madeSession: false)
        if !FileManager.default.fileExists(atPath: recording) {
            let temporary = OutputFiles.temporaryPath(for: recording, extension: "mp4")
            guard OutputFiles.createPrivate(temporary) else {
                throw Failure(message: language.pick(nl: "kan \(recording) niet schrijven: \(String(cString: strerror(errno))).",
                                                     en: "cannot write \(recording): \(String(cString: strerror(errno)))."))
            }
            defer { TemporaryFiles.shared.remove(temporary) }
            do {
                try DemoRecording.write(to: temporary, seconds: seconds, progress: progress, isCancelled: isCancelled)
            } catch {
                unlink(temporary)
                if case .cancelled = error { throw Failure(message: language.pick(nl: "gestopt; er is niets achtergebleven.", en: "stopped; nothing was left behind."), cancelled: true) }
                throw Failure(message: language.pick(nl: "de demo-opname kon niet gemaakt worden: \(error.description).",
                                                     en: "the demo recording could not be made: \(error.description)."))
            }
            // Nothing in it is private: readable like any file the coach makes.
            chmod(temporary, 0o644)
            guard rename(temporary, recording) == 0 else {
                unlink(temporary)
                throw Failure(message: language.pick(nl: "kan \(recording) niet schrijven: \(String(cString: strerror(errno))).",
                                                     en: "cannot write \(recording): \(String(cString: strerror(errno)))."))
            }
            result.madeRecording = true
        }
        if !FileManager.default.fileExists(atPath: sessionFile) {
            do { try OutputFiles.write(session(today: today, language: language).jsonData(), to: sessionFile) } catch {
                throw Failure(message: language.pick(nl: "kan \(sessionFile) niet schrijven: \(error.reason).",
                                                     en: "cannot write \(sessionFile): \(error.reason)."))
            }
            result.madeSession = true
        }
        return result
    }

    /// The demo session: Sam's contact initiatives in a 1:29.5 fragment, one before it, dated `today`
    /// (`yyyy-MM-dd`) with the follow-up seven weeks on.
    public static func session(today: String, language: Language) -> CoachingSession {
        let nl = language == .nl
        let marks: [(String, String, String, String)] = [
            ("1:35.000", "Kijkt naar de blokkentoren van Zoë (voor het fragment).", "Looks at Zoë's tower of blocks (before the fragment).", "kijken"),
            ("1:45.200", "Kijkt naar Zoë en lacht.", "Looks at Zoë and laughs.", "kijken"),
            ("1:58.640", "Zegt \"mag ik?\" en wijst naar het blokje.", "Says \"may I?\" and points at the block.", "woord"),
            ("2:12.000", "Geeft Zoë een rood blokje; zij neemt het aan.", "Gives Zoë a red block; she takes it.", "speelgoed aanbieden"),
            ("2:30.480", "Doet Daniël na: klapt in zijn handen.", "Copies Daniël: claps his hands.", "nadoen"),
            ("2:51.920", "Raakt Zoë's arm aan en kijkt haar aan.", "Touches Zoë's arm and looks at her.", "aanraken"),
        ]
        let kindsEnglish = ["kijken": "look", "woord": "word", "speelgoed aanbieden": "offering a toy", "nadoen": "imitating", "aanraken": "touch"]
        var session = CoachingSession(
            recording: recordingName,
            fragment: .init(from: MarkerTime(parsing: "1:40.5")!, to: MarkerTime(parsing: "3:10")!),
            focusChildren: ["Sam"], coach: "Anne de Vries", professional: "Fatima", date: today,
            markers: marks.enumerated().map { Marker(time: MarkerTime(parsing: $1.0)!, child: "Sam", note: nl ? $1.1 : $1.2, line: $0 + 1) },
            followUp: Self.date(today, plusDays: 49))
        for (i, mark) in marks.enumerated() { session.kinds[i + 1] = nl ? mark.3 : kindsEnglish[mark.3] }
        return session
    }

    /// `yyyy-MM-dd` plus `days`, or nil when `date` is not one.
    static func date(_ date: String, plusDays days: Int) -> String? {
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyy-MM-dd"
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        guard let day = formatter.date(from: date) else { return nil }
        return formatter.string(from: day.addingTimeInterval(Double(days) * 86_400))
    }

    private static func reason(_ error: Error) -> String {
        ((error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError)?.localizedDescription ?? error.localizedDescription
    }
}
