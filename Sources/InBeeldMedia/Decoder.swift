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
        let st = try file.stream(index)
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

    /// The send/receive loop, the one place it is written: gives the decoder `packet` (`nil`: the end of
    /// the stream, flushing what it holds) and hands every frame it then has to `each`, until it wants
    /// more input, is done, or `each` returns false. Then false is returned; frames not yet handed stay in
    /// the decoder, and a packet it had not yet taken is kept and given first at the next call, so
    /// stopping loses nothing. A decoder that asks for frames to be taken first gets them taken first.
    /// - Parameter damaged: where errors in the stream's data go (the packet, or the frames still to come
    ///   from it, are then given up and decoding goes on; the decoder conceals what it can); without it,
    ///   they are thrown.
    @discardableResult
    func decode(_ packet: Packet?, into frame: Frame, damaged: ((MediaError) -> Void)? = nil,
                _ each: (Frame) throws(MediaError) -> Bool) throws(MediaError) -> Bool {
        while !unsent.isEmpty {
            let first = unsent.removeFirst()
            guard try feed(first, into: frame, damaged: damaged, each) else {
                if fedButNotTaken { unsent.insert(first, at: unsent.startIndex) }
                unsent.append(try packet.map(Self.kept))
                return false
            }
        }
        guard try feed(packet, into: frame, damaged: damaged, each) else {
            if fedButNotTaken { unsent.append(try packet.map(Self.kept)) }
            return false
        }
        return true
    }

    /// Packets (`nil`: the end of the stream) not yet taken when `each` stopped the loop.
    private var unsent: [Packet?] = []
    private var fedButNotTaken = false

    private static func kept(_ packet: Packet) throws(MediaError) -> Packet {
        let copy = try Packet()
        copy.take(from: packet)
        return copy
    }

    /// One packet: sent, and frames handed out; false when `each` stopped (`fedButNotTaken` then says
    /// whether the packet is still to be sent).
    private func feed(_ packet: Packet?, into frame: Frame, damaged: ((MediaError) -> Void)?,
                      _ each: (Frame) throws(MediaError) -> Bool) throws(MediaError) -> Bool {
        while true {
            var taken: Bool
            do { taken = try send(packet) } catch {
                guard let damaged else { throw error }
                damaged(error)
                taken = true
            }
            var handed = 0
            receiving: while true {
                let output: Output
                do { output = try receive(into: frame) } catch {
                    guard let damaged else { throw error }
                    damaged(error)
                    break receiving
                }
                switch output {
                case .frame:
                    handed += 1
                    guard try each(frame) else { fedButNotTaken = !taken; return false }
                case .needsInput, .endOfStream:
                    break receiving
                }
            }
            if taken { return true }
            guard handed > 0 else { throw .inconsistent(.codecStalled(codec: codecName)) }
        }
    }

    var codecName: String { String(cString: avcodec_get_name(context.pointee.codec_id)) }

    /// Gives the decoder a packet (or `nil` to flush at the end). Returns `false` when the decoder
    /// must hand out frames first. Wraps `avcodec_send_packet`.
    private func send(_ packet: Packet?) throws(MediaError) -> Bool {
        let result = avcodec_send_packet(context, packet?.pointer)
        if result == ib_averror_eagain() { return false }
        if result == ib_averror_eof() { return true }  // already flushing
        try check(result, "avcodec_send_packet")
        return true
    }

    /// Forgets buffered frames after a seek. Wraps `avcodec_flush_buffers`.
    func flush() {
        avcodec_flush_buffers(context)
        unsent = []
    }

    /// Takes the next decoded frame, if one is ready. Wraps `avcodec_receive_frame`.
    private func receive(into frame: Frame) throws(MediaError) -> Output {
        frame.clear()
        let result = avcodec_receive_frame(context, frame.pointer)
        if result == ib_averror_eagain() { return .needsInput }
        if result == ib_averror_eof() { return .endOfStream }
        try check(result, "avcodec_receive_frame")
        return .frame
    }
}
