import Foundation
import InBeeldMedia
import InBeeldMarkers

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
            throw Failure(message: language.say(Words.demoFolderIsAFile(folder)))
        }
        do { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) } catch {
            throw Failure(message: language.say(Words.cannotMakeFolder(folder, because: phrase(for: error))))
        }
        let recording = folder + "/" + recordingName, sessionFile = folder + "/" + sessionName
        var result = Result(folder: folder, madeRecording: false, madeSession: false)
        if !FileManager.default.fileExists(atPath: recording) {
            let temporary: OutputFiles.TemporaryFile
            do { temporary = try OutputFiles.TemporaryFile(for: recording, extension: "mp4") } catch {
                throw Failure(message: language.say(Words.cannotWrite(recording, because: error.reason.phrase)))
            }
            do {
                try DemoRecording.write(to: temporary.path, seconds: seconds, progress: progress, isCancelled: isCancelled)
            } catch {
                if case .cancelled = error { throw Failure(message: language.say(Words.stoppedNothingWasLeftBehind), cancelled: true) }
                throw Failure(message: language.say(Words.demoRecordingCouldNotBeMade(because: error.phrase)))
            }
            // Nothing in it is private: readable like any file the coach makes.
            chmod(temporary.path, 0o644)
            do { try temporary.place(at: recording) } catch {
                throw Failure(message: language.say(Words.cannotWrite(recording, because: error.reason.phrase)))
            }
            result.madeRecording = true
        }
        if !FileManager.default.fileExists(atPath: sessionFile) {
            do { try OutputFiles.write(session(today: today, language: language).jsonData(), to: sessionFile) } catch {
                throw Failure(message: language.say(Words.cannotWrite(sessionFile, because: error.reason.phrase)))
            }
            result.madeSession = true
        }
        return result
    }

    /// The demo session: Sam's contact initiatives in a 1:29.5 fragment, one before it, dated `today`
    /// (`yyyy-MM-dd`) with the follow-up seven weeks on.
    public static func session(today: String, language: Language) -> CoachingSession {
        CoachingSession(
            recording: recordingName,
            fragment: .init(from: MarkerTime(parsing: "1:40.5")!, to: MarkerTime(parsing: "3:10")!),
            focus: [.init(child: "Sam", professional: "Fatima")], coach: "Anne de Vries", professional: "Fatima", date: today,
            initiatives: Words.demoInitiatives.enumerated().map {
                .init(Marker(time: MarkerTime(parsing: $1.time)!, child: "Sam", note: language.say($1.note), kind: language.say($1.kind), line: $0 + 1))
            },
            followUp: Self.date(today, plusDays: 49))
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
}
