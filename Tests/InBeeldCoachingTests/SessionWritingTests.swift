import Foundation
import InBeeldMedia
import Testing
import TestSupport
@testable import InBeeldCoaching
@testable import InBeeldMarkers

/// Session files written by the coach's page: they read back as written, and the times they hold name
/// the frames that were marked (checked against ffprobe's timestamps by the rule of MEDIA-NOTES).
@Suite struct SessionWritingTests {
    @Test func aWrittenSessionReadsBackTheSame() throws {
        var session = CoachingSession(
            recording: "groep 2/speelhoek \"ochtend\".mp4",
            fragment: .init(from: .clock(microseconds: 100_480_000), to: .clock(microseconds: 190_000_001)),
            focus: [.init(child: "Sam", professional: "Fatima", meaning: "Erbij horen.\n\"Samen\"", needs: nil, nextTime: "benoemen"),
                    .init(child: "Zoë", professional: "Joris")],
            coach: "Anne de Vries", professional: "Fatima", date: "2026-11-26",
            // What was seen and heard: with newlines and quotes; one initiative added in the conversation
            // with nothing typed yet; one marker with nothing.
            initiatives: [
                .init(Marker(time: .clock(microseconds: 95_000_000), child: "Sam", note: "kijkt;\nwijst\n\ndan <lacht> & \"rent\" \\ /",
                             kind: "kijken", line: 1),
                      observation: .init(seenHeard: "Sam kijkt naar Zoë\nen wijst", coachSaw: "\"mag ik\"")),
                .init(Marker(time: .frame(57), child: nil, note: nil, line: 2)),
                .init(Marker(time: .clock(microseconds: 3_723_456_000), child: "Daniël", note: "tab\there", kind: "speelgoed aanbieden", line: 3),
                      observation: .init(addedInConversation: true)),
            ],
            summary: "Samen spelen 😊", agreements: nil, followUp: "2027-01-15")
        session.firstReaction = "Druk!"
        session.goingWell = "Fatima ziet veel."
        session.evaluation = "Benoemt Fatima wat Sam doet?"
        let data = session.jsonData()
        let back = try CoachingSession.parse(data, name: "x", language: .en)
        #expect(back == session)
        // Written in the schema's order, readable by people.
        let text = String(decoding: data, as: UTF8.self)
        let order = ["\"recording\"", "\"fragment\"", "\"focus\"", "\"coach\"", "\"first_reaction\"", "\"markers\"", "\"summary\"",
                     "\"going_well\"", "\"follow_up\"", "\"evaluation\""]
        let places = order.map { text.range(of: $0)!.lowerBound }
        #expect(places == places.sorted())
        #expect(!text.contains("\"agreements\"") && !text.contains("\"answers\"") && !text.contains("\"focus_children\""))
        #expect(text.contains("\"time\": \"#57\" }"))
        #expect(text.contains(#""seen_heard": "Sam kijkt naar Zoë\nen wijst", "coach_saw": "\"mag ik\"" }"#))
        #expect(text.contains(#""kind": "speelgoed aanbieden", "added": "conversation" }"#))
        #expect(text.contains(#"{ "child": "Zoë", "professional": "Joris" }"#))
        #expect(text.hasSuffix("}\n"))
    }

    /// The layout people (and `git diff`) see: the file's own fields a line each, a focus child and an
    /// initiative a line each inside their lists, the fragment on one line.
    @Test func aSessionFileHasOneLinePerFieldChildAndInitiative() {
        let session = CoachingSession(
            recording: "a.mp4", fragment: .init(from: .frame(10), to: .frame(20)), focus: [.init(child: "Sam"), .init(child: "Zoë", needs: "rust")],
            coach: "Anne", professional: nil, date: nil,
            initiatives: [.init(Marker(time: .frame(12), child: "Sam", note: nil, kind: "kijken", line: 1)),
                          .init(Marker(time: .frame(15), child: nil, note: "lacht", line: 2), observation: .init(seenHeard: "ja"))],
            summary: nil, agreements: "morgen", followUp: nil)
        let expected = """
            {
              "recording": "a.mp4",
              "fragment": { "from": "#10", "to": "#20" },
              "focus": [
                { "child": "Sam" },
                { "child": "Zoë", "needs": "rust" }
              ],
              "coach": "Anne",
              "markers": [
                { "time": "#12", "child": "Sam", "kind": "kijken" },
                { "time": "#15", "note": "lacht", "seen_heard": "ja" }
              ],
              "agreements": "morgen"
            }

            """
        #expect(String(decoding: session.jsonData(), as: UTF8.self) == expected)
    }

    /// A session file written before the conversation followed the method (four questions at every
    /// initiative, `focus_children`) opens, and written again keeps every word: what was seen and heard
    /// stays the initiative's, meaning, needs and next time become lines of its note after their question.
    @Test(arguments: [Language.nl, .en])
    func aSessionFromTheEarlierVersionKeepsEveryWord(_ language: Language) throws {
        let old = #"""
            {"recording": "r.mp4", "focus_children": ["Sam", "Zoë"], "coach": "Anne",
             "markers": [
               {"time": "1:10", "child": "Sam", "note": "kijkt naar Zoë", "kind": "kijken",
                "answers": {"seen_heard": "Sam kijkt drie keer.", "meaning": "Contact.", "needs": "Erbij horen.", "next_time": "Benoemen."}},
               {"time": "1:20", "child": "Zoë", "answers": {"next_time": "Even wachten."}},
               {"time": "1:30", "child": "Sam", "answers": {}}
             ],
             "summary": "Veel kijken.", "agreements": "Afspraak: Fatima zit erbij.", "follow_up": "2027-01-15"}
            """#
        let session = try CoachingSession.parse(Data(old.utf8), name: "old", language: language)
        #expect(session.focus == [.init(child: "Sam"), .init(child: "Zoë")])
        #expect(session.initiatives.map(\.observation) == [.init(seenHeard: "Sam kijkt drie keer."), .init(), .init()])
        let q = Words.methodQuestions.map(language.say)
        #expect(session.markers[0].note == "kijkt naar Zoë\n\(q[1]) Contact.\n\(q[2]) Erbij horen.\n\(q[3]) Benoemen.")
        #expect(session.markers[1].note == "\(q[3]) Even wachten.")
        #expect(session.markers[2].note == nil)
        // Written the new way, and read back the same.
        let written = session.jsonData()
        #expect(try CoachingSession.parse(written, name: "new", language: language) == session)
        // Every text of the old file is somewhere in the new one (JSON's own strings compared, not bytes).
        func texts(_ value: Any) -> [String] {
            switch value {
            case let s as String: return [s]
            case let list as [Any]: return list.flatMap(texts)
            case let object as [String: Any]: return object.values.flatMap(texts)
            default: return []
            }
        }
        let before = texts(try JSONSerialization.jsonObject(with: Data(old.utf8)))
        let after = texts(try JSONSerialization.jsonObject(with: written))
        for text in before {
            #expect(after.contains { $0.contains(text) }, "\(language): '\(text)' was lost")
        }
        #expect(!String(decoding: written, as: UTF8.self).contains("answers"))
    }

    @Test func answersAreCheckedFieldByField() throws {
        let good = #"{"recording":"r.mp4","markers":[{"time":"1:00"},{"time":"1:02","answers":{}},{"time":"1:04","answers":{"seen_heard":"kijkt","needs":null}}]}"#
        let session = try CoachingSession.parse(Data(good.utf8), name: "s.json", language: .en)
        // A file without answers, and empty answers, read as none; given ones by their marker's line.
        #expect(session.initiatives.map(\.observation) == [.init(), .init(), .init(seenHeard: "kijkt")])
        let bad = #"{"recording":"r.mp4","markers":[{"time":"1:00","answers":"goed"},{"time":"1:02","answers":{"seen":"x","needs":3}}]}"#
        #expect(throws: SessionError(path: "s.json", problems: [
            "field 'markers[0].answers' must be an object.", "unknown field 'markers[1].answers.seen'.",
            "field 'markers[1].answers.needs' must be text.",
        ])) { try CoachingSession.parse(Data(bad.utf8), name: "s.json", language: .en) }
        #expect(throws: SessionError(path: "s.json", problems: ["veld 'markers[0].answers' moet een object zijn."])) {
            try CoachingSession.parse(Data(#"{"recording":"r.mp4","markers":[{"time":"1:00","answers":[]}]}"#.utf8), name: "s.json", language: .nl)
        }
        // The new fields, each checked by name.
        let wrong = #"{"recording":"r.mp4","focus":[{"child":"Sam","age":3},"Zoë",{"professional":"Fatima"},{"child":"Daan","meaning":1}],"markers":[{"time":"1:00","added":"later","seen_heard":2}]}"#
        #expect(throws: SessionError(path: "s.json", problems: [
            "unknown field 'focus[0].age'.", "field 'focus[1]' must be an object, such as { \"child\": \"Sam\" }.",
            "field 'focus[2].child' is missing.", "field 'focus[3].meaning' must be text.",
            "field 'markers[0].seen_heard' must be text.",
            "field 'markers[0].added' must be \"conversation\" (added in the conversation) or \"prepared\" (marked beforehand).",
        ])) { try CoachingSession.parse(Data(wrong.utf8), name: "s.json", language: .en) }
    }

    @Test(arguments: ["barcode-vfr.mp4", "barcode-bframes.mp4", "phone-like.mov", "barcode-bframes.mkv"])
    func everyFramesTimeNamesThatFrame(_ name: String) throws {
        let timeline = try ClipCutter(source: fixture(name)).timeline
        let oracle = try Oracle.presentationTimes(fixture(name))
        #expect(timeline.frameCount == oracle.pts.count)
        for i in 0..<timeline.frameCount {
            guard case .clock(let us) = timeline.markerTime(ofFrame: i) else {
                Issue.record("\(name) frame \(i): no clock time")
                continue
            }
            #expect(us % 1000 == 0, "\(name) frame \(i): to the millisecond")
            #expect(Oracle.frameShown(atMicroseconds: us, in: oracle) == i, "\(name) frame \(i)")
            // A fragment ending after frame i: frame i is the last that starts before its end.
            guard case .clock(let end) = timeline.fragmentEnd(afterFrame: i) else { continue }
            let bound = end + oracle.startMicroseconds
            let last = oracle.pts.lastIndex { p in p * oracle.num * 1_000_000 < bound * oracle.den }
            #expect(last == i, "\(name) fragment ending after frame \(i)")
        }
    }
}
