import Foundation

/// Blocking work (decoding, encoding) on a thread of its own beside the caller's, which waits for it with
/// `wait`. Not Dispatch's global queue: that is for short work, and starts more threads when its work
/// blocks; a decoder or encoder blocks for as long as it runs.
public final class SideThread: Sendable {
    private let ended = DispatchSemaphore(value: 0)

    /// Starts `work` on a new thread named `name` (as `top` and debuggers show it).
    public init(name: String, _ work: @escaping @Sendable () -> Void) {
        let ended = self.ended
        let thread = Thread {
            work()
            ended.signal()
        }
        thread.name = name
        thread.stackSize = 8 << 20  // as the main thread's: FFmpeg's decoders and x264 use deep stacks
        thread.start()
    }

    /// Returns once the work has ended; call it once.
    public func wait() { ended.wait() }
}
