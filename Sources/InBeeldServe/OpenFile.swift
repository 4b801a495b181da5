import Foundation
import Hummingbird
import NIOCore

/// A regular file opened for sending: one descriptor, its size from `fstat` on that descriptor, closed
/// when the last reference goes (after the body is sent, or when a reply is dropped unsent).
final class OpenFile: Sendable {
    let descriptor: Int32
    let size: Int64

    /// `nil` when the file cannot be opened or is not a regular file.
    init?(_ path: String) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        var s = stat()
        guard fstat(fd, &s) == 0, (s.st_mode & S_IFMT) == S_IFREG else { close(fd); return nil }
        descriptor = fd
        size = Int64(s.st_size)
    }

    deinit { close(descriptor) }

    /// The bytes of `range`, read in chunks off the event loops as the client takes them. A file cut
    /// short after it was opened (truncated in place) ends the connection rather than stalling it.
    func body(_ range: ClosedRange<Int64>) -> ResponseBody {
        ResponseBody(contentLength: Int(range.upperBound - range.lowerBound + 1)) { writer in
            var offset = range.lowerBound
            while offset <= range.upperBound {
                let wanted = Int(min(Self.chunk, range.upperBound - offset + 1))
                let at = offset
                let read = await blocking { () -> ByteBuffer? in
                    var buffer = ByteBufferAllocator().buffer(capacity: wanted)
                    let n = buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: wanted) { raw in
                        var n = 0
                        repeat { n = pread(self.descriptor, raw.baseAddress, wanted, off_t(at)) } while n < 0 && errno == EINTR
                        return max(n, 0)
                    }
                    return n > 0 ? buffer : nil
                }
                guard let buffer = read else { throw FileCutShort() }
                offset += Int64(buffer.readableBytes)
                try await writer.write(buffer)
            }
            try await writer.finish(nil)
        }
    }

    static let chunk: Int64 = 256 << 10

    struct FileCutShort: Error {}
}
