import Foundation
import Testing
import TestSupport
@testable import InBeeldCoaching
@testable import InBeeldMarkers
@testable import InBeeldMedia

/// Clips checked by the ffmpeg CLI: the barcodes of the frames it decodes from the clip, its packet
/// times, its sound, its tags and chapters.
@Suite struct CutTests {

    /// The source frames [A, B) by the rule, on ffprobe's packet times: first the frame shown at A, last the
    /// last frame with pts < B.
    static func expectedRange(_ path: String, from: Int64, to: Int64) throws -> ClosedRange<Int> {
        let t = try Oracle.presentationTimes(path)
        let first = Oracle.frameShown(atMicroseconds: from, in: t)
        let last = t.pts.lastIndex { $0 * t.num * 1_000_000 < (to + t.startMicroseconds) * t.den }!
        return first...last
    }

    @Test(arguments: [
        ("barcode-bframes.mp4", Int64(1_450_000), Int64(4_200_000)),
        ("barcode-bframes.mp4", 1_000_000, 2_000_000),   // on a keyframe, ending on a pts
        ("barcode-vfr.mp4", 1_234_000, 4_567_000),
        ("barcode-rotated.mp4", 533, 3_950_000),
        ("barcode-hevc.mp4", 2_101_000, 3_999_000),
    ])
    func exactClipsHoldExactlyTheFragmentsFrames(_ name: String, _ from: Int64, _ to: Int64) throws {
        let dir = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let source = fixture(name), clip = dir + "/clip.mp4"
        let result = try CutJob(recording: try openedRecording(source), from: .clock(microseconds: from), to: .clock(microseconds: to),
                                output: clip, mode: .exact, preset: "veryfast", anyLength: true, language: .en).run()
        let expected = try Self.expectedRange(source, from: from, to: to)
        #expect(result.clip.firstFrameIndex == expected.lowerBound && result.clip.lastFrameIndex == expected.upperBound)

        // The frames the CLI decodes from the clip are the source's, none missing, none repeated.
        #expect(try Oracle.barcodes(ofVideo: clip) == Array(expected))

        // Their times: the source's minus the first frame's, in the source's time base (±1 tick).
        let src = try Oracle.presentationTimes(source)
        let out = try Oracle.presentationTimes(clip)
        #expect(out.pts.count == expected.count)
        let origin = src.pts[expected.lowerBound]
        for (i, p) in out.pts.enumerated() {
            let want = Double(src.pts[expected.lowerBound + i] - origin) * Double(src.num) / Double(src.den)
            let got = Double(p) * Double(out.num) / Double(out.den)
            #expect(abs(got - want) <= Double(src.num) / Double(src.den) + 1e-9, "frame \(i): \(got) vs \(want)")
        }
        #expect(out.num == src.num && out.den == src.den, "the clip keeps the source's time base")

        // Rotation travels with the clip as the display matrix; no location, device or encoder tags.
        let v = try #require(try Oracle.stream(clip, "v"))
        let sv = try #require(try Oracle.stream(source, "v"))
        let rotation = { (s: [String: Any]) in (s["side_data_list"] as? [[String: Any]] ?? []).compactMap { $0["rotation"] as? Int }.first }
        #expect(rotation(v) == rotation(sv))
        let tags = try Oracle.format(clip)["tags"] as? [String: String] ?? [:]
        #expect(!tags.keys.contains { $0.contains("location") || $0 == "encoder" || $0 == "creation_time" })

        // The sound lasts as long as the picture, within a frame.
        if let a = try Oracle.stream(clip, "a") {
            let audio = Double(a["duration"] as? String ?? "") ?? 0
            let video = Double(v["duration"] as? String ?? "") ?? 0
            #expect(abs(audio - video) <= 1.0 / 30 + 1e-6, "audio \(audio) s, video \(video) s")
        }
        #expect(try Oracle.decodeErrors(clip).isEmpty)
    }

    /// A tone burst that starts on a flash frame in the source still starts on it in the clip (±1 ms).
    @Test func soundStaysInSyncToTheMillisecond() throws {
        let dir = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let source = fixture("sync-flash.mp4"), clip = dir + "/clip.mp4"
        _ = try CutJob(recording: try openedRecording(source), from: .clock(microseconds: 1_450_000), to: .clock(microseconds: 6_700_000),
                       output: clip, preset: "veryfast", anyLength: true, language: .en).run()
        let barcodes = try Oracle.barcodes(ofVideo: clip)
        let times = try Oracle.presentationTimes(clip)
        let flashes = barcodes.indices.filter { barcodes[$0] % 30 == 0 }.map {
            Double(times.pts[$0]) * Double(times.num) / Double(times.den)
        }
        #expect(flashes.count == 5)  // source seconds 2, 3, 4, 5, 6

        let samples = try Oracle.audioSamples(clip)
        var onsets: [Double] = []
        var quiet = 480
        for (i, x) in samples.enumerated() {
            if abs(x) > 0.3 {
                if quiet >= 480 { onsets.append(Double(i) / 48000) }
                quiet = 0
            } else {
                quiet += 1
            }
        }
        #expect(onsets.count == flashes.count, "\(onsets) vs \(flashes)")
        for (onset, flash) in zip(onsets, flashes) {
            #expect(abs(onset - flash) <= 0.001, "burst at \(onset) s, flash at \(flash) s")
        }
    }

    /// Copy mode: the first frame is right where edit lists are honoured; a player that ignores them
    /// shows the lead-in from the keyframe.
    @Test func copyModeStartsAtTheFrameWithEditListsAndShowsTheLeadInWithout() throws {
        let dir = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let source = fixture("barcode-bframes.mp4"), clip = dir + "/copy.mp4"
        let result = try CutJob(recording: try openedRecording(source), from: .clock(microseconds: 1_450_000), to: .clock(microseconds: 4_200_000),
                                output: clip, mode: .copy, anyLength: true, language: .en).run()
        let expected = try Self.expectedRange(source, from: 1_450_000, to: 4_200_000)
        let honoured = try Oracle.barcodes(ofVideo: clip)
        #expect(honoured.first == expected.lowerBound)
        #expect(Array(honoured.prefix(expected.count)) == Array(expected))
        let ignored = try Oracle.barcodes(ofVideo: clip, ignoreEditList: true)
        #expect(ignored.first == 30)  // the keyframe at or before frame 43 (keyframes every 30)
        #expect(result.clip.leadInFrames == expected.lowerBound - 30)
        #expect(result.notes.first?.contains("lead-in") == true)
        // Bit for bit: the copied packets are the source's.
        #expect(try Oracle.decodeErrors(clip).isEmpty)
    }

    @Test func markersBecomeChaptersAndWebVTT() throws {
        let dir = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let markers = try MarkerFile.parse("time,child,note\n1.0,Sam,voor\n2.0,Mila,\"kijkt, lacht\"\n3.5,Zoë,\"<wijst> & geeft\"\n", name: "m.csv")
        let clip = dir + "/clip.mp4"
        let result = try CutJob(recording: try openedRecording(fixture("barcode-bframes.mp4")), from: .clock(microseconds: 1_450_000),
                                to: .clock(microseconds: 4_200_000), output: clip, preset: "veryfast", markers: markers,
                                anyLength: true, language: .en).run()
        #expect(result.markersOutside.map(\.line) == [2])
        #expect(result.notes.contains { $0.contains("line 2") && $0.contains("outside the fragment") })
        let chapters = try Oracle.probe(clip, ["-show_chapters"])["chapters"] as? [[String: Any]] ?? []
        let starts = chapters.compactMap { Double($0["start_time"] as? String ?? "") }
        // Clip time zero is the frame at 1.4333 s (frame 43).
        #expect(starts.count == 3)
        #expect(abs(starts[1] - (2.0 - 43.0 / 30)) < 0.001 && abs(starts[2] - (3.5 - 43.0 / 30)) < 0.001, "\(starts)")
        let titles = chapters.compactMap { ($0["tags"] as? [String: String])?["title"] }
        #expect(titles.last == "0:00:02.066 · Zoë · <wijst> & geeft")
        let vtt = try String(contentsOfFile: dir + "/clip.vtt", encoding: .utf8)
        #expect(vtt.hasPrefix("WEBVTT\n"))
        #expect(vtt.contains("00:00:00.566 --> 00:00:02.066\n<v Mila>Mila: kijkt, lacht\n"))
        #expect(vtt.contains("Zoë: &lt;wijst&gt; &amp; geeft"))
    }

    @Test func metadataIsKeptOnlyWhenAsked() throws {
        let dir = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let source = fixture("phone-like.mov")
        _ = try CutJob(recording: try openedRecording(source), from: .clock(microseconds: 1_000_000), to: .clock(microseconds: 3_000_000),
                       output: dir + "/plain.mp4", preset: "veryfast", anyLength: true, language: .en).run()
        _ = try CutJob(recording: try openedRecording(source), from: .clock(microseconds: 1_000_000), to: .clock(microseconds: 3_000_000),
                       output: dir + "/kept.mp4", mode: .copy, keepMetadata: true, anyLength: true, language: .en).run()
        let plain = try Data(contentsOf: URL(fileURLWithPath: dir + "/plain.mp4"))
        #expect(plain.range(of: Data("+52.3676".utf8)) == nil)
        #expect(plain.range(of: Data("iPhone".utf8)) == nil)
        let kept = try Oracle.format(dir + "/kept.mp4")["tags"] as? [String: String] ?? [:]
        #expect(kept["com.apple.quicktime.location.ISO6709"] == "+52.3676+004.9041+001.000/")
    }

    @Test func theFragmentMustFitTheMethodAndTheRecording() throws {
        let dir = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        func failure(_ from: Int64, _ to: Int64, any: Bool = false, file: String = "barcode-bframes.mp4") throws -> [String] {
            let opened = try openedRecording(fixture(file))
            do {
                _ = try CutJob(recording: opened, from: .clock(microseconds: from), to: .clock(microseconds: to),
                               output: dir + "/x.mp4", anyLength: any, language: .en).run()
                return []
            } catch { return error.messages }
        }
        #expect(try failure(1_000_000, 3_000_000).first?.contains("1 to 2 minutes") == true)
        #expect(try failure(3_000_000, 2_000_000, any: true).first?.contains("must come before") == true)
        #expect(try failure(1_000_000, 9_000_000, any: true).first?.contains("after the end of the recording (0:00:06.000)") == true)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).isEmpty, "nothing left behind")
    }

    @Test func aRealLengthFragmentPassesWithoutAnyLength() throws {
        let dir = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let result = try CutJob(recording: try openedRecording(fixture("pass-7min.mp4")), from: .clock(microseconds: 100_500_000),
                                to: .clock(microseconds: 190_000_000), output: dir + "/f.mp4", preset: "ultrafast", language: .en).run()
        // 10 fps: frames 1005 up to 1899, 89.5 s.
        #expect(result.clip.firstFrameIndex == 1005 && result.clip.lastFrameIndex == 1899)
        let v = try #require(try Oracle.stream(dir + "/f.mp4", "v"))
        #expect(v["nb_frames"] as? String == "895")
        #expect(abs((Double(v["duration"] as? String ?? "") ?? 0) - 89.5) < 0.001)
    }

    @Test func neverOverTheRecordingNorOverAnExistingClip() throws {
        let dir = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let source = dir + "/rec.mp4"
        try FileManager.default.copyItem(atPath: fixture("barcode-bframes.mp4"), toPath: source)
        let before = try Data(contentsOf: URL(fileURLWithPath: source))
        try FileManager.default.createSymbolicLink(atPath: dir + "/link.mp4", withDestinationPath: source)
        for output in [source, dir + "/link.mp4", dir + "/./rec.mp4"] {
            #expect(throws: CutJob.Failure.self) {
                try CutJob(recording: try openedRecording(source), from: .clock(microseconds: 1_000_000), to: .clock(microseconds: 2_000_000),
                           output: output, force: true, language: .en).run()
            }
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: source)) == before)
        try Data("existing".utf8).write(to: URL(fileURLWithPath: dir + "/clip.mp4"))
        #expect(throws: CutJob.Failure.self) {
            try CutJob(recording: try openedRecording(source), from: .clock(microseconds: 1_000_000), to: .clock(microseconds: 2_000_000),
                       output: dir + "/clip.mp4", anyLength: true, language: .en).run()
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: dir + "/clip.mp4")) == Data("existing".utf8))
    }

    @Test func cancellingLeavesNothingBehind() throws {
        let dir = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var calls = 0
        let opened = try openedRecording(fixture("barcode-bframes.mp4"))
        do {
            _ = try CutJob(recording: opened, from: .clock(microseconds: 0), to: .clock(microseconds: 5_000_000),
                           output: dir + "/clip.mp4", preset: "veryfast", anyLength: true, language: .en)
                .run(isCancelled: { calls += 1; return calls > 20 })
            Issue.record("not cancelled")
        } catch {
            #expect(error.cancelled)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).isEmpty)
    }
}

/// A phone-like file (QuickTime, 1/600, variable rate, rotated, Apple metadata): no barcode, so its
/// clip is checked on ffprobe's packet times and the CLI's decode.
@Suite struct PhoneLikeCutTests {
    @Test(arguments: [CutJob.Mode.exact, .copy])
    func phoneLikeClip(_ mode: CutJob.Mode) throws {
        let dir = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let source = fixture("phone-like.mov"), clip = dir + "/clip.mp4"
        let result = try CutJob(recording: try openedRecording(source), from: .clock(microseconds: 2_345_000), to: .clock(microseconds: 6_100_000),
                                output: clip, mode: mode, preset: "veryfast", anyLength: true, language: .en).run()
        let expected = try CutTests.expectedRange(source, from: 2_345_000, to: 6_100_000)
        #expect(result.clip.firstFrameIndex == expected.lowerBound && result.clip.lastFrameIndex == expected.upperBound)
        let src = try Oracle.presentationTimes(source)
        let out = try Oracle.presentationTimes(clip)
        #expect(out.den == 600)
        let origin = src.pts[expected.lowerBound]
        let shown = out.pts.filter { $0 >= 0 }
        if mode == .exact {
            #expect(out.pts == Array(src.pts[expected]).map { $0 - origin })
        } else {
            // Copy: the same packets, shifted by one offset (the lead-in before zero is hidden by the edit list).
            #expect(Array(shown.prefix(expected.count)) == Array(src.pts[expected]).map { $0 - origin })
        }
        let v = try #require(try Oracle.stream(clip, "v"))
        #expect((v["side_data_list"] as? [[String: Any]] ?? []).compactMap { $0["rotation"] as? Int }.first == -90)
        #expect(try Oracle.decodeErrors(clip).isEmpty)
        #expect((try Oracle.format(clip)["tags"] as? [String: String] ?? [:]).keys.allSatisfy { !$0.contains("apple") })
    }
}

/// Smart cut: exact in every player (with and without edit lists), the copied packets bit for bit the
/// source's, clean for FFmpeg's decoder; where it cannot be made safe, an exact clip and the reason.
@Suite struct SmartCutTests {
    /// Packet data hashes by presentation time, from ffprobe.
    static func packetHashes(_ path: String) throws -> [Int64: String] {
        let packets = try Oracle.probe(path, ["-select_streams", "v:0", "-show_entries", "packet=pts,data_hash", "-show_data_hash", "MD5"])["packets"]
            as? [[String: Any]] ?? []
        var out: [Int64: String] = [:]
        for p in packets { if let pts = (p["pts"] as? Int).map(Int64.init), let h = p["data_hash"] as? String { out[pts] = h } }
        return out
    }

    @Test(arguments: [("barcode-bframes.mp4", Int64(1_450_000), Int64(4_200_000)), ("sync-flash.mp4", 533_000, 6_000_000),
                      ("barcode-vfr.mp4", 1_234_000, 4_567_000)])
    func smartClipsAreExactEverywhereAndCopyTheMiddle(_ name: String, _ from: Int64, _ to: Int64) throws {
        let dir = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let source = fixture(name), clip = dir + "/smart.mp4"
        let result = try CutJob(recording: try openedRecording(source), from: .clock(microseconds: from), to: .clock(microseconds: to), output: clip,
                                mode: .smart, preset: "veryfast", anyLength: true, language: .en).run()
        let expected = try CutTests.expectedRange(source, from: from, to: to)
        #expect(result.notes.first?.hasPrefix("smart cut: ") == true, "\(result.notes)")
        #expect(try Oracle.barcodes(ofVideo: clip) == Array(expected))
        #expect(try Oracle.barcodes(ofVideo: clip, ignoreEditList: true) == Array(expected), "exact without edit lists too")
        #expect(try Oracle.decodeErrors(clip).isEmpty)
        // The copied GOPs are the source's packets, bit for bit.
        let src = try Oracle.presentationTimes(source)
        let origin = src.pts[expected.lowerBound]
        let sourceHashes = try Self.packetHashes(source), clipHashes = try Self.packetHashes(clip)
        let identical = clipHashes.filter { sourceHashes[$0.key + origin] == $0.value }.count
        let reencoded = try #require(result.clip.reencodedFrames)
        #expect(identical == expected.count - reencoded, "\(identical) identical of \(expected.count), \(reencoded) re-encoded")
        #expect(identical >= 30)
    }

    /// After a smart cut falls back to exact, the clip being written is still held locked (a sweep of
    /// leftovers leaves it alone) and, stopped, the cut removes it itself: nothing is left, hidden, with
    /// children in it. Checked while the exact re-encode runs; then the cut is stopped.
    @Test func aClipBeingWrittenAfterAFallbackIsRemovedOnASignal() throws {
        let dir = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var unlocked: Set<String> = []
        var checks = 0, stopped = false
        let opened = try openedRecording(fixture("barcode-hevc.mp4"))
        do throws(CutJob.Failure) {
            _ = try CutJob(recording: opened, from: .clock(microseconds: 100_000), to: .clock(microseconds: 3_500_000),
                           output: dir + "/c.mp4", mode: .smart, preset: "veryfast", anyLength: true, language: .en)
                .run(progress: { _ in
                    let hidden = ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).filter { $0.hasPrefix(".") }
                    for name in hidden where !OutputFiles.isBeingWritten(dir + "/" + name) { unlocked.insert(name) }
                    checks += 1
                    if checks == 10 { stopped = true }  // as Ctrl-C does: the program's `isCancelled` answers yes
                }, isCancelled: { stopped })
            Issue.record("not stopped")
        } catch {
            #expect(error.cancelled)
        }
        #expect(checks >= 10)
        #expect(unlocked.isEmpty, "written but not locked: \(unlocked)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).isEmpty)
    }

    @Test func smartCutFallsBackWhereItCannotBeSafe() throws {
        let dir = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let source = fixture("barcode-hevc.mp4"), clip = dir + "/c.mp4"
        let result = try CutJob(recording: try openedRecording(source), from: .clock(microseconds: 1_100_000), to: .clock(microseconds: 3_500_000),
                                output: clip, mode: .smart, preset: "veryfast", anyLength: true, language: .en).run()
        #expect(result.notes.count == 1)
        #expect(result.notes[0].contains("smart cut is not possible here (the picture is not H.264 but hevc)"))
        let expected = try CutTests.expectedRange(source, from: 1_100_000, to: 3_500_000)
        #expect(try Oracle.barcodes(ofVideo: clip) == Array(expected))
        // Inside one GOP there is nothing to copy: exact, with the reason.
        let short = try CutJob(recording: try openedRecording(fixture("barcode-bframes.mp4")), from: .clock(microseconds: 1_100_000), to: .clock(microseconds: 1_900_000),
                               output: dir + "/short.mp4", mode: .smart, preset: "veryfast", anyLength: true, language: .en).run()
        #expect(short.notes.first?.contains("no keyframe after its first frame") == true, "\(short.notes)")
    }
}
