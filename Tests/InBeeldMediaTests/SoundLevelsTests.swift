import Foundation
import Testing
import TestSupport
@testable import InBeeldMedia

/// The sound's levels along the timeline, on recordings the ffmpeg CLI makes with a beep at every whole
/// second and silence between, in the sample formats phones and cameras write.
@Suite struct SoundLevelsTests {
    /// AAC (decoded to float planes) and 16-bit PCM (turned into float by libswresample), mono and stereo.
    @Test(arguments: [("aac", "mp4", 1), ("aac", "mp4", 2), ("pcm_s16le", "mov", 2)])
    func aBeepEverySecondIsLoudAndTheRestSilent(_ codec: String, _ container: String, _ channels: Int) throws {
        let folder = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = "\(folder)/piep.\(container)"
        // Half of full scale, for the first tenth of every second; the same in every channel.
        let beep = "if(lt(mod(t\\,1)\\,0.1)\\,0.5*sin(2*PI*1000*t)\\,0)"
        let made = try run(try requireProgramPath("ffmpeg"), [
            "-nostdin", "-v", "error", "-f", "lavfi", "-i", "testsrc2=size=160x120:rate=25:duration=6",
            "-f", "lavfi", "-i", "aevalsrc=\(Array(repeating: beep, count: channels).joined(separator: "|")):s=44100:d=6",
            "-c:v", "libx264", "-pix_fmt", "yuv420p", "-c:a", codec, "-shortest", path])
        try #require(made.status == 0, "\(made.stderr)")
        let levels = try #require(try SoundLevels.measure(path: path, windowMicroseconds: 50_000))
        #expect(levels.peak.count >= 110 && levels.peak.count <= 122, "\(levels.peak.count) windows of 50 ms in 6 s")
        for second in 0..<6 {
            let first = second * 20
            // The beep's windows: 0.5 of full scale is -6 dB; its RMS, a sine's, 3 dB lower.
            for w in first..<(first + 2) {
                #expect(abs(levels.peak[w] - -6) < 1.5, "\(codec) \(second) s: peak \(levels.peak[w]) dB")
                #expect(abs(levels.rms[w] - -9) < 1.5, "\(codec) \(second) s: RMS \(levels.rms[w]) dB")
            }
            // Silence from 0.25 s after the beep to 0.9 s: AAC's echoes before and after a beep (up to a
            // transform block of 2048 samples, 46 ms) are left room.
            for w in (first + 5)..<min(first + 18, levels.peak.count) {
                #expect(levels.peak[w] < -60, "\(codec) \(second) s, window \(w): \(levels.peak[w]) dB between the beeps")
            }
        }
    }

    @Test func aRecordingWithoutSoundHasNoLevels() throws {
        #expect(try SoundLevels.measure(path: fixture("barcode-rotated.mp4")) == nil)
    }
}
