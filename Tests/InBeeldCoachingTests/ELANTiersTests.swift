import Foundation
import Testing
import TestSupport
@testable import InBeeldCoaching
@testable import InBeeldMarkers

/// ELAN documents written by pympi-ling (`Scripts/elan-fixtures.sh`, into `Fixtures/elan/`), not by us, in
/// the shapes of child-language research files: per speaker an utterance tier, its words as a time
/// subdivision, events included in it, a translation (symbolic association) and a tag per word (symbolic
/// subdivision of the words). What each holds, and the markers a coach should get from it by default, come
/// from the generator (`*.expected.json`), which knows which word belongs to which utterance because it
/// made them.
@Suite struct ELANTiersTests {
    struct Expected: Decodable {
        struct Tier: Decodable { var tier: String, type: String, parent: String?, participant: String?, count: Int }
        struct Mark: Decodable { var ms: Int64, child: String, note: String }
        var tiers: [Tier]
        var markers: [Mark]
    }

    static func fixture(_ name: String) throws -> (path: String, expected: Expected) {
        let folder = packageRoot.appendingPathComponent("Fixtures/elan")
        let data = try Data(contentsOf: folder.appendingPathComponent(name + ".expected.json"))
        return (folder.appendingPathComponent(name + ".eaf").path, try JSONDecoder().decode(Expected.self, from: data))
    }

    /// By default one marker per annotation of an independent tier, at its start, the tier's participant as
    /// the child, and every dependent annotation under it (words, events, translation, tags) in its note as
    /// `tier: value` lines in time order: 20 markers from a document of 167 annotations.
    @Test(arguments: ["conversation", "interactions"])
    func independentTiersGiveTheMarkersAndTheirDependentsTheNotes(name: String) throws {
        let (path, expected) = try Self.fixture(name)
        let markers = try MarkerFile.load(path: path)
        let independent = expected.tiers.filter { $0.type == "independent" }.reduce(0) { $0 + $1.count }
        #expect(markers.count == independent)
        let wanted = expected.markers.sorted { $0.ms < $1.ms }
        #expect(markers.map(\.time) == wanted.map { .clock(microseconds: $0.ms * 1000) })
        #expect(markers.map(\.child) == wanted.map(\.child))
        for (marker, want) in zip(markers, wanted) { #expect(marker.note == want.note, "at \(want.ms) ms") }
        if name == "conversation" { #expect(expected.tiers.reduce(0) { $0 + $1.count } == 167) }
    }

    /// `--tier` takes exactly the tiers named, a time subdivision included: every word becomes a marker at its
    /// own time, with its tag in its note; naming an utterance tier and another speaker's words gives both.
    @Test func namedTiersAreTheMarkers() throws {
        let (path, expected) = try Self.fixture("conversation")
        let words = try MarkerFile.load(path: path, tiers: ["Sam-woorden"])
        // The words as the generator put them in the utterances' notes, in time order.
        let samWords = expected.markers.filter { $0.child == "Sam" }.sorted { $0.ms < $1.ms }.flatMap { m in
            m.note.split(separator: "\n").filter { $0.hasPrefix("Sam-woorden: ") }.map { String($0.dropFirst("Sam-woorden: ".count)) }
        }
        #expect(words.count == expected.tiers.first { $0.tier == "Sam-woorden" }?.count)
        #expect(words.map { $0.note?.split(separator: "\n").first.map(String.init) } == samWords)
        #expect(words.allSatisfy { $0.child == "Sam" && ($0.note?.split(separator: "\n").count == 2) && $0.note!.contains("Sam-woordsoort: ") })
        // Each word at its own time: strictly increasing.
        let times = words.map(\.time.sortKey)
        #expect(zip(times, times.dropFirst()).allSatisfy { $0 < $1 })

        let mixed = try MarkerFile.load(path: path, tiers: ["Sam-uiting", "Noor-woorden"])
        #expect(mixed.count == 12 + 24)
        #expect(mixed.filter { $0.child == "Sam" }.allSatisfy { $0.note!.hasPrefix("Sam uiting ") && $0.note!.contains("Sam-woorden: ") })
        // Noor's utterances are not chosen: their translations join nothing (they are not under a word).
        #expect(!mixed.contains { $0.note?.contains("Noor-vertaling") == true })
        #expect(mixed.filter { $0.child == "Noor" }.allSatisfy { $0.note!.contains("Noor-woordsoort: ") })
    }

    @Test func anUnknownTierIsRefusedNamingTheTiers() throws {
        let (path, _) = try Self.fixture("interactions")
        let error = try #require(throws: MarkerFileError.self) { try MarkerFile.load(path: path, tiers: ["Reacties"]) }
        #expect(error.messages(in: .nl) == ["\(path): er is geen laag 'Reacties'; de lagen zijn: default, Initiatief, Soort, Reactie."])
    }

    /// `markers tiers` lists every tier with its type, parent, participant and count as the generator made it.
    @Test(arguments: ["conversation", "interactions"])
    func theTiersAreListedAsWritten(name: String) throws {
        let (path, expected) = try Self.fixture(name)
        let tiers = try MarkerFile.tiers(path: path)
        #expect(tiers.map(\.id) == expected.tiers.map(\.tier))
        #expect(tiers.map { $0.type ?? "independent" } == expected.tiers.map(\.type))
        #expect(tiers.map(\.parent) == expected.tiers.map(\.parent))
        #expect(tiers.map(\.participant) == expected.tiers.map(\.participant))
        #expect(tiers.map(\.count) == expected.tiers.map(\.count))
        let table = TierList(tiers).text(in: .en).split(separator: "\n")
        #expect(table.count == tiers.count + 2)
        #expect(table.first?.split(separator: " ", omittingEmptySubsequences: true) == ["tier", "type", "parent", "participant", "count"])
    }
}
