import Foundation
import Testing
import TestSupport
@testable import InBeeldCoaching

/// Where results cannot be private: a disk that keeps no owners (found in the mount table, whatever modes
/// its mount shows), or a folder that lets others in; a folder open to its owner's own group only is
/// private (Debian gives every user a group of their own).
@Suite struct ExposureTests {
    /// The kernel's mount table as `/proc/self/mounts` writes it (a space in a mount point as `\040`).
    static let mounts = """
        /dev/sda2 / ext4 rw,relatime 0 0
        /dev/sdb1 /media/coach/MIJN\\040STICK vfat rw,nosuid,uid=1000,gid=1000,fmask=0022,dmask=0077 0 0
        /dev/sdc1 /media/coach/oud exfat rw 0 0
        /dev/sdd1 /media/coach/oud/binnen ext4 rw 0 0
        """

    @Test func theDeepestMountThatHoldsAPathIsItsFileSystem() {
        #expect(OutputFiles.fileSystemType(of: "/media/coach/MIJN STICK/opnames", mounts: Self.mounts) == "vfat")
        #expect(OutputFiles.fileSystemType(of: "/media/coach/MIJN STICK", mounts: Self.mounts) == "vfat")
        #expect(OutputFiles.fileSystemType(of: "/media/coach/MIJN STICKER", mounts: Self.mounts) == "ext4")
        #expect(OutputFiles.fileSystemType(of: "/media/coach/oud/x", mounts: Self.mounts) == "exfat")
        #expect(OutputFiles.fileSystemType(of: "/media/coach/oud/binnen/x", mounts: Self.mounts) == "ext4")
        #expect(OutputFiles.unescapedMountPoint("/a\\134b\\011c\\012d") == "/a\\b\tc\nd")
    }

    @Test func aStickIsSaidWhateverItsModesAndAFolderByWhetherOthersMayEnter() throws {
        let folder = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // Mounted 0700 (dmask=0077), the stick still keeps no owners.
        #expect(chmod(folder, 0o700) == 0)
        let resolved = try #require(realpath(folder, nil).map { p in defer { free(p) }; return String(cString: p) })
        let stick = "/dev/sdb1 \(resolved.replacingOccurrences(of: " ", with: "\\040")) vfat rw,dmask=0077 0 0\n/dev/sda2 / ext4 rw 0 0\n"
        #expect(OutputFiles.exposure(of: folder, mounts: stick) == .diskWithoutOwners("FAT"))
        // On an ordinary disk: private to its owner, open to the owner's group, open to others.
        let disk = "/dev/sda2 / ext4 rw 0 0\n"
        for (mode, expected) in [(0o700, nil), (0o750, nil), (0o755, OutputFiles.Exposure.otherUsers), (0o701, .otherUsers)] as [(mode_t, OutputFiles.Exposure?)] {
            #expect(chmod(folder, mode) == 0)
            #expect(OutputFiles.exposure(of: folder, mounts: disk) == expected, "mode \(String(mode, radix: 8))")
        }
    }
}
