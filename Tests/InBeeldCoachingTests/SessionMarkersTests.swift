import Foundation
import Testing
import TestSupport
@testable import InBeeldCoaching
@testable import InBeeldMarkers

/// The session file as a marker format (`inbeeld markers convert`): other tools' markers into a session and
/// back, and added to a session that holds a conversation, which stays as it was.
@Suite struct SessionMarkersTests {
    static let marked = [
        Marker(time: .clock(microseconds: 1_234_000), child: "Zoë", note: "geeft een blokje, en zegt \"hoi\"", kind: "geeft speelgoed", line: 1),
        Marker(time: .clock(microseconds: 62_005_000), child: "Daniël", note: "kijkt;\nwijst", line: 2),
        Marker(time: .clock(microseconds: 75_500_000), child: nil, note: "Noé en Sam spelen samen", kind: "kijkt", line: 3),
        Marker(time: .clock(microseconds: 80_001_000), child: "Sam", note: nil, line: 4),
    ]

    static func convert(_ input: String, _ output: String, into: String? = nil, recording: String? = nil) throws -> MarkerConversionJob.Converted {
        var job = MarkerConversionJob(input: input, output: output, force: true, language: .en)
        job.into = into
        job.recording = recording
        do { return try job.run() } catch { throw ConversionFailed(messages: error.messages) }
    }
    struct ConversionFailed: Error { var messages: [String] }

    /// Each format written, made a session, and the session made that format again: what the format held
    /// (times to its precision, children, kinds, notes) is what comes back, and the session holds it.
    @Test(arguments: MarkerFormat.allCases.filter { $0 != .losslesscutFrames })
    func everyFormatToASessionAndBack(_ format: MarkerFormat) throws {
        let dir = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let ext = ["csv": "csv", "text": "txt", "vtt": "vtt", "srt": "srt", "eaf": "eaf", "boris": "tsv", "losslesscut": "csv", "audacity": "txt"][format.rawValue]!
        let file = "\(dir)/in.\(ext)"
        try MarkerConversion.write(Self.marked, format: format, mediaName: "speelhoek.mp4").write(toFile: file, atomically: true, encoding: .utf8)
        var job = MarkerConversionJob(input: file, output: "\(dir)/speelhoek.session.json", from: format, force: true, language: .en)
        job.recording = "\(dir)/speelhoek.mp4"  // beside the session: written by its name
        #expect(try job.run().count == Self.marked.count)
        let session = try CoachingSession.load(path: "\(dir)/speelhoek.session.json", language: .en)
        #expect(session.recording == "speelhoek.mp4")
        let direct = try MarkerFile.load(path: file)
        let viaSession = session.markers
        // Every format holds the times (to the millisecond) and the children as they were marked.
        #expect(viaSession.map(\.time) == Self.marked.map(\.time), "\(format)")
        #expect(viaSession.map(\.child) == Self.marked.map(\.child), "\(format)")
        #expect(viaSession.map(\.time) == direct.map(\.time))
        #expect(viaSession.map(\.child) == direct.map(\.child))
        #expect(viaSession.map(\.kind) == direct.map(\.kind))
        #expect(viaSession.map(\.note) == direct.map(\.note))
        // And back into the format: the same file as written from the markers read directly.
        var back = MarkerConversionJob(input: "\(dir)/speelhoek.session.json", output: "\(dir)/back.\(ext)", to: format, force: true, language: .en)
        back.media = "speelhoek.mp4"
        _ = try back.run()
        let again = try MarkerConversion.read(try String(contentsOfFile: "\(dir)/back.\(ext)", encoding: .utf8), format: format, name: "back")
        #expect(again.map(\.time) == direct.map(\.time), "\(format)")
        #expect(again.map(\.child) == direct.map(\.child), "\(format)")
        #expect(again.map(\.kind) == direct.map(\.kind), "\(format)")
        #expect(again.map(\.note) == direct.map(\.note), "\(format)")
    }

    /// `--into` adds markers to a session with a fragment, children, answers and agreements: every line of
    /// the file that is not a marker stays byte for byte, the markers already there too, each answer stays
    /// with its initiative, and the new markers come in time order.
    @Test func intoKeepsTheConversation() throws {
        let dir = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var session = CoachingSession(recording: "speelhoek.mp4", fragment: .init(from: .clock(microseconds: 60_000_000), to: .clock(microseconds: 150_000_000)),
                                      focus: [.init(child: "Sam", professional: "Fatima", meaning: "Sam wil \"meedoen\"", needs: "erbij horen", nextTime: "benoemen")],
                                      coach: "Ineke", date: "2026-12-01",
                                      initiatives: [
                                        .init(Marker(time: .clock(microseconds: 70_000_000), child: "Sam", note: "kijkt naar Noor", line: 1),
                                              observation: .init(seenHeard: "hij kijkt en lacht")),
                                        .init(Marker(time: .clock(microseconds: 90_000_000), child: "Sam", note: "geeft een blok", kind: "geeft speelgoed", line: 2),
                                              observation: .init(seenHeard: "zij pakt het aan", coachSaw: "Noor lacht", addedInConversation: true))],
                                      summary: "Sam zoekt contact", agreements: "Fatima benoemt wat Sam doet.\nOok bij het eten.")
        session.goingWell = "rustig"
        let path = "\(dir)/speelhoek.session.json"
        let before = session.jsonData()
        try before.write(to: URL(fileURLWithPath: path))
        try "time,child,type,note\n0:01:20.000,Noor,kijkt,naar Sam\n0:01:05.500,Sam,,wijst\n".write(toFile: "\(dir)/extra.csv", atomically: true, encoding: .utf8)

        let done = try Self.convert("\(dir)/extra.csv", "", into: path)
        #expect(done == .init(count: 2, skipped: 0))
        let after = try String(contentsOfFile: path, encoding: .utf8)
        let oldLines = String(decoding: before, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        let newLines = after.split(separator: "\n", omittingEmptySubsequences: false)
        // Every line of the old file is in the new one, in the same order (the two new markers come between).
        var k = 0
        for line in newLines where k < oldLines.count && line == oldLines[k] { k += 1 }
        #expect(k == oldLines.count, "first old line missing: \(k < oldLines.count ? String(oldLines[k]) : "")")
        #expect(newLines.count == oldLines.count + 2)
        let read = try CoachingSession.load(path: path, language: .en)
        #expect(read.fragment == session.fragment && read.focus == session.focus && read.agreements == session.agreements && read.summary == session.summary)
        #expect(read.markers.map(\.note) == ["wijst", "kijkt naar Noor", "naar Sam", "geeft een blok"])
        #expect(read.markers.map(\.kind) == [nil, nil, "kijkt", "geeft speelgoed"])
        #expect(read.initiatives.map(\.observation.seenHeard) == [nil, "hij kijkt en lacht", nil, "zij pakt het aan"])
    }

    /// A marker for the same child on the same frame as one already there is not added twice (on the
    /// recording's own frames: 25 fps, so 1.000 s and 1.030 s are frame 25); another child's is, and so is
    /// the next frame; how many were left out is said.
    @Test func theSameChildOnTheSameFrameIsNotDoubled() throws {
        let dir = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createSymbolicLink(atPath: "\(dir)/speelhoek.mp4", withDestinationPath: fixture("barcode-25fps-5min.mp4"))
        try "time,child,note\n0:00:01.000,Sam,kijkt\n".write(toFile: "\(dir)/a.csv", atomically: true, encoding: .utf8)
        #expect(try Self.convert("\(dir)/a.csv", "\(dir)/speelhoek.session.json").count == 1)
        try "time,child,note\n0:00:01.030,Sam,zelfde beeld\n0:00:01.030,Noor,ander kind\n#26,Sam,volgend beeld\n0:00:01.000,Sam,nog eens\n"
            .write(toFile: "\(dir)/b.csv", atomically: true, encoding: .utf8)
        let done = try Self.convert("\(dir)/b.csv", "", into: "\(dir)/speelhoek.session.json")
        #expect(done == .init(count: 2, skipped: 2))
        let read = try CoachingSession.load(path: "\(dir)/speelhoek.session.json", language: .en)
        #expect(read.markers.map(\.note) == ["kijkt", "ander kind", "volgend beeld"])
        // A marker after the recording's end names no frame: refused, as stills and the page refuse it, and
        // the session is left as it was.
        let before = try Data(contentsOf: URL(fileURLWithPath: "\(dir)/speelhoek.session.json"))
        try "time,child,note\n0:00:02.000,Sam,past\n0:09:00.000,Sam,te laat\n".write(toFile: "\(dir)/c.csv", atomically: true, encoding: .utf8)
        let error = try #require(throws: ConversionFailed.self) { try Self.convert("\(dir)/c.csv", "", into: "\(dir)/speelhoek.session.json") }
        #expect(error.messages.count == 1 && error.messages[0].hasPrefix("\(dir)/c.csv: ") && error.messages[0].contains("0:09:00.000"), "\(error.messages)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: "\(dir)/speelhoek.session.json")) == before)
    }

    /// WebVTT names the child as the cue's voice as well as in the text shown: any name comes back (digits,
    /// four words), and a note of a marker without a child that starts like a name stays a note; `-->` in a
    /// note does not break the file.
    @Test func cuesKeepEveryNameAndEveryNote() throws {
        let odd = [Marker(time: .clock(microseconds: 1_000_000), child: "Kind 2", note: "Let op: rent --> weg", line: 1),
                   Marker(time: .clock(microseconds: 2_000_000), child: "Sam van de Berg jr", note: nil, line: 2),
                   Marker(time: .clock(microseconds: 3_000_000), child: nil, note: "Let op: kijkt", line: 3)]
        let vtt = try MarkerConversion.read(try MarkerConversion.write(odd, format: .vtt), format: .vtt, name: "x.vtt")
        #expect(vtt.map(\.child) == ["Kind 2", "Sam van de Berg jr", nil])
        #expect(vtt.map(\.note) == ["Let op: rent -> weg", nil, "Let op: kijkt"])
        let srt = try MarkerConversion.read(try MarkerConversion.write(odd, format: .srt), format: .srt, name: "x.srt")
        #expect(srt.map(\.time) == odd.map(\.time))
    }

    @Test func aNewSessionNeedsItsRecording() throws {
        let dir = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "time,child,note\n0:00:01.000,Sam,kijkt\n".write(toFile: "\(dir)/a.csv", atomically: true, encoding: .utf8)
        let error = try #require(throws: ConversionFailed.self) { try Self.convert("\(dir)/a.csv", "\(dir)/oktober.session.json") }
        #expect(error.messages == ["\(dir)/oktober.session.json: which recording is this session for? Put the recording of the same name beside it, or name it with --recording RECORDING."])
        #expect(!FileManager.default.fileExists(atPath: "\(dir)/oktober.session.json"))
    }
}
