import Foundation
import InBeeldMarkers

/// Two edits of one session from the same revision, put together field by field (a three-way merge): the
/// page in two windows, or the page and a program (or a colleague on a shared folder) changing the file.
/// What only one side changed is kept; what both changed alike is kept once; only a field both changed
/// differently is a conflict, in which the file keeps theirs (what is on disk already) and the conflict
/// carries both texts, so that nothing typed is lost and the coach can choose.
///
/// Markers are matched to the revision both started from: the page's by their `id` (their place in that
/// revision), the file's by frame and content (a file has no ids). A marker one side removed and the other
/// changed stays, changed: typed words weigh more than a removal.
extension Library.PageSession {
    /// One field both sides changed differently.
    struct Conflict: Codable, Sendable, Equatable {
        /// The field's name as the page knows it (`agreements`, `seen_heard`, `meaning`, `fragment`, ...).
        var field: String
        /// For a marker's field: the marker's frame.
        var frame: Int?
        /// For a child's field: the child and the professional watching it.
        var child: String?
        var professional: String?
        var mine: String
        var theirs: String
    }

    /// `mine` and `theirs`, both edited from `base`, as one session, and the fields they disagree on.
    static func merge(base: Self, mine: Self, theirs: Self) -> (merged: Self, conflicts: [Conflict]) {
        var conflicts: [Conflict] = []
        func text(_ field: String, _ path: KeyPath<Self, String?>) -> String? {
            let (value, clash) = Merge.text(base[keyPath: path], mine[keyPath: path], theirs[keyPath: path])
            if clash { conflicts.append(Conflict(field: field, mine: mine[keyPath: path] ?? "", theirs: theirs[keyPath: path] ?? "")) }
            return value
        }
        let (fragment, fragmentClash) = Merge.value(base.fragment, mine.fragment, theirs.fragment)
        if fragmentClash {
            let shown = { (f: [Int]?) in f.map { $0.map { "#\($0)" }.joined(separator: "–") } ?? "" }
            conflicts.append(Conflict(field: "fragment", mine: shown(mine.fragment), theirs: shown(theirs.fragment)))
        }
        let (focus, focusConflicts) = mergeFocus(base: base.focus, mine: mine.focus, theirs: theirs.focus)
        conflicts += focusConflicts
        let (markers, markerConflicts) = mergeMarkers(base: base.markers, mine: mine.markers, theirs: theirs.markers)
        conflicts += markerConflicts
        // Field by field, not a copy of theirs with some fields changed: a field merged nowhere would keep
        // theirs silently (SessionMergeTests counts the session's fields, so a new one is noticed).
        let merged = Self(
            fragment: fragment, focus: focus, coach: text("coach", \.coach), professional: text("professional", \.professional),
            date: text("date", \.date), firstReaction: text("first_reaction", \.firstReaction), markers: markers,
            summary: text("summary", \.summary), goingWell: text("going_well", \.goingWell), agreements: text("agreements", \.agreements),
            followUp: text("follow_up", \.followUp), evaluation: text("evaluation", \.evaluation))
        return (merged, conflicts)
    }

    /// Rows are the same row when they name the same child and professional (as the file keeps them).
    private static func mergeFocus(base: [PageFocus], mine: [PageFocus], theirs: [PageFocus]) -> ([PageFocus], [Conflict]) {
        func key(_ f: PageFocus) -> [String] { [Merge.normal(f.child).lowercased(), Merge.normal(f.professional).lowercased()] }
        func find(_ rows: [PageFocus], _ k: [String]) -> PageFocus? { rows.first { key($0) == k } }
        var result: [PageFocus] = [], conflicts: [Conflict] = []
        func fields(_ b: PageFocus, _ m: PageFocus, _ t: PageFocus) -> PageFocus {
            var row = t
            for (field, path) in [("meaning", \PageFocus.meaning), ("needs", \PageFocus.needs), ("next_time", \PageFocus.nextTime)] {
                let (value, clash) = Merge.text(b[keyPath: path], m[keyPath: path], t[keyPath: path])
                row[keyPath: path] = value
                if clash {
                    conflicts.append(Conflict(field: field, child: t.child, professional: t.professional,
                                              mine: m[keyPath: path] ?? "", theirs: t[keyPath: path] ?? ""))
                }
            }
            return row
        }
        let empty = { (f: PageFocus) in PageFocus(child: f.child, professional: f.professional) }
        // In theirs' order (the file's), then the rows only mine has.
        for t in theirs {
            let k = key(t)
            switch (find(base, k), find(mine, k)) {
            case (let b?, let m?): result.append(fields(b, m, t))
            case (let b?, nil): if !Merge.same(b, t) { result.append(t) }  // removed in mine; kept if theirs changed it
            case (nil, let m?): result.append(fields(empty(t), m, t))     // added on both sides
            case (nil, nil): result.append(t)                             // added in theirs
            }
        }
        for m in mine where find(theirs, key(m)) == nil {
            if let b = find(base, key(m)) {
                if !Merge.same(b, m) { result.append(m) }  // removed in theirs; kept if mine changed it
            } else {
                result.append(m)
            }
        }
        return (result, conflicts)
    }

    private static func mergeMarkers(base: [PageMarker], mine: [PageMarker], theirs: [PageMarker]) -> ([PageMarker], [Conflict]) {
        // Mine to base by id (the base's place when it has none); theirs, and mine that carry no id (saved
        // by a program other than the page), to base by frame and the most fields alike.
        var placeOf: [Int: Int] = [:]
        for (i, b) in base.enumerated() where placeOf[b.id ?? i] == nil { placeOf[b.id ?? i] = i }
        func byFrame(_ markers: [PageMarker], into matched: inout [Int: PageMarker], added: inout [PageMarker]) {
            var free = Set(base.indices).subtracting(matched.keys)
            for x in markers {
                let candidates = free.filter { base[$0].frame == x.frame }
                if let best = candidates.max(by: { (Merge.alike(base[$0], x), -$0) < (Merge.alike(base[$1], x), -$1) }) {
                    matched[best] = x
                    free.remove(best)
                } else {
                    added.append(x)
                }
            }
        }
        var mineOf: [Int: PageMarker] = [:]
        var mineAdded: [PageMarker] = []
        var withoutId: [PageMarker] = []
        for m in mine {
            if let id = m.id {
                if let i = placeOf[id], mineOf[i] == nil { mineOf[i] = m } else { mineAdded.append(m) }
            } else {
                withoutId.append(m)
            }
        }
        byFrame(withoutId, into: &mineOf, added: &mineAdded)
        var theirsOf: [Int: PageMarker] = [:]
        var theirsAdded: [PageMarker] = []
        byFrame(theirs, into: &theirsOf, added: &theirsAdded)
        var result: [PageMarker] = [], conflicts: [Conflict] = []
        for (i, b) in base.enumerated() {
            switch (mineOf[i], theirsOf[i]) {
            case (let m?, let t?):
                var marker = t
                for (field, path) in [("child", \PageMarker.child), ("note", \PageMarker.note), ("kind", \PageMarker.kind),
                                      ("seen_heard", \PageMarker.seenHeard), ("coach_saw", \PageMarker.coachSaw), ("added", \PageMarker.added)] {
                    let (value, clash) = Merge.text(b[keyPath: path], m[keyPath: path], t[keyPath: path])
                    marker[keyPath: path] = value
                    if clash { conflicts.append(Conflict(field: field, frame: t.frame, mine: m[keyPath: path] ?? "", theirs: t[keyPath: path] ?? "")) }
                }
                // Moved: the frame (and its written time with it) from the side that moved it.
                if m.frame != b.frame, t.frame == b.frame { marker.frame = m.frame; marker.time = m.time }
                result.append(marker)
            case (let m?, nil): if !Merge.same(b, m) { result.append(m) }  // removed in theirs; kept if mine changed it
            case (nil, let t?): if !Merge.same(b, t) { result.append(t) }  // removed in mine; kept if theirs changed it
            case (nil, nil): break
            }
        }
        result += theirsAdded
        // A marker both added alike is one.
        for m in mineAdded where !theirsAdded.contains(where: { Merge.same($0, m) }) { result.append(m) }
        for k in result.indices { result[k].id = nil }
        return (result.enumerated().sorted { ($0.element.frame, $0.offset) < ($1.element.frame, $1.offset) }.map(\.element), conflicts)
    }
}

/// The rules of the three-way merge, on single values.
enum Merge {
    /// Text as saved: blanks around it do not count, and empty is none.
    static func normal(_ s: String?) -> String { s?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "" }

    /// The merged text and whether both sides changed it differently (theirs is then kept).
    static func text(_ base: String?, _ mine: String?, _ theirs: String?) -> (String?, conflict: Bool) {
        let (b, m, t) = (normal(base), normal(mine), normal(theirs))
        if m == b || m == t { return (theirs, false) }
        if t == b { return (mine, false) }
        return (theirs, true)
    }

    static func value<T: Equatable>(_ base: T, _ mine: T, _ theirs: T) -> (T, conflict: Bool) {
        if mine == base || mine == theirs { return (theirs, false) }
        if theirs == base { return (mine, false) }
        return (theirs, true)
    }

    typealias Marker = Library.PageSession.PageMarker
    typealias Focus = Library.PageSession.PageFocus

    private static func texts(_ m: Marker) -> [String] { [m.child, m.note, m.kind, m.seenHeard, m.coachSaw, m.added].map(normal) }
    private static func texts(_ f: Focus) -> [String] { [f.child, f.professional, f.meaning, f.needs, f.nextTime].map(normal) }

    /// How many of two markers' texts are alike (to tell which of the markers on one frame is which).
    static func alike(_ a: Marker, _ b: Marker) -> Int { zip(texts(a), texts(b)).filter { $0 == $1 }.count }
    static func same(_ a: Marker, _ b: Marker) -> Bool { a.frame == b.frame && texts(a) == texts(b) }
    static func same(_ a: Focus, _ b: Focus) -> Bool { texts(a) == texts(b) }
}
