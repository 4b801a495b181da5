import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// A tier of an ELAN document as `markers tiers` lists it: its type (the linguistic type's constraint,
/// `Time_Subdivision`, `Included_In`, `Symbolic_Subdivision` or `Symbolic_Association`; nil for an
/// independent tier), the tier it depends on, its participant and how many annotations it holds.
public struct ELANTier: Sendable, Equatable {
    public var id: String
    public var type: String?
    public var parent: String?
    public var participant: String?
    public var count: Int
}

/// ELAN's annotation documents: one tier per child, each marker an annotation from its time to one
/// millisecond later, its value the note.
enum ELAN {
    static func write(_ times: [(us: Int64, marker: Marker)], mediaName: String) -> String {
        func attr(_ s: String) -> String {
            s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
                .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
                .replacingOccurrences(of: "\n", with: "&#10;")
        }
        var slots = "", tiers: [String: String] = [:], order: [String] = []
        for (i, t) in times.enumerated() {
            let ms = t.us / 1000
            slots += "        <TIME_SLOT TIME_SLOT_ID=\"ts\(2 * i + 1)\" TIME_VALUE=\"\(ms)\"/>\n"
            slots += "        <TIME_SLOT TIME_SLOT_ID=\"ts\(2 * i + 2)\" TIME_VALUE=\"\(ms + 1)\"/>\n"
            let tier = t.marker.child ?? "markers"
            if tiers[tier] == nil { order.append(tier); tiers[tier] = "" }
            tiers[tier]! += """
                    <ANNOTATION>
                        <ALIGNABLE_ANNOTATION ANNOTATION_ID="a\(i + 1)" TIME_SLOT_REF1="ts\(2 * i + 1)" TIME_SLOT_REF2="ts\(2 * i + 2)">
                            <ANNOTATION_VALUE>\(attr(MarkerConversion.kindAndNote(t.marker) ?? ""))</ANNOTATION_VALUE>
                        </ALIGNABLE_ANNOTATION>
                    </ANNOTATION>

            """
        }
        // EAF 3.0 wants a DATE (xs:dateTime) and, for a media descriptor, a URL: the recording beside the
        // file, its name percent-encoded; without a recording's name there is no descriptor (not "file:///").
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        let url = mediaName.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/"))) ?? ""
        let media = mediaName.isEmpty ? "" : """
                    <MEDIA_DESCRIPTOR MEDIA_URL="file:///\(attr(url))" RELATIVE_MEDIA_URL="./\(attr(url))" MIME_TYPE="video/mp4"/>

            """
        var out = """
        <?xml version="1.0" encoding="UTF-8"?>
        <ANNOTATION_DOCUMENT AUTHOR="InBeeld" DATE="\(formatter.string(from: Date()))" FORMAT="3.0" VERSION="3.0">
            <HEADER MEDIA_FILE="" TIME_UNITS="milliseconds">

        """ + media + """
            </HEADER>
            <TIME_ORDER>

        """
        out += slots + "    </TIME_ORDER>\n"
        for tier in order {
            let participant = tier == "markers" ? "" : " PARTICIPANT=\"\(attr(tier))\""
            out += "    <TIER TIER_ID=\"\(attr(tier))\" LINGUISTIC_TYPE_REF=\"default-lt\"\(participant)>\n" + tiers[tier]! + "    </TIER>\n"
        }
        out += "    <LINGUISTIC_TYPE LINGUISTIC_TYPE_ID=\"default-lt\" TIME_ALIGNABLE=\"true\" GRAPHIC_REFERENCES=\"false\"/>\n</ANNOTATION_DOCUMENT>\n"
        return out
    }

    /// The document's tiers, in the document's order.
    static func tiers(_ text: String, name: String) throws(MarkerFileError) -> [ELANTier] {
        let reader = try parsed(text, name: name)
        return reader.tiers.map { t in
            ELANTier(id: t.id, type: reader.constraints[t.type], parent: t.parent, participant: t.participant,
                 count: reader.annotations.count { $0.tier == t.id } + reader.references.count { $0.tier == t.id })
        }
    }

    /// Markers from the annotations of the independent tiers, or of the tiers named in `tiers` (a dependent
    /// one included), each at its start; every annotation under one (on a tier that depends on its tier,
    /// directly or through others: words subdividing an utterance, an event included in it, a translation
    /// or a code) joins its note as a `tier: value` line, in time order (at one time the longer first: a
    /// translation of the utterance before its first word, a word before its tag). The child is the tier's
    /// participant, or the participant of a tier it depends on, or else the tier's name.
    static func read(_ text: String, name: String, tiers chosenNames: [String] = []) throws(MarkerFileError) -> [Marker] {
        let reader = try parsed(text, name: name)
        let ids = reader.tiers.map(\.id)
        if let unknown = chosenNames.first(where: { !ids.contains($0) }) {
            throw MarkerFileError(path: name, .noSuchTier(unknown, tiers: ids))
        }
        let chosen = chosenNames.isEmpty ? Set(reader.tiers.filter { $0.parent == nil }.map(\.id)) : Set(chosenNames)
        let document = try Placed(reader, name: name)
        var markers: [Marker] = []
        var joined: [Int: [Int]] = [:]
        for (i, item) in document.items.enumerated() {
            if chosen.contains(item.tier) { continue }
            // The nearest annotation above it on a chosen tier, if any.
            var up = document.parent[i], steps = 0
            while let p = up, !chosen.contains(document.items[p].tier), steps < document.items.count { up = document.parent[p]; steps += 1 }
            if let p = up, chosen.contains(document.items[p].tier), !item.value.isEmpty { joined[p, default: []].append(i) }
        }
        for (i, item) in document.items.enumerated() where chosen.contains(item.tier) {
            let ms = document.start[i] + reader.origin
            guard (0...1_000_000_000_000).contains(ms) else {
                throw MarkerFileError(path: name, line: item.line, .timeOutOfRange(milliseconds: ms))
            }
            let lines = (joined[i] ?? []).sorted { a, b in
                (document.start[a], -document.end[a], document.tierOrder[a], a) < (document.start[b], -document.end[b], document.tierOrder[b], b)
            }.map { "\(document.items[$0].tier): \(document.items[$0].value)" }
            let note = ([item.value].filter { !$0.isEmpty } + lines).joined(separator: "\n")
            markers.append(Marker(time: .clock(microseconds: ms * 1000), child: document.child(of: item.tier),
                                  note: note.isEmpty ? nil : note, line: item.line))
        }
        return markers.sorted { ($0.time.sortKey, $0.line) < ($1.time.sortKey, $1.line) }
    }

    private static func parsed(_ text: String, name: String) throws(MarkerFileError) -> Reader {
        let reader = Reader()
        // Processing instructions (`<?...?>`, the XML declaration included) carry nothing ELAN needs, and one
        // without data crashes FoundationXML on Linux (found by fuzzing): they are left out before parsing.
        let parser = XMLParser(data: Data(withoutProcessingInstructions(text).utf8))
        parser.delegate = reader
        // FoundationXML on Linux answers true for some broken documents, with the error set, or none for an
        // unclosed element: all three are checked.
        guard parser.parse(), parser.parserError == nil, reader.depth == 0 else {
            let code = (parser.parserError as NSError?)?.code
            if reader.depth > 0 {
                throw MarkerFileError(path: name, line: parser.lineNumber, .elanEndsEarly)
            }
            throw MarkerFileError(path: name, line: parser.lineNumber, .elanXMLError(code: code ?? 0))
        }
        return reader
    }

    /// Every annotation of a document placed in time and under its parent: an aligned one at its slots
    /// (an inner slot of a subdivision spread as ELAN shows it), a reference at its parent's; the parent of
    /// an aligned annotation on a dependent tier is the parent tier's annotation its start falls in.
    private struct Placed {
        struct Item { var tier: String, value: String, line: Int }
        var items: [Item] = []
        var start: [Int64] = [], end: [Int64] = []
        var parent: [Int?] = []
        var tierOrder: [Int] = []
        private var participants: [String: String] = [:], parentTier: [String: String] = [:]

        init(_ reader: Reader, name: String) throws(MarkerFileError) {
            let order = Dictionary(reader.tiers.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
            for t in reader.tiers {
                if let p = t.participant, !p.isEmpty { participants[t.id] = p }
                if let p = t.parent { parentTier[t.id] = p }
            }
            var byID: [String: Int] = [:]
            for a in reader.annotations {
                guard let from = reader.slots[a.ref1] ?? reader.unalignedTime(a.ref1) else {
                    if reader.unaligned.contains(a.ref1) {
                        throw MarkerFileError(path: name, .slotWithoutTime(annotation: a.id, slot: a.ref1))
                    }
                    throw MarkerFileError(path: name, .unknownSlot(annotation: a.id, slot: a.ref1))
                }
                byID[a.id] = items.count
                items.append(Item(tier: a.tier, value: a.value, line: a.line))
                start.append(from)
                end.append(max(from, reader.slots[a.ref2] ?? reader.unalignedTime(a.ref2) ?? from))
                parent.append(nil)
                tierOrder.append(order[a.tier] ?? 0)
            }
            let aligned = items.count
            for r in reader.references {
                byID[r.id] = items.count
                items.append(Item(tier: r.tier, value: r.value, line: r.line))
                start.append(0); end.append(0)
                parent.append(nil)
                tierOrder.append(order[r.tier] ?? 0)
            }
            // Aligned annotations on a dependent tier: under the parent tier's annotation they start in.
            var onTier: [String: [Int]] = [:]
            for i in 0..<aligned { onTier[items[i].tier, default: []].append(i) }
            for (tier, members) in onTier {
                guard let up = parentTier[tier], let candidates = onTier[up] else { continue }
                // Both in time order, walked together: the candidate is the last that starts at or before.
                let above = candidates.sorted { (start[$0], $0) < (start[$1], $1) }
                var k = -1
                for i in members.sorted(by: { (start[$0], $0) < (start[$1], $1) }) {
                    while k + 1 < above.count, start[above[k + 1]] <= start[i] { k += 1 }
                    guard k >= 0 else { continue }
                    let p = above[k]
                    if start[i] < end[p] || start[i] == start[p] { parent[i] = p }
                }
            }
            // References: under the annotation they name, at its time (a chain of them resolved from the top).
            for (n, r) in reader.references.enumerated() { parent[aligned + n] = byID[r.parent] }
            for i in aligned..<items.count {
                var up = parent[i], steps = 0
                while let p = up, p >= aligned, steps < items.count { up = parent[p]; steps += 1 }
                if let p = up, p < aligned { start[i] = start[p]; end[i] = end[p] } else { parent[i] = nil }
            }
        }

        /// The child an annotation on `tier` is about: its participant, or one of a tier above, or its name.
        func child(of tier: String) -> String? {
            var t = tier, steps = 0
            while true {
                if let p = participants[t] { return p }
                guard let up = parentTier[t], steps < parentTier.count else { break }
                t = up; steps += 1
            }
            return tier == "markers" ? nil : tier
        }
    }

    static func withoutProcessingInstructions(_ text: String) -> String {
        var out = ""
        var rest = Substring(text)
        while let open = rest.range(of: "<?") {
            out += rest[..<open.lowerBound]
            guard let close = rest[open.upperBound...].range(of: "?>") else { return out }
            rest = rest[close.upperBound...]
        }
        return out + rest
    }

    private final class Reader: NSObject, XMLParserDelegate {
        struct Annotation { var id = "", ref1 = "", ref2 = "", tier = "", value = "", line = 0 }
        struct Reference { var id = "", parent = "", tier = "", value = "", line = 0 }
        struct TierInfo { var id: String, parent: String?, participant: String?, type: String }
        var tiers: [TierInfo] = []
        /// Linguistic types' constraints (`Time_Subdivision`, `Included_In`, `Symbolic_Subdivision`,
        /// `Symbolic_Association`); a type without one is for independent tiers.
        var constraints: [String: String] = [:]
        var slots: [String: Int64] = [:]
        /// Time slots without a time (normal in ELAN: the inner boundaries of a subdivided annotation).
        var unaligned: Set<String> = []
        var annotations: [Annotation] = []
        var references: [Reference] = []
        private var reference: Reference?

        /// An unaligned slot's time as ELAN shows it: the annotations on its tier that chain through it
        /// (one's end slot the next one's start) are spread evenly between the aligned slots at the chain's
        /// two ends. Nil when the chain does not reach an aligned slot on both sides.
        func unalignedTime(_ slot: String) -> Int64? {
            guard unaligned.contains(slot), let tier = annotations.first(where: { $0.ref1 == slot || $0.ref2 == slot })?.tier else { return nil }
            let chain = annotations.filter { $0.tier == tier }
            var next: [String: String] = [:], previous: [String: String] = [:]
            for a in chain { next[a.ref1] = a.ref2; previous[a.ref2] = a.ref1 }
            var back = 0, forward = 0, before = slot, after = slot
            while slots[before] == nil {
                guard let p = previous[before], back < chain.count else { return nil }
                before = p; back += 1
            }
            while slots[after] == nil {
                guard let n = next[after], forward < chain.count else { return nil }
                after = n; forward += 1
            }
            guard let start = slots[before], let end = slots[after] else { return nil }
            return start + (end - start) * Int64(back) / Int64(back + forward)
        }
        var origin: Int64 = 0
        private var tier = ""
        private var current: Annotation?
        private var inValue = false
        /// Elements open now: FoundationXML on Linux reports a document that ends early (`<A><B>`) as parsed.
        var depth = 0

        func parser(_ parser: XMLParser, didStartElement element: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            depth += 1
            switch element {
            case "TIME_SLOT":
                if let id = attributes["TIME_SLOT_ID"], let v = attributes["TIME_VALUE"].flatMap({ Int64($0) }),
                   abs(v) < 1_000_000_000_000 { slots[id] = v } else if let id = attributes["TIME_SLOT_ID"], attributes["TIME_VALUE"] == nil {
                    unaligned.insert(id)
                }
            case "MEDIA_DESCRIPTOR":
                if let o = attributes["TIME_ORIGIN"].flatMap({ Int64($0) }), abs(o) < 1_000_000_000_000 { origin = o }
            case "TIER":
                tier = attributes["TIER_ID"] ?? ""
                if !tiers.contains(where: { $0.id == tier }) {
                    tiers.append(TierInfo(id: tier, parent: attributes["PARENT_REF"], participant: attributes["PARTICIPANT"],
                                          type: attributes["LINGUISTIC_TYPE_REF"] ?? ""))
                }
            case "LINGUISTIC_TYPE":
                if let id = attributes["LINGUISTIC_TYPE_ID"], let constraint = attributes["CONSTRAINTS"], !constraint.isEmpty {
                    constraints[id] = constraint
                }
            case "ALIGNABLE_ANNOTATION":
                current = Annotation(id: attributes["ANNOTATION_ID"] ?? "", ref1: attributes["TIME_SLOT_REF1"] ?? "",
                                     ref2: attributes["TIME_SLOT_REF2"] ?? "", tier: tier, line: parser.lineNumber)
            case "REF_ANNOTATION":
                reference = Reference(id: attributes["ANNOTATION_ID"] ?? "", parent: attributes["ANNOTATION_REF"] ?? "", tier: tier,
                                      line: parser.lineNumber)
            case "ANNOTATION_VALUE":
                inValue = true
            default: break
            }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if inValue { current?.value += string; reference?.value += string }
        }

        func parser(_ parser: XMLParser, didEndElement element: String, namespaceURI: String?, qualifiedName: String?) {
            depth -= 1
            if element == "ANNOTATION_VALUE" { inValue = false }
            if element == "ALIGNABLE_ANNOTATION", let c = current { annotations.append(c); current = nil }
            if element == "REF_ANNOTATION", let r = reference { references.append(r); reference = nil }
        }
    }
}
