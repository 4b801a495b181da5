internal import CFFmpeg

/// A decoder for one stream of an `InputFile`. Wraps `AVCodecContext`.
final class Decoder {
    let context: UnsafeMutablePointer<AVCodecContext>
    let streamIndex: Int
    let timeBase: Rational

    enum Output { case frame, needsInput, endOfStream }

    /// Opens a decoder for stream `index` of `file`.
    /// - Parameter strict: report bitstream damage as errors instead of concealing it (`AV_EF_EXPLODE`).
    /// - Parameter skipLoopFilter: leave out the deblocking filter (`skip_loop_filter`): the bitstream is
    ///   still parsed and reconstructed in full, so damage is still found, about a fifth faster; the
    ///   pictures are then not fit to show.
    /// - Parameter threads: decoding threads; 0 for as many as there are cores.
    init(file: InputFile, stream index: Int, strict: Bool = false, skipLoopFilter: Bool = false,
         threads: Int32 = 0) throws(MediaError) {
        let st = file.stream(index)
        let par: UnsafeMutablePointer<AVCodecParameters> = st.pointee.codecpar
        guard let codec = avcodec_find_decoder(par.pointee.codec_id) else {
            throw .noDecoder(codec: String(cString: avcodec_get_name(par.pointee.codec_id)))
        }
        guard let ctx = avcodec_alloc_context3(codec) else { throw .outOfMemory("avcodec_alloc_context3") }
        context = ctx
        streamIndex = index
        timeBase = Rational(st.pointee.time_base)
        try check(avcodec_parameters_to_context(ctx, par), "avcodec_parameters_to_context")
        ctx.pointee.pkt_timebase = st.pointee.time_base
        ctx.pointee.thread_count = threads
        if strict { ctx.pointee.err_recognition |= AV_EF_EXPLODE }
        if skipLoopFilter { ctx.pointee.skip_loop_filter = AVDISCARD_ALL }
        try check(avcodec_open2(ctx, codec, nil), "avcodec_open2")
    }

    deinit {
        var p: UnsafeMutablePointer<AVCodecContext>? = context
        avcodec_free_context(&p)
    }

    /// Gives the decoder a packet (or `nil` to flush at the end). Returns `false` when the decoder
    /// must hand out frames first. Wraps `avcodec_send_packet`.
    func send(_ packet: Packet?) throws(MediaError) -> Bool {
        let result = avcodec_send_packet(context, packet?.pointer)
        if result == ib_averror_eagain() { return false }
        if result == ib_averror_eof() { return true }  // already flushing
        try check(result, "avcodec_send_packet")
        return true
    }

    /// Forgets buffered frames after a seek. Wraps `avcodec_flush_buffers`.
    func flush() { avcodec_flush_buffers(context) }

    /// Takes the next decoded frame, if one is ready. Wraps `avcodec_receive_frame`.
    func receive(into frame: Frame) throws(MediaError) -> Output {
        frame.clear()
        let result = avcodec_receive_frame(context, frame.pointer)
        if result == ib_averror_eagain() { return .needsInput }
        if result == ib_averror_eof() { return .endOfStream }
        try check(result, "avcodec_receive_frame")
        return .frame
    }
}
