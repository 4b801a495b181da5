import Foundation

extension MarkerConversion {
    /// An Audacity label track: a marker at each label's start, its text split into child and note as in
    /// LosslessCut (`Sam: note`); spectral selection lines (`\` first) are skipped.
    static func readAudacity(_ raw: String, name: String) throws(MarkerFileError) -> [Marker] {
        // "\r\n" is one Character: made "\n" before splitting into lines.
        var text = raw.replacingOccurrences(of: "\r\n", with: "\n")
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        var markers: [Marker] = []
        var bad: [MarkerFileError.BadLine] = []
        for (i, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine[...]
            guard !line.trimmingCharacters(in: .whitespaces).isEmpty else { continue }
            let fields = line.split(separator: "\t", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
            if fields[0] == "\\" { continue }
            guard let us = parseSeconds(fields[0]) else {
                bad.append(.init(line: i + 1, reason: .badTime(fields[0])))
                continue
            }
            let (child, note) = unlabel(fields.count > 2 ? fields[2] : "")
            markers.append(Marker(time: .clock(microseconds: us), child: child, note: note, line: i + 1))
        }
        if !bad.isEmpty { throw MarkerFileError(path: name, lines: bad) }
        return markers
    }

    /// Point labels (start = end) to the microsecond; a label is one line, so a note's line breaks become spaces.
    static func writeAudacity(_ times: [(us: Int64, marker: Marker)]) -> String {
        times.map { t in
            let at = MarkerTime.secondsText(t.us, decimals: 6)
            return [at, at, label(t.marker).replacingOccurrences(of: "\r\n", with: " ").replacingOccurrences(of: "\n", with: " ")
                .replacingOccurrences(of: "\t", with: " ")].joined(separator: "\t")
        }.joined(separator: "\n") + "\n"
    }
}
