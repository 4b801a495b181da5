import Foundation

extension MarkerConversion {
    /// How long a cue lasts at most: it ends at the next marker, or this long after its own.
    public static let longestCue: Int64 = 5_000_000

    /// WebVTT or SRT cues for markers at `times` (ascending), the one writer of both (`markers convert`, the
    /// clip's subtitles): each cue from its marker until the next marker, at most `longestCue` and at least
    /// a millisecond, and not past `end` when given (a clip's length). The text is the marker as one label
    /// (`Sam: [kind] note`), as players show it; in WebVTT the child is also the cue's voice (`<v Sam>`),
    /// which names it whatever the name is. A blank line inside a note would end the cue, so it is written as
    /// a line holding one no-break space; `-->` in a note would start a new cue, so it is written `->`.
    public static func cues(_ times: [(us: Int64, marker: Marker)], srt: Bool, end: Int64? = nil) -> String {
        var out = srt ? "" : "WEBVTT\n"
        for (i, t) in times.enumerated() {
            let start = max(t.us, 0)
            var until = min(i + 1 < times.count ? times[i + 1].us : .max, start + longestCue)
            if let end { until = min(until, end) }
            until = max(until, start + 1000)
            let shown = label(t.marker).replacingOccurrences(of: "-->", with: "->")
            let text = srt ? shown : (t.marker.child.map { "<v \(escapeVTT($0))>" } ?? "") + escapeVTT(shown)
            let body = text.split(separator: "\n", omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces).isEmpty ? "\u{00A0}" : String($0) }.joined(separator: "\n")
            let timing = MarkerTime.cueText(start, srt: srt) + " --> " + MarkerTime.cueText(until, srt: srt)
            out += (srt ? "" : "\n") + "\(i + 1)\n\(timing)\n\(body)\n" + (srt ? "\n" : "")
        }
        return out
    }

    static func escapeVTT(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }

    static func unescapeVTT(_ s: String) -> String {
        s.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&nbsp;", with: "\u{00A0}").replacingOccurrences(of: "&amp;", with: "&")
    }

    /// Cues as players find them: a cue is its timing line (`start --> end`, settings after it ignored)
    /// and the lines after it up to a blank line or the next timing line (YouTube's WebVTT has no blank
    /// lines between cues); NOTE, STYLE and REGION blocks have no timing line and are passed over. The
    /// text is what a player shows: WebVTT's tags (`<c>`, `<i>`, inline timestamps...) and SRT's formatting
    /// (`<i>`, `<font ...>`, `{\an8}`) are left out, entities decoded; the first voice (`<v Sam>`) is the child.
    static func readCues(_ raw: String, name: String) throws(MarkerFileError) -> [Marker] {
        var text = raw.replacingOccurrences(of: "\r\n", with: "\n")
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        let webVTT = text.hasPrefix("WEBVTT")
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        /// The start of a timing line, or nil for any other line; a line with `-->` whose start is no
        /// time is an error.
        func start(_ line: String, at number: Int) throws(MarkerFileError) -> MarkerTime? {
            guard line.contains("-->") else { return nil }
            let startText = line.components(separatedBy: "-->")[0].trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ",", with: ".")
            guard let start = MarkerTime(parsing: startText), case .clock = start else {
                throw MarkerFileError(path: name, lines: [.init(line: number, reason: .badTime(startText))])
            }
            return start
        }
        var markers: [Marker] = []
        var i = 0
        while i < lines.count {
            guard let time = try start(lines[i], at: i + 1) else { i += 1; continue }
            let line = i + 1
            i += 1
            var body: [String] = []
            while i < lines.count, !lines[i].isEmpty, !lines[i].contains("-->") {
                body.append(lines[i] == "\u{00A0}" ? "" : lines[i])
                i += 1
            }
            let joined = body.joined(separator: "\n")
            var child: String?, note: String?
            if webVTT {
                // A voice (`<v Sam>`) names the child, and the name shown before the text (`Sam: `), as we
                // write it, is not part of the note; without a voice there is no child.
                var shown = unescapeVTT(joined.replacing(/<[^>]*>/, with: ""))
                if let voice = joined.firstMatch(of: /<v(?:\.[^\s>]+)*[ \t]+([^>]*)>/) {
                    let name = unescapeVTT(String(voice.1)).trimmingCharacters(in: .whitespaces)
                    child = name
                    if shown.hasPrefix(name + ": ") { shown.removeFirst(name.count + 2) } else if shown == name + ":" { shown = "" }
                }
                note = shown.isEmpty ? nil : shown
            } else {
                (child, note) = unlabel(joined.replacing(/(?i)<\/?(i|b|u|font)(\s[^>]*)?>/, with: "").replacing(/\{\\[^}]*\}/, with: ""))
            }
            markers.append(Marker(time: time, child: child, note: note, line: line))
        }
        return markers
    }

}
