import ArgumentParser
import Foundation
import InBeeldCoaching
import InBeeldMedia
import InBeeldMarkers

extension Inbeeld {
    struct Cut: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Cut the chosen fragment of a recording, to the frame, sound in sync.",
            discussion: """
                The fragment runs from the frame shown at --from up to the last frame that starts before --to; \
                the method's fragment is 1 to 2 minutes. smart mode (the default) re-encodes only the frames \
                before the first keyframe and after the last, copies the rest unchanged, and is exact in every \
                player; where that cannot be made safe it re-encodes it all and says why. exact mode re-encodes \
                everything (H.264 and AAC); copy mode copies without loss from the keyframe before --from and \
                relies on the MP4 edit list to start and end at the exact frame. Exit status: 0 done, 1 failed, 64 command-line \
                mistakes, 130 stopped with Ctrl-C.
                """
        )

        @Argument(help: "The recording.")
        var recording: String

        @Option(help: "Start of the fragment (e.g. 1:40.5, or #3015 for a frame number).", transform: MarkerTime.argument)
        var from: MarkerTime

        @Option(help: "End of the fragment (e.g. 3:10).", transform: MarkerTime.argument)
        var to: MarkerTime

        @Option(name: .shortAndLong, help: "The clip to write (default: RECORDING-NAME_FROM_TO.mp4).")
        var output: String?

        @Option(help: "smart (the default: re-encode only around the keyframes at the ends, copy the rest), exact (re-encode it all) or copy (no loss, exact where edit lists are honoured).")
        var mode: CutJob.Mode = .smart

        @Option(help: "Markers (CSV or text): those in the fragment become chapters and a WebVTT file.")
        var markers: String?

        @Option(help: "Picture quality of what is re-encoded: x264's CRF (lower is better; default 18).")
        var crf: Int = 18

        @Option(help: "Encoding speed of what is re-encoded: an x264 preset (default veryfast for smart's few seconds, medium for exact).")
        var preset: String?

        @Flag(help: "Keep the recording's metadata (location, device, creation time) in the clip.")
        var keepMetadata = false

        @Flag(help: "Allow a fragment shorter than 1 minute or longer than 2.")
        var anyLength = false

        @Flag(help: "Overwrite the clip if it exists.")
        var force = false

        @Flag(help: "Print nothing but errors.")
        var quiet = false

        @OptionGroup var options: LanguageOptions

        static let presets = ["ultrafast", "superfast", "veryfast", "faster", "fast", "medium", "slow", "slower", "veryslow"]

        func validate() throws {
            guard (0...51).contains(crf) else { throw ValidationError(options.language.say(Words.crfRange)) }
            if let preset, !Self.presets.contains(preset) { throw ValidationError(options.language.say(Words.presetChoice(Self.presets.joined(separator: ", ")))) }
        }

        func run() throws {
            let language = options.language
            var list: [Marker] = []
            if let markers {
                list = try loadMarkers(markers, recording: recording, language: language)
            }
            let (start, end) = (from, to)
            let base = ((recording as NSString).lastPathComponent as NSString).deletingPathExtension
            let name = output ?? "\(base)_\(Self.fileTime(start))_\(Self.fileTime(end)).mp4"
            Interruption.install()
            let opened = try openRecording(recording, language: language, isCancelled: { Interruption.requested })
            let job = CutJob(recording: opened, from: start, to: end, output: name, mode: mode, crf: crf,
                             preset: preset, markers: list, keepMetadata: keepMetadata, anyLength: anyLength,
                             force: force, language: language)
            let display = !quiet && standardErrorIsTerminal ? RateDisplay() : nil
            let result: CutJob.Result
            do {
                result = try job.run(progress: { display?.update($0) }, isCancelled: { Interruption.requested })
            } catch {
                display?.finish()
                for message in error.messages { printError("inbeeld: \(message)\n") }
                throw ExitCode(error.cancelled ? 130 : 1)
            }
            display?.finish()
            if !quiet {
                for note in result.notes { printError("inbeeld: \(note)\n") }
                let seconds = String(format: "%.3f", result.clip.durationSeconds)
                let frames = result.clip.lastFrameIndex - result.clip.firstFrameIndex + 1
                print(language.say(Words.clipMade(result.output, frames: frames, seconds: seconds, markers: result.subtitles)))
                noteExposure(of: Paths.parent(of: result.output), language: language)
            }
        }

        static func fileTime(_ time: MarkerTime) -> String {
            switch time {
            case .frame(let n): return "f\(n)"
            case .clock(let us): return MarkerTime.clockText(us, separator: "-")
            case .timecode: return "tc" + time.description.replacingOccurrences(of: ":", with: "-").replacingOccurrences(of: ";", with: "-")
            }
        }
    }
}

extension CutJob.Mode: ExpressibleByArgument {}
