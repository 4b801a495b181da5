import CSV

func yaslab(_ text: String, _ sep: Character) -> (rows: [[String]], lines: [Int]?, error: String?) {
    do {
        let reader = try CSVReader(string: text, delimiter: sep.unicodeScalars.first!)
        var rows: [[String]] = []
        while let row = reader.next() { rows.append(row) }
        if let error = reader.error { return (rows, nil, "\(error)") }
        return (rows, nil, nil)
    } catch { return ([], nil, "\(error)") }
}
