import Foundation
import InBeeldMarkers

/// A session file as a marker file (`inbeeld markers convert`): its markers read out with their kinds, and
/// markers from another tool's file added to it, keeping everything else it holds.
extension CoachingSession {
    /// Whether `path` names a session file (`speelhoek.session.json`, beside `speelhoek.mp4`).
    public static func isSessionFile(_ path: String) -> Bool { path.lowercased().hasSuffix(RecordingFinder.sessionSuffix) }

    /// Adds `incoming` after the markers already there, in time order; the fragment, the conversation, the
    /// answers and the agreements stay as they are. A marker for the same child on the same frame as one
    /// already there (or added before it) is left out: `place` gives a marker's frame (or its time, when the
    /// recording cannot be read; nil for a frame the recording does not have, which is added as it is).
    /// Returns how many were left out.
    public mutating func add(_ incoming: [Marker], place: (MarkerTime) -> Int64?) -> Int {
        struct Spot: Hashable { var at: Int64, child: String? }
        var taken = Set(markers.compactMap { m in place(m.time).map { Spot(at: $0, child: m.child) } })
        var skipped = 0
        for m in incoming {
            if let at = place(m.time) {
                guard taken.insert(Spot(at: at, child: m.child)).inserted else { skipped += 1; continue }
            }
            initiatives.append(.init(m))
        }
        // In time order, as the page keeps them; markers at one time stay in the order they came (a stable sort).
        initiatives = initiatives.enumerated().sorted { a, b in
            let (x, y) = (a.element.marker.time, b.element.marker.time)
            return (place(x) ?? x.sortKey, a.offset) < (place(y) ?? y.sortKey, b.offset)
        }.map(\.element)
        for i in initiatives.indices { initiatives[i].marker.line = i + 1 }
        return skipped
    }
}
