import Foundation
internal import CFFmpeg

/// How loud a recording's sound is over time: the peak and the RMS level of every window of
/// `windowMicroseconds`, from time zero (the container's start time, as the presentation timeline counts),
/// in dB relative to full scale, over all channels. Made from the decoded sound, turned into float samples
/// by libswresample, so every sample format counts alike. For the timeline's sound band: talk and silence
/// told apart at a glance.
public struct SoundLevels: Sendable, Equatable {
    /// The level given to silence (and to windows the sound does not reach): quieter than any recording's noise.
    public static let floor: Float = -90
    public let windowMicroseconds: Int
    /// The loudest sample of each window, in dBFS (0 is full scale).
    public let peak: [Float]
    /// The root mean square of each window's samples, in dBFS.
    public let rms: [Float]

    public init(windowMicroseconds: Int, peak: [Float], rms: [Float]) {
        self.windowMicroseconds = windowMicroseconds
        self.peak = peak
        self.rms = rms
    }

    /// Reads the sound of the recording at `path` (its first sound stream that can be decoded) whole.
    /// `nil` when it has no sound. Damaged packets are passed over (their windows stay as loud as what
    /// was decoded of them); `isCancelled` is asked at every packet.
    public static func measure(path: String, windowMicroseconds: Int = 50_000,
                               isCancelled: () -> Bool = { false }) throws(MediaError) -> SoundLevels? {
        precondition(windowMicroseconds > 0)
        let file = try InputFile(path: path)
        try file.findStreamInfo()
        guard let index = file.listedStreams.first(where: { _, stream in
            let par = stream.pointee.codecpar.pointee
            return par.codec_type == AVMEDIA_TYPE_AUDIO && par.sample_rate > 0 && par.ch_layout.nb_channels > 0
                && avcodec_find_decoder(par.codec_id) != nil
        })?.index else { return nil }
        let decoder = try Decoder(file: file, stream: index, threads: 1)
        let source = try PacketSource(file: file, streams: [index])
        let start = timestamp(file.context.pointee.start_time) ?? 0
        var meter = Meter(windowMicroseconds: windowMicroseconds)
        let frame = try Frame(), converted = try Frame()
        var resampler: Resampler?
        _ = try decoder.run(from: source, into: frame, isCancelled: isCancelled, damaged: { _ in }) { frame throws(MediaError) in
            let f = frame.pointer.pointee
            guard f.nb_samples > 0, f.sample_rate > 0, let pts = frame.bestEffortTimestamp else { return true }
            let samples: Frame
            if f.format == AV_SAMPLE_FMT_FLTP.rawValue {
                samples = frame
            } else {
                if resampler == nil { resampler = try Resampler(from: frame, to: &decoder.context.pointee.ch_layout, rate: f.sample_rate) }
                converted.clear()
                try check(av_channel_layout_copy(&converted.pointer.pointee.ch_layout, &decoder.context.pointee.ch_layout), "av_channel_layout_copy")
                converted.pointer.pointee.format = AV_SAMPLE_FMT_FLTP.rawValue
                converted.pointer.pointee.sample_rate = f.sample_rate
                try resampler?.convert(frame, into: converted)
                samples = converted
            }
            let at = av_rescale_q_rnd(pts, decoder.timeBase.av, ib_time_base_q(), AV_ROUND_NEAR_INF) - start
            let s = samples.pointer.pointee
            let channels = Int(s.ch_layout.nb_channels)
            var planes: [UnsafePointer<Float>] = []
            for c in 0..<channels {
                guard let plane = s.extended_data[c] else { throw .inconsistent(.missingChannel(c)) }
                planes.append(UnsafeRawPointer(plane).assumingMemoryBound(to: Float.self))
            }
            meter.add(planes, count: Int(s.nb_samples), rate: Int(s.sample_rate), atMicroseconds: at)
            return true
        }
        return meter.levels
    }
}

/// Adds samples up into windows of a fixed length from time zero.
private struct Meter {
    let windowMicroseconds: Int
    private var peak: [Float] = [], squares: [Double] = [], counts: [Int] = []
    /// The next sample's number from time zero, at `rate`; nil before the first frame.
    private var position: Int?
    private var rate = 0

    init(windowMicroseconds: Int) { self.windowMicroseconds = windowMicroseconds }

    /// One frame's samples (float planes, one per channel), the first at `atMicroseconds` from time zero.
    mutating func add(_ planes: [UnsafePointer<Float>], count: Int, rate: Int, atMicroseconds at: Int64) {
        let stamped = Int((Double(at) * Double(rate) / 1_000_000).rounded())
        // Samples follow on from the last frame's; the frame's own time counts where it jumps (a gap in the
        // sound, a change of rate) by more than a tenth of a window either way.
        if position == nil || rate != self.rate || abs(stamped - position!) * 10 * 1_000_000 >= rate * windowMicroseconds {
            position = stamped
            self.rate = rate
        }
        let n = position!
        let windowSamples = Double(rate) * Double(windowMicroseconds) / 1_000_000
        var i = max(0, -n)  // samples before time zero (an edit list's lead-in) left out
        while i < count {
            let window = Int(Double(n + i) / windowSamples)
            // This window's samples in the frame, all at once: those before the next window's first.
            let end = max(i + 1, min(count, Int((Double(window + 1) * windowSamples).rounded(.up)) - n))
            grow(to: window)
            var top = peak[window], sum = 0.0
            for plane in planes {
                for k in i..<end {
                    let v = plane[k]
                    top = max(top, abs(v))
                    sum += Double(v) * Double(v)
                }
            }
            peak[window] = top
            squares[window] += sum
            counts[window] += (end - i) * planes.count
            i = end
        }
        position = n + count
    }

    private mutating func grow(to window: Int) {
        guard window >= peak.count else { return }
        let more = window + 1 - peak.count
        peak += repeatElement(0, count: more)
        squares += repeatElement(0, count: more)
        counts += repeatElement(0, count: more)
    }

    var levels: SoundLevels {
        func decibels(_ amplitude: Double) -> Float { amplitude > 0 ? max(SoundLevels.floor, Float(20 * log10(amplitude))) : SoundLevels.floor }
        return SoundLevels(windowMicroseconds: windowMicroseconds,
                           peak: peak.map { decibels(Double($0)) },
                           rms: zip(squares, counts).map { $1 > 0 ? decibels(($0 / Double($1)).squareRoot()) : SoundLevels.floor })
    }
}
