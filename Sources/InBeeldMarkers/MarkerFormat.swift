import Foundation


/// Marker files of other tools (see shared/FORMATS.md): read and written so a coach can move markers
/// between InBeeld, ELAN, BORIS, LosslessCut and subtitle files.
public enum MarkerFormat: String, Sendable, CaseIterable {
    /// Our CSV: `time,child,note`.
    case csv
    /// Our plain text: `TIME [child:] note`.
    case text
    case vtt, srt
    /// ELAN annotation document (`.eaf`): one tier per child.
    case eaf
    /// BORIS exported events (TSV or CSV with named columns).
    case boris
    /// LosslessCut segments CSV: `start,end,label`.
    case losslesscut
    /// LosslessCut's "CSV (frames)" export: `start,end,label` in frame numbers (the seconds times the frame
    /// rate, rounded); read as frame numbers (`#N`).
    case losslesscutFrames = "losslesscut-frames"
    /// Audacity's label track export (`.txt`): `start<TAB>end<TAB>label`, seconds with any number of decimals.
    case audacity

    /// The format by the file's extension, and for CSV files by their header row.
    public static func guess(path: String, content: String? = nil) -> MarkerFormat? {
        switch (path as NSString).pathExtension.lowercased() {
        case "vtt": return .vtt
        case "srt": return .srt
        case "eaf": return .eaf
        case "tsv": return .boris
        case "txt": return content.map(looksLikeAudacity) == true ? .audacity : .text
        case "csv":
            let header = (content ?? "").split(whereSeparator: \.isNewline).first.map { $0.lowercased() } ?? ""
            if BORIS.looksLike(content ?? "") { return .boris }
            if header.hasPrefix("start,end") || header.hasPrefix("\u{feff}start,end") { return .losslesscut }
            // LosslessCut without a header: a start in seconds or as a clock time (`0:01:02.500`), or
            // none (the segment starts at 0) before an end.
            let cells = header.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            if cells.count >= 2, [cells[0], cells[1]].contains(where: { !$0.isEmpty }),
               [cells[0], cells[1]].allSatisfy({ $0.isEmpty || Double($0) != nil || MarkerTime(parsing: $0).map { if case .clock = $0 { true } else { false } } == true }) {
                return .losslesscut
            }
            return .csv
        default: return nil
        }
    }

    /// Whether text has the shape of an Audacity label track: every line that is not blank is
    /// `start<TAB>end[<TAB>label]` in seconds, or a spectral selection line (`\<TAB>low<TAB>high`).
    public static func looksLikeAudacity(_ text: String) -> Bool {
        var labels = 0
        for line in text.split(whereSeparator: \.isNewline) where !line.trimmingCharacters(in: .whitespaces).isEmpty {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            if fields.first == "\\" { continue }
            guard fields.count >= 2, fields[0...1].allSatisfy({ Double($0) != nil && !$0.contains(where: { $0.isLetter }) }) else { return false }
            labels += 1
        }
        return labels > 0
    }
}

public enum MarkerConversion {
    /// Reads markers in `format` from `text` (`name` is for messages). `media` is the recording the markers
    /// are for (its file name), for a file that holds markers of several (a BORIS observation of several
    /// media files): its markers are taken, at its own times. `tiers` names an ELAN document's tiers to take
    /// markers from (empty: its independent tiers).
    public static func read(_ text: String, format: MarkerFormat, name: String, media: String? = nil, tiers: [String] = []) throws(MarkerFileError) -> [Marker] {
        switch format {
        case .csv: return try MarkerFile.parse(text, name: name, csv: true)
        case .text: return try MarkerFile.parse(text, name: name, csv: false)
        case .vtt, .srt: return try readCues(text, name: name)
        case .eaf: return try ELAN.read(text, name: name, tiers: tiers)
        case .boris: return try BORIS.read(text, name: name, media: media)
        case .losslesscut: return try readLosslessCut(text, name: name, frames: false)
        case .losslesscutFrames: return try readLosslessCut(text, name: name, frames: true)
        case .audacity: return try readAudacity(text, name: name)
        }
    }

    /// Writes markers in `format`. Other tools' formats need times, not frame numbers (but LosslessCut's
    /// frames CSV, which takes frame numbers only); ours hold both (`#136`).
    public static func write(_ markers: [Marker], format: MarkerFormat, mediaName: String = "") throws(MarkerConversionError) -> String {
        switch format {
        case .csv: return MarkerFile.writeCSV(markers)
        case .text: return MarkerFile.writeText(markers)
        case .losslesscutFrames: return try writeLosslessCutFrames(markers)
        default: break
        }
        var times: [(us: Int64, marker: Marker)] = []
        for m in markers {
            guard case .clock(let us) = m.time else {
                throw MarkerConversionError(.needsTime(m.time))
            }
            times.append((us, m))
        }
        switch format {
        case .csv, .text, .losslesscutFrames: return ""  // written above
        case .vtt: return cues(times, srt: false)
        case .srt: return cues(times, srt: true)
        case .eaf: return ELAN.write(times, mediaName: mediaName)
        case .boris: return BORIS.write(times, mediaName: mediaName)
        case .losslesscut: return writeLosslessCut(times)
        case .audacity: return writeAudacity(times)
        }
    }

    /// Shifts every time by `microseconds` (recording time to fragment time is a negative shift).
    public static func shift(_ markers: [Marker], by microseconds: Int64) throws(MarkerConversionError) -> [Marker] {
        try markers.map { m throws(MarkerConversionError) in
            guard case .clock(let us) = m.time else { throw MarkerConversionError(.frameNumberCannotMove(m.time)) }
            guard us + microseconds >= 0 else {
                throw MarkerConversionError(.beforeStartAfterMove(line: m.line, time: m.time))
            }
            var moved = m
            moved.time = .clock(microseconds: us + microseconds)
            return moved
        }
    }

    // MARK: Shared pieces

    static func csvField(_ text: String, _ separator: Character) -> String {
        if text.contains(separator) || text.contains("\"") || text.contains("\n") || text.contains("\r") || text.hasPrefix(" ") || text.hasSuffix(" ") {
            return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return text
    }

    /// A marker as one label (`Sam: note`), for tools with a single text field.
    static func label(_ m: Marker) -> String {
        [m.child.map { "\($0):" }, kindAndNote(m)].compactMap { $0 }.joined(separator: " ")
    }

    /// The note with the kind before it in brackets (`[looks] at the block`), for formats with no place of
    /// their own for a kind: a coded behaviour is never dropped on the way.
    public static func kindAndNote(_ m: Marker) -> String? {
        guard let kind = m.kind, !kind.isEmpty else { return m.note }
        return "[\(kind)]" + (m.note.map { " " + $0 } ?? "")
    }

    /// A media file's name without its folders (`/` or `\\`), as BORIS and ELAN name the recording.
    public static func mediaName(_ path: String) -> String { BORIS.baseName(path) }

    /// Splits `Sam: note` back into child and note (a short name before the first colon).
    static func unlabel(_ text: String) -> (child: String?, note: String?) {
        if let colon = text.firstIndex(of: ":") {
            let name = text[..<colon]
            let words = name.split(separator: " ")
            if !name.isEmpty, words.count <= 3, name.count <= 40, !name.contains("\n"),
               name.first != " ", !name.contains(where: \.isNumber) {
                var rest = String(text[text.index(after: colon)...])
                if rest.hasPrefix(" ") { rest.removeFirst() }
                return (String(name), rest.isEmpty ? nil : rest)
            }
        }
        return (nil, text.isEmpty ? nil : text)
    }

    static func parseSeconds(_ text: String) -> Int64? {
        let t = text.trimmingCharacters(in: .whitespaces)
        if let time = MarkerTime(parsing: t), case .clock(let us) = time { return us }
        // Up to about 31 years: anything larger is no time in a recording (and would overflow).
        guard let value = Double(t), value >= 0, value.isFinite, value < 1e9 else { return nil }
        return Int64((value * 1_000_000).rounded())
    }

}
