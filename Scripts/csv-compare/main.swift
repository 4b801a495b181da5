// Compares our CSV reader (Sources/InBeeldCoaching/Markers.swift's CSVReader, compiled in here) with the two
// CSV packages among the local copies, on what marker files need: the line each record starts on (for
// messages), quoted newlines, CRLF, a semicolon or tab separator, an unclosed quote named by its line,
// and speed on a large file. Run by Scripts/compare-csv-parsers.sh.
import Foundation

typealias Rows = [[String]]

func ours(_ text: String, _ sep: Character) -> (rows: Rows, lines: [Int]?, error: String?) {
    do {
        let records = try OurCSVReader.records(text, separator: sep)
        return (records.map(\.fields), records.map(\.line), nil)
    } catch let e as OurCSVReader.UnclosedQuote { return ([], nil, "unclosed quote on line \(e.line)") } catch { return ([], nil, "\(error)") }
}

let cases: [(name: String, text: String, sep: Character, rows: Rows, lines: [Int]?, error: Bool)] = [
    ("quoted newline", "time,note\n1.5,\"kijkt\nen lacht\"\n2,x\n", ",", [["time", "note"], ["1.5", "kijkt\nen lacht"], ["2", "x"]], [1, 2, 4], false),
    ("CRLF", "time,note\r\n1.5,a\r\n2,b\r\n", ",", [["time", "note"], ["1.5", "a"], ["2", "b"]], [1, 2, 3], false),
    ("semicolon, decimal comma", "tijd;notitie\n1,5;a\n", ";", [["tijd", "notitie"], ["1,5", "a"]], [1, 2], false),
    ("tab", "In\tMarker Name\n00:00:01:12\tSam\n", "\t", [["In", "Marker Name"], ["00:00:01:12", "Sam"]], [1, 2], false),
    ("doubled quotes", "time,note\n1,\"zegt \"\"hoi\"\"\"\n", ",", [["time", "note"], ["1", "zegt \"hoi\""]], [1, 2], false),
    ("empty fields", "a,b,c\n,,\n", ",", [["a", "b", "c"], ["", "", ""]], [1, 2], false),
    ("unclosed quote", "time,note\n1,\"kijkt\n2,x\n", ",", [], nil, true),
]

var failures: [String: [String]] = [:]
for c in cases {
    for (parser, read) in [("ours", ours), ("SwiftCSV 0.10.0", swiftCSV), ("CSV.swift 2.5.2", yaslab)] {
        let r = read(c.text, c.sep)
        var problems: [String] = []
        if c.error {
            if r.error == nil { problems.append("no error (read \(r.rows.count) rows)") }
        } else {
            if let e = r.error { problems.append("error \(e)") }
            if r.rows != c.rows { problems.append("rows \(r.rows)") }
            if r.lines == nil { problems.append("no line numbers") } else if r.lines != c.lines { problems.append("lines \(r.lines!)") }
        }
        if c.error, let e = r.error, !e.contains("line") { problems.append("error without a line: \(e)") }
        print("\(c.name) / \(parser): \(problems.isEmpty ? "ok" : problems.joined(separator: "; "))")
        if !problems.isEmpty { failures[parser, default: []].append(c.name) }
    }
}

// Speed: 100,000 markers with quoted notes (about 6 MB), best of 3.
var big = "time,child,note\n"
for i in 0..<100_000 { big += "\(i / 60):\(String(format: "%02d", i % 60)).500,Sam,\"kijkt, en zegt \"\"hoi\"\"\nen lacht\"\n" }
for (parser, read) in [("ours", ours), ("SwiftCSV 0.10.0", swiftCSV), ("CSV.swift 2.5.2", yaslab)] {
    var best = Double.infinity
    var count = 0
    for _ in 0..<3 {
        let start = Date()
        count = read(big, ",").rows.count
        best = min(best, Date().timeIntervalSince(start))
    }
    print(String(format: "speed / %@: %.3f s for %d records (%.1f MB)", parser, best, count, Double(big.utf8.count) / 1e6))
}
print("cases failed: " + (failures.isEmpty ? "none" : failures.map { "\($0.key): \($0.value.joined(separator: ", "))" }.sorted().joined(separator: " | ")))
