internal import CFFmpeg

/// Brings decoded pictures to the size and pixel format an encoder takes. Wraps `SwsContext`.
final class FrameConverter {
    private let width: Int32, height: Int32
    private let format: AVPixelFormat
    private let scaler = SwsScaler()
    private lazy var sdr = SDRConverter(to: .yuv420p)

    init(width: Int32, height: Int32, format: AVPixelFormat) throws(MediaError) {
        self.width = width
        self.height = height
        self.format = format
    }

    /// The frame itself when it already fits, else a converted copy (timestamps kept; colour tags kept,
    /// but HDR pictures are tone-mapped to SDR BT.709 and deeper
    /// pictures dithered to 8 bits first).
    func convert(_ input: Frame) throws(MediaError) -> Frame {
        let frame = try sdr.eightBitSDR(input)
        let f = frame.pointer.pointee
        if f.width == width && f.height == height && f.format == format.rawValue { return frame }
        try scaler.prepare(from: (f.width, f.height, AVPixelFormat(rawValue: f.format)), to: (width, height, format),
                           flags: SwsScaler.bicubic)
        let out = try Frame()
        out.pointer.pointee.width = width
        out.pointer.pointee.height = height
        out.pointer.pointee.format = format.rawValue
        try check(av_frame_get_buffer(out.pointer, 0), "av_frame_get_buffer")
        try check(av_frame_copy_props(out.pointer, frame.pointer), "av_frame_copy_props")
        try scaler.scale(frame, into: out)
        return out
    }
}

/// The sound of a clip: decoded, cut to the sample at the video's start and end, encoded to AAC.
/// Owns the audio decoder, resampler (`SwrContext`), sample queue (`AVAudioFifo`) and encoder.
final class AudioCut {
    let outputIndex: Int
    private let decoder: Decoder
    private let encoder: Encoder
    private let output: OutputFile
    /// Made at the first frame not already float planes at the encoder's rate and channels.
    private var resampler: Resampler?
    private let fifo: AudioFIFO
    private let sampleRate: Int32
    private let startSample: Int64, endSample: Int64
    private var encodedSamples: Int64 = 0
    private let frame: Frame, converted: Frame, packet: Packet
    private(set) var done = false
    private var pending: [Packet] = []

    /// - Parameters: `startTicks`, `endTicks`: the clip's first frame and the end of its last, in the
    ///   video's time base; the sound keeps exactly the samples in between.
    init(file: InputFile, stream index: Int, output: OutputFile, globalHeader: Bool,
         startTicks: Int64, endTicks: Int64, videoTimeBase: Rational) throws(MediaError) {
        decoder = try Decoder(file: file, stream: index)
        let dec = decoder.context.pointee
        sampleRate = dec.sample_rate
        let samples = AVRational(num: 1, den: sampleRate)
        startSample = av_rescale_q_rnd(startTicks, videoTimeBase.av, samples, AV_ROUND_NEAR_INF)
        endSample = av_rescale_q_rnd(endTicks, videoTimeBase.av, samples, AV_ROUND_NEAR_INF)

        encoder = try AACEncoding(sampleRate: sampleRate, globalHeader: globalHeader).makeEncoder(layout: &decoder.context.pointee.ch_layout)
        let enc = encoder.context
        self.output = output
        outputIndex = try output.addStream()
        try encoder.describe(try output.stream(outputIndex))

        fifo = try AudioFIFO(channels: enc.pointee.ch_layout.nb_channels)
        frame = try Frame()
        converted = try Frame()
        packet = try Packet()
    }

    /// Decodes a packet (or, with `nil`, what the decoder still holds) and queues the samples that belong.
    func decode(_ packet: Packet?) throws(MediaError) {
        guard !done else { return }
        try decoder.decode(packet, into: frame) { frame throws(MediaError) in
            try take(frame)
            return !done
        }
        if packet == nil { done = true }
    }

    /// Converts to float planes and keeps the samples in [start, end).
    private func take(_ frame: Frame) throws(MediaError) {
        guard let pts = frame.bestEffortTimestamp else { return }
        let first = av_rescale_q_rnd(pts, decoder.timeBase.av, AVRational(num: 1, den: sampleRate), AV_ROUND_NEAR_INF)
        let source = try toPlanarFloat(frame)
        let count = Int64(source.pointer.pointee.nb_samples)
        let from = max(startSample, first), to = min(endSample, first + count)
        if first >= endSample { done = true }
        guard to > from else { return }
        let skip = Int(from - first)
        let channels = Int(source.pointer.pointee.ch_layout.nb_channels)
        var planes = [UnsafeMutableRawPointer?](repeating: nil, count: channels)
        for c in 0..<channels {
            guard let plane = source.pointer.pointee.extended_data[c] else { throw .inconsistent(.missingChannel(c)) }
            planes[c] = UnsafeMutableRawPointer(plane) + skip * MemoryLayout<Float>.size
        }
        try fifo.write(&planes, count: Int32(to - from))
        if to >= endSample { done = true }
        try encodeQueued(final: false)
    }

    private func toPlanarFloat(_ frame: Frame) throws(MediaError) -> Frame {
        let f = frame.pointer.pointee
        if f.format == AV_SAMPLE_FMT_FLTP.rawValue && f.sample_rate == sampleRate
            && f.ch_layout.nb_channels == encoder.context.pointee.ch_layout.nb_channels { return frame }
        if resampler == nil { resampler = try Resampler(from: frame, to: &encoder.context.pointee.ch_layout, rate: sampleRate) }
        converted.clear()
        try check(av_channel_layout_copy(&converted.pointer.pointee.ch_layout, &encoder.context.pointee.ch_layout), "av_channel_layout_copy")
        converted.pointer.pointee.format = AV_SAMPLE_FMT_FLTP.rawValue
        converted.pointer.pointee.sample_rate = sampleRate
        try resampler?.convert(frame, into: converted)
        return converted
    }

    /// Encodes whole AAC frames from the queue (and, at the end, the short rest).
    private func encodeQueued(final: Bool) throws(MediaError) {
        let frameSize = Int32(encoder.context.pointee.frame_size > 0 ? encoder.context.pointee.frame_size : 1024)
        while fifo.count >= frameSize || (final && fifo.count > 0) {
            let n = min(frameSize, fifo.count)
            let out = try Frame()
            out.pointer.pointee.nb_samples = n
            out.pointer.pointee.format = AV_SAMPLE_FMT_FLTP.rawValue
            out.pointer.pointee.sample_rate = sampleRate
            try check(av_channel_layout_copy(&out.pointer.pointee.ch_layout, &encoder.context.pointee.ch_layout), "av_channel_layout_copy")
            try check(av_frame_get_buffer(out.pointer, 0), "av_frame_get_buffer")
            try fifo.read(into: out, count: n)
            out.pointer.pointee.pts = encodedSamples
            encodedSamples += Int64(n)
            try encoder.encode(out, into: packet, write)
        }
    }

    /// Write through the muxer's interleaving (true) or at once (false: the sound after the picture).
    var interleaved = true

    private func write(_ packet: Packet) throws(MediaError) {
        try output.write(packet, stream: outputIndex, timeBase: Rational(1, sampleRate), interleaved: interleaved)
    }

    /// Encodes the rest and flushes the encoder.
    func finish() throws(MediaError) {
        try encodeQueued(final: true)
        try encoder.encode(nil, into: packet, write)
    }
}
