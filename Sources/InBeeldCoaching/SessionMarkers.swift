import Foundation
import InBeeldMarkers

/// A session file as a marker file (`inbeeld markers convert`): its markers read out with their kinds, and
/// markers from another tool's file added to it, keeping everything else it holds.
extension CoachingSession {
    /// Whether `path` names a session file (`speelhoek.session.json`, beside `speelhoek.mp4`).
    public static func isSessionFile(_ path: String) -> Bool { path.lowercased().hasSuffix(RecordingFinder.sessionSuffix) }

    /// The session's markers, each with the kind the session keeps for it.
    public var markersWithKinds: [Marker] {
        markers.map { m in
            var marked = m
            if marked.kind == nil { marked.kind = kinds[m.line] }
            return marked
        }
    }

    /// Adds `incoming` after the markers already there, in time order; the fragment, the conversation, the
    /// answers and the agreements stay as they are. A marker for the same child on the same frame as one
    /// already there (or added before it) is left out: `place` gives a marker's frame (or its time, when the
    /// recording cannot be read; nil for a frame the recording does not have, which is added as it is).
    /// Returns how many were left out.
    public mutating func add(_ incoming: [Marker], place: (MarkerTime) -> Int64?) -> Int {
        struct Spot: Hashable { var at: Int64, child: String? }
        var taken = Set(markers.compactMap { m in place(m.time).map { Spot(at: $0, child: m.child) } })
        var next = (markers.map(\.line).max() ?? 0) + 1
        var skipped = 0
        for m in incoming {
            if let at = place(m.time) {
                guard taken.insert(Spot(at: at, child: m.child)).inserted else { skipped += 1; continue }
            }
            var added = m
            added.line = next
            if let kind = m.kind { kinds[next] = kind }
            added.kind = nil
            markers.append(added)
            next += 1
        }
        // In time order, as the page keeps them; markers at one time stay in the order they came.
        let order = Dictionary(markers.enumerated().map { ($1.line, $0) }, uniquingKeysWith: { first, _ in first })
        markers.sort { (place($0.time) ?? $0.time.sortKey, order[$0.line] ?? 0) < (place($1.time) ?? $1.time.sortKey, order[$1.line] ?? 0) }
        return skipped
    }
}
