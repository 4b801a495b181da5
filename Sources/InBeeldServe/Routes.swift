import Foundation
import HTTPTypes
import Hummingbird
import InBeeldCoaching
import InBeeldMedia
import InBeeldSheet

/// The page's addresses, all under `/t/TOKEN/`:
/// - `GET /` the page, `GET /app.js`, `GET /app.css`
/// - `GET api/config` language and folder name
/// - `GET api/recordings` the recordings with their check verdicts
/// - `GET api/recording?path=P` one recording: frames, size, session (markers as frame numbers)
/// - `GET api/frame?path=P&n=N&w=W` frame N (0-based, presentation order) as InBeeld shows it, W pixels
///   wide, as JPEG; 204 when a newer request for the same recording came first; with `&preview=1`, the
///   picture under the pointer on the timeline (superseded only by a newer preview)
/// - `POST api/columns?path=P&w=W` with the frames of the timeline's columns on screen (`N,M,...`, ascending):
///   their previews, W wide, are made ahead; `GET api/columns?path=P&w=W` how many of them are made (and which)
/// - `GET api/timeline?path=P` the timeline's strip (where its pictures stand, which are made) and the
///   sound's levels, as far as they are made; `GET api/strip?path=P&n=N,M,...` the strip's pictures of
///   those frames, one after another (their lengths in `X-Picture-Lengths`)
/// - `GET api/session?path=P` the recording's session as `api/recording` has it; 304 when `If-None-Match`
///   names its revision (the page asks every few seconds, to show what another window or program saved)
/// - `PUT api/session?path=P` saves the recording's session file
/// - `POST api/proxy?path=P` makes a browser copy; `POST api/prepare?path=P` runs `prepare`
/// - `GET api/jobs/ID` a job's progress and results
/// - `GET files/P` a file inside the folder (byte ranges); `GET proxy/P` the browser copy of recording P
struct Routes: Sendable {
    let library: Library
    let jobs: JobBoard
    let frames: FrameSessions
    let overviews: TimelineOverviews
    let token: String
    let language: Language
    static let pictureLengths = HTTPField.Name("X-Picture-Lengths")!

    func add(to router: Router<BasicRequestContext>) {
        let group = router.group(RouterPath("t/\(token)"))
        addPage(group)
        addReading(group)
        addPictures(group)
        addWriting(group)
        addJobs(group)
        addFiles(group)
    }

    /// The paused picture, the preview under the pointer, and the timeline's strip and sound.
    private func addPictures(_ group: RouterGroup<BasicRequestContext>) {
        group.get("api/frame") { request, _ in await frame(request) }
        group.post("api/columns") { request, _ in await columns(request, asked: true) }
        group.get("api/columns") { request, _ in await columns(request, asked: false) }
        group.get("api/timeline") { request, _ in
            switch await overview(request) {
            case .failure(let refused): return refused.response
            case .success(let overview): return Reply.json(overview.summary)
            }
        }
        group.get("api/strip") { request, _ in
            guard let asked = request.uri.queryParameters["n"].flatMap({ Self.frameList(String($0), atMost: 1000) }) else {
                return problem(.badRequest, ["n?"])
            }
            switch await overview(request) {
            case .failure(let refused): return refused.response
            case .success(let overview):
                // One answer for all the pictures asked for (a kept strip is some 140 at once): their JPEGs
                // one after another, each one's length in X-Picture-Lengths (0: not made yet).
                let pictures = asked.map { overview.picture(frame: $0) }
                var body = ByteBuffer()
                for jpeg in pictures { if let jpeg { body.writeBytes(jpeg) } }
                var headers: HTTPFields = [.contentType: "application/octet-stream", .cacheControl: "no-store"]
                headers[Self.pictureLengths] = pictures.map { String($0?.count ?? 0) }.joined(separator: ",")
                return Response(status: .ok, headers: headers, body: .init(byteBuffer: body))
            }
        }
    }

    /// The page itself.
    private func addPage(_ group: RouterGroup<BasicRequestContext>) {
        group.get("/") { request, _ in
            Reply.asset(PageHTML.filled[self.language(request)] ?? PackageResources.index_html, type: "text/html; charset=utf-8")
        }
        group.get("app.js") { _, _ in Reply.asset(PackageResources.app_js, type: "text/javascript; charset=utf-8") }
        group.get("app.css") { _, _ in Reply.asset(PackageResources.app_css, type: "text/css; charset=utf-8") }
    }

    /// What the page reads: settings, the recordings, one recording.
    private func addReading(_ group: RouterGroup<BasicRequestContext>) {
        group.get("api/config") { request, _ in
            let folder = (library.access.root as NSString).lastPathComponent
            // The page's words in both languages, from the catalogue, with the verdict words the CLI uses:
            // the page shows what `inbeeld check` says.
            let words = Dictionary(uniqueKeysWithValues: Language.allCases.map { lang in
                (lang.rawValue, Dictionary(uniqueKeysWithValues: Words.page.map { ($0.key, lang.say($0.phrase)) }))
            })
            let verdicts = Dictionary(uniqueKeysWithValues: Language.allCases.map { lang in
                (lang.rawValue, Dictionary(uniqueKeysWithValues: [Verdict.pass, .warn, .fail].map { ($0.rawValue, $0.label(in: lang)) }))
            })
            let lists = Dictionary(uniqueKeysWithValues: Language.allCases.map { lang in
                (lang.rawValue, ["questions": Words.methodQuestions.map(lang.say), "kinds": Words.initiativeKinds.map(lang.say)])
            })
            return Reply.json(Config(language: language.rawValue, folder: folder.isEmpty ? "/" : folder,
                                     folderId: Library.revision(of: Data(library.access.root.utf8)), words: words, lists: lists,
                                     verdicts: verdicts))
        }
        group.get("api/overview") { request, _ in
            let lang = self.language(request)
            let overview = await blocking {
                SessionOverview.read(folder: library.access.root, recursive: true, today: SessionOverview.today(), language: lang)
            }
            // Its own JSON (the CLI's `--json`, plus its days in words for the page): kinds are the coach's words, never re-cased as keys.
            return Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "no-store"],
                            body: .init(byteBuffer: ByteBuffer(string: overview.jsonWithDays(language: lang))))
        }
        group.get("api/recordings") { request, _ in
            let lang = self.language(request)
            return Reply.json(await blocking { library.recordings(language: lang) })
        }
        group.get("api/session") { request, _ in await sessionDetail(request, unlessRevision: request.headers[.ifNoneMatch].map(Self.entityTag)) }
        group.get("api/recording") { request, _ in await sessionDetail(request, unlessRevision: nil) }
        group.get("api/marker-files") { request, _ in
            let lang = self.language(request)
            guard let path = request.uri.queryParameters["path"].map(String.init) else { return problem(.badRequest, ["path?"]) }
            return await reply(path, lang) { () throws(Library.Failure) in try library.markerFiles(forRecording: path) }
        }
        group.get("api/import") { request, _ in
            let lang = self.language(request)
            let query = request.uri.queryParameters
            guard let path = query["path"].map(String.init), let file = query["file"].map(String.init) else {
                return problem(.badRequest, ["path? file?"])
            }
            let tiers = query.getAll("tier").map { String($0) }
            if case .failure(let refusal) = library.access.existingFile(file) { return Reply.refused(refusal, file, lang) }
            return await reply(path, lang) { () throws(Library.Failure) in
                try library.importPreview(file, forRecording: path, tiers: tiers, language: lang)
            }
        }
    }

    /// The library's answer as JSON, made off the server's threads; its refusal or failure as a problem.
    private func reply<Answer: Encodable & Sendable>(_ path: String, _ lang: Language,
                                                     _ make: @escaping @Sendable () throws(Library.Failure) -> Answer) async -> Response {
        let result = await blocking { () -> Result<Answer, Library.Failure> in
            do throws(Library.Failure) { return .success(try make()) } catch { return .failure(error) }
        }
        switch result {
        case .success(let answer): return Reply.json(answer)
        case .failure(.refused(let refusal)): return Reply.refused(refusal, path, lang)
        case .failure(.unreadable(let message)): return problem(.unprocessableContent, [message])
        }
    }

    /// One recording and its session (`api/recording`); with `unlessRevision` (`api/session`'s
    /// If-None-Match), 304 when the session file is still that revision.
    private func sessionDetail(_ request: Request, unlessRevision known: String?) async -> Response {
        let lang = language(request)
        guard let path = request.uri.queryParameters["path"].map(String.init) else { return problem(.badRequest, ["path?"]) }
        let result = await blocking { () -> Result<Library.RecordingDetail?, Library.Failure> in
            do throws(Library.Failure) {
                if let known, library.sessionRevision(path) == known { return .success(nil) }
                return .success(try library.detail(path, language: lang))
            } catch { return .failure(error) }
        }
        switch result {
        case .success(nil): return Response(status: .notModified, headers: [.eTag: "\"\(known ?? "")\"", .cacheControl: "no-store"])
        case .success(let detail?): return Reply.json(detail, headers: [.eTag: "\"\(detail.sessionRevision)\""])
        case .failure(.refused(let refusal)): return Reply.refused(refusal, path, lang)
        case .failure(.unreadable(let message)): return problem(.unprocessableContent, [message])
        }
    }

    /// A save's body may carry the session as the page read it, to merge against.
    private struct SaveBase: Decodable { var base: Library.PageSession? }

    /// Where a body failed to decode, named as the page sends it and as session-file messages name
    /// fields (`markers[2].seen_heard`); nil when it was not JSON at all.
    static func field(of error: Error) -> String? {
        let path: [any CodingKey]
        switch error as? DecodingError {
        case .typeMismatch(_, let c)?, .valueNotFound(_, let c)?, .dataCorrupted(let c)?: path = c.codingPath
        case .keyNotFound(let key, let c)?: path = c.codingPath + [key]
        default: return nil
        }
        guard !path.isEmpty else { return nil }
        // The keys as sent: the decoder reads them from snake case.
        let snake = { (name: String) in name.reduce(into: "") { out, c in out += c.isUppercase ? "_" + c.lowercased() : String(c) } }
        return path.reduce(into: "") { out, key in
            if let index = key.intValue { out += "[\(index)]" } else { out += (out.isEmpty ? "" : ".") + snake(key.stringValue) }
        }
    }

    /// An entity tag's value without its quotes (and a weak tag's `W/`).
    static func entityTag(_ header: String) -> String {
        var tag = header.trimmingCharacters(in: .whitespaces)
        if tag.hasPrefix("W/") { tag.removeFirst(2) }
        return tag.trimmingCharacters(in: CharacterSet(charactersIn: "\""))
    }

    /// The recording the request names (`path`), as its page opened it: what it holds, its timeline and the
    /// stamp the timeline was read with; or the response that refuses it.
    private func opened(_ request: Request, _ lang: Language)
        async -> Result<(path: String, absolute: String, info: MediaInfo, timeline: PresentationTimeline, stamp: FileStamp), Refused> {
        let (path, absolute): (String, String)
        switch recording(named: request, lang) {
        case .failure(let refusal): return .failure(refusal)
        case .success(let found): (path, absolute) = found
        }
        let opened = await blocking { () -> Result<(info: MediaInfo, timeline: PresentationTimeline, stamp: FileStamp), Library.Failure> in
            do throws(Library.Failure) {
                _ = try library.media(absolute, relative: path, language: lang)
            } catch { return .failure(error) }
            guard let known = library.known(absolute) else { return .failure(.unreadable(lang.say(Words.pictureCannotBeRead))) }
            return .success(known)
        }
        // The stamp the timeline was read with, not the file's stamp read again: a file changed in between
        // would pair the old timeline with the new file.
        switch opened {
        case .failure(.refused(let refusal)): return .failure(.init(response: Reply.refused(refusal, path, lang)))
        case .failure(.unreadable(let message)): return .failure(.init(response: problem(.unprocessableContent, [message])))
        case .success(let known): return .success((path, absolute, known.info, known.timeline, known.stamp))
        }
    }

    /// Frame `n` of recording `path`, `w` pixels wide (at most the displayed width), as JPEG: the picture
    /// the page shows while the player stands still, or under the pointer on the timeline (`preview`). The
    /// recording is the one the page opened (its timeline is the library's); nothing is cached in the
    /// browser (the file may change).
    private func frame(_ request: Request) async -> Response {
        let lang = language(request)
        let query = request.uri.queryParameters
        guard let n = query["n"].flatMap({ Int(String($0)) }), let w = query["w"].flatMap({ Int(String($0)) }) else {
            return problem(.badRequest, ["n? w?"])
        }
        let recording: (path: String, absolute: String, info: MediaInfo, timeline: PresentationTimeline, stamp: FileStamp)
        switch await opened(request, lang) {
        case .failure(let refused): return refused.response
        case .success(let found): recording = found
        }
        guard let video = recording.info.video?.video else { return problem(.unprocessableContent, [lang.say(Words.pictureCannotBeRead)]) }
        let width = Self.pictureWidth(w, of: video)
        switch await frames.picture(path: recording.absolute, stamp: recording.stamp, info: recording.info, timeline: recording.timeline,
                                    index: n, width: width, preview: query["preview"] == "1", language: lang) {
        case .success(let jpeg):
            return Response(status: .ok, headers: [.contentType: "image/jpeg", .cacheControl: "no-store"],
                            body: .init(byteBuffer: ByteBuffer(bytes: jpeg)))
        case .failure(.superseded): return Response(status: .noContent, headers: [.cacheControl: "no-store"])
        case .failure(.noSuchFrame): return problem(.notFound, ["\(recording.path) #\(n)"])
        case .failure(.unreadable(let message)): return problem(.unprocessableContent, ["\(recording.path): \(message)"])
        }
    }

    /// A picture of a frame is `asked` pixels wide, at least 16 and at most the displayed width.
    private static func pictureWidth(_ asked: Int, of video: VideoInfo) -> Int { min(max(16, asked), max(16, video.displayWidth)) }

    /// The previews of the timeline's columns on screen: made ahead when `asked` (the body names their
    /// frames), and how many of them are made, as `{"made": K, "wanted": N, "frames": [...]}`.
    private func columns(_ request: Request, asked: Bool) async -> Response {
        let lang = language(request)
        guard let w = request.uri.queryParameters["w"].flatMap({ Int(String($0)) }) else { return problem(.badRequest, ["w?"]) }
        var wanted: [Int] = []
        if asked {
            var request = request
            guard let body = try? await request.collectBody(upTo: 1 << 20),
                  let listed = Self.frameList(String(buffer: body), atMost: PreviewColumns.columnsAtMost) else {
                return problem(.badRequest, ["N,M,...?"])
            }
            wanted = listed
        }
        let recording: (path: String, absolute: String, info: MediaInfo, timeline: PresentationTimeline, stamp: FileStamp)
        switch await opened(request, lang) {
        case .failure(let refused): return refused.response
        case .success(let found): recording = found
        }
        guard let video = recording.info.video?.video else { return problem(.unprocessableContent, [lang.say(Words.pictureCannotBeRead)]) }
        let width = Self.pictureWidth(w, of: video)
        if asked {
            guard zip(wanted, wanted.dropFirst()).allSatisfy({ $0 < $1 }), let first = wanted.first, let last = wanted.last,
                  first >= 0, last < recording.timeline.frameCount else { return problem(.badRequest, ["N,M,...?"]) }
            self.frames.columns.want(.init(path: recording.absolute, stamp: recording.stamp, info: recording.info,
                                      timeline: recording.timeline, width: width, frames: wanted))
        }
        let progress = self.frames.columns.progress(path: recording.absolute, stamp: recording.stamp, width: width)
        return Reply.json(ColumnsMade(made: progress.made, wanted: progress.frames.count, frames: progress.frames))
    }

    /// How far the columns' previews are made, and their frames.
    private struct ColumnsMade: Encodable, Sendable { let made: Int, wanted: Int, frames: [Int] }

    /// Frame numbers as the page lists them (`N,M,...`): at least one, at most `atMost`; nil otherwise.
    private static func frameList(_ text: String, atMost: Int) -> [Int]? {
        let listed = text.split(separator: ",").map { Int($0) }
        guard !listed.isEmpty, listed.count <= atMost, !listed.contains(nil) else { return nil }
        return listed.map { $0! }
    }

    /// The timeline's strip and sound of the recording the request names, started when new.
    private func overview(_ request: Request) async -> Result<TimelineOverview, Refused> {
        let lang = language(request)
        switch await opened(request, lang) {
        case .failure(let refused): return .failure(refused)
        case .success(let r):
            guard r.info.video?.video != nil else { return .failure(.init(response: problem(.unprocessableContent, [lang.say(Words.pictureCannotBeRead)]))) }
            let cacheFile = Library.cachePath(for: r.absolute, in: library.timelineFolder, extension: "timeline")
            return .success(overviews.overview(path: r.absolute, stamp: r.stamp, info: r.info, timeline: r.timeline, cacheFile: cacheFile, language: lang))
        }
    }

    /// The session file, saved as the coach marks.
    private func addWriting(_ group: RouterGroup<BasicRequestContext>) {
        group.put("api/session") { request, context in
            let lang = self.language(request)
            guard let path = request.uri.queryParameters["path"].map(String.init) else { return problem(.badRequest, ["path?"]) }
            // The revision the page edits (RFC 9110, 13.1.1): required, so that no save writes over a newer one unseen.
            guard let ifMatch = request.headers[.ifMatch].map(Self.entityTag) else {
                return problem(.preconditionRequired, [lang.say(Words.aSaveMustSayWhichRevisionItEdits)])
            }
            let edit: Library.PageSession, base: Library.PageSession?
            do {
                var request = request
                let body = try await request.collectBody(upTo: 8 << 20)
                let decoder = JSONDecoder()
                decoder.keyDecodingStrategy = .convertFromSnakeCase
                edit = try decoder.decode(Library.PageSession.self, from: Data(buffer: body))
                base = try decoder.decode(SaveBase.self, from: Data(buffer: body)).base
            } catch {
                return problem(.badRequest, [lang.say(Words.sessionFromThePageCannotBeRead(field: Self.field(of: error)))])
            }
            // Counted once its body is in: a server told to stop finishes it before the program ends.
            library.savesUnderWay.enter()
            let result = await blocking { () -> Result<Library.RecordingDetail, Library.SaveFailure> in
                defer { library.savesUnderWay.leave() }
                do throws(Library.SaveFailure) {
                    return .success(try library.save(edit, over: ifMatch, base: base, recording: path, language: lang))
                } catch { return .failure(error) }
            }
            switch result {
            case .success(let detail): return Reply.json(detail, headers: [.eTag: "\"\(detail.sessionRevision)\""])
            case .failure(.stale(let now)):
                return Reply.json(now, status: .preconditionFailed, headers: [.eTag: "\"\(now.sessionRevision)\""])
            case .failure(.refused(let refusal)): return Reply.refused(refusal, path, lang)
            case .failure(.invalid(let messages)): return problem(.unprocessableContent, messages)
            case .failure(.cannotWrite(let message)): return problem(.internalServerError, [message])
            }
        }
    }

    /// Long work in the background (browser copies, prepare) and its progress.
    private func addJobs(_ group: RouterGroup<BasicRequestContext>) {
        group.post("api/proxy") { request, _ in
            let lang = self.language(request)
            let (path, absolute): (String, String)
            switch recording(named: request, lang) {
            case .failure(let refusal): return refusal.response
            case .success(let found): (path, absolute) = found
            }
            return Reply.json(jobs.start(kind: "proxy", recording: path) { report, isCancelled throws(JobBoard.JobFailure) in
                do throws(JobBoard.JobFailure) {
                    return try ProxyMaker(library: library, language: lang).make(absolute, report: report, isCancelled: isCancelled)
                } catch {
                    throw JobBoard.JobFailure(error.messages.map(library.access.shown))
                }
            })
        }
        group.post("api/prepare") { request, _ in
            let lang = self.language(request)
            let (path, absolute): (String, String)
            switch recording(named: request, lang) {
            case .failure(let refusal): return refusal.response
            case .success(let found): (path, absolute) = found
            }
            let session = Library.sessionPath(forRecording: absolute)
            guard FileManager.default.fileExists(atPath: session) else {
                return problem(.conflict, [lang.say(Words.saveTheSessionFirst)])
            }
            return Reply.json(jobs.start(kind: "prepare", recording: path) { report, isCancelled throws(JobBoard.JobFailure) in
                let job = PrepareJob(sessionPath: session, folder: Library.resultsFolder(forRecording: absolute), language: lang)
                do throws(PrepareJob.Failure) {
                    let result = try job.run(progress: report, isCancelled: isCancelled)
                    return result.files.compactMap { library.access.relative(result.folder + "/" + $0) }
                } catch {
                    throw JobBoard.JobFailure(error.messages.map(library.access.shown))
                }
            })
        }
        group.get("api/jobs/:id") { _, context in
            guard let id = context.parameters.get("id"), let status = jobs.status(id) else { return problem(.notFound, ["?"]) }
            return Reply.json(status)
        }
    }

    /// Files inside the folder and browser copies, with byte ranges.
    private func addFiles(_ group: RouterGroup<BasicRequestContext>) {
        group.get("files/**") { request, context in
            let lang = self.language(request)
            let path = Reply.tail(of: request.uri.path, after: "/t/\(token)/files/")
            switch library.access.existingFile(path) {
            case .failure(let refusal): return Reply.refused(refusal, path, lang)
            case .success(let absolute): return await Reply.file(absolute, request: request)
            }
        }
        group.get("proxy/**") { request, context in
            let lang = self.language(request)
            let path = Reply.tail(of: request.uri.path, after: "/t/\(token)/proxy/")
            switch library.access.existingFile(path) {
            case .failure(let refusal): return Reply.refused(refusal, path, lang)
            case .success(let absolute):
                let proxy = library.proxyPath(for: absolute)
                guard FileManager.default.fileExists(atPath: proxy) else { return problem(.notFound, [path]) }
                return await Reply.file(proxy, request: request, type: "video/mp4")
            }
        }
    }

    /// A refusal to answer, as the response to send.
    struct Refused: Error { var response: Response }

    /// The file inside the folder that a request's `?path=` names (relative and absolute), or the refusal.
    private func recording(named request: Request, _ lang: Language) -> Result<(String, String), Refused> {
        guard let path = request.uri.queryParameters["path"].map(String.init) else {
            return .failure(Refused(response: problem(.badRequest, ["path?"])))
        }
        switch library.access.existingFile(path) {
        case .failure(let refusal): return .failure(Refused(response: Reply.refused(refusal, path, lang)))
        case .success(let absolute): return .success((path, absolute))
        }
    }

    /// A problem for the page, files named inside the folder (never where the folder lies on this computer).
    private func problem(_ status: HTTPResponse.Status, _ messages: [String]) -> Response {
        Reply.problem(status, messages.map(library.access.shown))
    }

    /// The language of messages: `?lang=nl|en` (the page's choice), else the server's.
    private func language(_ request: Request) -> Language {
        request.uri.queryParameters["lang"].flatMap { Language(rawValue: String($0)) } ?? language
    }

    struct Config: Codable {
        var language: String
        var folder: String
        /// Tells folders apart without naming them: the page keeps unsaved text per folder and recording.
        var folderId: String
        var words: [String: [String: String]]
        /// The method's four questions and the suggested kinds of initiative.
        var lists: [String: [String: [String]]]
        var verdicts: [String: [String: String]]
    }
}

/// Makes the browser copy of a recording browsers cannot play (HEVC, 10-bit, Matroska...): H.264 and AAC,
/// every frame kept at its time, written whole or not at all.
struct ProxyMaker {
    let library: Library
    let language: Language

    func make(_ path: String, report: @escaping @Sendable (String, Double) -> Void,
              isCancelled: @escaping @Sendable () -> Bool) throws(JobBoard.JobFailure) -> [String] {
        let say = { (phrase: Phrase) in language.say(phrase) }
        let target = library.proxyPath(for: path)
        if FileManager.default.fileExists(atPath: target) { return [] }
        do throws(OutputFiles.WriteError) {
            try OutputFiles.makePrivateFolder(Paths.parent(of: library.proxyFolder))
            try OutputFiles.makePrivateFolder(library.proxyFolder)
        } catch {
            throw .init([OutputFiles.folderMessage(error, language)])
        }
        let partial: OutputFiles.TemporaryFile
        do { partial = try OutputFiles.TemporaryFile(for: target, extension: "mp4") } catch {
            throw .init([say(Words.cannotWrite(in: library.proxyFolder))])
        }
        report(say(Words.makingACopyForTheBrowser), 0)
        do {
            // The page opened the recording before it asked for a copy: its timeline is known.
            let known = library.known(path)
            let cutter = try ClipCutter(source: path, info: known?.info, timeline: known?.timeline)
            let t = cutter.timeline
            guard t.frameCount > 0 else { throw MediaError.noVideoStream }
            // Small: at most 1280x720 as stored (a phone's 4K would take long and play no better here).
            var request = ClipRequest(destination: partial.path, fromMicroseconds: t.microseconds(ofFrame: 0),
                                      toMicroseconds: t.endMicroseconds, mode: .exact(crf: 23, preset: "veryfast"))
            request.fitInside = cutter.info.video?.video.map { $0.width >= $0.height ? (1280, 720) : (720, 1280) } ?? (1280, 720)
            _ = try cutter.cut(request,
                               progress: { report(say(Words.makingACopyForTheBrowser), $0) },
                               isCancelled: isCancelled)
        } catch {
            throw .init([say(Words.browserCopyFailed(because: phrase(for: error)))])
        }
        do { try partial.place(at: target) } catch {
            throw .init([say(Words.browserCopyCannotBePutInPlace)])
        }
        return []
    }
}

/// Runs blocking work (file reading, decoding) on a thread of the bounded `blockingWork`, away from the
/// server's event loops and the cooperative threads of Swift's tasks.
func blocking<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
    await withCheckedContinuation { continuation in
        blockingWork.addOperation { continuation.resume(returning: work()) }
    }
}

/// Where `blocking` runs its work: at most eight pieces at a time (reading folders and files, opening
/// recordings; mostly waiting for the disk), the rest waiting their turn in order, so that many requests at
/// once never make many threads.
private let blockingWork: OperationQueue = {
    let queue = OperationQueue()
    queue.name = "inbeeld.blocking"
    queue.maxConcurrentOperationCount = 8
    queue.qualityOfService = .userInitiated
    return queue
}()
