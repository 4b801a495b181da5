import Foundation

/// `inbeeld serve` running in the background for a test, with the address it printed.
public final class ServeProcess: @unchecked Sendable {
    public let process = Process()
    /// `http://127.0.0.1:PORT/t/TOKEN/`
    public let address: String
    public let port: Int

    public init(folder: String, lang: String = "en") throws {
        process.executableURL = URL(fileURLWithPath: try inbeeldProgram())
        process.arguments = ["serve", folder, "--lang", lang]
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

    /// Ctrl-C, and the exit status.
    @discardableResult public func stop() -> Int32 {
        if process.isRunning { process.interrupt() }
        let deadline = Date().addingTimeInterval(15)
        while process.isRunning, Date() < deadline { usleep(20_000) }
        if process.isRunning { process.terminate(); process.waitUntilExit() }
        return process.terminationStatus
    }

    deinit { if process.isRunning { process.terminate() } }
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

public func http(_ url: String, headers: [String] = [], pathAsIs: Bool = false) throws -> HTTPReply {
    try http("GET", url, headers: headers, body: nil, pathAsIs: pathAsIs)
}

public func http(_ method: String, _ url: String, headers: [String] = [], body: Data? = nil,
                 pathAsIs: Bool = false) throws -> HTTPReply {
    let curl = try requireProgramPath("curl")
    let dir = temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    var arguments = ["-s", "-S", "-X", method, "-D", dir + "/headers", "-o", dir + "/body", "-w", "%{http_code}", "--max-time", "600"]
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

/// A headless Chromium driven through chromedriver's WebDriver protocol (W3C), over curl.
public final class Browser: @unchecked Sendable {
    private let driver = Process()
    private let base: String
    private let session: String

    public init(width: Int = 1400, height: Int = 1000) throws {
        let chromedriver = try requireProgramPath("chromedriver")
        let port = Int.random(in: 20_000..<40_000)
        driver.executableURL = URL(fileURLWithPath: chromedriver)
        driver.arguments = ["--port=\(port)"]
        driver.standardOutput = FileHandle.nullDevice
        driver.standardError = FileHandle.nullDevice
        try driver.run()
        base = "http://127.0.0.1:\(port)"
        var ready = false
        for _ in 0..<100 {
            if let r = try? http("GET", base + "/status"), r.status == 200 { ready = true; break }
            usleep(100_000)
        }
        guard ready else { driver.terminate(); throw OracleError.failed("chromedriver did not start") }
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

    deinit { quit() }

    public func quit() {
        if driver.isRunning {
            _ = try? http("DELETE", "\(base)/session/\(session)")
            _ = try? http("GET", "\(base)/shutdown")
            // chromedriver does not always stop on SIGTERM.
            let deadline = Date().addingTimeInterval(3)
            while driver.isRunning, Date() < deadline { usleep(50_000) }
            if driver.isRunning { kill(driver.processIdentifier, SIGKILL) }
            driver.waitUntilExit()
        }
    }

    @discardableResult
    private func call(_ method: String, _ path: String, _ body: [String: Any]? = nil) throws -> Any? {
        let data = try body.map { try JSONSerialization.data(withJSONObject: $0) }
        let reply = try http(method, "\(base)/session/\(session)\(path)", body: data ?? (method == "POST" ? Data("{}".utf8) : nil))
        let value = (reply.json as? [String: Any])?["value"]
        if reply.status != 200 { throw OracleError.failed("WebDriver \(path): \(reply.text.prefix(400))") }
        return value
    }

    public func open(_ url: String) throws { try call("POST", "/url", ["url": url]) }

    /// Runs JavaScript in the page and returns its result.
    public func script(_ code: String, _ arguments: [Any] = []) throws -> Any? {
        try call("POST", "/execute/sync", ["script": code, "args": arguments])
    }

    /// Presses keys as a person would (WebDriver key codes: "\u{E014}" right arrow, "\u{E008}" shift...).
    public func press(_ keys: [String], holding modifier: String? = nil) throws {
        var actions: [[String: Any]] = []
        if let modifier { actions.append(["type": "keyDown", "value": modifier]) }
        for key in keys { actions += [["type": "keyDown", "value": key], ["type": "keyUp", "value": key]] }
        if let modifier { actions.append(["type": "keyUp", "value": modifier]) }
        try call("POST", "/actions", ["actions": [["type": "key", "id": "keyboard", "actions": actions]]])
        try call("DELETE", "/actions")
    }

    /// Types text into whatever has the focus.
    public func type(_ text: String) throws { try press(text.map { String($0) }) }

    /// A PNG of one element (by CSS selector) as it is on screen.
    public func screenshot(of selector: String) throws -> Data {
        let found = try call("POST", "/element", ["using": "css selector", "value": selector]) as? [String: Any]
        guard let id = found?.values.first as? String else { throw OracleError.failed("no element \(selector)") }
        guard let base64 = try call("GET", "/element/\(id)/screenshot") as? String, let png = Data(base64Encoded: base64) else {
            throw OracleError.failed("no screenshot of \(selector)")
        }
        return png
    }

    /// A PNG of the whole window.
    public func screenshot() throws -> Data {
        guard let base64 = try call("GET", "/screenshot") as? String, let png = Data(base64Encoded: base64) else {
            throw OracleError.failed("no screenshot")
        }
        return png
    }

    /// Waits until the script returns true (10 s at most).
    public func wait(until code: String, seconds: Double = 10) throws {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if (try script("return Boolean(\(code));")) as? Bool == true { return }
            usleep(50_000)
        }
        throw OracleError.failed("timed out waiting for \(code)")
    }
}
