import Foundation
import NIOCore
import NIOHTTPTypes
import Synchronization

/// At most `limit` connections at once. One more is closed as soon as it is accepted, so that when
/// descriptors run short the server refuses newcomers instead of failing to accept them (and keeps the
/// descriptors its open connections and files need). The limit follows the descriptor limit.
final class ConnectionCap: Sendable {
    let limit: Int
    private let open = Atomic<Int>(0)

    init(limit: Int = ConnectionCap.limitForDescriptors()) { self.limit = limit }

    /// Room for a third of the descriptors as connections, the rest for files, FFmpeg and the folder's
    /// listing; 16 at the least, 1024 at most.
    static func limitForDescriptors() -> Int {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return 256 }
        let soft = Int(clamping: min(limit.rlim_cur, 4096))  // RLIM_INFINITY is the largest value
        return min(max((soft - 48) / 3, 16), 1024)
    }

    /// The handler for one new connection.
    func handler() -> Handler { Handler(cap: self) }

    final class Handler: ChannelInboundHandler, RemovableChannelHandler {
        typealias InboundIn = HTTPRequestPart
        typealias InboundOut = HTTPRequestPart
        let cap: ConnectionCap
        private var counted = false

        init(cap: ConnectionCap) { self.cap = cap }

        func handlerAdded(context: ChannelHandlerContext) {
            let now = cap.open.wrappingAdd(1, ordering: .relaxed).newValue
            counted = true
            if now > cap.limit { context.close(promise: nil) }
        }

        func handlerRemoved(context: ChannelHandlerContext) { release() }
        func channelInactive(context: ChannelHandlerContext) {
            release()
            context.fireChannelInactive()
        }

        private func release() {
            if counted { counted = false; cap.open.wrappingSubtract(1, ordering: .relaxed) }
        }
    }
}
