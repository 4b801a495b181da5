import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `inbeeld serve` running in the background for a test, with the address it printed.
public final class ServeProcess: @unchecked Sendable {
    public let process = Process()
    /// `http://127.0.0.1:PORT/t/TOKEN/`
    public let address: String
    public let port: Int

    /// - Parameter descriptorLimit: started under `ulimit -n` of this many open files.
    /// - Parameter requested: `--port`, when not the default.
    public init(folder: String, lang: String = "en", descriptorLimit: Int? = nil, port requested: Int? = nil) throws {
        let portArguments = requested.map { ["--port", String($0)] } ?? []
        if let descriptorLimit {
            // Through the shell's `ulimit`, then `exec`: the server is the process that runs.
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-c", "ulimit -n \(descriptorLimit) && exec \"$0\" serve \"$1\" --lang \"$2\" " + portArguments.joined(separator: " "),
                                 try inbeeldProgram(), folder, lang]
        } else {
            process.executableURL = URL(fileURLWithPath: try inbeeldProgram())
            process.arguments = ["serve", folder, "--lang", lang] + portArguments
        }
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // The first line names the address; wait for it (10 s at most).
        var text = ""
        let deadline = Date().addingTimeInterval(10)
        while !text.contains("\n"), Date() < deadline {
            let chunk = out.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            text += String(decoding: chunk, as: UTF8.self)
        }
        guard let range = text.range(of: #"http://127\.0\.0\.1:(\d+)/t/[0-9a-f]{32}/"#, options: .regularExpression) else {
            process.terminate()
            throw OracleError.failed("inbeeld serve printed no address: \(text)")
        }
        address = String(text[range])
        port = Int(address.split(separator: ":")[2].split(separator: "/")[0])!
    }

    /// Ctrl-C (or another signal: SIGTERM, SIGHUP as when the terminal is closed), and the exit status.
    @discardableResult public func stop(signal: Int32 = SIGINT) -> Int32 {
        if process.isRunning {
            resume()
            Glibc.kill(process.processIdentifier, signal)
        }
        let deadline = Date().addingTimeInterval(15)
        while process.isRunning, Date() < deadline { usleep(20_000) }
        if process.isRunning { process.terminate(); process.waitUntilExit() }
        return process.terminationStatus
    }

    /// Asks for a page job's status until it is done or failed (`seconds` at most), and returns it.
    public func waitForJob(_ id: String, seconds: Double = 240) throws -> [String: Any] {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            guard let status = try http(address + "api/jobs/\(id)").json as? [String: Any] else {
                throw OracleError.failed("job \(id): no status")
            }
            if ["done", "failed"].contains(status["state"] as? String) { return status }
            usleep(200_000)
        }
        throw OracleError.failed("job \(id) did not finish")
    }

    /// Holds it where it is (SIGSTOP): what the page asks meanwhile waits, unanswered, until `resume()`.
    /// Two windows' saves sent while it is held arrive together, as saves made at the same moment do.
    public func pause() { if process.isRunning { Glibc.kill(process.processIdentifier, SIGSTOP) } }
    public func resume() { if process.isRunning { Glibc.kill(process.processIdentifier, SIGCONT) } }

    /// Ends it at once, as a crash or `kill -9` would (nothing of it runs afterwards).
    public func kill() {
        if process.isRunning { Glibc.kill(process.processIdentifier, SIGKILL); process.waitUntilExit() }
    }

    /// Processor time it has used so far, in seconds (user and system, from `/proc`).
    public func processorSeconds() -> Double {
        guard let text = try? String(contentsOfFile: "/proc/\(process.processIdentifier)/stat", encoding: .utf8),
              let close = text.lastIndex(of: ")") else { return 0 }
        let fields = text[text.index(after: close)...].split(separator: " ")
        guard fields.count > 13, let user = Double(fields[11]), let system = Double(fields[12]) else { return 0 }
        return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    deinit { if process.isRunning { resume(); process.terminate() } }
}

/// A TCP connection to 127.0.0.1 that sends exactly the bytes it is given (what curl will not send: two
/// Host headers, half a request) and reads what comes back.
public final class RawConnection {
    public let socket: Int32

    public init(port: Int) throws {
        guard let fd = loopbackSocket(port: port) else {
            throw OracleError.failed("cannot connect to 127.0.0.1:\(port): \(String(cString: strerror(errno)))")
        }
        socket = fd
    }

    deinit { Glibc.close(socket) }

    public func send(_ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { Glibc.send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
    }

    /// Up to `count` bytes, waiting at most `seconds`; `nil` when the server closed the connection (or
    /// reset it), empty when nothing came in time.
    public func receive(upTo count: Int = 65536, seconds: Double) -> Data? {
        var poller = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
        guard poll(&poller, 1, Int32(seconds * 1000)) > 0 else { return Data() }
        var buffer = [UInt8](repeating: 0, count: count)
        let n = recv(socket, &buffer, count, 0)
        return n > 0 ? Data(buffer[0..<n]) : nil
    }

    /// Reads until `count` bytes came or `seconds` passed; stops early when the server closes.
    public func receive(exactly count: Int, seconds: Double) -> Data {
        var data = Data()
        let deadline = Date().addingTimeInterval(seconds)
        while data.count < count, Date() < deadline {
            guard let chunk = receive(upTo: min(65536, count - data.count), seconds: deadline.timeIntervalSinceNow) else { break }
            data += chunk
        }
        return data
    }

    /// Seconds until the server closes the connection (reading and dropping what it sends), or `nil`
    /// when it is still open after `seconds`.
    public func secondsUntilClosed(within seconds: Double) -> Double? {
        let started = Date()
        while Date().timeIntervalSince(started) < seconds {
            guard receive(seconds: seconds - Date().timeIntervalSince(started)) != nil else {
                return Date().timeIntervalSince(started)
            }
        }
        return nil
    }
}

/// One HTTP exchange made by curl (an independent client: it sends exactly what it is told).
public struct HTTPReply: Sendable {
    public var status: Int
    /// Header names in lowercase.
    public var headers: [String: String]
    public var body: Data
    public var text: String { String(decoding: body, as: UTF8.self) }
    public var json: Any? { try? JSONSerialization.jsonObject(with: body) }
}

public func http(_ url: String, headers: [String] = [], pathAsIs: Bool = false, maxSeconds: Int = 600) throws -> HTTPReply {
    try http("GET", url, headers: headers, body: nil, pathAsIs: pathAsIs, maxSeconds: maxSeconds)
}

/// - Parameter maxSeconds: curl gives up after this long (a stalled reply is then an error, not a wait).
public func http(_ method: String, _ url: String, headers: [String] = [], body: Data? = nil,
                 pathAsIs: Bool = false, maxSeconds: Int = 600) throws -> HTTPReply {
    let curl = try requireProgramPath("curl")
    let dir = temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    // HEAD as curl's own --head: with `-X HEAD` it would wait for the body the headers announce.
    let verb = method == "HEAD" ? ["--head"] : ["-X", method]
    var arguments = ["-s", "-S"] + verb + ["-D", dir + "/headers", "-o", dir + "/body", "-w", "%{http_code}", "--max-time", String(maxSeconds)]
    if pathAsIs { arguments.append("--path-as-is") }
    for h in headers { arguments += ["-H", h] }
    if let body {
        try body.write(to: URL(fileURLWithPath: dir + "/request"))
        arguments += ["--data-binary", "@" + dir + "/request", "-H", "Content-Type: application/json"]
    }
    arguments.append(url)
    let out = try run(curl, arguments)
    guard let status = Int(out.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) else {
        throw OracleError.failed("curl \(url): \(out.stderr)")
    }
    var fields: [String: String] = [:]
    let raw = (try? String(contentsOfFile: dir + "/headers", encoding: .utf8)) ?? ""
    for line in raw.split(whereSeparator: \.isNewline) {
        guard let colon = line.firstIndex(of: ":") else { continue }
        fields[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
    }
    return HTTPReply(status: status, headers: fields, body: FileManager.default.contents(atPath: dir + "/body") ?? Data())
}

public func requireProgramPath(_ name: String) throws -> String {
    guard let path = which(name) else { throw OracleError.missingProgram(name) }
    return path
}

extension Browser {
    /// Clicks recording `file` in the coach's page's list and waits for its first frame on screen.
    public func openRecording(_ file: String, seconds: Double = 120) throws {
        try wait(until: "document.querySelector('#recording-list button')", seconds: 30)
        _ = try script("document.querySelector('#recording-list button[data-path=\"\(file)\"]').click();")
        try wait(until: "document.body.dataset.shown === '0'", seconds: seconds)
    }

    /// Puts the caret at the end of the field `selector` (a CSS selector) and types `text` there, as a person would.
    public func type(_ text: String, atEndOf selector: String) throws {
        try wait(until: "document.querySelector(\"\(selector)\")")
        _ = try script("const el = document.querySelector(arguments[0]); el.focus(); el.setSelectionRange(el.value.length, el.value.length);", [selector])
        try type(text)
    }
}

/// The browsers the page is tested in: Chromium (through chromedriver's W3C WebDriver, over curl) and
/// Firefox (through its own Marionette protocol, which carries the same WebDriver commands).
public enum BrowserKind: String, Sendable, CaseIterable, CustomStringConvertible {
    case chromium, firefox
    public var description: String { rawValue }
}

/// A headless browser driven as a person would use it: keys, screenshots, and JavaScript to read state.
public final class Browser: @unchecked Sendable {
    public let kind: BrowserKind
    private let driver = Process()
    private var base = ""
    private var session = ""
    private var marionette: Marionette?
    private var profile: String?

    public init(_ kind: BrowserKind = .chromium, width: Int = 1400, height: Int = 1000) throws {
        self.kind = kind
        switch kind {
        case .chromium: try startChromium(width: width, height: height)
        case .firefox: try startFirefox(width: width, height: height)
        }
    }

    private func startChromium(width: Int, height: Int) throws {
        let chromedriver = try requireProgramPath("chromedriver")
        let port = freeListeningPort()
        driver.executableURL = URL(fileURLWithPath: chromedriver)
        driver.arguments = ["--port=\(port)"]
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("inbeeld-chromedriver-\(UUID().uuidString).log")
        guard FileManager.default.createFile(atPath: log.path, contents: nil) else { throw OracleError.failed("cannot write \(log.path)") }
        defer { try? FileManager.default.removeItem(at: log) }
        let output = try FileHandle(forWritingTo: log)
        driver.standardOutput = output
        driver.standardError = output
        try driver.run()
        base = "http://127.0.0.1:\(port)"
        var ready = false
        for _ in 0..<100 where driver.isRunning {
            if let r = try? http("GET", base + "/status"), r.status == 200 { ready = true; break }
            usleep(100_000)
        }
        guard ready else {
            driver.terminate()
            let said = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
            throw OracleError.failed("chromedriver did not start on port \(port): \(said.suffix(600))")
        }
        let capabilities: [String: Any] = ["capabilities": ["alwaysMatch": [
            "browserName": "chrome",
            "goog:chromeOptions": ["args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                                            "--window-size=\(width),\(height)", "--mute-audio", "--force-device-scale-factor=1"]],
        ]]]
        let reply = try http("POST", base + "/session", body: try JSONSerialization.data(withJSONObject: capabilities))
        guard let value = (reply.json as? [String: Any])?["value"] as? [String: Any], let id = value["sessionId"] as? String else {
            driver.terminate()
            throw OracleError.failed("no browser session: \(reply.text)")
        }
        session = id
    }

    /// Firefox ESR, headless, in a profile of its own that listens for Marionette on a free port.
    private func startFirefox(width: Int, height: Int) throws {
        let firefox = try requireProgramPath("firefox-esr")
        let dir = temporaryFolder()
        profile = dir
        let prefs = [
            "marionette.port": "0", "media.autoplay.default": "0", "browser.shell.checkDefaultBrowser": "false",
            "datareporting.policy.dataSubmissionEnabled": "false", "toolkit.telemetry.reportingpolicy.firstRun": "false",
            "browser.startup.homepage_override.mstone": "\"ignore\"", "app.update.auto": "false",
            "browser.aboutwelcome.enabled": "false", "layout.css.devPixelsPerPx": "\"1.0\"", "media.volume_scale": "\"0.0\"",
        ]
        try prefs.map { "user_pref(\"\($0.key)\", \($0.value));" }.joined(separator: "\n")
            .write(toFile: dir + "/user.js", atomically: true, encoding: .utf8)
        driver.executableURL = URL(fileURLWithPath: firefox)
        driver.arguments = ["--headless", "--marionette", "--no-remote", "--profile", dir, "--window-size=\(width),\(height)"]
        var environment = ProcessInfo.processInfo.environment
        environment["MOZ_HEADLESS"] = "1"
        driver.environment = environment
        driver.standardOutput = FileHandle.nullDevice
        driver.standardError = FileHandle.nullDevice
        try driver.run()
        // With port 0 Firefox picks a free port and writes it into the profile.
        var client: Marionette?
        let deadline = Date().addingTimeInterval(60)
        while client == nil, Date() < deadline {
            usleep(200_000)
            if let text = try? String(contentsOfFile: dir + "/MarionetteActivePort", encoding: .utf8),
               let port = Int(text.trimmingCharacters(in: .whitespacesAndNewlines)) {
                client = try? Marionette(port: port)
            }
        }
        guard let client else { quit(); throw OracleError.failed("Firefox's Marionette did not answer within a minute") }
        marionette = client
        _ = try client.send("WebDriver:NewSession", ["capabilities": ["alwaysMatch": ["acceptInsecureCerts": true]]])
        _ = try client.send("WebDriver:SetWindowRect", ["width": width, "height": height])
    }

    deinit { quit() }

    public func quit() {
        if let marionette {
            _ = try? marionette.send("Marionette:Quit", ["flags": ["eForceQuit"]])
            marionette.close()
            self.marionette = nil
        } else if driver.isRunning, kind == .chromium {
            _ = try? http("DELETE", "\(base)/session/\(session)")
            _ = try? http("GET", "\(base)/shutdown")
        }
        if driver.isRunning {
            // chromedriver does not always stop on SIGTERM.
            let deadline = Date().addingTimeInterval(5)
            while driver.isRunning, Date() < deadline { usleep(50_000) }
            if driver.isRunning { kill(driver.processIdentifier, SIGKILL) }
            driver.waitUntilExit()
        }
        if let profile { try? FileManager.default.removeItem(atPath: profile); self.profile = nil }
    }

    @discardableResult
    private func call(_ method: String, _ path: String, _ body: [String: Any]? = nil) throws -> Any? {
        let data = try body.map { try JSONSerialization.data(withJSONObject: $0) }
        let reply = try http(method, "\(base)/session/\(session)\(path)", body: data ?? (method == "POST" ? Data("{}".utf8) : nil))
        let value = (reply.json as? [String: Any])?["value"]
        if reply.status != 200 { throw OracleError.failed("WebDriver \(path): \(reply.text.prefix(400))") }
        return value
    }

    /// A Marionette command's `value` (Firefox answers WebDriver commands under these names).
    private func firefox(_ name: String, _ parameters: [String: Any] = [:]) throws -> Any? {
        guard let marionette else { throw OracleError.failed("Firefox is not running") }
        let result = try marionette.send(name, parameters)
        return (result as? [String: Any])?["value"] ?? result
    }

    public func open(_ url: String) throws {
        if kind == .firefox { _ = try firefox("WebDriver:Navigate", ["url": url]) } else { try call("POST", "/url", ["url": url]) }
    }

    /// Runs JavaScript in the page and returns its result.
    public func script(_ code: String, _ arguments: [Any] = []) throws -> Any? {
        if kind == .firefox { return try firefox("WebDriver:ExecuteScript", ["script": code, "args": arguments]) }
        return try call("POST", "/execute/sync", ["script": code, "args": arguments])
    }

    /// Presses keys as a person would (WebDriver key codes: "\u{E014}" right arrow, "\u{E008}" shift...).
    public func press(_ keys: [String], holding modifier: String? = nil) throws {
        var actions: [[String: Any]] = []
        if let modifier { actions.append(["type": "keyDown", "value": modifier]) }
        for key in keys { actions += [["type": "keyDown", "value": key], ["type": "keyUp", "value": key]] }
        if let modifier { actions.append(["type": "keyUp", "value": modifier]) }
        try perform(["actions": [["type": "key", "id": "keyboard", "actions": actions]]])
    }

    /// Performs a W3C action sequence (keys, pointer) and releases what it pressed.
    private func perform(_ sequence: [String: Any]) throws {
        if kind == .firefox {
            _ = try firefox("WebDriver:PerformActions", sequence)
            _ = try firefox("WebDriver:ReleaseActions")
        } else {
            try call("POST", "/actions", sequence)
            try call("DELETE", "/actions")
        }
    }

    /// Clicks an element (by CSS selector) with the mouse, at a fraction of its width from its left edge,
    /// half way down.
    public func click(_ selector: String, atFraction x: Double = 0.5) throws {
        try pointer(at: selector, fraction: x, [["type": "pointerDown", "button": 0], ["type": "pointerUp", "button": 0]])
    }

    /// Moves the mouse over an element (by CSS selector), at a fraction of its width from its left edge,
    /// half way down, without clicking: as a person hovers.
    public func move(to selector: String, atFraction x: Double) throws {
        try pointer(at: selector, fraction: x, [])
    }

    /// Turns the mouse wheel over an element (by CSS selector), at a fraction of its width: `deltaY`
    /// positive towards the person (down), negative away.
    public func wheel(over selector: String, atFraction x: Double, deltaY: Int) throws {
        let (found, dx) = try pointerTarget(selector, fraction: x)
        try perform(["actions": [["type": "wheel", "id": "wheel", "actions": [
            ["type": "scroll", "origin": found, "x": dx, "y": 0, "deltaX": 0, "deltaY": deltaY, "duration": 0],
        ]]]])
    }

    /// The element (scrolled into view, as a person scrolls to what they point at) and the W3C pointer
    /// offset from its centre for a fraction of its width, in whole CSS pixels.
    private func pointerTarget(_ selector: String, fraction x: Double) throws -> ([String: Any], Int) {
        _ = try script("const e = document.querySelector(arguments[0]); if (e) e.scrollIntoView({block: 'nearest', inline: 'nearest'});", [selector])
        let width = (try script("return document.querySelector(arguments[0]).getBoundingClientRect().width;", [selector]) as? NSNumber)?.doubleValue ?? 0
        let found = kind == .firefox ? try firefox("WebDriver:FindElement", ["using": "css selector", "value": selector]) as? [String: Any]
                                     : try call("POST", "/element", ["using": "css selector", "value": selector]) as? [String: Any]
        guard let found, !found.isEmpty else { throw OracleError.failed("no element \(selector)") }
        return (found, Int(((x - 0.5) * width).rounded()))
    }

    private func pointer(at selector: String, fraction x: Double, _ then: [[String: Any]]) throws {
        let (found, dx) = try pointerTarget(selector, fraction: x)
        try perform(["actions": [["type": "pointer", "id": "mouse", "parameters": ["pointerType": "mouse"], "actions": [
            ["type": "pointerMove", "origin": found, "x": dx, "y": 0, "duration": 0] as [String: Any],
        ] + then]]])
    }

    /// Types text into whatever has the focus.
    public func type(_ text: String) throws { try press(text.map { String($0) }) }

    /// A PNG of one element (by CSS selector) as it is on screen.
    public func screenshot(of selector: String) throws -> Data {
        let base64: String?
        if kind == .firefox {
            let found = try firefox("WebDriver:FindElement", ["using": "css selector", "value": selector]) as? [String: Any]
            guard let id = found?.values.first as? String else { throw OracleError.failed("no element \(selector)") }
            base64 = try firefox("WebDriver:TakeScreenshot", ["id": id, "full": false, "hash": false, "scroll": true]) as? String
        } else {
            let found = try call("POST", "/element", ["using": "css selector", "value": selector]) as? [String: Any]
            guard let id = found?.values.first as? String else { throw OracleError.failed("no element \(selector)") }
            base64 = try call("GET", "/element/\(id)/screenshot") as? String
        }
        guard let base64, let png = Data(base64Encoded: base64) else { throw OracleError.failed("no screenshot of \(selector)") }
        return png
    }

    /// A PNG of the whole window.
    public func screenshot() throws -> Data {
        let base64 = kind == .firefox ? try firefox("WebDriver:TakeScreenshot", ["full": false, "hash": false]) as? String
                                      : try call("GET", "/screenshot") as? String
        guard let base64, let png = Data(base64Encoded: base64) else { throw OracleError.failed("no screenshot") }
        return png
    }

    /// Waits until the script returns true (a minute at most: it returns as soon as it holds, and a loaded
    /// machine running two browsers beside the other tests can take many seconds for what takes one alone).
    public func wait(until code: String, seconds: Double = 60) throws {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if (try script("return Boolean(\(code));")) as? Bool == true { return }
            usleep(50_000)
        }
        throw OracleError.failed("timed out waiting for \(code)")
    }
}

/// Firefox's Marionette protocol: JSON messages framed as `LENGTH:JSON` over TCP on 127.0.0.1. A command
/// is `[0, id, name, parameters]`; its answer `[1, id, error, result]`.
final class Marionette {
    private let socket: Int32
    private var nextID = 1
    private var buffer: [UInt8] = []

    init(port: Int) throws {
        guard let fd = loopbackSocket(port: port) else { throw OracleError.failed("Marionette is not listening") }
        socket = fd
        _ = try receive()  // the greeting: {"applicationType": "gecko", "marionetteProtocol": 3}
    }

    func close() { Glibc.close(socket) }

    /// Sends one command and returns its result, or throws Firefox's error.
    func send(_ name: String, _ parameters: [String: Any] = [:]) throws -> Any? {
        let id = nextID
        nextID += 1
        let body = try JSONSerialization.data(withJSONObject: [0, id, name, parameters] as [Any])
        let message = Array("\(body.count):".utf8) + [UInt8](body)
        var sent = 0
        while sent < message.count {
            let n = message[sent...].withUnsafeBytes { Glibc.send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard n > 0 else { throw OracleError.failed("Marionette: the connection closed") }
            sent += n
        }
        while true {
            guard let reply = try receive() as? [Any], reply.count == 4, reply[1] as? Int == id else { continue }
            if let error = reply[2] as? [String: Any] {
                throw OracleError.failed("Marionette \(name): \(error["error"] ?? "") \(error["message"] ?? "")")
            }
            return reply[3]
        }
    }

    private func receive() throws -> Any? {
        func fill() throws {
            var chunk = [UInt8](repeating: 0, count: 65536)
            let n = chunk.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
            guard n > 0 else { throw OracleError.failed("Marionette: the connection closed") }
            buffer += chunk[0..<n]
        }
        while !buffer.contains(UInt8(ascii: ":")) { try fill() }
        let colon = buffer.firstIndex(of: UInt8(ascii: ":"))!
        guard let length = Int(String(decoding: buffer[0..<colon], as: UTF8.self)) else { throw OracleError.failed("Marionette: bad frame") }
        while buffer.count < colon + 1 + length { try fill() }
        let body = Data(buffer[(colon + 1)..<(colon + 1 + length)])
        buffer.removeFirst(colon + 1 + length)
        return try JSONSerialization.jsonObject(with: body, options: [.fragmentsAllowed])
    }
}

/// Waits until `condition` holds (`seconds` at most, a minute unless told), asking every tenth of a second;
/// throws naming `what`.
public func waitFor(_ what: String, seconds: Double = 60, _ condition: () throws -> Bool) throws {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        if try condition() { return }
        usleep(100_000)
    }
    throw OracleError.failed("not within \(Int(seconds)) s: \(what)")
}

/// A port for a program of the test to listen on. Below Linux's ephemeral range (32768 and up), where the
/// kernel never puts the client end of a connection: the suite's many curl and browser connections could
/// hold a port there, and then the program cannot listen on it (a full-suite run failed with "chromedriver
/// did not start"). A port something already listens on is passed over.
public func freeListeningPort() -> Int {
    var port = Int.random(in: 20_000..<32_000)
    while let fd = loopbackSocket(port: port) { Glibc.close(fd); port = Int.random(in: 20_000..<32_000) }
    return port
}

/// The kernel's own table of TCP sockets (`/proc/net/tcp` and `tcp6`), not a program's word for them.
public struct KernelSocket: Sendable {
    /// Addresses as the kernel writes them (hex, e.g. `0100007F` for 127.0.0.1) and ports.
    public let localAddress: String, localPort: Int, remotePort: Int
    /// `0A` is listening.
    public let state: String
    /// Bytes received that the program has not yet read.
    public let unread: Int

    public var listening: Bool { state == "0A" }

    public static func all() throws -> [KernelSocket] {
        let table = try String(contentsOfFile: "/proc/net/tcp", encoding: .utf8) + (try String(contentsOfFile: "/proc/net/tcp6", encoding: .utf8))
        return table.split(separator: "\n").compactMap { line in
            // sl local_address rem_address st tx_queue:rx_queue ...
            let fields = line.split(separator: " ")
            guard fields.count > 4, let local = fields[1].split(separator: ":").last.flatMap({ Int($0, radix: 16) }),
                  let remote = fields[2].split(separator: ":").last.flatMap({ Int($0, radix: 16) }),
                  let unread = fields[4].split(separator: ":").last.flatMap({ Int($0, radix: 16) }) else { return nil }
            return KernelSocket(localAddress: String(fields[1].split(separator: ":").first ?? ""), localPort: local,
                                remotePort: remote, state: String(fields[3]), unread: unread)
        }
    }
}

/// A TCP connection to 127.0.0.1:`port`, as a descriptor; `nil` when nothing listens there.
func loopbackSocket(port: Int) -> Int32? {
    let fd = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { return nil }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = in_port_t(UInt16(port).bigEndian)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let connected = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
    }
    guard connected == 0 else { Glibc.close(fd); return nil }
    return fd
}

/// Saves a session as the page does: over the revision the file has now (read first from `api/recording`,
/// its ETag; "none" when that cannot be read), named in `If-Match`.
public func saveSession(_ url: String, body: Data, pathAsIs: Bool = false, maxSeconds: Int = 600) throws -> HTTPReply {
    let reading = url.replacingOccurrences(of: "api/session?", with: "api/recording?")
    let revision = (try? http(reading, pathAsIs: pathAsIs, maxSeconds: maxSeconds))?.headers["etag"] ?? "\"none\""
    return try http("PUT", url, headers: ["If-Match: " + revision], body: body, pathAsIs: pathAsIs, maxSeconds: maxSeconds)
}
