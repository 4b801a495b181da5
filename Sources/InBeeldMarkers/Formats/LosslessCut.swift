import Foundation

extension MarkerConversion {
    /// Whether every start and end in a LosslessCut CSV is a whole number: its frames export writes them so,
    /// its seconds export only for segments on whole seconds, so such a file cannot be told apart.
    static func losslessCutTimesAreWhole(_ raw: String) -> Bool {
        guard let records = try? CSVReader.records(raw.hasPrefix("\u{FEFF}") ? String(raw.dropFirst()) : raw, separator: ",") else { return false }
        let values = records.enumerated().flatMap { i, r -> [String] in
            if i == 0, r.fields.first?.lowercased() == "start" { return [] }
            return r.fields.prefix(2).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        return !values.isEmpty && values.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isASCIIDigit) } && values.contains { $0 != "0" }
    }

    static func readLosslessCut(_ raw: String, name: String, frames: Bool) throws(MarkerFileError) -> [Marker] {
        var text = raw
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        let records = try CSVReader.records(text, separator: ",", name: name)
        var markers: [Marker] = []
        var bad: [MarkerFileError.BadLine] = []
        for (i, record) in records.enumerated() where !record.fields.allSatisfy({ $0.isEmpty }) {
            if i == 0, record.fields.first?.lowercased() == "start" { continue }
            // No start: the segment starts at the beginning (LosslessCut's own reading).
            let start = record.fields[0].trimmingCharacters(in: .whitespaces)
            let time: MarkerTime
            if frames {
                guard let n = start.isEmpty ? 0 : (start.count <= 9 && start.allSatisfy(\.isASCIIDigit) ? Int(start) : nil) else {
                    bad.append(.init(line: record.line, reason: .badTime(record.fields[0])))
                    continue
                }
                time = .frame(n)
            } else {
                guard let us = start.isEmpty ? 0 : parseSeconds(start) else {
                    bad.append(.init(line: record.line, reason: .badTime(record.fields[0])))
                    continue
                }
                time = .clock(microseconds: us)
            }
            let label = record.fields.count > 2 ? record.fields[2] : ""
            let (child, note) = unlabel(label)
            markers.append(Marker(time: time, child: child, note: note, line: record.line))
        }
        if !bad.isEmpty { throw MarkerFileError(path: name, lines: bad) }
        return markers
    }

    /// Segments from each marker's time (no end), the marker as the label: seconds to the millisecond.
    static func writeLosslessCut(_ times: [(us: Int64, marker: Marker)]) -> String {
        times.map { t in
            [MarkerTime.secondsText(t.us, decimals: 3), "", csvField(label(t.marker), ",")].joined(separator: ",")
        }.joined(separator: "\n") + "\n"
    }

    /// The frames CSV: frame numbers only (a time needs `--fps` to become one first).
    static func writeLosslessCutFrames(_ markers: [Marker]) throws(MarkerConversionError) -> String {
        try markers.map { m throws(MarkerConversionError) in
            guard case .frame(let n) = m.time else { throw MarkerConversionError(.needsFrameNumber(m.time)) }
            return ["\(n)", "", csvField(label(m), ",")].joined(separator: ",")
        }.joined(separator: "\n") + "\n"
    }
}
