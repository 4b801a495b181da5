import Foundation
import Testing
import TestSupport

/// Nothing InBeeld makes carries where, when-exactly or with what a recording was made; temporary files
/// are private and go away; Ctrl-C and SIGTERM stop the work cleanly.
@Suite struct PrivacyAndSignalTests {
    static let secrets = ["52.3676", "004.9041", "iPhone", "com.apple.quicktime", "2026-03-14T10:15"]


    func expectNoSecrets(in folder: String) throws {
        let files = FileManager.default.enumerator(atPath: folder)?.compactMap { $0 as? String } ?? []
        var checked = 0
        for file in files {
            var isFolder: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: folder + "/" + file, isDirectory: &isFolder)
            guard !isFolder.boolValue, !file.hasSuffix(".mov"), !file.hasSuffix("session.json") else { continue }
            let data = try Data(contentsOf: URL(fileURLWithPath: folder + "/" + file))
            for secret in Self.secrets {
                #expect(data.range(of: Data(secret.utf8)) == nil, "\(secret) in \(file)")
            }
            checked += 1
        }
        #expect(checked > 0)
    }

    @Test func noOutputCarriesTheLocationOrTheDevice() throws {
        let dir = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // A 7-minute phone-like recording: GPS, make, model and creation date in Apple's keys.
        let ffmpeg = try #require(which("ffmpeg"))
        let made = try run(ffmpeg, ["-nostdin", "-v", "error", "-i", fixture("pass-7min.mp4"), "-c", "copy", "-movflags", "use_metadata_tags",
                                    "-metadata", "com.apple.quicktime.location.ISO6709=+52.3676+004.9041+001.000/",
                                    "-metadata", "com.apple.quicktime.model=iPhone 12",
                                    "-metadata", "com.apple.quicktime.creationdate=2026-03-14T10:15:00+0100", dir + "/rec.mov"])
        #expect(made.status == 0)
        try """
            {"recording": "rec.mov", "fragment": {"from": "1:00", "to": "2:00"}, "focus_children": ["Sam"],
             "markers": [{"time": "1:10", "child": "Sam", "note": "kijkt"}, {"time": "1:30", "child": "Zoë"}]}
            """.write(toFile: dir + "/session.json", atomically: true, encoding: .utf8)
        let prepared = try inbeeld(["prepare", dir + "/session.json", "-o", dir + "/out"])
        #expect(prepared.status == 0, "\(prepared.stderr)")
        try "time\n1:10\n".write(toFile: dir + "/m.csv", atomically: true, encoding: .utf8)
        #expect(try inbeeld(["cut", dir + "/rec.mov", "--from", "1:00", "--to", "2:00", "--mode", "copy", "-o", dir + "/out/copy.mp4"]).status == 0)
        #expect(try inbeeld(["stills", dir + "/rec.mov", "--markers", dir + "/m.csv", "-o", dir + "/out/png", "--format", "png"]).status == 0)
        #expect(try inbeeld(["sheet", dir + "/rec.mov", "--markers", dir + "/m.csv", "-o", dir + "/out/sheet2.pdf", "--png"]).status == 0)
        try expectNoSecrets(in: dir + "/out")
        // Every file made is private to the coach.
        for file in try FileManager.default.contentsOfDirectory(atPath: dir + "/out") where !file.hasPrefix("stills") && file != "png" {
            let mode = (try FileManager.default.attributesOfItem(atPath: dir + "/out/" + file)[.posixPermissions] as? Int) ?? 0
            #expect(mode & 0o077 == 0, "\(file): \(String(mode, radix: 8))")
        }
        // And asked for, the metadata stays.
        #expect(try inbeeld(["cut", dir + "/rec.mov", "--from", "1:00", "--to", "2:00", "--mode", "copy", "--keep-metadata", "-o", dir + "/kept.mp4"]).status == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: dir + "/kept.mp4")).range(of: Data("52.3676".utf8)) != nil)
    }

    /// Results written where others can open them are said so, once, after the work (the stills are made
    /// all the same); a folder InBeeld makes, or one made private, says nothing.
    @Test(arguments: ["nl", "en"])
    func resultsOthersCanOpenAreSaidSo(_ language: String) throws {
        let dir = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createDirectory(atPath: dir + "/open", withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o755])
        try "time,child\n0:01,Sam\n".write(toFile: dir + "/m.csv", atomically: true, encoding: .utf8)
        let stills = { (folder: String) in
            try inbeeld(["stills", fixture("barcode-bframes.mp4"), "--markers", dir + "/m.csv", "-o", folder, "--force", "--lang", language])
        }
        let open = try stills(dir + "/open")
        #expect(open.status == 0, "\(open.stderr)")
        let said = language == "nl" ? "andere gebruikers van deze computer kunnen de map \(dir)/open openen" : "other users of this computer can open the folder \(dir)/open"
        #expect(open.stderr.components(separatedBy: said).count == 2, "\(open.stderr)")
        #expect(open.stderr.contains("chmod 700 \"\(dir)/open\""))
        #expect(FileManager.default.fileExists(atPath: dir + "/open/stills.json"))
        // Made private (as the line says), and a folder InBeeld makes itself: nothing said.
        #expect(chmod(dir + "/open", 0o700) == 0)
        for folder in [dir + "/open", dir + "/made"] {
            let quiet = try stills(folder)
            #expect(quiet.status == 0 && !quiet.stderr.contains("chmod"), "\(folder): \(quiet.stderr)")
        }
    }

    /// The temporary clip is private while it is written.
    @Test func temporaryFilesArePrivate() throws {
        let dir = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try inbeeldProgram())
        process.arguments = ["cut", fixture("pass-7min.mp4"), "--from", "1:00", "--to", "3:00", "--preset", "veryslow", "-o", dir + "/c.mp4", "--quiet"]
        try process.run()
        defer { if process.isRunning { process.terminate(); process.waitUntilExit() } }
        var temporary: String?
        let deadline = Date().addingTimeInterval(20)
        while temporary == nil && Date() < deadline {
            temporary = try FileManager.default.contentsOfDirectory(atPath: dir).first
            usleep(10_000)
        }
        let name = try #require(temporary)
        #expect(name.hasPrefix(".c.mp4.inbeeld-"))
        let mode = (try FileManager.default.attributesOfItem(atPath: dir + "/" + name)[.posixPermissions] as? Int) ?? 0
        #expect(mode == 0o600, "\(String(mode, radix: 8))")
    }

    @Test(arguments: [SIGINT, SIGTERM])
    func prepareStopsOnASignalAndLeavesNoTemporaryFiles(_ sig: Int32) throws {
        let dir = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createSymbolicLink(atPath: dir + "/rec.mp4", withDestinationPath: fixture("pass-7min.mp4"))
        try "{\"recording\": \"rec.mp4\", \"fragment\": {\"from\": \"1:00\", \"to\": \"3:00\"}, \"markers\": [{\"time\": \"1:10\"}]}"
            .write(toFile: dir + "/session.json", atomically: true, encoding: .utf8)
        // Early (while the cut and the stills start) and later (the stills done, the cut's sound or seam check
        // under way): stopped within a second, nothing of the run left.
        for delay: useconds_t in [200_000, 1_000_000] {
            try? FileManager.default.removeItem(atPath: dir + "/out")
            let process = Process()
            process.executableURL = URL(fileURLWithPath: try inbeeldProgram())
            process.arguments = ["prepare", dir + "/session.json", "-o", dir + "/out"]
            process.standardError = FileHandle.nullDevice
            try process.run()
            let deadline = Date().addingTimeInterval(20)
            while (try? FileManager.default.contentsOfDirectory(atPath: dir + "/out"))?.isEmpty ?? true, Date() < deadline { usleep(20_000) }
            usleep(delay)
            let signalled = Date()
            kill(process.processIdentifier, sig)
            process.waitUntilExit()
            #expect(Date().timeIntervalSince(signalled) < 1.0, "after \(delay) µs")
            #expect(process.terminationStatus == 130)
            let left = try FileManager.default.contentsOfDirectory(atPath: dir + "/out")
            #expect(left.isEmpty, "after \(delay) µs: \(left)")
        }
    }

    /// `stills` and `sheet` stop on Ctrl-C as `prepare` does: soon (two seconds allowed on a busy machine),
    /// exit 130, and nothing of the run left (no stills nor their folder, no sheet, no hidden temporary
    /// file): the job removes what it wrote itself.
    /// Stopped early (opening and decoding), and late: `stills` with twenty stills written, `sheet` while
    /// its PDF is drawn (its temporary file there).
    @Test(arguments: ["stills", "sheet"])
    func stillsAndSheetStopOnASignalAndLeaveNothing(_ command: String) throws {
        let dir = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // 400 initiatives, one a second, each at another place in its group of pictures: seconds of work.
        try (0..<400).map { "\($0).\(String(format: "%02d", $0 * 37 % 100))\n" }.joined()
            .write(toFile: dir + "/m.txt", atomically: true, encoding: .utf8)
        let out = dir + "/out"
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        func files() -> [String] { FileManager.default.enumerator(atPath: out)?.allObjects.compactMap { $0 as? String } ?? [] }
        /// Whether the program takes Ctrl-C itself now (its handler is in place: the kernel's mask of caught
        /// signals, `/proc/PID/status`, holds SIGINT); before that, Ctrl-C ends it as any program.
        func takesSignals(_ pid: Int32) -> Bool {
            let status = (try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)) ?? ""
            let masks = status.split(separator: "\n").filter { $0.hasPrefix("SigCgt:") }
                .compactMap { UInt64($0.dropFirst(7).trimmingCharacters(in: .whitespaces), radix: 16) }
            return masks.contains { $0 & (1 << (UInt64(SIGINT) - 1)) != 0 }
        }
        for late in [false, true] {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: try inbeeldProgram())
            process.arguments = [command, fixture("pass-7min.mp4"), "--markers", dir + "/m.txt", "--force", "-o",
                                 command == "stills" ? out + "/stills" : out + "/sheet.pdf"]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            let started = Date().addingTimeInterval(30)
            while !takesSignals(process.processIdentifier), process.isRunning, Date() < started { usleep(5_000) }
            if late {
                let deadline = Date().addingTimeInterval(60)
                while (command == "stills" ? files().count < 20 : files().isEmpty), process.isRunning, Date() < deadline { usleep(10_000) }
                #expect(process.isRunning, "\(command): done before it could be stopped late")
            } else {
                usleep(100_000)  // opening the recording, or decoding
            }
            let signalled = Date()
            kill(process.processIdentifier, SIGINT)
            process.waitUntilExit()
            #expect(Date().timeIntervalSince(signalled) < 2.0, "\(command), late: \(late)")
            #expect(process.terminationStatus == 130, "\(command), late: \(late)")
            #expect(files().isEmpty, "\(command), late: \(late): \(files())")
        }
    }
}
