import Foundation
import Testing
import TestSupport

/// `inbeeld check` and `inbeeld info` as a coach or a script runs them.
@Suite struct CheckCommandTests {
    /// Parses `check --json` output.
    func report(_ output: ProgramOutput) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
    }

    @Test func exitStatusIsZeroWhenNothingFails() throws {
        let out = try inbeeld(["check", fixture("pass-7min.mp4"), fixture("no-audio-6min.mp4")])
        #expect(out.status == 0, "\(out.stderr)")
        #expect(out.stdout.contains("PASS"))
        #expect(out.stdout.contains("WARN"))
        #expect(out.stdout.contains("2 recording(s): 1 pass, 1 warn, 0 fail."))
    }

    @Test func exitStatusIsOneWhenAnyFails() throws {
        let out = try inbeeld(["check", fixture("pass-7min.mp4"), fixture("short-3min.mp4")])
        #expect(out.status == 1)
        #expect(out.stdout.contains("too_short"))
    }

    @Test(arguments: [
        ["check", "--min", "five minutes", "x"],
        ["check", "--min", "9:00", "--max", "8:00"],
        ["check", "/no/such/folder"],
        ["check", "--jobs", "0", "."],
        ["check"],
        ["info"],
        ["frobnicate"],
    ])
    func usageErrorsExit64(_ arguments: [String]) throws {
        let out = try inbeeld(arguments)
        #expect(out.status == 64, "\(arguments): \(out.status) \(out.stderr)")
        #expect(out.stderr.contains("Error") || out.stderr.contains("error"))
        #expect(!out.stderr.contains("Fatal error"))
    }

    @Test func jsonReportForAFolder() throws {
        let out = try inbeeld(["check", "--json", "--recursive", packageRoot.appendingPathComponent("Fixtures").path])
        #expect(out.status == 1)
        let json = try report(out)
        let recordings = try #require(json["recordings"] as? [[String: Any]])
        let byName = Dictionary(uniqueKeysWithValues: recordings.map {
            (($0["path"] as! String as NSString).lastPathComponent, $0)
        })
        let expected: [String: String] = [
            "pass-7min.mp4": "pass", "no-audio-6min.mp4": "warn", "short-3min.mp4": "fail", "long-9min.mp4": "fail",
            "zero-bytes.mp4": "fail", "text.mp4": "fail", "interrupted.mp4": "fail", "audio-only.mp4": "fail",
        ]
        for (name, verdict) in expected {
            #expect(byName[name]?["verdict"] as? String == verdict, "\(name)")
        }
        // Every recording carries every key; an unreadable one has a null duration.
        for r in recordings {
            for key in ["path", "verdict", "duration_seconds", "problems", "video", "audio", "container"] {
                #expect(r.keys.contains(key), "\(key) missing")
            }
        }
        #expect(byName["zero-bytes.mp4"]?["duration_seconds"] is NSNull)
        let duration = try #require(byName["pass-7min.mp4"]?["duration_seconds"] as? Double)
        #expect(abs(duration - 420) < 0.1)
        let problems = try #require(byName["short-3min.mp4"]?["problems"] as? [[String: Any]])
        #expect(problems.first?["code"] as? String == "too_short")
        #expect(problems.first?["severity"] as? String == "fail")
        #expect((problems.first?["message"] as? String)?.isEmpty == false)

        let summary = try #require(json["summary"] as? [String: Int])
        #expect(summary["total"] == recordings.count)
        #expect(summary["pass"]! + summary["warn"]! + summary["fail"]! == recordings.count)
        #expect(summary["pass"] == recordings.filter { $0["verdict"] as? String == "pass" }.count)
        // Fixtures/README.md is not a recording.
        #expect(summary["skipped_not_media"]! >= 1)
    }

    @Test func deepCheckInParallelFindsDamage() throws {
        let out = try inbeeld(["check", "--deep", "--jobs", "2", "--min", "0:01", "--json",
                               fixture("corrupt.mp4"), fixture("barcode-bframes.mp4"), fixture("barcode-hevc.mp4")])
        let recordings = try #require(try report(out)["recordings"] as? [[String: Any]])
        let codes = recordings.map { ($0["problems"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String } }
        #expect(codes[0].contains("corrupt"))
        #expect(!codes[1].contains("corrupt"))
        #expect(!codes[2].contains("corrupt"))
        // No progress display when stderr is not a terminal.
        #expect(out.stderr.isEmpty)
    }

    @Test func dutchWhenLangSaysSoOrWhenAsked() throws {
        let byLang = try inbeeld(["check", fixture("short-3min.mp4")], lang: "nl_NL.UTF-8")
        #expect(byLang.stdout.contains("NIET BRUIKBAAR"))
        #expect(byLang.stdout.contains("duurt 3:00"))
        #expect(byLang.stdout.contains("1 opname(s): 0 goed, 0 let op, 1 niet bruikbaar."))
        let byOption = try inbeeld(["check", "--lang", "nl", fixture("short-3min.mp4")])
        #expect(byOption.stdout == byLang.stdout)
        let english = try inbeeld(["check", "--lang", "en", fixture("short-3min.mp4")], lang: "nl_NL.UTF-8")
        #expect(english.stdout.contains("FAIL"))
    }

    /// Every bad file gets a readable verdict: no crash, no stack trace, a documented exit status.
    @Test(arguments: ["zero-bytes.mp4", "random-bytes.mp4", "text.mp4", "interrupted.mp4", "truncated.mp4",
                      "unsupported-codec.mp4", "audio-only.mp4", "corrupt.mp4"])
    func badInputGetsAVerdictNotACrash(_ name: String) throws {
        for deep in [false, true] {
            let out = try inbeeld(["check"] + (deep ? ["--deep"] : []) + [fixture(name)])
            #expect(out.status == 1, "\(name): \(out.status)")
            #expect(out.stdout.contains("FAIL"))
            #expect(!out.stderr.contains("Fatal error") && !out.stderr.contains("Stack dump"))
        }
        let info = try inbeeld(["info", fixture(name)])
        #expect(info.status == 0 || info.status == 1)
        #expect(!info.stderr.contains("Fatal error") && !info.stderr.contains("Stack dump"))
    }

    @Test func infoOnAFileThatIsNotMediaSaysWhichAndWhy() throws {
        let out = try inbeeld(["info", fixture("text.mp4")])
        #expect(out.status == 1)
        #expect(out.stderr.hasPrefix("inbeeld: \(fixture("text.mp4")): this is not a video"))
        #expect(out.stdout.isEmpty)
    }

    @Test func infoJSONAgreesWithFFprobe() throws {
        let path = fixture("phone-like.mov")
        let out = try inbeeld(["info", "--json", path])
        #expect(out.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [String: Any])
        let format = try Oracle.format(path)
        #expect(abs((json["duration_seconds"] as? Double ?? 0) - Double(format["duration"] as! String)!) < 1e-6)
        let streams = try #require(json["streams"] as? [[String: Any]])
        let video = try #require(streams.first { $0["kind"] as? String == "video" })
        let v = try #require(video["video"] as? [String: Any])
        #expect(v["rotation"] as? Int == 90)
        #expect(v["display_width"] as? Int == 480)
        let timing = try #require(video["timing"] as? [String: Any])
        #expect(timing["is_variable"] as? Bool == true)
        #expect(timing["frame_count"] as? Int == (try Oracle.videoPackets(path)).count)
        let privacy = try #require(json["privacy"] as? [String: Any])
        #expect(privacy["location"] as? String == "+52.3676+004.9041+001.000/")
        #expect(privacy["model"] as? String == "iPhone 12")
    }

    @Test func infoTextForPeople() throws {
        let en = try inbeeld(["info", fixture("gps.mp4")])
        #expect(en.status == 0)
        #expect(en.stdout.contains("Location (GPS)  PRESENT: +52.0907+005.1214/"))
        let nl = try inbeeld(["info", "--lang", "nl", fixture("barcode-rotated.mp4")])
        #expect(nl.stdout.contains("90° met de klok mee"))
        #expect(nl.stdout.contains("getoond als 240x320"))
    }

    @Test func checkDoesNotTouchTheFiles() throws {
        let path = fixture("gps.mp4")
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let mtime = try FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date
        _ = try inbeeld(["check", "--deep", path])
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        #expect(try FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date == mtime)
    }
}

@Suite struct CheckTableTests {
    /// Two recordings with one name in different folders are told apart by their paths.
    @Test func sameNamesInDifferentFoldersShowTheirPaths() throws {
        let dir = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for sub in ["maandag", "dinsdag"] {
            try FileManager.default.createDirectory(atPath: "\(dir)/\(sub)", withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: fixture("low-res.mp4"), toPath: "\(dir)/\(sub)/speelhoek.mp4")
        }
        let out = try inbeeld(["check", "--recursive", "--min", "0:01", dir])
        #expect(out.stdout.contains("/dinsdag/speelhoek.mp4") && out.stdout.contains("/maandag/speelhoek.mp4"))
        let single = try inbeeld(["check", "--min", "0:01", "\(dir)/maandag/speelhoek.mp4"])
        #expect(single.stdout.hasPrefix("WARN  speelhoek.mp4 "))
    }
}
