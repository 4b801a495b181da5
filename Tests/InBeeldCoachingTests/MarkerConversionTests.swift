import Foundation
import Testing
@testable import InBeeldCoaching
@testable import InBeeldMarkers

@Suite struct MarkerConversionTests {
    /// Markers with what breaks naive writers: separators, quotes, newlines (and a blank line), accents,
    /// markup characters, a marker without a child and one without a note.
    static let markers = [
        Marker(time: .clock(microseconds: 1_234_000), child: "Zoë", note: "geeft een blokje, en zegt \"hoi\"", line: 1),
        Marker(time: .clock(microseconds: 62_005_000), child: "Daniël", note: "kijkt;\nwijst\n\ndan <lacht> & rent", line: 2),
        Marker(time: .clock(microseconds: 3_723_456_000), child: nil, note: "Noé en Sam spelen samen", line: 3),
        Marker(time: .clock(microseconds: 3_800_001_000), child: "Sam", note: nil, line: 4),
    ]

    static func same(_ a: [Marker], _ b: [Marker]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { $0.time == $1.time && $0.child == $1.child && $0.note == $1.note }
    }

    @Test(arguments: [MarkerFormat.csv, .vtt, .srt, .eaf, .boris, .losslesscut])
    func roundTripKeepsTimesAndTextExactly(_ format: MarkerFormat) throws {
        let written = try MarkerConversion.write(Self.markers, format: format, mediaName: "speelhoek.mp4")
        let read = try MarkerConversion.read(written, format: format, name: "x")
        #expect(Self.same(read, Self.markers), "\(format): \(read)")
    }

    @Test func throughEveryFormatAndBack() throws {
        var markers = Self.markers
        for format in [MarkerFormat.vtt, .srt, .eaf, .boris, .losslesscut, .csv] {
            markers = try MarkerConversion.read(try MarkerConversion.write(markers, format: format), format: format, name: "x")
        }
        #expect(Self.same(markers, Self.markers))
    }

    /// A marker's kind (another tool's coded behaviour) survives every format: in its own place in our CSV
    /// (`type`) and BORIS (`Behavior`), before the note in brackets where a format has only text.
    @Test func kindsAreKeptInEveryFormat() throws {
        let marked = [Marker(time: .clock(microseconds: 2_500_000), child: "Sam", note: "naar Noor\nen lacht", kind: "kijkt", line: 1),
                      Marker(time: .clock(microseconds: 4_000_000), child: "Noor", note: nil, kind: "geeft speelgoed", line: 2),
                      Marker(time: .clock(microseconds: 5_000_000), child: nil, note: "zonder soort", line: 3)]
        for format in [MarkerFormat.csv, .boris] {
            let read = try MarkerConversion.read(try MarkerConversion.write(marked, format: format), format: format, name: "x")
            #expect(read.map(\.kind) == marked.map(\.kind), "\(format)")
            #expect(read.map(\.note) == marked.map(\.note), "\(format)")
        }
        #expect(try MarkerConversion.write(marked, format: .csv).hasPrefix("time,child,type,note\n0:00:02.500,Sam,kijkt,"))
        for format in [MarkerFormat.vtt, .srt, .eaf, .losslesscut] {
            let read = try MarkerConversion.read(try MarkerConversion.write(marked, format: format), format: format, name: "x")
            #expect(read.map(\.note) == ["[kijkt] naar Noor\nen lacht", "[geeft speelgoed]", "zonder soort"], "\(format)")
            #expect(read.map(\.child) == marked.map(\.child), "\(format)")
        }
        // One line per marker in text and Audacity labels: the note's line break becomes a space.
        for format in [MarkerFormat.text, .audacity] {
            let read = try MarkerConversion.read(try MarkerConversion.write(marked, format: format), format: format, name: "x")
            #expect(read.map(\.note) == ["[kijkt] naar Noor en lacht", "[geeft speelgoed]", "zonder soort"], "\(format)")
        }
    }

    @Test func fragmentShiftAndBack() throws {
        let shifted = try MarkerConversion.shift(Self.markers, by: -1_000_000)
        #expect(shifted.first?.time == .clock(microseconds: 234_000))
        #expect(Self.same(try MarkerConversion.shift(shifted, by: 1_000_000), Self.markers))
        #expect(throws: MarkerConversionError.self) { try MarkerConversion.shift(Self.markers, by: -2_000_000) }
    }

    @Test func formatsAreToldByNameAndHeader() {
        #expect(MarkerFormat.guess(path: "a.vtt") == .vtt)
        #expect(MarkerFormat.guess(path: "a.SRT") == .srt)
        #expect(MarkerFormat.guess(path: "a.eaf") == .eaf)
        #expect(MarkerFormat.guess(path: "a.tsv") == .boris)
        #expect(MarkerFormat.guess(path: "a.csv", content: "time,child,note\n") == .csv)
        #expect(MarkerFormat.guess(path: "a.csv", content: "12.5,,Sam\n") == .losslesscut)
        #expect(MarkerFormat.guess(path: "a.csv", content: "Start,End,Name\n") == .losslesscut)
        #expect(MarkerFormat.guess(path: "a.csv", content: "Observation id,Subject,Behavior,Time\n") == .boris)
        #expect(MarkerFormat.guess(path: "a.mp4") == nil)
    }

    /// A BORIS export as BORIS writes it: columns found by name, a time offset, a state event's STOP row.
    @Test func borisExportWithOffsetAndStateEvents() throws {
        let tsv = """
            Observation id\tObservation date\tDescription\tObservation duration\tObservation type\tSource\tTime offset (s)\tMedia duration (s)\tFPS\tSubject\tBehavior\tBehavioral category\tModifier #1\tBehavior type\tTime\tMedia file name\tImage index\tImage file path\tComment
            obs1\t2026-11-20\t\t420\tMedia file(s)\tspeelhoek.mp4\t10.000\t420\t25\tSam\tkijken\t\t\tPOINT\t15.500\tspeelhoek.mp4\t\t\tkijkt naar Zoë
            obs1\t2026-11-20\t\t420\tMedia file(s)\tspeelhoek.mp4\t10.000\t420\t25\tZoë\tspelen\t\t\tSTART\t20.250\tspeelhoek.mp4\t\t\t
            obs1\t2026-11-20\t\t420\tMedia file(s)\tspeelhoek.mp4\t10.000\t420\t25\tZoë\tspelen\t\t\tSTOP\t30.000\tspeelhoek.mp4\t\t\t

            """
        let markers = try MarkerConversion.read(tsv, format: .boris, name: "b.tsv")
        #expect(markers.map(\.time) == [.clock(microseconds: 5_500_000), .clock(microseconds: 10_250_000)])
        #expect(markers.map(\.child) == ["Sam", "Zoë"])
        #expect(markers.map(\.note) == ["kijkt naar Zoë", nil])
    }

    /// An ELAN document with a time origin and a participant on a tier.
    @Test func elanWithTimeOriginAndParticipants() throws {
        let eaf = """
            <?xml version="1.0" encoding="UTF-8"?>
            <ANNOTATION_DOCUMENT AUTHOR="" FORMAT="3.0" VERSION="3.0">
              <HEADER MEDIA_FILE="" TIME_UNITS="milliseconds">
                <MEDIA_DESCRIPTOR MEDIA_URL="file:///x.mp4" MIME_TYPE="video/mp4" TIME_ORIGIN="2000"/>
              </HEADER>
              <TIME_ORDER>
                <TIME_SLOT TIME_SLOT_ID="ts1" TIME_VALUE="1500"/><TIME_SLOT TIME_SLOT_ID="ts2" TIME_VALUE="1500"/>
                <TIME_SLOT TIME_SLOT_ID="ts3" TIME_VALUE="800"/><TIME_SLOT TIME_SLOT_ID="ts4" TIME_VALUE="2800"/>
              </TIME_ORDER>
              <TIER TIER_ID="Kind 1" PARTICIPANT="Sam" LINGUISTIC_TYPE_REF="lt">
                <ANNOTATION><ALIGNABLE_ANNOTATION ANNOTATION_ID="a1" TIME_SLOT_REF1="ts1" TIME_SLOT_REF2="ts2">
                  <ANNOTATION_VALUE>geeft &amp; lacht</ANNOTATION_VALUE></ALIGNABLE_ANNOTATION></ANNOTATION>
              </TIER>
              <TIER TIER_ID="Zoë" LINGUISTIC_TYPE_REF="lt">
                <ANNOTATION><ALIGNABLE_ANNOTATION ANNOTATION_ID="a2" TIME_SLOT_REF1="ts3" TIME_SLOT_REF2="ts4">
                  <ANNOTATION_VALUE>kijkt</ANNOTATION_VALUE></ALIGNABLE_ANNOTATION></ANNOTATION>
              </TIER>
              <LINGUISTIC_TYPE LINGUISTIC_TYPE_ID="lt" TIME_ALIGNABLE="true"/>
            </ANNOTATION_DOCUMENT>
            """
        let markers = try MarkerConversion.read(eaf, format: .eaf, name: "e.eaf")
        #expect(markers.map(\.time) == [.clock(microseconds: 2_800_000), .clock(microseconds: 3_500_000)])
        #expect(markers.map(\.child) == ["Zoë", "Sam"])
        #expect(markers.map(\.note) == ["kijkt", "geeft & lacht"])
    }

    @Test func losslessCutWithAndWithoutHeaderAndHumanTimes() throws {
        let old = try MarkerConversion.read("12.5,,Sam: geeft\n70.25,80,\n", format: .losslesscut, name: "l.csv")
        #expect(old.map(\.time) == [.clock(microseconds: 12_500_000), .clock(microseconds: 70_250_000)])
        #expect(old.first?.child == "Sam" && old.first?.note == "geeft")
        let new = try MarkerConversion.read("Start,End,Name\n0:01:02.500,,kijkt\n", format: .losslesscut, name: "l.csv")
        #expect(new.first?.time == .clock(microseconds: 62_500_000))
        #expect(new.first?.child == nil && new.first?.note == "kijkt")
    }

    @Test func frameNumbersCannotGoToOtherTools() {
        #expect(throws: MarkerConversionError.self) {
            try MarkerConversion.write([Marker(time: .frame(12), line: 1)], format: .vtt)
        }
    }
}

@Suite struct SessionFileTests {
    func parse(_ json: String) -> Result<CoachingSession, SessionError> {
        do { return .success(try CoachingSession.parse(Data(json.utf8), name: "s.json", language: .en)) } catch { return .failure(error) }
    }

    @Test func aFullSession() throws {
        let json = """
            {"recording": "rec.mp4", "fragment": {"from": "1:40.5", "to": "3:10"}, "focus_children": ["Sam"],
             "coach": "Anne", "professional": "Fatima", "date": "2026-11-26",
             "markers": [{"time": "1:45.200", "child": "Sam", "note": "kijkt", "kind": "kijken"}, {"time": "#3000"}],
             "summary": "s", "agreements": "a", "follow_up": "2027-01-15"}
            """
        let session = try parse(json).get()
        #expect(session.fragment == .init(from: .clock(microseconds: 100_500_000), to: .clock(microseconds: 190_000_000)))
        #expect(session.markers.map(\.time) == [.clock(microseconds: 105_200_000), .frame(3000)])
        #expect(session.markers.map(\.kind) == ["kijken", nil])
        #expect(session.followUp == "2027-01-15")
    }

    @Test func everyBadFieldIsNamed() throws {
        let json = """
            {"fragment": {"from": "1:99"}, "focus_children": "Sam", "date": "26-11-2026",
             "markers": [{"child": "Sam"}, {"time": "later"}, 3], "coach": 5, "colour": "red"}
            """
        guard case .failure(let error) = parse(json) else { Issue.record("parsed"); return }
        let all = error.problems.joined(separator: "\n")
        for field in ["'recording' is missing", "'fragment.from': '1:99'", "'fragment.to' is missing", "'focus_children'",
                      "'date': '26-11-2026'", "'markers[0].time' is missing", "'markers[1].time': 'later'", "'markers[2]'",
                      "'coach' must be text", "unknown field 'colour'"] {
            #expect(all.contains(field), "\(field) in \(all)")
        }
    }

    @Test func brokenJSONSaysWhichLine() throws {
        guard case .failure(let error) = parse("{\n  \"recording\": \"a.mp4\",\n  \"coach\": \"Anne\"\n  \"date\": \"2026-11-26\"\n}\n") else {
            Issue.record("parsed"); return
        }
        #expect(error.problems.first?.contains("line 4") == true, "\(error.problems)")
    }

    /// The schema in the repository describes the same fields the parser knows.
    @Test func theSchemaNamesTheFields() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Schemas/session.schema.json")
        let schema = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        let properties = try #require(schema["properties"] as? [String: Any])
        #expect(Set(properties.keys) == CoachingSession.fields)
        let fragment = try #require((properties["fragment"] as? [String: Any])?["properties"] as? [String: Any])
        #expect(Set(fragment.keys) == CoachingSession.fragmentFields)
        let marker = try #require(((properties["markers"] as? [String: Any])?["items"] as? [String: Any])?["properties"] as? [String: Any])
        #expect(Set(marker.keys) == CoachingSession.markerFields)
        let answers = try #require(((marker["answers"] as? [String: Any])?["properties"] as? [String: Any]))
        #expect(Set(answers.keys) == Set(CoachingSession.oldAnswerFields))
        let focus = try #require(((properties["focus"] as? [String: Any])?["items"] as? [String: Any])?["properties"] as? [String: Any])
        #expect(Set(focus.keys) == CoachingSession.Focus.fields)
        // What the schema forbids (additionalProperties: false) the parser refuses, at every level, by name.
        let extra = Data(#"{"recording": "r.mp4", "colour": 1, "fragment": {"from": "1:00", "to": "2:00", "speed": 2}, "markers": [{"time": "1:10", "frame": 3}]}"#.utf8)
        let error = try #require(throws: SessionError.self) { try CoachingSession.parse(extra, name: "s", language: .en) }
        #expect(error.problems == ["unknown field 'colour'.", "unknown field 'fragment.speed'.", "unknown field 'markers[0].frame'."])
        // The demo session follows it.
        let demo = url.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Demo/session.json")
        _ = try CoachingSession.parse(Data(contentsOf: demo), name: "demo", language: .en)
    }
}
