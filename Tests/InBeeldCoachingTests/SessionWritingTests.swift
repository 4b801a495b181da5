import Foundation
import InBeeldMedia
import Testing
import TestSupport
@testable import InBeeldCoaching

/// Session files written by the coach's page: they read back as written, and the times they hold name
/// the frames that were marked (checked against ffprobe's timestamps by the rule of MEDIA-NOTES).
@Suite struct SessionWritingTests {
    @Test func aWrittenSessionReadsBackTheSame() throws {
        var session = CoachingSession(
            recording: "groep 2/speelhoek \"ochtend\".mp4",
            fragment: .init(from: .clock(microseconds: 100_480_000), to: .clock(microseconds: 190_000_001)),
            focusChildren: ["Sam", "Zoë"], coach: "Anne de Vries", professional: "Fatima", date: "2026-11-26",
            markers: [
                Marker(time: .clock(microseconds: 95_000_000), child: "Sam", note: "kijkt;\nwijst\n\ndan <lacht> & \"rent\" \\ /", line: 1),
                Marker(time: .frame(57), child: nil, note: nil, line: 2),
                Marker(time: .clock(microseconds: 3_723_456_000), child: "Daniël", note: "tab\there", line: 3),
            ],
            kinds: [1: "kijken", 3: "speelgoed aanbieden"],
            summary: "Samen spelen 😊", agreements: nil, followUp: "2027-01-15")
        // The conversation's answers: some questions answered, with newlines and quotes; one marker none.
        session.answers = [1: CoachingSession.Answers(seenHeard: "Sam kijkt naar Zoë\nen wijst", meaning: nil, needs: "\"erbij horen\"", nextTime: "benoemen"),
                           3: CoachingSession.Answers(meaning: "trots")]
        let data = session.jsonData()
        let back = try CoachingSession.parse(data, name: "x", language: .en)
        #expect(back == session)
        // Written in the schema's order, readable by people.
        let text = String(decoding: data, as: UTF8.self)
        let order = ["\"recording\"", "\"fragment\"", "\"focus_children\"", "\"coach\"", "\"markers\"", "\"summary\"", "\"follow_up\""]
        let places = order.map { text.range(of: $0)!.lowerBound }
        #expect(places == places.sorted())
        #expect(!text.contains("\"agreements\""))
        #expect(text.contains("\"time\": \"#57\""))
        #expect(text.contains(#""answers": { "seen_heard": "Sam kijkt naar Zoë\nen wijst", "needs": "\"erbij horen\"", "next_time": "benoemen" }"#))
        #expect(text.components(separatedBy: "\"answers\"").count == 3)
        #expect(text.hasSuffix("}\n"))
    }

    @Test func answersAreCheckedFieldByField() throws {
        let good = #"{"recording":"r.mp4","markers":[{"time":"1:00"},{"time":"1:02","answers":{}},{"time":"1:04","answers":{"meaning":"veilig","needs":null}}]}"#
        let session = try CoachingSession.parse(Data(good.utf8), name: "s.json", language: .en)
        // A file without answers, and empty answers, read as none; given ones by their marker's line.
        #expect(session.answers == [3: CoachingSession.Answers(meaning: "veilig")])
        let bad = #"{"recording":"r.mp4","markers":[{"time":"1:00","answers":"goed"},{"time":"1:02","answers":{"seen":"x","needs":3}}]}"#
        #expect(throws: SessionError(path: "s.json", problems: [
            "field 'markers[0].answers' must be an object.", "unknown field 'markers[1].answers.seen'.",
            "field 'markers[1].answers.needs' must be text.",
        ])) { try CoachingSession.parse(Data(bad.utf8), name: "s.json", language: .en) }
        #expect(throws: SessionError(path: "s.json", problems: ["veld 'markers[0].answers' moet een object zijn."])) {
            try CoachingSession.parse(Data(#"{"recording":"r.mp4","markers":[{"time":"1:00","answers":[]}]}"#.utf8), name: "s.json", language: .nl)
        }
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
