// The two packages' readers, each in a file of its own (both modules have a type named CSV).
#if canImport(SwiftCSV)
import SwiftCSV

func swiftCSV(_ text: String, _ sep: Character) -> (rows: [[String]], lines: [Int]?, error: String?) {
    do {
        let csv = try CSV<Enumerated>(string: text, delimiter: .character(sep), loadColumns: false)
        return ([csv.header] + csv.rows, nil, nil)
    } catch { return ([], nil, "\(error)") }
}
#endif
