import Foundation
import InBeeldMedia
import InBeeldMarkers

/// `inbeeld info` for people: what a coach or a helpdesk needs to know about one recording.
public struct InfoText {
    public var info: MediaInfo
    public var language: Language

    public init(info: MediaInfo, language: Language) {
        self.info = info
        self.language = language
    }

    public func render() -> String {
        let say = { (phrase: Phrase) in language.say(phrase) }
        var rows: [(String, String)] = []
        rows.append((say(Words.file), info.path))
        rows.append((say(Words.container), info.containerLongName))
        rows.append((say(Words.duration),
                     info.durationSeconds.map { "\(MarkerTime.durationText($0, decimals: 3)) (\(String(format: "%.6f", $0)) s)" } ?? "?"))
        rows.append((say(Words.size), byteCount(info.sizeBytes)))
        if info.truncated { rows.append(("", say(Words.fileIsCutShortNote))) }

        for stream in info.streams {
            let codec = [stream.codec, stream.profile].compactMap { $0 }.joined(separator: " ")
            let kind: String
            switch stream.kind {
            case .video: kind = say(Words.video)
            case .audio: kind = say(Words.sound)
            case .subtitle: kind = say(Words.subtitles)
            default: kind = say(Words.other)
            }
            rows.append(("\(kind) #\(stream.index)", codec + (stream.decodable ? "" : say(Words.cannotBeDecoded))))
            if let v = stream.video { rows += pictureRows(v, timing: stream.timing) }
            if let a = stream.audio {
                rows.append(("  " + say(Words.sound),
                             say(Words.soundFormat(sampleRate: a.sampleRate, channels: a.channels))
                             + (a.channelLayout.map { " (\($0))" } ?? "")))
            }
        }
        rows += privacyRows()

        let width = rows.map(\.0.count).max() ?? 0
        return rows.map { label, value in
            label.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + value
        }.joined(separator: "\n") + "\n"
    }

    /// A video stream's picture: size, rotation, frame rate and frames, colour.
    private func pictureRows(_ v: VideoInfo, timing: TimingInfo?) -> [(String, String)] {
        let say = { (phrase: Phrase) in language.say(phrase) }
        var rows: [(String, String)] = []
        var size = "\(v.width)x\(v.height)"
        if let sar = v.sampleAspectRatio { size += " SAR \(sar.numerator):\(sar.denominator)" }
        size += say(Words.shownAs(width: v.displayWidth, height: v.displayHeight))
        rows.append(("  " + say(Words.picture), size))
        rows.append(("  " + say(Words.rotation), v.rotation == 0 ? say(Words.none)
                     : say(Words.clockwise(degrees: v.rotation))))
        if let t = timing {
            let fps = t.averageFrameRate.map { String(format: "%.3f", $0) } ?? "?"
            let mode = t.isVariable ? say(Words.variable) : say(Words.constant)
            rows.append(("  " + say(Words.frameRate), "\(fps) fps (\(mode))"))
            if t.isVariable, let lo = t.minimumFrameInterval, let hi = t.maximumFrameInterval {
                rows.append(("  " + say(Words.frameInterval),
                             String(format: "%.1f–%.1f ms", lo * 1000, hi * 1000)))
            }
            rows.append(("  " + say(Words.frames), "\(t.frameCount)"))
            if let k = t.keyframeInterval {
                rows.append(("  " + say(Words.keyframes),
                             say(Words.keyframeSpacing(count: t.keyframeCount, minimum: k.minimum, median: k.median, maximum: k.maximum))))
            } else {
                rows.append(("  " + say(Words.keyframes), "\(t.keyframeCount)"))
            }
        } else if let r = v.headerFrameRate {
            rows.append(("  " + say(Words.frameRate), String(format: "%.3f fps", r.doubleValue)))
        }
        let colour = [v.pixelFormat, v.colorRange.map { say(Words.colourRange) + " \($0)" }, v.colorMatrix.map { "matrix \($0)" },
                      v.colorTransfer.map { say(Words.colourTransfer) + " \($0)" }].compactMap { $0 }.joined(separator: ", ")
        rows.append(("  " + say(Words.colour), (colour.isEmpty ? "?" : colour) + (v.isHDR ? " (HDR)" : "")))
        if let dv = v.dolbyVision {
            let profile = dv.hasCompatibleBaseLayer ? "\(dv.profile).\(dv.baseLayerCompatibility)" : "\(dv.profile)"
            rows.append(("  Dolby Vision", say(Words.profile) + profile))
        }
        return rows
    }

    /// What the file says about where, with what and when it was made.
    private func privacyRows() -> [(String, String)] {
        let say = { (phrase: Phrase) in language.say(phrase) }
        var rows: [(String, String)] = []
        let p = info.privacy
        let absent = say(Words.absent)
        rows.append((say(Words.locationGps), p.location.map { say(Words.present($0, alarm: true)) } ?? absent))
        rows.append((say(Words.device),
                     (p.make == nil && p.model == nil) ? absent
                     : say(Words.present([p.make, p.model].compactMap { $0 }.joined(separator: " ")))))
        rows.append((say(Words.creationTime), p.creationTime.map { say(Words.present($0)) } ?? absent))
        return rows
    }

    private func byteCount(_ bytes: Int64) -> String {
        let mb = Double(bytes) / 1_000_000
        return mb >= 1 ? String(format: "%.1f MB (%lld bytes)", mb, bytes) : "\(bytes) bytes"
    }
}
