import Foundation
import InBeeldMedia

/// `inbeeld info` for people: what a coach or a helpdesk needs to know about one recording.
public struct InfoText {
    public var info: MediaInfo
    public var language: Language

    public init(info: MediaInfo, language: Language) {
        self.info = info
        self.language = language
    }

    public func render() -> String {
        let say = { (nl: String, en: String) in language.pick(nl: nl, en: en) }
        var rows: [(String, String)] = []
        rows.append((say("Bestand", "File"), info.path))
        rows.append((say("Container", "Container"), info.containerLongName))
        rows.append((say("Lengte", "Duration"),
                     info.durationSeconds.map { "\(formatClock($0, decimals: 3)) (\(String(format: "%.6f", $0)) s)" } ?? "?"))
        rows.append((say("Grootte", "Size"), byteCount(info.sizeBytes)))
        if info.truncated { rows.append(("", say("Let op: het bestand is afgebroken.", "Note: the file is cut short."))) }

        for stream in info.streams {
            let codec = [stream.codec, stream.profile].compactMap { $0 }.joined(separator: " ")
            let kind: String
            switch stream.kind {
            case .video: kind = say("Beeld", "Video")
            case .audio: kind = say("Geluid", "Audio")
            case .subtitle: kind = say("Ondertitels", "Subtitles")
            default: kind = say("Overig", "Other")
            }
            rows.append(("\(kind) #\(stream.index)", codec + (stream.decodable ? "" : say(" (niet leesbaar)", " (cannot be decoded)"))))
            if let v = stream.video {
                var size = "\(v.width)x\(v.height)"
                if let sar = v.sampleAspectRatio { size += " SAR \(sar.numerator):\(sar.denominator)" }
                size += say(", getoond als \(v.displayWidth)x\(v.displayHeight)", ", shown as \(v.displayWidth)x\(v.displayHeight)")
                rows.append(("  " + say("Beeldformaat", "Picture"), size))
                rows.append(("  " + say("Rotatie", "Rotation"), v.rotation == 0 ? say("geen", "none")
                             : say("\(v.rotation)° met de klok mee", "\(v.rotation)° clockwise")))
                if let t = stream.timing {
                    let fps = t.averageFrameRate.map { String(format: "%.3f", $0) } ?? "?"
                    let mode = t.isVariable ? say("wisselend", "variable") : say("constant", "constant")
                    rows.append(("  " + say("Beeldsnelheid", "Frame rate"), "\(fps) fps (\(mode))"))
                    if t.isVariable, let lo = t.minimumFrameInterval, let hi = t.maximumFrameInterval {
                        rows.append(("  " + say("Beeldduur", "Frame interval"),
                                     String(format: "%.1f–%.1f ms", lo * 1000, hi * 1000)))
                    }
                    rows.append(("  " + say("Beelden", "Frames"), "\(t.frameCount)"))
                    if let k = t.keyframeInterval {
                        rows.append(("  " + say("Sleutelbeelden", "Keyframes"),
                                     say("\(t.keyframeCount), elke \(k.minimum)/\(k.median)/\(k.maximum) beelden (min/mediaan/max)",
                                         "\(t.keyframeCount), every \(k.minimum)/\(k.median)/\(k.maximum) frames (min/median/max)")))
                    } else {
                        rows.append(("  " + say("Sleutelbeelden", "Keyframes"), "\(t.keyframeCount)"))
                    }
                } else if let r = v.headerFrameRate {
                    rows.append(("  " + say("Beeldsnelheid", "Frame rate"), String(format: "%.3f fps", r.doubleValue)))
                }
                let colour = [v.pixelFormat, v.colorRange.map { "range \($0)" }, v.colorMatrix.map { "matrix \($0)" },
                              v.colorTransfer.map { "transfer \($0)" }].compactMap { $0 }.joined(separator: ", ")
                rows.append(("  " + say("Kleur", "Colour"), (colour.isEmpty ? "?" : colour) + (v.isHDR ? " (HDR)" : "")))
                if let dv = v.dolbyVision {
                    let profile = dv.hasCompatibleBaseLayer ? "\(dv.profile).\(dv.baseLayerCompatibility)" : "\(dv.profile)"
                    rows.append(("  Dolby Vision", say("profiel ", "profile ") + profile))
                }
            }
            if let a = stream.audio {
                rows.append(("  " + say("Geluid", "Sound"),
                             "\(a.sampleRate) Hz, \(a.channels) " + say("kanaal/kanalen", "channel(s)")
                             + (a.channelLayout.map { " (\($0))" } ?? "")))
            }
        }

        let p = info.privacy
        let absent = say("afwezig", "absent")
        rows.append((say("Locatie (GPS)", "Location (GPS)"), p.location.map { say("AANWEZIG: ", "PRESENT: ") + $0 } ?? absent))
        rows.append((say("Toestel", "Device"),
                     (p.make == nil && p.model == nil) ? absent
                     : say("aanwezig: ", "present: ") + [p.make, p.model].compactMap { $0 }.joined(separator: " ")))
        rows.append((say("Opnametijd", "Creation time"), p.creationTime.map { say("aanwezig: ", "present: ") + $0 } ?? absent))

        let width = rows.map(\.0.count).max() ?? 0
        return rows.map { label, value in
            label.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + value
        }.joined(separator: "\n") + "\n"
    }

    private func byteCount(_ bytes: Int64) -> String {
        let mb = Double(bytes) / 1_000_000
        return mb >= 1 ? String(format: "%.1f MB (%lld bytes)", mb, bytes) : "\(bytes) bytes"
    }
}
