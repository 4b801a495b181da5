import Testing
@testable import InBeeldServe
import InBeeldMarkers

/// The three-way merge of two edits of one session (two windows of the page, or the page and a program
/// changing the file), on thousands of random edit sequences from one base: every change made on only one
/// side is in the result, changes made alike on both are kept once, and a conflict is reported exactly
/// when both sides changed the same field differently (the file then keeps theirs, the conflict carries
/// both texts).
///
/// The expectation is worked out from what each side did (the generator's own record), not from the merge.
/// Markers the page edits carry their id; the file's carry none and are matched by frame: so that this
/// matching is unambiguous, base markers lie on distinct frames and each side adds its markers on frames
/// of its own (two marks on one frame, one added on each side, are the one case matched by content).
struct SessionMergeTests {
    typealias Session = Library.PageSession
    typealias Marker = Session.PageMarker
    typealias Focus = Session.PageFocus

    /// A small deterministic generator (the same cases on every run).
    struct Random {
        var state: UInt64
        mutating func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state >> 33
        }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
        mutating func chance(_ percent: Int) -> Bool { below(100) < percent }
        /// A short text from few words (so that both sides often type the same), sometimes none or blank.
        mutating func text() -> String? {
            switch below(8) {
            case 0: return nil
            case 1: return " "
            default: return ["Sam lacht", "kijkt", "geeft een blok", "wacht", "Zoë"][below(5)] + (chance(30) ? " " : "")
            }
        }
    }

    nonisolated(unsafe) static let textFields: [(String, WritableKeyPath<Session, String?>)] = [
        ("coach", \.coach), ("professional", \.professional), ("date", \.date), ("first_reaction", \.firstReaction),
        ("summary", \.summary), ("going_well", \.goingWell), ("agreements", \.agreements), ("follow_up", \.followUp),
        ("evaluation", \.evaluation),
    ]
    nonisolated(unsafe) static let markerFields: [(String, WritableKeyPath<Marker, String?>)] = [
        ("child", \.child), ("note", \.note), ("kind", \.kind), ("seen_heard", \.seenHeard), ("coach_saw", \.coachSaw),
        ("added", \.added),
    ]
    nonisolated(unsafe) static let focusFields: [(String, WritableKeyPath<Focus, String?>)] = [("meaning", \.meaning), ("needs", \.needs), ("next_time", \.nextTime)]

    static func normal(_ s: String?) -> String { s?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "" }

    /// One side's edits of `base`: its text fields, markers (removed, changed, added on `newFrames`) and
    /// children (removed, changed, added from `newChildren`).
    /// `both`: a marker this side adds when the generator says so, which the other side may add alike.
    static func edit(_ base: Session, _ r: inout Random, newFrames: Range<Int>, newChildren: [String], ids: Bool, both: Marker?) -> Session {
        var s = base
        for (_, path) in textFields where r.chance(30) { s[keyPath: path] = r.text() }
        if r.chance(15) { s.fragment = [r.below(10), 10 + r.below(10)] }
        s.markers = base.markers.compactMap { m in
            if r.chance(15) { return nil }
            var m = m
            for (_, path) in markerFields where r.chance(20) { m[keyPath: path] = r.text() }
            if !ids { m.id = nil }
            return m
        }
        var frames = Array(newFrames)
        for _ in 0..<r.below(3) where !frames.isEmpty {
            let frame = frames.remove(at: r.below(frames.count))
            s.markers.append(Marker(id: ids ? 1000 + frame : nil, frame: frame, child: r.text(), note: r.text(), seenHeard: r.text()))
        }
        if var both { both.id = ids ? 2000 : nil; s.markers.append(both) }
        s.markers.shuffle(using: &r)
        s.focus = base.focus.compactMap { f in
            if r.chance(15) { return nil }
            var f = f
            for (_, path) in focusFields where r.chance(25) { f[keyPath: path] = r.text() }
            return f
        }
        for child in newChildren where r.chance(40) { s.focus.append(Focus(child: child, professional: "Joris", meaning: r.text())) }
        return s
    }

    @Test func everyChangeMadeOnOneSideIsKeptAndOnlyDifferentChangesToOneFieldConflict() {
        var r = Random(state: 20_261_204)
        for round in 0..<3000 {
            var base = Session(focus: [], markers: [])
            for (_, path) in Self.textFields { base[keyPath: path] = r.chance(50) ? r.text().map(Self.normal) : nil }
            var frames = Array(0..<50)
            for i in 0..<r.below(6) {
                let frame = frames.remove(at: r.below(frames.count))
                base.markers.append(Marker(id: i, frame: frame, child: r.chance(50) ? "Sam" : nil, note: r.text().map(Self.normal)))
            }
            for child in ["Sam", "Zoë", "Noor"] where r.chance(60) { base.focus.append(Focus(child: child, professional: "Fatima", needs: r.text().map(Self.normal))) }
            // Both may add the same child ("Mila"), each with its own words about it.
            // A marker at frame 160 added by both sides, alike, in some rounds (one side only in others).
            let both = Marker(frame: 160, child: "Sam", note: r.text().map(Self.normal))
            let (mineAdds, theirsAdds) = (r.chance(30), r.chance(30))
            // The page's markers carry ids; in some rounds "mine" is a program that sends none.
            let mine = Self.edit(base, &r, newFrames: 50..<100, newChildren: ["Mila", "Daan"], ids: r.chance(80), both: mineAdds ? both : nil)
            let theirs = Self.edit(base, &r, newFrames: 100..<150, newChildren: ["Mila", "Ezra"], ids: false, both: theirsAdds ? both : nil)
            let (merged, conflicts) = Session.merge(base: base, mine: mine, theirs: theirs)
            var expected: [Session.Conflict] = []
            let context = "round \(round)"

            // The rule on one text: one side's change wins; alike is one; different is a conflict (theirs kept).
            func check(_ b: String?, _ m: String?, _ t: String?, _ got: String?, conflict: Session.Conflict, _ what: String) {
                let (nb, nm, nt) = (Self.normal(b), Self.normal(m), Self.normal(t))
                if nm != nb && nt != nb && nm != nt {
                    expected.append(conflict)
                    #expect(Self.normal(got) == nt, "\(context) \(what)")
                } else {
                    #expect(Self.normal(got) == (nm != nb ? nm : nt), "\(context) \(what): base \(nb), mine \(nm), theirs \(nt), got \(Self.normal(got))")
                }
            }
            for (name, path) in Self.textFields {
                check(base[keyPath: path], mine[keyPath: path], theirs[keyPath: path], merged[keyPath: path],
                      conflict: .init(field: name, mine: mine[keyPath: path] ?? "", theirs: theirs[keyPath: path] ?? ""), name)
            }
            if mine.fragment != base.fragment, theirs.fragment != base.fragment, mine.fragment != theirs.fragment {
                #expect(merged.fragment == theirs.fragment, "\(context) fragment")
                let shown = { (f: [Int]?) in f.map { $0.map { "#\($0)" }.joined(separator: "–") } ?? "" }
                expected.append(.init(field: "fragment", mine: shown(mine.fragment), theirs: shown(theirs.fragment)))
            } else {
                #expect(merged.fragment == (mine.fragment != base.fragment ? mine.fragment : theirs.fragment), "\(context) fragment")
            }

            // Markers: each of base's by what the two sides did to it; every added one is there.
            func texts(_ m: Marker) -> [String] { Self.markerFields.map { Self.normal(m[keyPath: $0.1]) } }
            for b in base.markers {
                let m = mine.markers.first { $0.id != nil ? $0.id == b.id : $0.frame == b.frame }, t = theirs.markers.first { $0.frame == b.frame }
                let got = merged.markers.filter { $0.frame == b.frame }
                switch (m, t) {
                case (let m?, let t?):
                    #expect(got.count == 1, "\(context) marker \(b.frame) kept by both")
                    for (name, path) in Self.markerFields {
                        check(b[keyPath: path], m[keyPath: path], t[keyPath: path], got.first?[keyPath: path],
                              conflict: .init(field: name, frame: b.frame, mine: m[keyPath: path] ?? "", theirs: t[keyPath: path] ?? ""), "marker \(b.frame) \(name)")
                    }
                case (let m?, nil):
                    // Removed in theirs: gone, unless mine changed it.
                    #expect(got.map(texts) == (texts(m) == texts(b) ? [] : [texts(m)]), "\(context) marker \(b.frame) removed in theirs")
                case (nil, let t?):
                    #expect(got.map(texts) == (texts(t) == texts(b) ? [] : [texts(t)]), "\(context) marker \(b.frame) removed in mine")
                case (nil, nil):
                    #expect(got.isEmpty, "\(context) marker \(b.frame) removed in both")
                }
            }
            for added in (mine.markers + theirs.markers) where added.frame >= 50 && added.frame < 160 {
                #expect(merged.markers.contains { $0.frame == added.frame && texts($0) == texts(added) }, "\(context) marker added at \(added.frame)")
            }
            #expect(merged.markers.filter { $0.frame == 160 }.count == (mineAdds || theirsAdds ? 1 : 0), "\(context): added alike on both sides is one")
            #expect(merged.markers.count == Set(merged.markers.map(\.frame)).count, "\(context): one marker per frame here")
            #expect(merged.markers.map(\.frame) == merged.markers.map(\.frame).sorted(), "\(context): in time order")

            // Children, by name: the same rules per field; a row both added is one, its fields merged from nothing.
            for child in Set((base.focus + mine.focus + theirs.focus).map(\.child)) {
                let b = base.focus.first { $0.child == child }, m = mine.focus.first { $0.child == child }, t = theirs.focus.first { $0.child == child }
                let got = merged.focus.filter { $0.child == child }
                func fields(_ f: Focus) -> [String] { Self.focusFields.map { Self.normal(f[keyPath: $0.1]) } }
                switch (m, t) {
                case (let m?, let t?):
                    #expect(got.count == 1, "\(context) \(child) kept by both")
                    let start = b ?? Focus(child: child, professional: t.professional)
                    for (name, path) in Self.focusFields {
                        check(start[keyPath: path], m[keyPath: path], t[keyPath: path], got.first?[keyPath: path],
                              conflict: .init(field: name, child: t.child, professional: t.professional, mine: m[keyPath: path] ?? "", theirs: t[keyPath: path] ?? ""),
                              "\(child) \(name)")
                    }
                case (let only?, nil), (nil, let only?):
                    // On one side only: added there, or removed on the other side (gone unless changed).
                    let kept = b.map { fields($0) != fields(only) } ?? true
                    #expect(got.map(fields) == (kept ? [fields(only)] : []), "\(context) \(child) on one side")
                case (nil, nil):
                    #expect(got.isEmpty, "\(context) \(child) removed in both")
                }
            }
            #expect(conflicts.count == expected.count && expected.allSatisfy(conflicts.contains), "\(context): conflicts \(conflicts) expected \(expected)")
        }
    }
}

extension SessionMergeTests {
    /// The merge builds its result field by field; a field it does not name would keep theirs (or nothing)
    /// without a word. These are the fields it merges: a new one must be merged there and listed here.
    @Test func everyFieldOfTheSessionIsOneTheMergeKnows() {
        let merged = Set(Self.textFields.map(\.1)).count + 3  // the texts, and fragment, focus, markers
        #expect(Mirror(reflecting: Session(focus: [], markers: [])).children.count == merged)
        #expect(Mirror(reflecting: Marker(frame: 0)).children.count == Self.markerFields.count + 3)  // and id, frame, time
        #expect(Mirror(reflecting: Focus(child: "")).children.count == Self.focusFields.count + 2)  // and child, professional
    }
}

extension SessionMergeTests.Random: RandomNumberGenerator {}
