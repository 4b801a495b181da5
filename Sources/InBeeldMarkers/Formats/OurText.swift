import Foundation

extension MarkerFile {

    static func parseText(_ text: String, name: String) throws(MarkerFileError) -> [Marker] {
        var markers: [Marker] = []
        var bad: [MarkerFileError.BadLine] = []
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" })
        for (i, rawLine) in lines.enumerated() {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") && MarkerTime(parsing: String(line.prefix { !$0.isWhitespace })) == nil {
                continue
            }
            let timeText = String(line.prefix { !$0.isWhitespace })
            guard let time = MarkerTime(parsing: timeText) else {
                bad.append(.init(line: i + 1, reason: .badTime(timeText)))
                continue
            }
            let rest = line.dropFirst(timeText.count).trimmingCharacters(in: .whitespaces)
            var child: String?
            var note: String? = rest.isEmpty ? nil : rest
            // `Sam: offers a toy`: a short name before a colon is the child.
            if let colon = rest.firstIndex(of: ":") {
                let before = rest[..<colon].trimmingCharacters(in: .whitespaces)
                let words = before.split(separator: " ")
                if !before.isEmpty, words.count <= 3, before.count <= 40 {
                    child = before
                    let after = rest[rest.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                    note = after.isEmpty ? nil : after
                }
            }
            markers.append(Marker(time: time, child: child, note: note, line: i + 1))
        }
        if !bad.isEmpty { throw MarkerFileError(path: name, lines: bad) }
        return markers
    }

    /// Our text: `TIME [child:] [kind] note`, one marker per line (a note's line breaks become spaces).
    static func writeText(_ markers: [Marker]) -> String {
        markers.map { m in
            ([m.time.description] + [m.child.map { "\($0):" }, MarkerConversion.kindAndNote(m)?.replacingOccurrences(of: "\n", with: " ")].compactMap { $0 })
                .joined(separator: " ")
        }.joined(separator: "\n") + "\n"
    }
}
