import Foundation
internal import CFFmpeg

/// A media file being written. Wraps an output `AVFormatContext` and its `AVIOContext`.
///
/// Steps that can fail (the header, the trailer) are explicit throwing calls; `deinit` only frees.
final class OutputFile {
    let context: UnsafeMutablePointer<AVFormatContext>
    let path: String
    private var opened = false

    /// Prepares to write `path` in `format` (a muxer name such as `mp4`).
    init(path: String, format: String) throws(MediaError) {
        context = try formatContext("avformat_alloc_output_context2") { avformat_alloc_output_context2(&$0, nil, format, path) }
        self.path = path
    }

    deinit {
        if opened { avio_closep(&context.pointee.pb) }
        avformat_free_context(context)
    }

    /// Whether encoders must put their parameter sets in `extradata` (MP4 does).
    var wantsGlobalHeader: Bool { context.pointee.oformat.pointee.flags & AVFMT_GLOBALHEADER != 0 }

    /// Adds a stream and returns its index.
    func addStream() throws(MediaError) -> Int {
        guard avformat_new_stream(context, nil) != nil else { throw .outOfMemory("avformat_new_stream") }
        return Int(context.pointee.nb_streams) - 1
    }

    /// The stream `addStream` made at `index`.
    func stream(_ index: Int) throws(MediaError) -> UnsafeMutablePointer<AVStream> {
        guard index >= 0, index < Int(context.pointee.nb_streams), let stream = context.pointee.streams[index] else {
            throw .inconsistent(.outputStreamMissing(index))
        }
        return stream
    }

    /// Adds chapters (QuickTime chapter track and Nero `chpl` in MP4). FFmpeg 5.1 has no public call for
    /// this, so the `AVChapter`s are allocated here; `avformat_free_context` frees them.
    func setChapters(_ chapters: [(start: Int64, end: Int64, title: String)], timeBase: Rational) throws(MediaError) {
        guard !chapters.isEmpty else { return }
        let size = MemoryLayout<UnsafeMutablePointer<AVChapter>?>.stride * chapters.count
        guard let raw = av_mallocz(size) else { throw .outOfMemory("av_mallocz") }
        let list = raw.bindMemory(to: UnsafeMutablePointer<AVChapter>?.self, capacity: chapters.count)
        context.pointee.chapters = list
        for (i, chapter) in chapters.enumerated() {
            guard let c = av_mallocz(MemoryLayout<AVChapter>.stride)?.bindMemory(to: AVChapter.self, capacity: 1) else {
                throw .outOfMemory("av_mallocz")
            }
            c.pointee.id = Int64(i + 1)
            c.pointee.time_base = timeBase.av
            c.pointee.start = chapter.start
            c.pointee.end = chapter.end
            av_dict_set(&c.pointee.metadata, "title", chapter.title, 0)
            list[i] = c
            context.pointee.nb_chapters = UInt32(i + 1)
        }
    }

    /// Copies metadata tags (only when the coach asks to keep them).
    func copyMetadata(from input: InputFile, streams: [(input: Int, output: Int)]) throws(MediaError) {
        av_dict_copy(&context.pointee.metadata, input.context.pointee.metadata, 0)
        for (i, o) in streams {
            av_dict_copy(&(try stream(o)).pointee.metadata, try input.stream(i).pointee.metadata, 0)
        }
    }

    /// Opens the file and writes the header. `options` are muxer options (`movflags`, ...).
    func writeHeader(options: [String: String], bitExact: Bool) throws(MediaError) {
        if bitExact { context.pointee.flags |= AVFMT_FLAG_BITEXACT }
        try check(avio_open(&context.pointee.pb, path, AVIO_FLAG_WRITE), "avio_open")
        opened = true
        var dict: OpaquePointer?
        for (k, v) in options { av_dict_set(&dict, k, v, 0) }
        defer { av_dict_free(&dict) }
        try check(avformat_write_header(context, &dict), "avformat_write_header")
    }

    /// Writes a packet whose timestamps are in `timeBase`, in interleaved order.
    /// Wraps `av_interleaved_write_frame` (which takes the packet's data).
    /// - Parameter interleaved: false writes at once (`av_write_frame`), each stream in its own order: for
    ///   writing one stream after the other.
    func write(_ packet: Packet, stream index: Int, timeBase: Rational, interleaved: Bool = true) throws(MediaError) {
        packet.pointer.pointee.stream_index = Int32(index)
        av_packet_rescale_ts(packet.pointer, timeBase.av, try stream(index).pointee.time_base)
        if interleaved {
            try check(av_interleaved_write_frame(context, packet.pointer), "av_interleaved_write_frame")
        } else {
            try check(av_write_frame(context, packet.pointer), "av_write_frame")
        }
    }

    /// Writes the trailer (the MP4 index) and closes the file. Wraps `av_write_trailer`.
    func finish() throws(MediaError) {
        try check(av_write_trailer(context), "av_write_trailer")
        try check(avio_closep(&context.pointee.pb), "avio_closep")
        opened = false
    }
}

/// An encoder. Wraps an encoding `AVCodecContext`.
final class Encoder {
    let context: UnsafeMutablePointer<AVCodecContext>

    /// Allocates an encoder by name (`libx264`, `aac`); set its parameters, then call `open`.
    init(name: String) throws(MediaError) {
        guard let codec = avcodec_find_encoder_by_name(name) else { throw .noEncoder(name) }
        guard let ctx = avcodec_alloc_context3(codec) else { throw .outOfMemory("avcodec_alloc_context3") }
        context = ctx
    }

    deinit {
        var p: UnsafeMutablePointer<AVCodecContext>? = context
        avcodec_free_context(&p)
    }

    /// Opens the encoder with private options (`crf`, `preset`, ...). Wraps `avcodec_open2`.
    func open(options: [String: String] = [:]) throws(MediaError) {
        var dict: OpaquePointer?
        for (k, v) in options { av_dict_set(&dict, k, v, 0) }
        defer { av_dict_free(&dict) }
        try check(avcodec_open2(context, context.pointee.codec, &dict), "avcodec_open2")
    }

    /// The send/receive loop of encoding, the one place it is written: gives the encoder `frame` (`nil`:
    /// the end, flushing what it holds) and hands every packet it then has to `each`. An encoder that asks
    /// for packets to be taken first gets them taken first.
    func encode(_ frame: Frame?, into packet: Packet, _ each: (Packet) throws(MediaError) -> Void) throws(MediaError) {
        while true {
            let result = avcodec_send_frame(context, frame?.pointer)
            let taken = result != ib_averror_eagain()
            if taken, result != ib_averror_eof() { try check(result, "avcodec_send_frame") }
            var handed = 0
            while try receive(into: packet) {
                handed += 1
                try each(packet)
            }
            if taken { return }
            guard handed > 0 else {
                throw .inconsistent(.codecStalled(codec: String(cString: context.pointee.codec.pointee.name)))
            }
        }
    }

    /// Takes the next encoded packet; `false` when none is ready (or the encoder is done).
    /// Wraps `avcodec_receive_packet`.
    private func receive(into packet: Packet) throws(MediaError) -> Bool {
        packet.clear()
        let r = avcodec_receive_packet(context, packet.pointer)
        if r == ib_averror_eagain() || r == ib_averror_eof() { return false }
        try check(r, "avcodec_receive_packet")
        return true
    }

    /// Copies the encoder's parameters to an output stream. Wraps `avcodec_parameters_from_context`.
    func describe(_ stream: UnsafeMutablePointer<AVStream>) throws(MediaError) {
        try check(avcodec_parameters_from_context(stream.pointee.codecpar, context), "avcodec_parameters_from_context")
        stream.pointee.time_base = context.pointee.time_base
    }
}
