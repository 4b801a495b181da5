import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

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

    static func read(_ text: String, name: String) throws -> [Marker] {
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
                throw MarkerConversionError(path: name, line: parser.lineNumber, .elanEndsEarly)
            }
            throw MarkerConversionError(path: name, line: parser.lineNumber, .elanXMLError(code: code ?? 0))
        }
        // Values of dependent tiers (translations, codes: REF_ANNOTATIONs) join their parent's note, one line
        // each, after the tier's name.
        var dependents: [String: [String]] = [:]
        let parents = Dictionary(reader.references.map { ($0.id, $0.parent) }, uniquingKeysWith: { first, _ in first })
        for r in reader.references where !r.value.isEmpty {
            // A dependent of a dependent joins the aligned annotation at the chain's root.
            var root = r.parent, steps = 0
            while let up = parents[root], steps < parents.count { root = up; steps += 1 }
            dependents[root, default: []].append("\(r.tier): \(r.value)")
        }
        var markers: [Marker] = []
        for a in reader.annotations {
            guard let ms = reader.slots[a.ref1] ?? reader.unalignedTime(a.ref1) else {
                if reader.unaligned.contains(a.ref1) {
                    throw MarkerConversionError(path: name, .slotWithoutTime(annotation: a.id, slot: a.ref1))
                }
                throw MarkerConversionError(path: name, .unknownSlot(annotation: a.id, slot: a.ref1))
            }
            guard (0...1_000_000_000_000).contains(ms + reader.origin) else {
                throw MarkerConversionError(path: name, line: a.line, .timeOutOfRange(milliseconds: ms))
            }
            let child = a.tier == "markers" ? nil : (a.participant?.isEmpty == false ? a.participant : a.tier)
            let note = ([a.value].filter { !$0.isEmpty } + (dependents[a.id] ?? [])).joined(separator: "\n")
            markers.append(Marker(time: .clock(microseconds: (ms + reader.origin) * 1000), child: child,
                                  note: note.isEmpty ? nil : note, line: a.line))
        }
        return markers.sorted { ($0.time.sortKey, $0.line) < ($1.time.sortKey, $1.line) }
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
        struct Annotation { var id = "", ref1 = "", ref2 = "", tier = "", participant: String?, value = "", line = 0 }
        struct Reference { var id = "", parent = "", tier = "", value = "" }
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
        private var tier = "", participant: String?
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
                participant = attributes["PARTICIPANT"]
            case "ALIGNABLE_ANNOTATION":
                current = Annotation(id: attributes["ANNOTATION_ID"] ?? "", ref1: attributes["TIME_SLOT_REF1"] ?? "",
                                     ref2: attributes["TIME_SLOT_REF2"] ?? "", tier: tier, participant: participant, line: parser.lineNumber)
            case "REF_ANNOTATION":
                reference = Reference(id: attributes["ANNOTATION_ID"] ?? "", parent: attributes["ANNOTATION_REF"] ?? "", tier: tier)
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
