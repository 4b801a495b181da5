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
