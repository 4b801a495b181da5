internal import CFFmpeg

/// FFmpeg logs to stderr by default; InBeeld reports problems itself, so FFmpeg is kept quiet
/// unless `INBEELD_FFMPEG_LOG` is set (to any value) for debugging.
private let quietFFmpegLog: Void = {
    if getenv("INBEELD_FFMPEG_LOG") == nil {
        av_log_set_level(AV_LOG_QUIET)
    }
}()

func prepareFFmpeg() { _ = quietFFmpegLog }

/// One compressed packet. Wraps `AVPacket`.
final class Packet {
    let pointer: UnsafeMutablePointer<AVPacket>

    init() throws(MediaError) {
        guard let p = av_packet_alloc() else { throw .outOfMemory("av_packet_alloc") }
        pointer = p
    }

    deinit {
        var p: UnsafeMutablePointer<AVPacket>? = pointer
        av_packet_free(&p)
    }

    /// Drops the payload so the packet can be filled again. Wraps `av_packet_unref`.
    func clear() { av_packet_unref(pointer) }

    /// Takes over `other`'s payload and properties, leaving `other` empty. Wraps `av_packet_move_ref`.
    func take(from other: Packet) {
        av_packet_unref(pointer)
        av_packet_move_ref(pointer, other.pointer)
    }

    /// Lists the packet as an ordinary picture, not a place to start playing (MP4's sync-sample table).
    func clearKeyframeFlag() { pointer.pointee.flags &= ~AV_PKT_FLAG_KEY }

    var streamIndex: Int { Int(pointer.pointee.stream_index) }
    var pts: Int64? { timestamp(pointer.pointee.pts) }
    var dts: Int64? { timestamp(pointer.pointee.dts) }
    var isKeyframe: Bool { pointer.pointee.flags & AV_PKT_FLAG_KEY != 0 }
    /// Lead-in packets before an MP4 edit list's start: not frames of the presentation.
    var isDiscarded: Bool { pointer.pointee.flags & AV_PKT_FLAG_DISCARD != 0 }
    var isCorrupt: Bool { pointer.pointee.flags & AV_PKT_FLAG_CORRUPT != 0 }
}

/// Hands a value to exactly one other thread. Only for owners of C objects that move to a worker and are
/// never touched again by the sender (the compiler cannot see that hand-over).
struct HandOver<Value>: @unchecked Sendable {
    let value: Value
}

/// One decoded picture or block of audio samples. Wraps `AVFrame`.
final class Frame {
    let pointer: UnsafeMutablePointer<AVFrame>

    init() throws(MediaError) {
        guard let p = av_frame_alloc() else { throw .outOfMemory("av_frame_alloc") }
        pointer = p
    }

    /// A new reference to the same picture or samples (no copy of the data). Wraps `av_frame_clone`.
    func clone() throws(MediaError) -> Frame {
        guard let p = av_frame_clone(pointer) else { throw .outOfMemory("av_frame_clone") }
        return Frame(owning: p)
    }

    private init(owning pointer: UnsafeMutablePointer<AVFrame>) { self.pointer = pointer }

    deinit {
        var p: UnsafeMutablePointer<AVFrame>? = pointer
        av_frame_free(&p)
    }

    func clear() { av_frame_unref(pointer) }

    /// The decoder's best guess of this frame's presentation time (`best_effort_timestamp`).
    var bestEffortTimestamp: Int64? { timestamp(pointer.pointee.best_effort_timestamp) }
    /// Whether the decoder flagged this frame as damaged (concealed errors).
    var isDamaged: Bool {
        pointer.pointee.decode_error_flags != 0 || pointer.pointee.flags & AV_FRAME_FLAG_CORRUPT != 0
    }
}

/// libswresample's converter from one frame's sample format, rate and channels to float planes at the
/// encoder's. Owns its `SwrContext`.
final class Resampler {
    private var context: OpaquePointer?

    init(from frame: Frame, to layout: UnsafeMutablePointer<AVChannelLayout>, rate: Int32) throws(MediaError) {
        var layoutIn = frame.pointer.pointee.ch_layout
        let f = frame.pointer.pointee
        try check(swr_alloc_set_opts2(&context, layout, AV_SAMPLE_FMT_FLTP, rate, &layoutIn, AVSampleFormat(rawValue: f.format), f.sample_rate, 0, nil),
                  "swr_alloc_set_opts2")
        try check(swr_init(context), "swr_init")
    }

    /// Converts `frame` into `converted` (its layout, format and rate set by the caller).
    func convert(_ frame: Frame, into converted: Frame) throws(MediaError) {
        try check(swr_convert_frame(context, converted.pointer, frame.pointer), "swr_convert_frame")
    }

    deinit { swr_free(&context) }
}

/// A queue of float-plane samples between a decoder's frames and an encoder's frame size. Owns its
/// `AVAudioFifo`.
final class AudioFIFO {
    private let fifo: OpaquePointer

    init(channels: Int32, capacity: Int32 = 4096) throws(MediaError) {
        guard let made = av_audio_fifo_alloc(AV_SAMPLE_FMT_FLTP, channels, capacity) else { throw .outOfMemory("av_audio_fifo_alloc") }
        fifo = made
    }

    /// How many samples are queued.
    var count: Int32 { av_audio_fifo_size(fifo) }

    /// Queues `count` samples from `planes` (one pointer per channel).
    func write(_ planes: inout [UnsafeMutableRawPointer?], count: Int32) throws(MediaError) {
        let written = planes.withUnsafeMutableBufferPointer { av_audio_fifo_write(fifo, $0.baseAddress, count) }
        try check(written, "av_audio_fifo_write")
    }

    /// Takes `count` samples off the queue into `frame`'s planes (made large enough by the caller).
    func read(into frame: Frame, count: Int32) throws(MediaError) {
        let read = frame.pointer.pointee.extended_data.withMemoryRebound(to: UnsafeMutableRawPointer?.self, capacity: 8) {
            av_audio_fifo_read(fifo, $0, count)
        }
        try check(read, "av_audio_fifo_read")
    }

    deinit { av_audio_fifo_free(fifo) }
}
