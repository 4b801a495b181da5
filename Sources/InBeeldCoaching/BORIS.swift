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
                       t.marker.kind ?? ownBehavior, "", "POINT", MarkerConversion.seconds(t.us), mediaName, "", "",
                       t.marker.note ?? ""]
            out += row.map { MarkerConversion.csvField($0, "\t") }.joined(separator: "\t") + "\n"
        }
        return out
    }

    // MARK: Reading

    /// Reads a BORIS export saved as text (TSV, or CSV with commas or semicolons).
    static func read(_ raw: String, name: String, media: String?) throws -> [Marker] {
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
        let lines = text.split(whereSeparator: \.isNewline).prefix(80)
        if lines.contains(where: { let l = $0.lowercased(); return l.contains("behavior") && l.contains("subject") }) { return true }
        guard let first = lines.first else { return false }
        let sep = separator(of: String(first))
        guard let fields = try? CSVReader.records(String(first), separator: sep).first?.fields else { return false }
        return headerlessAggregatedColumns([(1, fields)]) != nil
    }

    /// The markers in a BORIS export's rows (from text or a spreadsheet).
    static func read(rows raw: [Row], name: String, media: String?) throws -> [Marker] {
        let rows = raw.map { (line: $0.line, fields: $0.fields.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }) }
            .filter { !$0.fields.allSatisfy(\.isEmpty) }
        // The header: the first row naming a time column; rows above it are the older export's metadata.
        let timeNames = ["time", "start (s)"]
        var metadata: [Row] = []
        var header: [String]
        var body: ArraySlice<Row>
        if let h = rows.prefix(80).firstIndex(where: { $0.fields.contains { timeNames.contains($0.lowercased()) } }) {
            header = rows[h].fields
            metadata = Array(rows[..<h])
            body = rows[(h + 1)...]
        } else if let synthesized = headerlessAggregatedColumns(rows) {
            header = synthesized
            body = rows[...]
        } else {
            let first = rows.first
            throw MarkerFileError(path: name, lines: [.init(line: first?.line ?? 0, reason: .noTimeColumn(header: first?.fields.joined(separator: " ") ?? ""))])
        }
        let lower = header.map { $0.lowercased() }
        func column(_ names: String...) -> Int? { names.lazy.compactMap { n in lower.firstIndex(of: n) }.first }
        let time = column("time", "start (s)")!
        let type = column("behavior type", "status")
        let subject = column("subject"), behavior = column("behavior")
        let modifiers = lower.indices.filter { lower[$0].hasPrefix("modifier") }
        let comments = [column("comment", "comment start"), column("comment stop")].compactMap { $0 }
        let offsetColumn = column("time offset (s)")
        let mediaColumn = column("media file name", "media file path", "media file")
        let source = column("source"), durations = column("media duration (s)")
        let observation = column("observation id")

        // The older export's metadata: key in the first cell, value in the second.
        var metaOffset: String?, metaMedia: [String] = [], metaObservation: String?
        for row in metadata where row.fields.count >= 2 {
            let key = row.fields[0].lowercased()
            if key == "time offset (s)" { metaOffset = row.fields[1] }
            if key == "player #1" { metaMedia.append(row.fields[1]) }
            if key == "observation id" { metaObservation = row.fields[1] }
        }

        var bad: [MarkerFileError.BadLine] = []
        var events: [(row: Row, us: Int64, offset: Int64, media: String?, files: [(name: String, us: Int64?)], stopComment: String?)] = []
        var open: [String: Int] = [:]  // an open state (subject, behaviour, modifiers) → its START event
        var observations: [String] = metaObservation.map { [$0] } ?? []
        for row in body {
            func field(_ i: Int?) -> String? {
                guard let i, i < row.fields.count else { return nil }
                let value = row.fields[i]
                return value.isEmpty || value == "NA" ? nil : value
            }
            // A STOP ends its state, a marker at its START; its comment joins that marker's note, as BORIS's
            // aggregated export puts both comments on one row.
            let state = [subject, behavior].map { field($0) ?? "" }.joined(separator: "\u{1}") + "\u{1}" + modifiers.map { field($0) ?? "" }.joined(separator: "|")
            if field(type)?.uppercased() == "STOP" {
                if let start = open.removeValue(forKey: state) { events[start].stopComment = comments.first.flatMap(field) }
                continue
            }
            if field(type)?.uppercased() == "START" { open[state] = events.count }
            guard let us = MarkerConversion.parseSeconds(field(time) ?? "") else {
                bad.append(.init(line: row.line, reason: .badTime(row.fields.indices.contains(time) ? row.fields[time] : "")))
                continue
            }
            let offsetText = field(offsetColumn) ?? metaOffset ?? "0"
            guard let offset = signedMicroseconds(offsetText) else {
                bad.append(.init(line: row.line, reason: .badTime(offsetText)))
                continue
            }
            if let id = field(observation), !observations.contains(id) { observations.append(id) }
            let files = field(source).map { playerOneFiles(source: $0, durations: field(durations)) } ?? metaMedia.map { ($0, nil) }
            events.append((row, us, offset, field(mediaColumn), files, nil))
        }
        if !bad.isEmpty { throw MarkerFileError(path: name, lines: bad) }
        if observations.count > 1 {
            throw MarkerConversionError(
                path: name,
                Words.thisBorisFileHoldsObservationsExport(observations.count, observations.joined(separator: ", ")))
        }

        // An observation of several media files: one file's markers, at that file's times.
        let files = events.first?.files ?? []
        var chosen: String?
        if files.count > 1 {
            let list = files.map { baseName($0.name) }.joined(separator: ", ")
            guard let media else {
                throw MarkerConversionError(
                    path: name,
                    Words.thisBorisObservationSpansMediaFiles(files.count, list))
            }
            guard let match = files.first(where: { baseName($0.name).caseInsensitiveCompare(baseName(media)) == .orderedSame }) else {
                throw MarkerConversionError(
                    path: name,
                    Words.thisBorisObservationIsAboutNot(list, baseName(media)))
            }
            guard files.allSatisfy({ $0.us != nil }) else {
                throw MarkerConversionError(
                    path: name,
                    Words.thisBorisObservationSpansMediaFiles2(files.count, list, baseName(media)))
            }
            chosen = match.name
        }

        var markers: [Marker] = []
        for event in events {
            var us = event.us - event.offset
            if let chosen {
                // The file the event is in: BORIS's own column, else by the files' lengths.
                var start: Int64 = 0, file: String?
                for f in files {
                    let length = f.us ?? 0
                    if let named = event.media {
                        if baseName(named) == baseName(f.name) { file = f.name; break }
                    } else if us < start + length || f.name == files.last?.name {
                        file = f.name; break
                    }
                    start += length
                }
                guard file == chosen else { continue }
                us -= start
            }
            func field(_ i: Int?) -> String? {
                guard let i, i < event.row.fields.count, !event.row.fields[i].isEmpty, event.row.fields[i] != "NA" else { return nil }
                return event.row.fields[i]
            }
            var child = field(subject)
            if child == "No focal subject" { child = nil }
            // Modifiers: one per column (8.x `Modifier #1`, 7.x `Modifier 1`), or `a|b` in one (`Modifiers`).
            let mods = modifiers.compactMap(field).flatMap { $0.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) } }
                .filter { !$0.isEmpty && $0 != "None" }
            let note = ([mods.joined(separator: ", ")] + comments.compactMap(field) + [event.stopComment ?? ""]).filter { !$0.isEmpty }
                .joined(separator: "\n")
            // The behaviour InBeeld writes for a marker without a kind is no kind of its own.
            let kind = field(behavior).flatMap { $0 == ownBehavior ? nil : $0 }
            markers.append(Marker(time: .clock(microseconds: max(0, us)), child: child, note: note.isEmpty ? nil : note,
                                  kind: kind, line: event.row.line))
        }
        return markers.sorted { ($0.time.sortKey, $0.line) < ($1.time.sortKey, $1.line) }
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
