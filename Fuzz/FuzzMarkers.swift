// libFuzzer entry point for every text parser a coach's files reach: marker files (our CSV and text,
// WebVTT, SRT, ELAN, BORIS, LosslessCut, Audacity) in any encoding they are read in, marker times, and
// session files. Built by Scripts/fuzz.sh
// with `swiftc -sanitize=fuzzer,address` against the marker module and the coaching sources of the session
// reader (none needs FFmpeg). A crash or a sanitizer report is a bug; thrown errors are the expected answer to bad input.
// The first byte picks the parser, so each run exercises one of them at full speed.
import Foundation
@testable import InBeeldMarkers

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMarkers(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    // The first byte's meaning is fixed (the corpus and FuzzFindingsTests rely on it): 0-7 these formats,
    // 8 session files, 9 times and format guessing, 10 on the formats added since.
    let formats: [MarkerFormat] = [.csv, .text, .vtt, .srt, .eaf, .boris, .losslesscut, .audacity]
    let added = MarkerFormat.allCases.filter { !formats.contains($0) }
    let choice = Int(data[0]) % (formats.count + 2 + added.count)
    let bytes = Data(bytes: data + 1, count: size - 1)
    if choice == formats.count {
        _ = try? CoachingSession.parse(bytes, name: "fuzz.json", language: .en)
        return 0
    }
    guard let (text, _) = MarkerText.decode(bytes) else { return 0 }
    if choice == formats.count + 1 {
        for line in text.split(separator: "\n").prefix(64) { _ = MarkerTime(parsing: String(line)) }
        _ = MarkerFormat.guess(path: "x.csv", content: text)
        _ = MarkerConversion.losslessCutTimesAreWhole(text)
        return 0
    }
    let format = choice < formats.count ? formats[choice] : added[choice - formats.count - 2]
    if let markers = try? MarkerConversion.read(text, format: format, name: "fuzz") {
        // What was read must be writable again in every format, and shiftable.
        for target in MarkerFormat.allCases { _ = try? MarkerConversion.write(markers, format: target) }
        _ = try? MarkerConversion.shift(markers, by: -1_000_000)
    }
    return 0
}
