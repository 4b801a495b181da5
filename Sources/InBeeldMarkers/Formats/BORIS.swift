import Foundation

/// BORIS's exports as BORIS's own export code writes them (read in `boris-behav-obs` 7.13 and 8.27):
///
/// - **events** (8.x): a header row (`Observation id`, ..., `Time offset (s)`, `Media duration (s)`, ...,
///   `Subject`, `Behavior`, `Behavioral category`, `Modifier #1`..., `Behavior type`, `Time`,
///   `Media file name`, ..., `Comment`), one row per event, START/STOP/POINT in `Behavior type`;
/// - **events, older tabular export** (7.x): a block of observation metadata (`Observation id`,
///   `Player #1` and its media files, `Time offset (s)`, independent variables) above a header row
///   `Time`, `Media file path`, `Total length`, `FPS`, `Subject`, `Behavior`, ..., `Modifier 1`...,
///   `Comment`, `Status`;
/// - **aggregated events**: one row per event, `Behavior type` POINT or STATE, `Start (s)`, `Stop (s)`,
///   `Comment start`, `Comment stop`; written with a header or without one (the rows alone);
/// - any of these as CSV, TSV or XLSX (`Spreadsheet`).
///
/// A START or POINT row is a marker at its time; a STOP row ends its state and is no marker. The behaviour
/// is the marker's kind; the modifiers and comments its note. BORIS's times are observation times: the
/// media time plus the time offset, counted on across the media files of an observation of several; each
/// marker gets its own file's time, and a file of several media files is read for one of them only.
enum BORIS {
    typealias Row = (line: Int, fields: [String])

    // MARK: Writing

    static let columns = ["Observation id", "Observation date", "Description", "Observation duration", "Observation type",
                          "Source", "Time offset (s)", "Media duration (s)", "FPS", "Subject", "Behavior",
                          "Behavioral category", "Behavior type", "Time", "Media file name", "Image index",
                          "Image file path", "Comment"]

    /// The behaviour of a marker that has no kind: what every InBeeld marker is.
    static let ownBehavior = "contact initiative"

    /// BORIS's events export: each marker a POINT event, its kind the behaviour ("contact initiative"
    /// when it has none), its note the comment.
    static func write(_ times: [(us: Int64, marker: Marker)], mediaName: String) -> String {
        var out = columns.joined(separator: "\t") + "\n"
        for t in times {
            let row = ["inbeeld", "", "", "", "Media file(s)", mediaName, "0.000", "", "", t.marker.child ?? "No focal subject",
                       t.marker.kind ?? ownBehavior, "", "POINT", MarkerTime.secondsText(t.us, decimals: 3), mediaName, "", "",
                       t.marker.note ?? ""]
            out += row.map { MarkerConversion.csvField($0, "\t") }.joined(separator: "\t") + "\n"
        }
        return out
    }

    // MARK: Reading

    /// Reads a BORIS export saved as text (TSV, or CSV with commas or semicolons).
    static func read(_ raw: String, name: String, media: String?) throws(MarkerFileError) -> [Marker] {
        var text = raw
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        return try read(rows: CSVReader.records(text, separator: separator(of: text), name: name), name: name, media: media)
    }

    /// The separator of a BORIS text export: a tab anywhere, else whichever of `;` and `,` the header line
    /// (or the first line) has more of.
    static func separator(of text: String) -> Character {
        if text.contains("\t") { return "\t" }
        let lines = text.split(whereSeparator: \.isNewline).prefix(80)
        let line = lines.first { $0.lowercased().contains("behavior") } ?? lines.first ?? ""
        return line.filter { $0 == ";" }.count > line.filter { $0 == "," }.count ? ";" : ","
    }

    /// Whether text is a BORIS export: a header naming the subject and the behaviour (within the first
    /// lines: the older export has its metadata block above it), or aggregated events without a header.
    static func looksLike(_ text: String) -> Bool {
        let head = text.split(whereSeparator: \.isNewline).prefix(80).joined(separator: "\n")
        guard let rows = try? CSVReader.records(head, separator: separator(of: head)) else { return false }
        return looksLike(rows: rows)
    }

    /// Whether rows (of text or a spreadsheet) are a BORIS export: its header within the first rows, or
    /// aggregated events without one.
    static func looksLike(rows: [Row]) -> Bool {
        rows.prefix(80).contains { row in
            let cells = row.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            return cells.contains("behavior") && cells.contains("subject")
        } || headerlessAggregatedColumns(rows.prefix(80).filter { !$0.fields.allSatisfy(\.isEmpty) }) != nil
    }

    /// The markers in a BORIS export's rows (from text or a spreadsheet).
    static func read(rows raw: [Row], name: String, media: String?) throws(MarkerFileError) -> [Marker] {
        let rows = raw.map { (line: $0.line, fields: $0.fields.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }) }
            .filter { !$0.fields.allSatisfy(\.isEmpty) }
        let (columns, metadata, body) = try table(rows, name: name)
        let (events, observations) = try Self.events(body, columns, metadata, name: name)
        if observations.count > 1 {
            throw MarkerFileError(path: name, .severalObservations(count: observations.count, observations: observations))
        }
        let files = events.first?.files ?? []
        let chosen = try chosenFile(files, media: media, name: name)
        return events.compactMap { marker($0, columns, files: files, chosen: chosen) }
            .sorted { ($0.time.sortKey, $0.line) < ($1.time.sortKey, $1.line) }
    }

    /// Where things are in an export's table: its columns by name, as each export and version names them.
    struct Columns {
        let time: Int
        let type: Int?, subject: Int?, behavior: Int?, modifiers: [Int], comments: [Int]
        let offset: Int?, media: Int?, source: Int?, durations: Int?, observation: Int?

        init(_ header: [String]) {
            let lower = header.map { $0.lowercased() }
            func column(_ names: String...) -> Int? { names.lazy.compactMap { n in lower.firstIndex(of: n) }.first }
            time = column("time", "start (s)") ?? 0
            type = column("behavior type", "status")
            subject = column("subject")
            behavior = column("behavior")
            modifiers = lower.indices.filter { lower[$0].hasPrefix("modifier") }
            comments = [column("comment", "comment start"), column("comment stop")].compactMap { $0 }
            offset = column("time offset (s)")
            media = column("media file name", "media file path", "media file")
            source = column("source")
            durations = column("media duration (s)")
            observation = column("observation id")
        }

        /// A cell's text; nil when it is empty or BORIS's "NA".
        func field(_ i: Int?, _ row: Row) -> String? {
            guard let i, i < row.fields.count, !row.fields[i].isEmpty, row.fields[i] != "NA" else { return nil }
            return row.fields[i]
        }
    }

    /// The older export's block above the table: a key in the first cell, its value in the second.
    struct Metadata {
        var offset: String?, media: [String] = [], observation: String?

        init(_ rows: [Row]) {
            for row in rows where row.fields.count >= 2 {
                switch row.fields[0].lowercased() {
                case "time offset (s)": offset = row.fields[1]
                case "player #1": media.append(row.fields[1])
                case "observation id": observation = row.fields[1]
                default: break
                }
            }
        }
    }

    /// A START or POINT event: its row, observation time, offset, media file and the observation's files.
    struct Event {
        var row: Row, us: Int64, offset: Int64, media: String?, files: [(name: String, us: Int64?)]
        /// The comment of the STOP that ended this state.
        var stopComment: String?
    }

    /// The header (the first row naming a time column; rows above it are the older export's metadata), or the
    /// columns of aggregated events without a header.
    static func table(_ rows: [Row], name: String) throws(MarkerFileError) -> (Columns, Metadata, ArraySlice<Row>) {
        let timeNames = ["time", "start (s)"]
        if let h = rows.prefix(80).firstIndex(where: { $0.fields.contains { timeNames.contains($0.lowercased()) } }) {
            return (Columns(rows[h].fields), Metadata(Array(rows[..<h])), rows[(h + 1)...])
        }
        if let synthesized = headerlessAggregatedColumns(rows) { return (Columns(synthesized), Metadata([]), rows[...]) }
        let first = rows.first
        throw MarkerFileError(path: name, lines: [.init(line: first?.line ?? 0, reason: .noTimeColumn(header: first?.fields.joined(separator: " ") ?? ""))])
    }

    /// The START and POINT events, each STOP's comment given to the START it ends, and the observations named.
    static func events(_ body: ArraySlice<Row>, _ c: Columns, _ metadata: Metadata, name: String) throws(MarkerFileError) -> ([Event], [String]) {
        var bad: [MarkerFileError.BadLine] = []
        var events: [Event] = []
        var open: [String: Int] = [:]  // an open state (subject, behaviour, modifiers) → its START event
        var observations: [String] = metadata.observation.map { [$0] } ?? []
        for row in body {
            // A STOP ends its state, a marker at its START; its comment joins that marker's note, as BORIS's
            // aggregated export puts both comments on one row.
            let state = ([c.subject, c.behavior] + c.modifiers).map { c.field($0, row) ?? "" }.joined(separator: "\u{1}")
            if c.field(c.type, row)?.uppercased() == "STOP" {
                if let start = open.removeValue(forKey: state) { events[start].stopComment = c.comments.first.flatMap { c.field($0, row) } }
                continue
            }
            if c.field(c.type, row)?.uppercased() == "START" { open[state] = events.count }
            guard let us = MarkerConversion.parseSeconds(c.field(c.time, row) ?? "") else {
                bad.append(.init(line: row.line, reason: .badTime(row.fields.indices.contains(c.time) ? row.fields[c.time] : "")))
                continue
            }
            let offsetText = c.field(c.offset, row) ?? metadata.offset ?? "0"
            guard let offset = signedMicroseconds(offsetText) else {
                bad.append(.init(line: row.line, reason: .badTime(offsetText)))
                continue
            }
            if let id = c.field(c.observation, row), !observations.contains(id) { observations.append(id) }
            let files = c.field(c.source, row).map { playerOneFiles(source: $0, durations: c.field(c.durations, row)) }
                ?? metadata.media.map { ($0, nil) }
            events.append(Event(row: row, us: us, offset: offset, media: c.field(c.media, row), files: files))
        }
        if !bad.isEmpty { throw MarkerFileError(path: name, lines: bad) }
        return (events, observations)
    }

    /// For an observation of several media files, the one whose markers to take (nil: the only one), or why
    /// none can be: no choice made, a file it does not hold, or lengths the export does not give.
    static func chosenFile(_ files: [(name: String, us: Int64?)], media: String?, name: String) throws(MarkerFileError) -> String? {
        guard files.count > 1 else { return nil }
        let list = files.map { baseName($0.name) }
        guard let media else { throw MarkerFileError(path: name, .severalMediaFiles(files: list)) }
        guard let match = files.first(where: { baseName($0.name).caseInsensitiveCompare(baseName(media)) == .orderedSame }) else {
            throw MarkerFileError(path: name, .otherMedia(files: list, media: baseName(media)))
        }
        guard files.allSatisfy({ $0.us != nil }) else {
            throw MarkerFileError(path: name, .mediaLengthsUnknown(files: list, media: baseName(media)))
        }
        return match.name
    }

    /// An event as a marker at its media time: the offset taken off, and for one of several media files the
    /// files before it (nil when the event is in another file).
    static func marker(_ event: Event, _ c: Columns, files: [(name: String, us: Int64?)], chosen: String?) -> Marker? {
        var us = event.us - event.offset
        if let chosen {
            // The file the event is in: BORIS's own column, else by the files' lengths.
            var start: Int64 = 0, file: String?
            for f in files {
                if let named = event.media {
                    if baseName(named) == baseName(f.name) { file = f.name; break }
                } else if us < start + (f.us ?? 0) || f.name == files.last?.name {
                    file = f.name; break
                }
                start += f.us ?? 0
            }
            guard file == chosen else { return nil }
            us -= start
        }
        let row = event.row
        var child = c.field(c.subject, row)
        if child == "No focal subject" { child = nil }
        // Modifiers: one per column (8.x `Modifier #1`, 7.x `Modifier 1`), or `a|b` in one (`Modifiers`).
        let mods = c.modifiers.compactMap { c.field($0, row) }.flatMap { $0.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) } }
            .filter { !$0.isEmpty && $0 != "None" }
        let note = ([mods.joined(separator: ", ")] + c.comments.compactMap { c.field($0, row) } + [event.stopComment ?? ""])
            .filter { !$0.isEmpty }.joined(separator: "\n")
        // The behaviour InBeeld writes for a marker without a kind is no kind of its own.
        let kind = c.field(c.behavior, row).flatMap { $0 == ownBehavior ? nil : $0 }
        return Marker(time: .clock(microseconds: max(0, us)), child: child, note: note.isEmpty ? nil : note, kind: kind, line: row.line)
    }

    /// Player 1's media files from 8.x's `Source` (`player #1:a.mp4;b.mp4|player #2:c.mp4`) with their
    /// lengths from `Media duration (s)` (`60.000;30.000|45.000`), when given.
    static func playerOneFiles(source: String, durations: String?) -> [(name: String, us: Int64?)] {
        let players = source.split(separator: "|", omittingEmptySubsequences: false)
        guard let one = players.first(where: { $0.lowercased().hasPrefix("player #1:") }) ?? players.first else { return [] }
        let index = players.firstIndex(of: one)!
        let names = one.drop { $0 != ":" }.dropFirst().split(separator: ";").map(String.init)
        var lengths: [Int64?] = []
        if let perPlayer = durations?.split(separator: "|", omittingEmptySubsequences: false), index < perPlayer.count {
            lengths = perPlayer[index].split(separator: ";").map { MarkerConversion.parseSeconds(String($0)) }
        }
        return names.enumerated().map { (name: $1, us: $0 < lengths.count ? lengths[$0] : nil) }
    }

    /// Aggregated events without a header, as `export_aggregated_events` returns its rows: nine columns of
    /// the observation, its independent variables, subject, duration by subject, behaviour, category, the
    /// modifiers, then eleven fixed columns from `Behavior type` (POINT or STATE) on. The column names, or
    /// nil when the rows do not have that shape.
    static func headerlessAggregatedColumns(_ rows: [Row]) -> [String]? {
        guard let first = rows.first, first.fields.count >= 24 else { return nil }
        let n = first.fields.count, type = n - 11
        guard rows.allSatisfy({ $0.fields.count == n && ["POINT", "STATE"].contains($0.fields[type]) }) else { return nil }
        // Independent variables and modifiers share the columns between; the duration by subject (a number,
        // or empty) tells where the subject is.
        guard let variables = (0...(type - 13)).first(where: { v in
            rows.allSatisfy { let d = $0.fields[10 + v]; return d.isEmpty || d == "None" || Double(d) != nil }
        }) else { return nil }
        return ["Observation id", "Observation date", "Description", "Observation type", "Source", "Time offset (s)",
                "Coding duration", "Media duration (s)", "FPS (frame/s)"]
            + (0..<variables).map { "Variable \($0 + 1)" }
            + ["Subject", "Observation duration by subject by observation", "Behavior", "Behavioral category"]
            + (0..<(type - 13 - variables)).map { "Modifier #\($0 + 1)" }
            + ["Behavior type", "Start (s)", "Stop (s)", "Duration (s)", "Media file name", "Image index start",
               "Image index stop", "Image file path start", "Image file path stop", "Comment start", "Comment stop"]
    }

    static func signedMicroseconds(_ text: String) -> Int64? {
        let t = text.trimmingCharacters(in: .whitespaces)
        if t.hasPrefix("-") { return MarkerConversion.parseSeconds(String(t.dropFirst())).map { -$0 } }
        return MarkerConversion.parseSeconds(t)
    }

    /// A media file's name without its folders (BORIS keeps the path it was opened from).
    static func baseName(_ path: String) -> String {
        String(path.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last ?? Substring(path))
    }
}
