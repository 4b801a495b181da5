import Foundation

/// How the bytes of a marker file were read as text.
public enum TextEncoding: String, Sendable, Equatable {
    case utf8, utf16LittleEndian, utf16BigEndian, windows1252
}

/// Reads the bytes of a marker file as text the way the tools that write them mean it: UTF-8 (with or
/// without a byte-order mark), UTF-16 with a byte-order mark (Premiere's marker export, Windows
/// Notepad's "Unicode"), or, when the bytes are not UTF-8, Windows-1252 (an SRT or CSV file saved by older
/// Windows programs and Excel: `é` as the single byte E9). Bytes that are no text (a zero byte outside
/// UTF-16, a ZIP file such as an XLSX workbook) are refused.
public enum MarkerText {
    /// The text (without byte-order mark) and how it was read, or nil when the bytes are no text.
    public static func decode(_ data: Data) -> (text: String, encoding: TextEncoding)? {
        let bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            return String(validating: bytes.dropFirst(3), as: UTF8.self).map { ($0, .utf8) }
        }
        if bytes.starts(with: [0xFF, 0xFE]) { return utf16(bytes.dropFirst(2), littleEndian: true).map { ($0, .utf16LittleEndian) } }
        if bytes.starts(with: [0xFE, 0xFF]) { return utf16(bytes.dropFirst(2), littleEndian: false).map { ($0, .utf16BigEndian) } }
        // A zero byte is in no text file (UTF-16 without a mark is not guessed at).
        if bytes.contains(0) { return nil }
        if let text = String(validating: bytes, as: UTF8.self) { return (text, .utf8) }
        return (String(bytes.map { windows1252($0) }), .windows1252)
    }

    private static func utf16(_ bytes: ArraySlice<UInt8>, littleEndian: Bool) -> String? {
        guard bytes.count % 2 == 0 else { return nil }
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var i = bytes.startIndex
        while i < bytes.endIndex {
            let (a, b) = (UInt16(bytes[i]), UInt16(bytes[i + 1]))
            units.append(littleEndian ? a | b << 8 : a << 8 | b)
            i += 2
        }
        // Unpaired surrogates make it no text.
        guard let text = String(validating: units, as: UTF16.self) else { return nil }
        return text.unicodeScalars.contains("\u{0}") ? nil : text
    }

    /// Windows-1252: Latin-1, with printable characters where Latin-1 has control codes 0x80-0x9F (the
    /// five bytes Windows leaves undefined stay those control codes).
    static func windows1252(_ byte: UInt8) -> Character {
        let high: [UInt32] = [0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F,
                              0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178]
        let value = (0x80...0x9F).contains(byte) ? high[Int(byte) - 0x80] : UInt32(byte)
        return Character(Unicode.Scalar(value)!)
    }
}
