import Foundation
import Testing
import TestSupport

@Suite struct CutCommandTests {

    @Test func theMethodsFragmentIsOneToTwoMinutes() throws {
        let dir = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let out = try inbeeld(["cut", fixture("pass-7min.mp4"), "--from", "1:00", "--to", "1:30", "-o", dir + "/c.mp4"])
        #expect(out.status == 1)
        #expect(out.stderr == "inbeeld: the fragment is 0:00:30.000 long; for this method it is 1 to 2 minutes. Choose other times, or use --any-length.\n")
        let nl = try inbeeld(["cut", fixture("pass-7min.mp4"), "--from", "1:00", "--to", "9:30", "-o", dir + "/c.mp4"], lang: "nl_NL.UTF-8")
        #expect(nl.stderr.contains("valt na het einde van de opname (0:07:00.000)"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).isEmpty)
    }

    @Test(arguments: [
        ["--from", "abc", "--to", "1:00"], ["--from", "1:00", "--to", "2:00", "--crf", "99"],
        ["--from", "1:00", "--to", "2:00", "--preset", "turbo"], ["--from", "1:00", "--to", "2:00", "--mode", "smart-ish"],
        ["--to", "2:00"],
    ])
    func usageErrors(_ arguments: [String]) throws {
        let out = try inbeeld(["cut", fixture("pass-7min.mp4")] + arguments)
        #expect(out.status == 64, "\(arguments): \(out.stderr)")
    }

    /// Times on the command line go through the marker files' parser, once, and a bad one says what a time is.
    @Test func aBadTimeSaysWhatATimeLooksLike() throws {
        for command in [["cut", fixture("pass-7min.mp4"), "--from", "1:4x", "--to", "2:00"],
                        ["sheet", fixture("pass-7min.mp4"), "--markers", "m.csv", "--from", "0:10", "--to", "2;00"]] {
            let out = try inbeeld(command)
            #expect(out.status == 64)
            #expect(out.stderr.contains("is not a time like 1:40.5"), "\(out.stderr)")
        }
    }

    @Test func copyModeSaysWhatItDidInOneLine() throws {
        let dir = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // A folder only its owner may enter (in one others may, a second line says so).
        #expect(chmod(dir, 0o700) == 0)
        let out = try inbeeld(["cut", fixture("pass-7min.mp4"), "--from", "1:02.35", "--to", "2:33", "--mode", "copy", "-o", dir + "/c.mp4"])
        #expect(out.status == 0, "\(out.stderr)")
        let lines = out.stderr.split(separator: "\n")
        #expect(lines.count == 1)
        #expect(lines.first?.contains("lead-in frames are still in the file") == true)
        #expect(out.stdout == "\(dir)/c.mp4: 907 frames, 90.700 s\n")  // 10 fps: frames 623 ... 1529
    }

    @Test func theDefaultNameSaysWhatWasCut() throws {
        let dir = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try inbeeldProgram())
        process.arguments = ["cut", fixture("barcode-bframes.mp4"), "--from", "1", "--to", "2", "--any-length", "--mode", "copy", "--quiet"]
        process.currentDirectoryURL = URL(fileURLWithPath: dir)
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["barcode-bframes_0-00-01.000_0-00-02.000.mp4"])
    }

    /// Ctrl-C stops within a second, removes the temporary file and exits 130.
    @Test func interruptedCutLeavesNothing() throws {
        let dir = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try inbeeldProgram())
        process.arguments = ["cut", fixture("pass-7min.mp4"), "--from", "1:00", "--to", "3:00", "--preset", "veryslow",
                             "-o", dir + "/c.mp4", "--quiet"]
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Wait until the temporary file exists: the cut is under way.
        let deadline = Date().addingTimeInterval(20)
        while (try FileManager.default.contentsOfDirectory(atPath: dir)).isEmpty && Date() < deadline { usleep(20_000) }
        #expect(try !FileManager.default.contentsOfDirectory(atPath: dir).isEmpty)
        let signalled = Date()
        process.interrupt()
        process.waitUntilExit()
        #expect(Date().timeIntervalSince(signalled) < 1.0)
        #expect(process.terminationStatus == 130)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).isEmpty)
    }
}
