import Foundation
import Hummingbird
import HummingbirdCore
import HTTPTypes
import InBeeldCoaching
import InBeeldMedia
import InBeeldSheet
import Logging
import NIOCore
import ServiceLifecycle
import Synchronization

/// `inbeeld serve`: the coach's page on this computer only. It lists the recordings of one folder, plays
/// them, and keeps the session file the coach marks while watching.
///
/// Safety: it listens on 127.0.0.1 only; every address starts with `/t/TOKEN/` (a random token printed
/// once); the Host header must name 127.0.0.1 or localhost at the port (no DNS rebinding); files are
/// served only from inside the folder, links resolved.
public struct CoachServer: Sendable {
    public let folder: String
    /// nil: `ownPort`, or any free port when that one is taken.
    public let port: Int?
    public let language: Language
    public let token: String

    private let stopping = StopRequest()

    public init(folder: String, port: Int? = nil, language: Language, token: String? = nil) {
        self.folder = folder
        self.port = port
        self.language = language
        self.token = token ?? Self.randomToken()
    }

    /// 128 random bits as 32 hexadecimal digits.
    public static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<2).map { _ in String(format: "%016llx", generator.next() as UInt64) }.joined()
    }

    /// Serves until `stop()`. `ready` gets the address to open, once the port is bound.
    public func run(ready: @escaping @Sendable (String) -> Void) async throws {
        let access = try FolderAccess(folder: folder)
        let library = Library(access: access)
        let jobs = JobBoard()
        // What a killed run left half-written (session saves, prepare's files, browser copies) is of no use
        // and may hold children's names: removed now, and again when the page stops.
        OutputFiles.removeLeftovers(under: access.root)
        defer { OutputFiles.removeLeftovers(under: access.root) }
        let boundPort = SharedPort()
        let frames = FrameSessions()
        let overviews = TimelineOverviews(frames: frames)
        let routes = Routes(library: library, jobs: jobs, frames: frames, overviews: overviews, token: token, language: language)
        let router = Router(context: BasicRequestContext.self)
        routes.add(to: router)
        let gate = Gate(inner: router.buildResponder(), token: token, port: boundPort, language: language)
        var logger = Logger(label: "inbeeld.serve")
        logger.logLevel = .error
        let cap = ConnectionCap()
        // Idle connections and requests whose header or body stalls are closed after `idleSeconds`; a
        // reply being sent is not (a paused video reads its range slowly, for as long as it is paused).
        let http = HTTP1Channel.Configuration(additionalChannelHandlers: [cap.handler()], idleTimeout: .seconds(Self.idleSeconds))
        // Stopped (the program does so on Ctrl-C, `kill`, or the terminal closed): finish what is being answered, but do not wait
        // for a browser that keeps a video streaming (it would hold the program for as long as the tab is
        // open). A save whose body has come in is finished, and waited for, whatever the grace period:
        // it holds the coach's words.
        // Then the timeline's pictures, sound and preview columns stop being made, and the page's jobs are asked to stop and
        // waited for (a few seconds at most), so that nothing is left half-written.
        func windDown() async {
            overviews.cancelAll()
            frames.columns.stop()
            await finishSaves(library)
            await jobs.stopAll()
        }
        do {
            try await listen(gate: gate, http: http, logger: logger, boundPort: boundPort, ready: ready)
        } catch {
            await windDown()
            throw error
        }
        await windDown()
    }

    /// Stops serving: what is being answered is finished (a second at most), then the saves under way and
    /// the page's jobs, and `run` returns. The program calls it on a signal; it may come from any thread,
    /// also before `run` listens (then `run` stops at once).
    public func stop() { stopping.request() }

    /// Waits (on a thread of its own, not the server's) for the saves under way; says so if they do not end.
    private func finishSaves(_ library: Library) async {
        let finished = await blocking { library.savesUnderWay.wait(timeout: .now() + 30) == .success }
        if !finished { FileHandle.standardError.write(Data((language.say(Words.aSaveDidNotFinish) + "\n").utf8)) }
    }

    /// Serves on InBeeld's own port unless another is asked for; when something else has it, on any free port.
    private func listen(gate: Gate<some HTTPResponder<BasicRequestContext>>, http: HTTP1Channel.Configuration, logger: Logger,
                        boundPort: SharedPort, ready: @escaping @Sendable (String) -> Void) async throws {
        let token = self.token
        var port = self.port ?? Self.ownPort
        while true {
            let app = Application(
                responder: gate,
                server: .http1(configuration: http),
                configuration: .init(address: .hostname("127.0.0.1", port: port), serverName: nil),
                onServerRunning: { channel in
                    let port = channel.localAddress?.port ?? 0
                    boundPort.value.store(port, ordering: .sequentiallyConsistent)
                    ready("http://127.0.0.1:\(port)/t/\(token)/")
                },
                logger: logger)
            // No signals of its own: the program decides what a signal does, and calls `stop`.
            var configuration = ServiceGroupConfiguration(services: [app], logger: logger)
            configuration.maximumGracefulShutdownDuration = .seconds(1)
            let group = ServiceGroup(configuration: configuration)
            stopping.serving(group)
            do {
                try await group.run()
            } catch is CancellationError {
                // Stopped after the grace period: a normal end.
            } catch let error as IOError where error.errnoCode == EADDRINUSE {
                guard self.port == nil, port != 0 else { throw ServeError.portInUse(port) }
                port = 0
                continue
            }
            return
        }
    }

    /// The port the page is on unless `--port` says otherwise: the same each time, so that the browser keeps
    /// what it holds for the page (unsaved text) from one run to the next. Below Linux's ephemeral ports.
    public static let ownPort = 28417

    /// How long a connection may wait for a request (or a request for its next bytes).
    public static let idleSeconds: Int64 = 10
}

/// Whether the server is to stop, and the service group to stop when it is: a stop asked for before the
/// group runs (or between two tries of a port) stops the next one at once.
private final class StopRequest: Sendable {
    private let state = Mutex<(requested: Bool, group: ServiceGroup?)>((false, nil))

    func request() {
        let group = state.withLock { s in
            s.requested = true
            return s.group
        }
        if let group { Task { await group.triggerGracefulShutdown() } }
    }

    func serving(_ group: ServiceGroup) {
        let requested = state.withLock { s in
            s.group = group
            return s.requested
        }
        if requested { Task { await group.triggerGracefulShutdown() } }
    }
}

/// Every request passes here first: the Host header, then the token in the path.
struct Gate<Inner: HTTPResponder>: HTTPResponder where Inner.Context == BasicRequestContext {
    let inner: Inner
    let token: String
    let port: SharedPort
    /// The server's language: these refusals come before the request says which it wants.
    let language: Language

    func respond(to request: Request, context: BasicRequestContext) async throws -> Response {
        let bound = port.value.load(ordering: .sequentiallyConsistent)
        let host = request.head.authority ?? ""
        // One Host header only (RFC 9112, 3.2): a second one is refused, not ignored.
        guard request.headers[HTTPField.Name("Host")!] == nil else {
            var refusal = Reply.text(.badRequest, language.say(Words.oneHostHeaderOnly) + "\n")
            Reply.secure(&refusal.headers)
            return refusal
        }
        guard host == "127.0.0.1:\(bound)" || host == "localhost:\(bound)" else {
            var refusal = Reply.text(.misdirectedRequest, language.say(Words.answersOnlyOnThisComputer(port: bound)) + "\n")
            Reply.secure(&refusal.headers)
            return refusal
        }
        let prefix = "/t/\(token)"
        let path = request.uri.path
        guard Reply.constantTimeHasPrefix(path, prefix), path.count == prefix.count || path.dropFirst(prefix.count).hasPrefix("/") else {
            var refusal = Reply.text(.forbidden, language.say(Words.openTheAddressServePrinted) + "\n")
            Reply.secure(&refusal.headers)
            return refusal
        }
        if path == prefix { return Response(status: .seeOther, headers: [.location: prefix + "/"]) }
        // HEAD: what GET would answer, without the body (a file's descriptor is closed unread).
        let isHead = request.method == .head
        var asked = request
        if isHead {
            var head = request.head
            head.method = .get
            asked = Request(head: head, body: request.body)
        }
        var response = try await inner.respond(to: asked, context: context)
        if isHead { response = response.createHeadResponse() }
        Reply.secure(&response.headers)
        return response
    }
}

/// The port the server listens on, known once it is bound.
final class SharedPort: Sendable {
    let value = Atomic<Int>(0)
}
