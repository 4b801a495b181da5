import Foundation

/// A contact initiative the coach marked: when, which child, and what is seen and heard.
public struct Marker: Sendable, Hashable {
    public var time: MarkerTime
    public var child: String?
    public var note: String?
    /// What kind of initiative (a look, a word, offering a toy), or another tool's coded behaviour.
    public var kind: String?
    /// The line of the marker file it came from (1-based), for messages.
    public var line: Int

    public init(time: MarkerTime, child: String? = nil, note: String? = nil, kind: String? = nil, line: Int = 0) {
        self.time = time
        self.child = child
        self.note = note
        self.kind = kind
        self.line = line
    }
}

extension MarkerTime {
    /// For sorting: times in microseconds; frame numbers after all times.
    public var sortKey: Int64 {
        switch self {
        case .clock(let us): return us
        case .frame(let n): return Int64.max / 2 + Int64(n)
        // Timecodes sort among themselves (a file holds one kind of time).
        case let .timecode(seconds, frames, _): return Int64.max / 4 + min(seconds, Int64(Int32.max)) * 1000 + Int64(frames)
        }
    }
}
