internal import CFFmpeg

/// A recording made from FFmpeg's own test sources, for trying InBeeld before there is a real one: a
/// moving test picture with a frame counter and a beep (880 Hz, 0.1 s) at the start of every second,
/// silence between (so sound and picture can be seen and heard to match), H.264 and AAC in MP4, like a phone's. Nothing in it comes from a camera.
public enum DemoRecording {
    /// What the demo recording is: 854x480 (the fewest lines the check accepts without a warning) at 25
    /// frames per second, mono sound at 48 kHz.
    public static let width = 854, height = 480, framesPerSecond = 25, sampleRate = 48_000

    /// Writes `seconds` of the demo recording to `path` (which must not exist yet; the caller renames it
    /// into place). Calls `progress` with the fraction done; stops with `.cancelled` when `isCancelled`
    /// turns true.
    public static func write(to path: String, seconds: Int, progress: (Double) -> Void = { _ in },
                             isCancelled: () -> Bool = { false }) throws(MediaError) {
        let output = try OutputFile(path: path, format: "mp4")
        let picture = try FilterSource(
            "testsrc=s=\(width)x\(height):r=\(framesPerSecond):d=\(seconds),format=yuv420p", audio: false)
        let sound = try FilterSource(
            "aevalsrc=0.25*sin(2*PI*880*t)*lt(mod(t\\,1)\\,0.1):s=\(sampleRate):d=\(seconds),aformat=sample_fmts=fltp:channel_layouts=mono",
            audio: true, frameSize: 1024)

        var pictureEncoding = H264Encoding(width: width, height: height, framesPerSecond: framesPerSecond, crf: 28, preset: "veryfast",
                                           globalHeader: output.wantsGlobalHeader)
        pictureEncoding.keyframeInterval = Int32(2 * framesPerSecond)
        pictureEncoding.threads = 0
        let video = try pictureEncoding.makeEncoder()
        let videoIndex = try output.addStream()
        try video.describe(try output.stream(videoIndex))

        var mono = AVChannelLayout()
        av_channel_layout_default(&mono, 1)
        let audio = try AACEncoding(sampleRate: Int32(sampleRate), bitRate: 64_000, globalHeader: output.wantsGlobalHeader, bitExact: true)
            .makeEncoder(layout: &mono)
        let audioIndex = try output.addStream()
        try audio.describe(try output.stream(audioIndex))

        try output.writeHeader(options: ["movflags": "+faststart"], bitExact: true)
        let packet = try Packet()
        // Every picture lasts one frame, the last one too: without a duration the muxer gives the last
        // sample none, and the MP4's edit list ends where the last frame starts, hiding it from players.
        func writeVideo(_ p: Packet) throws(MediaError) {
            p.pointer.pointee.duration = 1
            try output.write(p, stream: videoIndex, timeBase: Rational(1, Int32(framesPerSecond)))
        }
        let frames = seconds * framesPerSecond
        var done = 0, samples: Int64 = 0
        // One second of sound after each second of picture keeps the muxer's interleaving queue short.
        while let frame = try picture.next() {
            if isCancelled() { throw .cancelled }
            // The test source marks every frame as a keyframe; the encoder chooses its own.
            frame.pointer.pointee.pict_type = AV_PICTURE_TYPE_NONE
            try video.encode(frame, into: packet, writeVideo)
            done += 1
            guard done % framesPerSecond == 0 || done == frames else { continue }
            while samples < Int64(done / framesPerSecond) * Int64(sampleRate) || done == frames, let block = try sound.next() {
                block.pointer.pointee.pts = samples
                samples += Int64(block.pointer.pointee.nb_samples)
                try audio.encode(block, into: packet) { p throws(MediaError) in
                    try output.write(p, stream: audioIndex, timeBase: Rational(1, Int32(sampleRate)))
                }
            }
            progress(Double(done) / Double(frames))
        }
        try video.encode(nil, into: packet, writeVideo)
        try audio.encode(nil, into: packet) { p throws(MediaError) in
            try output.write(p, stream: audioIndex, timeBase: Rational(1, Int32(sampleRate)))
        }
        try output.finish()
    }
}

/// A filter graph that starts at a source filter (`testsrc`, `sine`...) and ends in a sink that hands
/// out its frames one by one. Owns the `AVFilterGraph`.
final class FilterSource {
    private var graph: UnsafeMutablePointer<AVFilterGraph>?
    private let sink: UnsafeMutablePointer<AVFilterContext>
    private var ended = false

    /// - Parameters: `chain`: the filters, source first; `frameSize`: for sound, samples per frame (an
    ///   encoder such as AAC takes whole frames of a fixed size).
    init(_ chain: String, audio: Bool, frameSize: Int32? = nil) throws(MediaError) {
        guard let g = avfilter_graph_alloc() else { throw .outOfMemory("avfilter_graph_alloc") }
        graph = g
        guard let filter = avfilter_get_by_name(audio ? "abuffersink" : "buffersink") else {
            throw .inconsistent(.filterMissing)
        }
        var created: UnsafeMutablePointer<AVFilterContext>?
        try check(avfilter_graph_create_filter(&created, filter, "out", nil, nil, g), "avfilter_graph_create_filter")
        guard let created else { throw .outOfMemory("avfilter_graph_create_filter") }
        sink = created
        var inputs = avfilter_inout_alloc()
        var outputs: UnsafeMutablePointer<AVFilterInOut>? = nil
        defer { avfilter_inout_free(&inputs) }
        guard let i = inputs else { throw .outOfMemory("avfilter_inout_alloc") }
        i.pointee.name = av_strdup("out")
        i.pointee.filter_ctx = sink
        i.pointee.pad_idx = 0
        i.pointee.next = nil
        try check(avfilter_graph_parse_ptr(g, chain, &inputs, &outputs, nil), "avfilter_graph_parse_ptr")
        avfilter_inout_free(&outputs)
        try check(avfilter_graph_config(g, nil), "avfilter_graph_config")
        if let frameSize { av_buffersink_set_frame_size(sink, UInt32(frameSize)) }
    }

    deinit { avfilter_graph_free(&graph) }

    /// The next frame, or `nil` once the source has ended.
    func next() throws(MediaError) -> Frame? {
        guard !ended else { return nil }
        let frame = try Frame()
        let r = av_buffersink_get_frame(sink, frame.pointer)
        if r == ib_averror_eof() { ended = true; return nil }
        try check(r, "av_buffersink_get_frame")
        return frame
    }
}
