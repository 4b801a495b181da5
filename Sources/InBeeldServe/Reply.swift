import Foundation
import HTTPTypes
import Hummingbird
import InBeeldCoaching

/// How the page's answers are made: JSON, problems in the coach's language, files with byte ranges.
enum Reply {
    static func json<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok, headers more: HTTPFields = [:]) -> Response {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        let data = (try? encoder.encode(value)) ?? Data("{}".utf8)
        var headers: HTTPFields = [.contentType: "application/json; charset=utf-8", .cacheControl: "no-store"]
        headers.append(contentsOf: more)
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// `{"problems": [...]}`: what went wrong, for people.
    static func problem(_ status: HTTPResponse.Status, _ messages: [String]) -> Response {
        json(["problems": messages], status: status)
    }

    static func text(_ status: HTTPResponse.Status, _ text: String) -> Response {
        Response(status: status, headers: [.contentType: "text/plain; charset=utf-8", .cacheControl: "no-store"],
                 body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    static func asset(_ bytes: [UInt8], type: String) -> Response {
        Response(status: .ok, headers: [.contentType: type, .cacheControl: "no-store"], body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    static func refused(_ refusal: FolderAccess.Refusal, _ path: String, _ language: Language) -> Response {
        switch refusal {
        case .badName:
            return problem(.badRequest, [language.say(Words.notAFileInTheFolder(path))])
        case .missing:
            return problem(.notFound, [language.say(Words.doesNotExistAnyMore(path))])
        case .outside:
            return problem(.forbidden, [language.say(Words.pointsOutsideTheFolder(path))])
        }
    }

    /// The file with `Accept-Ranges`, answering a `Range` with 206 (or 416 outside the file). The file is
    /// opened once: its length and its bytes come from that one descriptor, so a file replaced while it is
    /// sent (a session saved, a result made again) comes whole, as it was when the request came.
    static func file(_ path: String, request: Request, type: String? = nil) async -> Response {
        guard let opened = await blocking({ OpenFile(path) }) else {
            return problem(.notFound, [(path as NSString).lastPathComponent])
        }
        let size = opened.size
        var headers: HTTPFields = [.contentType: type ?? contentType(path), .acceptRanges: "bytes", .cacheControl: "private, no-cache"]
        if contentType(path) == "application/octet-stream" { headers[.contentDisposition] = "attachment" }
        switch ByteRange(header: request.headers[.range], size: size) {
        case .unsatisfiable:
            headers[.contentRange] = "bytes */\(size)"
            return Response(status: .rangeNotSatisfiable, headers: headers)
        case .whole:
            headers[.contentLength] = String(size)
            if size == 0 { return Response(status: .ok, headers: headers) }
            return Response(status: .ok, headers: headers, body: opened.body(0...(size - 1)))
        case .part(let range):
            headers[.contentRange] = "bytes \(range.lowerBound)-\(range.upperBound)/\(size)"
            return Response(status: .partialContent, headers: headers, body: opened.body(range))
        }
    }

    static func contentType(_ path: String) -> String {
        switch (path as NSString).pathExtension.lowercased() {
        case "mp4", "m4v", "mov", "qt", "3gp": return "video/mp4"
        case "webm": return "video/webm"
        case "mkv": return "video/x-matroska"
        case "pdf": return "application/pdf"
        case "jpg", "jpeg": return "image/jpeg"
        case "png": return "image/png"
        case "vtt": return "text/vtt; charset=utf-8"
        case "html": return "text/html; charset=utf-8"
        case "json": return "application/json; charset=utf-8"
        case "csv": return "text/csv; charset=utf-8"
        case "txt": return "text/plain; charset=utf-8"
        default: return "application/octet-stream"
        }
    }

    /// What the page may do: its own scripts, styles, media and pictures (and pictures it holds itself as
    /// `blob:`: the timeline's), nothing from elsewhere.
    static func secure(_ headers: inout HTTPFields) {
        headers[.contentSecurityPolicy] = "default-src 'self'; img-src 'self' data: blob:; media-src 'self'; style-src 'self'; script-src 'self'; object-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
        headers[.xContentTypeOptions] = "nosniff"
        headers[HTTPField.Name("Referrer-Policy")!] = "no-referrer"
        headers[HTTPField.Name("X-Frame-Options")!] = "DENY"
    }

    /// The part of a request's path after `prefix`, percent-decoded ("" when it does not start so).
    static func tail(of path: String, after prefix: String) -> String {
        guard path.hasPrefix(prefix) else { return "" }
        return String(path.dropFirst(prefix.count)).removingPercentEncoding ?? ""
    }

    /// `text.hasPrefix(prefix)` taking as long whatever the first difference (the token is a secret).
    static func constantTimeHasPrefix(_ text: String, _ prefix: String) -> Bool {
        let a = Array(text.utf8), b = Array(prefix.utf8)
        guard a.count >= b.count else { return false }
        var difference: UInt8 = 0
        for i in 0..<b.count { difference |= a[i] ^ b[i] }
        return difference == 0
    }
}
