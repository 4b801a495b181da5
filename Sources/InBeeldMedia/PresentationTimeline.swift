internal import CFFmpeg

/// Every frame of a video stream in presentation order, from the packets' presentation timestamps:
/// the timeline on which InBeeld decides which frame is shown at a time.
public struct PresentationTimeline: Sendable, Equatable, Codable {
    public let streamIndex: Int
    public let timeBase: Rational
    /// Time zero as people see it (the container's start time), in microseconds.
    public let startMicroseconds: Int64
    /// Every frame's presentation timestamp in ticks, ascending (edit-list lead-in excluded).
    public let pts: [Int64]
    /// Keyframes' presentation timestamps, ascending.
    public let keyframePts: [Int64]

    public var frameCount: Int { pts.count }

    /// Whether the timestamps are in the order every lookup here relies on (a timeline read back from a
    /// file someone could have edited is used only when they are).
    public var isOrdered: Bool {
        zip(pts, pts.dropFirst()).allSatisfy { $0 <= $1 } && zip(keyframePts, keyframePts.dropFirst()).allSatisfy { $0 <= $1 }
            && timeBase.numerator > 0 && timeBase.denominator > 0
    }

    /// The frame a player shows at `microseconds` (from time zero): the largest pts <= T + 0.5 ms,
    /// decided in integer ticks. Before the first frame, the first frame. `nil` for an empty stream.
    public func frameIndex(atMicroseconds microseconds: Int64) -> Int? {
        guard !pts.isEmpty else { return nil }
        let limit = ticks(atMicroseconds: microseconds + 500, rounding: AV_ROUND_DOWN)
        return max(pts.partitionPoint { $0 <= limit } - 1, 0)
    }

    /// The last frame that starts before `microseconds` (from time zero): the largest pts < T, exactly.
    /// `nil` when no frame starts before it.
    public func lastFrameIndex(beforeMicroseconds microseconds: Int64) -> Int? {
        let bound = ticks(atMicroseconds: microseconds, rounding: AV_ROUND_UP)  // pts < T  <=>  pts < ceil(T)
        let before = pts.partitionPoint { $0 < bound }
        return before > 0 ? before - 1 : nil
    }

    /// When frame `index` stops being shown, from time zero, in microseconds (rounded down).
    public func endMicroseconds(ofFrame index: Int) -> Int64 {
        av_rescale_q_rnd(pts[index] + duration(ofFrame: index), timeBase.av, ib_time_base_q(), AV_ROUND_DOWN) - startMicroseconds
    }

    /// How long frame `index` is shown: until the next frame, or for the last one, as long as the one before.
    func duration(ofFrame index: Int) -> Int64 {
        if index + 1 < pts.count { return pts[index + 1] - pts[index] }
        return pts.count > 1 ? pts[index] - pts[index - 1] : 1
    }

    /// The frame's time from time zero in seconds (for people and JSON).
    public func seconds(ofFrame index: Int) -> Double {
        MediaTime(ticks: pts[index], timeBase: timeBase).seconds - Double(startMicroseconds) / 1_000_000
    }

    /// The frame's time from time zero in microseconds, rounded down.
    public func microseconds(ofFrame index: Int) -> Int64 {
        av_rescale_q_rnd(pts[index], timeBase.av, ib_time_base_q(), AV_ROUND_DOWN) - startMicroseconds
    }

    /// The end of the last frame, from time zero, in microseconds: where the recording's picture ends.
    public var endMicroseconds: Int64 {
        guard let last = pts.last else { return 0 }
        let typical = pts.count > 1 ? pts[pts.count - 1] - pts[pts.count - 2] : 0
        return av_rescale_q_rnd(last + typical, timeBase.av, ib_time_base_q(), AV_ROUND_DOWN) - startMicroseconds
    }

    /// The keyframe at or before the frame with timestamp `ticks`.
    func keyframe(atOrBefore ticks: Int64) -> Int64? {
        let atOrBefore = keyframePts.partitionPoint { $0 <= ticks }
        return atOrBefore > 0 ? keyframePts[atOrBefore - 1] : nil
    }

    /// The first frame of the group of pictures frame `index` belongs to: the frame at the keyframe at or
    /// before it (from there, decoding reaches it without a seek); 0 when no keyframe precedes it.
    public func keyframeIndex(ofFrame index: Int) -> Int {
        guard let key = keyframe(atOrBefore: pts[index]) else { return 0 }
        // The first frame with pts >= the keyframe's (pts are in ascending order).
        return pts[..<index].partitionPoint { $0 < key }
    }

    /// Stream ticks for a time from time zero (exact rational rescale, rounded as asked).
    private func ticks(atMicroseconds microseconds: Int64, rounding: AVRounding) -> Int64 {
        av_rescale_q_rnd(microseconds + startMicroseconds, ib_time_base_q(), timeBase.av,
                         AVRounding(rawValue: rounding.rawValue | AV_ROUND_PASS_MINMAX.rawValue))
    }
}

extension InputFile {
    /// The first video stream that is a moving picture (not a cover image), if any.
    public var mainVideoStream: Int? {
        listedStreams.first { _, stream in
            stream.pointee.codecpar.pointee.codec_type == AVMEDIA_TYPE_VIDEO
                && stream.pointee.disposition & AV_DISPOSITION_ATTACHED_PIC == 0
        }?.index
    }

    /// Reads every packet of the stream (no decoding) to build its presentation timeline. Leaves the file
    /// at its end: seek before reading on.
    public func presentationTimeline(stream index: Int, isCancelled: () -> Bool = { false }) throws(MediaError) -> PresentationTimeline {
        let source = try PacketSource(file: self, streams: [index])
        defer { discardStreams(except: Set(0..<streamCount)) }
        var pts: [Int64] = []
        var keys: [Int64] = []
        if let n = Optional(try stream(index).pointee.nb_frames), n > 0 { pts.reserveCapacity(Int(n)) }
        var read = 0
        while try source.next() {
            read += 1
            if read % 512 == 0, isCancelled() { throw .cancelled }
            let packet = source.packet
            guard !packet.isDiscarded, let t = packet.pts ?? packet.dts else { continue }
            pts.append(t)
            if packet.isKeyframe { keys.append(t) }
        }
        let start = timestamp(context.pointee.start_time) ?? 0
        return PresentationTimeline(streamIndex: index, timeBase: Rational(try stream(index).pointee.time_base),
                                    startMicroseconds: start, pts: pts.sorted(), keyframePts: keys.sorted())
    }

    /// Positions the demuxer at the keyframe at or before `ticks` in stream `index`. Wraps `av_seek_frame`.
    func seek(stream index: Int, toKeyframeAtOrBefore ticks: Int64) throws(MediaError) {
        try check(av_seek_frame(context, Int32(index), ticks, AVSEEK_FLAG_BACKWARD), "av_seek_frame")
    }
}

extension RandomAccessCollection where Index == Int {
    /// The index of the first element for which `isBefore` is false, when it holds for a leading run and then
    /// never again (`$0 <= t` on ascending times): the one binary search of the timeline's questions (the
    /// last frame at or before a time, the last before it, a keyframe, an exact timestamp).
    func partitionPoint(_ isBefore: (Element) -> Bool) -> Int {
        var lo = startIndex, hi = endIndex
        while lo < hi {
            let mid = lo + (hi - lo) / 2
            if isBefore(self[mid]) { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }
}
