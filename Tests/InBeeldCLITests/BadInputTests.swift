import Foundation
import Testing
import TestSupport

/// Every command against the bad-input corpus: a clear message, the documented exit status, no crash,
/// no partial output, and the input unchanged.
@Suite struct BadInputTests {
    static let corpus = [
        "zero-bytes.mp4", "random-bytes.mp4", "text.mp4", "bad/png-named.mp4", "bad/cut-at-1.mp4", "bad/cut-at-50.mp4",
        "bad/cut-at-99.mp4", "interrupted.mp4", "truncated.mp4", "audio-only.mp4", "bad/claims-16384.mp4",
        "bad/claims-0x0.mp4", "bad/claims-24h.mp4", "unsupported-codec.mp4", "corrupt.mp4",
    ]


    func checksum(_ path: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path)) }

    /// Exit statuses are 0 or 1 (64 is for command lines); a crash shows as a signal or a Swift fatal error.
    func expectNoCrash(_ out: ProgramOutput, _ what: String) {
        #expect(out.status == 0 || out.status == 1, "\(what): status \(out.status)")
        #expect(!out.stderr.contains("Fatal error") && !out.stderr.contains("Stack dump") && !out.stderr.contains("Segmentation"),
                "\(what): \(out.stderr)")
        if out.status == 1 { #expect(out.stderr.hasPrefix("inbeeld: ") || out.stdout.contains("FAIL"), "\(what): \(out.stderr)") }
    }

    /// A Dolby Vision profile 5 recording (no picture but Dolby Vision's own) is refused by every command
    /// that makes something from the picture, naming the file and what it is, and nothing is made.
    @Test func aDolbyVisionProfile5RecordingIsRefusedByEveryCommand() throws {
        let dir = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let dv5 = dir + "/dv5.mp4"
        try DolbyVisionFixture.write(fixture("hdr-pq-barcode.mp4"), to: dv5, profile: 5, compatibility: 0)
        try "0:01.84\n".write(toFile: dir + "/m.txt", atomically: true, encoding: .utf8)
        let made = [dir + "/stills5", dir + "/sheet5.pdf", dir + "/cut5.mp4"]
        let commands = [["stills", dv5, "--markers", dir + "/m.txt", "-o", made[0]],
                        ["sheet", dv5, "--markers", dir + "/m.txt", "-o", made[1]],
                        ["cut", dv5, "--from", "0", "--to", "1", "--any-length", "--preset", "ultrafast", "-o", made[2]]]
        for arguments in commands {
            let out = try inbeeld(arguments)
            #expect(out.status == 1 && out.stderr.contains(dv5) && out.stderr.contains("Dolby Vision") && out.stderr.contains("profile 5"),
                    "\(arguments[0]): \(out.stderr)")
        }
        for path in made { #expect(!FileManager.default.fileExists(atPath: path), "\(path)") }
    }

    @Test(arguments: corpus)
    func everyCommandAnswersBadInputClearly(_ name: String) throws {
        let dir = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let input = fixture(name)
        let before = try checksum(input)
        try "time,child,note\n0.5,Sam,kijkt\n".write(toFile: dir + "/m.csv", atomically: true, encoding: .utf8)
        try "{\"recording\": \"\(input)\", \"fragment\": {\"from\": \"0:01\", \"to\": \"0:02\"}, \"markers\": [{\"time\": \"0.5\"}]}"
            .write(toFile: dir + "/s.json", atomically: true, encoding: .utf8)

        let runs: [(String, [String], String?)] = [
            ("info", ["info", input], nil),
            ("check", ["check", input], nil),
            ("check --deep", ["check", "--deep", input], nil),
            ("stills", ["stills", input, "--markers", dir + "/m.csv", "-o", dir + "/stills"], dir + "/stills"),
            ("cut", ["cut", input, "--from", "0.5", "--to", "1.5", "--any-length", "--preset", "ultrafast", "-o", dir + "/c.mp4"], dir + "/c.mp4"),
            ("sheet", ["sheet", input, "--markers", dir + "/m.csv", "-o", dir + "/s.pdf"], dir + "/s.pdf"),
            ("prepare", ["prepare", dir + "/s.json", "-o", dir + "/prep"], dir + "/prep"),
        ]
        for (what, arguments, output) in runs {
            let out = try inbeeld(arguments)
            expectNoCrash(out, "\(what) \(name)")
            if out.status != 0, let output {
                #expect(!FileManager.default.fileExists(atPath: output), "\(what) \(name) left \(output)")
            }
        }
        // No temporary files anywhere in the folder.
        let left = FileManager.default.enumerator(atPath: dir)?.compactMap { $0 as? String }.filter { $0.contains(".tmp") || $0.contains(".inbeeld-") } ?? []
        #expect(left.isEmpty, "\(left)")
        #expect(try checksum(input) == before, "\(name) was changed")
    }

    @Test func aFolderWhereARecordingIsExpected() throws {
        let dir = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "time\n1\n".write(toFile: dir + "/m.csv", atomically: true, encoding: .utf8)
        for arguments in [["info", dir], ["stills", dir, "--markers", dir + "/m.csv", "-o", dir + "/x"],
                          ["cut", dir, "--from", "1", "--to", "2", "--any-length", "-o", dir + "/x.mp4"],
                          ["sheet", dir, "--markers", dir + "/m.csv", "-o", dir + "/x.pdf"]] {
            let out = try inbeeld(arguments)
            #expect(out.status == 1, "\(arguments)")
            #expect(out.stderr.contains("this is a folder, not a recording"), "\(arguments): \(out.stderr)")
        }
        // A folder as the markers file.
        let markers = try inbeeld(["stills", fixture("barcode-bframes.mp4"), "--markers", dir, "-o", dir + "/x"])
        #expect(markers.status == 1 && markers.stderr.hasPrefix("inbeeld: \(dir)"))
    }

    @Test func awkwardNamesWork() throws {
        let dir = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let name = dir + "/-opname van Zoë 'n \"test\".mp4"
        try FileManager.default.copyItem(atPath: fixture("barcode-bframes.mp4"), toPath: name)
        try "time,child\n0.5,Zoë\n".write(toFile: dir + "/-m ë.csv", atomically: true, encoding: .utf8)
        #expect(try inbeeld(["info", "--", name]).status == 0)
        #expect(try inbeeld(["check", "--min", "0:01", name]).status == 0)
        let stills = try inbeeld(["stills", name, "--markers", dir + "/-m ë.csv", "-o", dir + "/stills dir"])
        #expect(stills.status == 0, "\(stills.stderr)")
        let cut = try inbeeld(["cut", name, "--from", "1", "--to", "2", "--any-length", "--preset", "ultrafast", "-o", dir + "/-clip 'x'.mp4"])
        #expect(cut.status == 0, "\(cut.stderr)")
        #expect(FileManager.default.fileExists(atPath: dir + "/-clip 'x'.mp4"))
    }

    /// A file replaced (cut to nothing) while it is being read: a verdict, not a crash.
    @Test func aFileReplacedWhileItIsRead() throws {
        let dir = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let copy = dir + "/rec.mp4"
        try FileManager.default.copyItem(atPath: fixture("pass-7min.mp4"), toPath: copy)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try inbeeldProgram())
        process.arguments = ["check", "--deep", copy]
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        usleep(300_000)
        truncate(copy, 1000)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0 || process.terminationStatus == 1)
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(!stderr.contains("Fatal error"))
    }

    /// Someone else's folder: the output cannot be written there (run as `nobody`).
    @Test func aReadOnlyOutputFolder() throws {
        guard getuid() == 0, let runuser = which("runuser") else { return }
        let dir = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        chmod(dir, 0o755)
        try "time\n1\n".write(toFile: dir + "/m.csv", atomically: true, encoding: .utf8)
        chmod(dir + "/m.csv", 0o644)
        let program = try inbeeldProgram()
        for arguments in [["stills", fixture("barcode-bframes.mp4"), "--markers", dir + "/m.csv", "-o", dir + "/stills"],
                          ["cut", fixture("barcode-bframes.mp4"), "--from", "1", "--to", "2", "--any-length", "-o", dir + "/c.mp4"],
                          ["sheet", fixture("barcode-bframes.mp4"), "--markers", dir + "/m.csv", "-o", dir + "/s.pdf"]] {
            let out = try run(runuser, ["-u", "nobody", "--", program] + arguments, environment: ["LANG": "en_US.UTF-8", "PATH": "/usr/bin:/bin"])
            #expect(out.status == 1, "\(arguments): \(out.status) \(out.stderr)")
            #expect(out.stderr.hasPrefix("inbeeld: ") && !out.stderr.contains("Fatal error"), "\(arguments): \(out.stderr)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["m.csv"])
    }

    /// A full disk (the file size limit): an error, nothing left behind.
    @Test func aFullDisk() throws {
        let dir = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let program = try inbeeldProgram()
        let out = try run("/bin/bash", ["-c", "ulimit -f 64; exec \"$0\" \"$@\"", program, "cut", fixture("pass-7min.mp4"),
                                        "--from", "1:00", "--to", "2:00", "--preset", "ultrafast", "-o", dir + "/c.mp4"],
                          environment: ["LANG": "en_US.UTF-8", "PATH": "/usr/bin:/bin"])
        #expect(out.status == 1, "\(out.status): \(out.stderr)")
        #expect(out.stderr.hasPrefix("inbeeld: the fragment could not be made"), "\(out.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).isEmpty)
    }
}
