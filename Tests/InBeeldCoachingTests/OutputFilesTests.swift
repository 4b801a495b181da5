import Foundation
import Testing
import TestSupport
@testable import InBeeldCoaching

/// Files written whole or not at all, and what is left of a program that was killed: a temporary file
/// holds its lock while it is written, so a sweep of leftovers (here, or in another InBeeld program) takes
/// only those nobody writes any more, and only InBeeld's own.
@Suite struct OutputFilesTests {
    @Test func aSweepTakesLeftoversOnlyAndWorkRemovesWhatItLetsGo() throws {
        let dir = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for folder in ["/.inbeeld", "/.git", "/groep 2"] { try FileManager.default.createDirectory(atPath: dir + folder, withIntermediateDirectories: true) }
        let bytes = Data(repeating: 7, count: 100)  // not empty: an empty one made this instant is left for the next sweep
        // Leftovers of a killed program (nobody holds them), where a sweep looks and where it does not.
        let leftovers = [dir + "/.clip.mp4.inbeeld-0000ABCD.tmp", dir + "/groep 2/.sheet.pdf.inbeeld-12345678.tmp.png",
                         dir + "/.inbeeld/.x.strip.inbeeld-FFFFFFFF.tmp"]
        let kept = [dir + "/.git/.clip.mp4.inbeeld-0000ABCD.tmp", dir + "/.clip.mp4.tmp", dir + "/clip.mp4"]
        for path in leftovers + kept { try bytes.write(to: URL(fileURLWithPath: path)) }
        // Being written now, by this program.
        let writing = try OutputFiles.TemporaryFile(for: dir + "/groep 2/fragment.mp4", extension: "mp4")
        try bytes.write(to: URL(fileURLWithPath: writing.path))
        #expect(OutputFiles.isTemporaryName((writing.path as NSString).lastPathComponent))
        #expect(OutputFiles.isBeingWritten(writing.path))
        #expect(!leftovers.contains(where: OutputFiles.isBeingWritten))

        let removed = OutputFiles.removeLeftovers(under: dir)
        #expect(Set(removed) == Set(leftovers))
        #expect(FileManager.default.fileExists(atPath: writing.path), "a file being written was swept away")
        for path in kept { #expect(FileManager.default.fileExists(atPath: path), "\(path)") }

        // Put in place, it is the file (no longer locked); another, let go unplaced, is removed.
        try writing.place(at: dir + "/groep 2/fragment.mp4")
        #expect(!OutputFiles.isBeingWritten(dir + "/groep 2/fragment.mp4"))
        var dropped: OutputFiles.TemporaryFile? = try OutputFiles.TemporaryFile(for: dir + "/other.mp4")
        let droppedPath = try #require(dropped?.path)
        #expect(FileManager.default.fileExists(atPath: droppedPath))
        dropped = nil
        #expect(!FileManager.default.fileExists(atPath: droppedPath))
        // Written whole: the file, and nothing beside it.
        try OutputFiles.write(bytes, to: dir + "/groep 2/stills.json")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir + "/groep 2").sorted() == ["fragment.mp4", "stills.json"])
    }
}
