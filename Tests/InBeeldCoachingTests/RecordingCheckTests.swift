import Foundation
import Testing
import TestSupport
@testable import InBeeldCoaching
@testable import InBeeldMarkers

/// Every verdict code, on real files made by the ffmpeg CLI (see Fixtures/README.md).
@Suite struct RecordingCheckTests {
    let check = RecordingCheck(language: .en)

    func codes(_ name: String, deep: Bool = false, limits: RecordingLimits = .method) -> [ProblemCode] {
        RecordingCheck(limits: limits, deep: deep, language: .en).check(path: fixture(name)).problems.map(\.code)
    }

    /// Limits that any of the short fixtures meets, so one problem can be looked at alone.
    static let anyLength = RecordingLimits(minimumMilliseconds: 0, maximumMilliseconds: 3_600_000)

    @Test func aGoodRecordingPasses() {
        let result = check.check(path: fixture("pass-7min.mp4"))
        #expect(result.problems.isEmpty)
        #expect(result.verdict == .pass)
    }

    @Test(arguments: [
        ("zero-bytes.mp4", ProblemCode.unreadable),
        ("random-bytes.mp4", .unreadable),
        ("text.mp4", .unreadable),
        ("does-not-exist.mp4", .unreadable),
        ("interrupted.mp4", .incomplete),
        ("truncated.mp4", .incomplete),
        ("audio-only.mp4", .noVideo),
        ("short-3min.mp4", .tooShort),
        ("long-9min.mp4", .tooLong),
        ("unsupported-codec.mp4", .unsupportedCodec),
    ])
    func failures(_ name: String, _ code: ProblemCode) {
        let result = check.check(path: fixture(name))
        #expect(result.problems.contains { $0.code == code && $0.severity == .fail }, "\(result.problems)")
        #expect(result.verdict == .fail)
    }

    @Test func aFolderIsNotARecording() {
        let result = check.check(path: packageRoot.appendingPathComponent("Fixtures").path)
        #expect(result.problems.map(\.code) == [.unreadable])
    }

    @Test func unreadableFilesSayWhy() {
        #expect(check.check(path: fixture("zero-bytes.mp4")).problems.first?.message.contains("empty") == true)
        #expect(check.check(path: fixture("interrupted.mp4")).problems.first?.message.contains("stopped recording abnormally") == true)
    }

    @Test func damageIsFoundOnlyWhenDecoding() {
        #expect(!codes("corrupt.mp4", limits: Self.anyLength).contains(.corrupt))
        let deep = RecordingCheck(limits: Self.anyLength, deep: true, language: .en).check(path: fixture("corrupt.mp4"))
        let corrupt = deep.problems.first { $0.code == .corrupt }
        #expect(corrupt?.severity == .fail)
        #expect(corrupt?.message.contains(" from ") == true, "the time of the first error is given")
        #expect(deep.verdict == .fail)
        // And a clean file stays clean when decoded.
        #expect(!codes("barcode-bframes.mp4", deep: true, limits: Self.anyLength).contains(.corrupt))
    }

    @Test(arguments: [
        ("no-audio-6min.mp4", ProblemCode.noAudio),
        ("gps.mp4", .locationMetadata),
        ("phone-like.mov", .locationMetadata),
        ("low-res.mp4", .lowResolution),
    ])
    func warnings(_ name: String, _ code: ProblemCode) {
        let result = RecordingCheck(limits: Self.anyLength, language: .en).check(path: fixture(name))
        #expect(result.problems.contains { $0.code == code && $0.severity == .warn }, "\(result.problems)")
        #expect(result.verdict != .pass)
    }

    @Test func aMissingSoundTrackIsAWarningNotAFailure() {
        let result = check.check(path: fixture("no-audio-6min.mp4"))
        #expect(result.problems.map(\.code) == [.noAudio])
        #expect(result.verdict == .warn)
    }

    @Test(arguments: [
        ("barcode-vfr.mp4", ProblemCode.variableFrameRate),
        ("barcode-rotated.mp4", .rotation),
        ("hdr-hlg.mp4", .hdr),
    ])
    func informationDoesNotChangeTheVerdict(_ name: String, _ code: ProblemCode) {
        let result = RecordingCheck(limits: Self.anyLength, language: .en).check(path: fixture(name))
        #expect(result.problems.contains { $0.code == code && $0.severity == .info })
        let others = result.problems.filter { $0.severity != .info }
        #expect(result.verdict == (others.isEmpty ? .pass : (others.contains { $0.severity == .fail } ? .fail : .warn)))
    }

    @Test func constantRateAndUprightFilesSayNothingAboutThem() {
        let found = codes("barcode-bframes.mp4", limits: Self.anyLength)
        #expect(!found.contains(.variableFrameRate))
        #expect(!found.contains(.rotation))
    }

    /// The limits are inclusive, to the millisecond of ffprobe's stated duration.
    @Test func lengthLimitsAreInclusive() throws {
        let format = try Oracle.format(fixture("short-3min.mp4"))
        let ms = Int64((try #require(Double(format["duration"] as? String ?? "")) * 1000).rounded(.down))
        let exact = RecordingLimits(minimumMilliseconds: ms, maximumMilliseconds: ms + 1)
        #expect(!codes("short-3min.mp4", limits: exact).contains(.tooShort))
        #expect(!codes("short-3min.mp4", limits: exact).contains(.tooLong))
        #expect(codes("short-3min.mp4", limits: RecordingLimits(minimumMilliseconds: ms + 2, maximumMilliseconds: ms + 10)) == [.tooShort])
        #expect(codes("short-3min.mp4", limits: RecordingLimits(minimumMilliseconds: 0, maximumMilliseconds: ms - 1)) == [.tooLong])
    }

    @Test func messagesAreInTheCoachsLanguage() {
        let nl = RecordingCheck(language: .nl).check(path: fixture("short-3min.mp4")).problems.first?.message ?? ""
        let en = RecordingCheck(language: .en).check(path: fixture("short-3min.mp4")).problems.first?.message ?? ""
        #expect(nl.contains("duurt 3:00") && nl.contains("5:00 tot 8:00"))
        #expect(en.contains("3:00 long") && en.contains("5:00 to 8:00"))
    }

    @Test func everyCodeHasATextInBothLanguages() throws {
        // One file per code; the Dutch and English messages differ and are not empty.
        let dir = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try DolbyVisionFixture.write(fixture("hdr-pq-barcode.mp4"), to: dir + "/dv5.mp4", profile: 5, compatibility: 0)
        let cases: [(String, ProblemCode, Bool)] = [
            (dir + "/dv5.mp4", .dolbyVisionOnly, false),
            ("zero-bytes.mp4", .unreadable, false), ("interrupted.mp4", .incomplete, false),
            ("audio-only.mp4", .noVideo, false), ("short-3min.mp4", .tooShort, false),
            ("long-9min.mp4", .tooLong, false), ("unsupported-codec.mp4", .unsupportedCodec, false),
            ("corrupt.mp4", .corrupt, true), ("no-audio-6min.mp4", .noAudio, false),
            ("gps.mp4", .locationMetadata, false), ("low-res.mp4", .lowResolution, false),
            ("hdr-hlg.mp4", .hdr, false), ("barcode-vfr.mp4", .variableFrameRate, false),
            ("barcode-rotated.mp4", .rotation, false),
        ]
        #expect(Set(cases.map(\.1)) == Set(ProblemCode.allCases))
        for (name, code, deep) in cases {
            let texts = [Language.nl, .en].map { language in
                RecordingCheck(deep: deep, language: language).check(path: name.hasPrefix("/") ? name : fixture(name)).problems.first { $0.code == code }?.message
            }
            #expect(texts[0] != nil && texts[1] != nil && texts[0] != texts[1], "\(code)")
        }
    }

    /// The check reads only: contents and modification time stay as they were.
    @Test(arguments: ["pass-7min.mp4", "corrupt.mp4", "interrupted.mp4", "phone-like.mov"])
    func theCheckNeverChangesAFile(_ name: String) throws {
        let path = fixture(name)
        let before = try FileManager.default.attributesOfItem(atPath: path)
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        _ = RecordingCheck(deep: true, language: .en).check(path: path)
        let after = try FileManager.default.attributesOfItem(atPath: path)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == data)
        #expect(before[.modificationDate] as? Date == after[.modificationDate] as? Date)
    }
}

@Suite struct LanguageTests {
    @Test(arguments: [
        (["LANG": "nl_NL.UTF-8"], Language.nl),
        (["LANG": "nl_BE.UTF-8"], .nl),
        (["LANG": "en_GB.UTF-8"], .en),
        (["LANG": "C.UTF-8"], .en),
        ([:], .en),
        (["LC_ALL": "nl_NL.UTF-8", "LANG": "en_US.UTF-8"], .nl),
        (["LC_ALL": "", "LANG": "nl_NL.UTF-8"], .nl),
    ])
    func languageFromTheEnvironment(_ environment: [String: String], _ expected: Language) {
        #expect(Language.fromEnvironment(environment) == expected)
    }

    @Test(arguments: [(0.0, 0, "0:00"), (192.4, 0, "3:12"), (3723.0, 0, "1:02:03"), (4.5333, 3, "0:04.533"), (59.99, 1, "0:59.9")])
    func clockTimes(_ seconds: Double, _ decimals: Int, _ text: String) {
        #expect(MarkerTime.durationText(seconds, decimals: decimals) == text)
    }
}

@Suite struct RecordingFinderTests {
    /// A folder with recordings, a hidden file, a photo, a text file and a subfolder.
    func makeFolder() throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("inbeeld-finder-\(UUID().uuidString)")
        let sub = root.appendingPathComponent("week 2")
        try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
        for name in ["b.mp4", "A.MOV", ".hidden.mp4", "photo.jpg", "notes.txt"] {
            _ = FileManager.default.createFile(atPath: root.appendingPathComponent(name).path, contents: Data())
        }
        _ = FileManager.default.createFile(atPath: sub.appendingPathComponent("c.mkv").path, contents: Data())
        // InBeeld's own: a session file (not counted) and a results folder with its fragment (not walked).
        _ = FileManager.default.createFile(atPath: root.appendingPathComponent("b.session.json").path, contents: Data())
        try FileManager.default.createDirectory(at: root.appendingPathComponent("b-inbeeld"), withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: root.appendingPathComponent("b-inbeeld/fragment.mp4").path, contents: Data())
        try FileManager.default.createDirectory(at: root.appendingPathComponent(".git"), withIntermediateDirectories: true)
        return root
    }

    @Test func aFolderGivesItsRecordingsAndCountsTheRest() throws {
        let root = try makeFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let found = RecordingFinder(recursive: false).find([root.path])
        #expect(found.recordings.map { ($0 as NSString).lastPathComponent } == ["A.MOV", "b.mp4"])
        #expect(found.skippedHidden == 2)
        #expect(found.skippedNotMedia == 2)
    }

    @Test func recursiveLooksInSubfolders() throws {
        let root = try makeFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let found = RecordingFinder(recursive: true).find([root.path])
        #expect(found.recordings.map { ($0 as NSString).lastPathComponent } == ["A.MOV", "b.mp4", "c.mkv"])
    }

    @Test func aFileNamedDirectlyIsAlwaysTaken() throws {
        let root = try makeFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let notes = root.appendingPathComponent("notes.txt").path
        #expect(RecordingFinder(recursive: false).find([notes]).recordings == [notes])
    }
}
