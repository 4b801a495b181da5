import Foundation
internal import CFFmpeg

/// What to cut: the fragment [from, to) of a recording, times from its time zero.
public struct ClipRequest: Sendable {
    public enum Mode: Sendable, Equatable {
        /// Re-encode the picture (libx264) and the sound (AAC): exact in every player.
        case exact(crf: Int, preset: String)
        /// Copy packets from the keyframe at or before the start, with an edit list hiding the lead-in.
        case copy
    }

    public var destination: String
    public var fromMicroseconds: Int64
    public var toMicroseconds: Int64
    public var mode: Mode
    /// Copy the source's metadata (location, device, creation time). Off by default.
    public var keepMetadata: Bool
    /// Chapters at fragment-relative times, in microseconds.
    public var chapters: [(start: Int64, end: Int64, title: String)]
    /// Exact mode: scale the picture down to fit inside this many pixels (width, height as stored), keeping
    /// its shape. `nil` keeps the source's size (as a coaching fragment must).
    public var fitInside: (width: Int, height: Int)? = nil

    public init(destination: String, fromMicroseconds: Int64, toMicroseconds: Int64, mode: Mode,
                keepMetadata: Bool = false, chapters: [(start: Int64, end: Int64, title: String)] = []) {
        self.destination = destination
        self.fromMicroseconds = fromMicroseconds
        self.toMicroseconds = toMicroseconds
        self.mode = mode
        self.keepMetadata = keepMetadata
        self.chapters = chapters
    }
}

/// What was cut.
public struct ClipReport: Sendable, Codable, Equatable {
    /// The source frames the clip shows, in presentation order.
    public var firstFrameIndex: Int
    public var lastFrameIndex: Int
    public var firstFrameSeconds: Double
    /// The clip's length: from its first frame to the end of its last.
    public var durationSeconds: Double
    /// Copy mode: frames before the first that are in the file but hidden by the edit list.
    public var leadInFrames: Int
    public var hasAudio: Bool
    /// Smart mode: how many frames were re-encoded (the rest were copied).
    public var reencodedFrames: Int? = nil
}

/// Cuts fragments out of one recording. Not `Sendable`: owns the open input.
public final class ClipCutter {
    let file: InputFile
    public let info: MediaInfo
    public let timeline: PresentationTimeline
    let videoIndex: Int
    let audioIndex: Int?

    /// Opens `source`. Its description and timeline, when already known (`describe(thorough: true)` and
    /// `presentationTimeline` of the same file), are taken as they are instead of being read again.
    public init(source: String, info known: MediaInfo? = nil, timeline knownTimeline: PresentationTimeline? = nil) throws(MediaError) {
        file = try InputFile(path: source)
        if let known {
            try file.findStreamInfo()
            info = known
        } else {
            info = try file.describe(thorough: true, measureTiming: false)
        }
        guard let v = file.mainVideoStream else { throw .noVideoStream }
        videoIndex = v
        audioIndex = info.streams.first { $0.kind == .audio && $0.decodable }?.index
        if let knownTimeline { timeline = knownTimeline } else { timeline = try file.presentationTimeline(stream: v) }
    }

    /// The source frames in [from, to): the frame shown at `from` up to the last frame starting before `to`.
    public func frames(fromMicroseconds from: Int64, toMicroseconds to: Int64) -> ClosedRange<Int>? {
        guard let first = timeline.frameIndex(atMicroseconds: from),
              let last = timeline.lastFrameIndex(beforeMicroseconds: to), last >= first else { return nil }
        return first...last
    }

    /// Cuts the fragment into `request.destination` (written in place: the caller writes to a temporary
    /// path and renames). Calls `progress` with the fraction done; stops with `.cancelled` when
    /// `isCancelled` turns true.
    public func cut(_ request: ClipRequest, progress: (Double) -> Void = { _ in },
                    isCancelled: () -> Bool = { false }) throws(MediaError) -> ClipReport {
        guard let range = frames(fromMicroseconds: request.fromMicroseconds, toMicroseconds: request.toMicroseconds) else {
            throw .inconsistent(.noFramesInFragment)
        }
        switch request.mode {
        case let .exact(crf, preset):
            return try cutExact(request, range: range, crf: crf, preset: preset, progress: progress, isCancelled: isCancelled)
        case .copy:
            return try cutCopy(request, range: range, progress: progress, isCancelled: isCancelled)
        }
    }

    // MARK: Shared

    /// The largest size with the same shape inside the box, in even numbers (4:2:0); the size itself when
    /// it fits or there is no box.
    static func fit(width: Int, height: Int, inside box: (width: Int, height: Int)?) -> (width: Int, height: Int) {
        guard let box, width > box.width || height > box.height else { return (width, height) }
        let scale = min(Double(box.width) / Double(width), Double(box.height) / Double(height))
        func even(_ v: Double) -> Int { max(2, Int((v / 2).rounded()) * 2) }
        return (even(Double(width) * scale), even(Double(height) * scale))
    }

    private func report(_ range: ClosedRange<Int>, leadIn: Int) -> ClipReport {
        let first = timeline.pts[range.lowerBound]
        let end = timeline.pts[range.upperBound] + timeline.duration(ofFrame: range.upperBound)
        return ClipReport(firstFrameIndex: range.lowerBound, lastFrameIndex: range.upperBound,
                          firstFrameSeconds: timeline.seconds(ofFrame: range.lowerBound),
                          durationSeconds: MediaTime(ticks: end - first, timeBase: timeline.timeBase).seconds,
                          leadInFrames: leadIn, hasAudio: audioIndex != nil)
    }

    func prepareOutput(_ request: ClipRequest, streams: [(input: Int, output: Int)], output: OutputFile,
                       muxerOptions: [String: String] = [:]) throws(MediaError) {
        // Rotation travels as the display matrix; nothing else of the source's is copied unless asked.
        if let matrix = ib_stream_display_matrix(try file.stream(videoIndex)) {
            try check(ib_stream_set_display_matrix(try output.stream(0), matrix), "av_packet_side_data_new")
        }
        if request.keepMetadata { try output.copyMetadata(from: file, streams: streams) }
        try output.setChapters(request.chapters, timeBase: Rational(1, 1_000_000))
        var options = ["movflags": "+faststart" + (request.keepMetadata ? "+use_metadata_tags" : "")]
        if timeline.timeBase.numerator == 1 { options["video_track_timescale"] = String(timeline.timeBase.denominator) }
        options.merge(muxerOptions) { $1 }
        try output.writeHeader(options: options, bitExact: !request.keepMetadata)
    }

    /// The packets of the needed streams from the keyframe at or before `ticks` (video time base) on.
    /// The clip's packets (its picture and sound), from the video keyframe at or before `ticks`.
    private func packets(fromKeyframeAtOrBefore ticks: Int64) throws(MediaError) -> PacketSource {
        let source = try PacketSource(file: file, streams: Set([videoIndex] + (audioIndex.map { [$0] } ?? [])),
                                      disposablePicturesOf: videoIndex)
        try source.seek(stream: videoIndex, toKeyframeAtOrBefore: ticks)
        return source
    }

    // MARK: Exact

    /// The exact cut's output file and its video: libx264 in the source's time base at its real rate, its
    /// size (fitted when asked), aspect ratio and colour, and the converter to the encoder's pixel format.
    private func exactVideoOutput(_ request: ClipRequest, crf: Int, preset: String)
        throws(MediaError) -> (OutputFile, Encoder, Int, FrameConverter) {
        let vpar = try file.stream(videoIndex).pointee.codecpar.pointee
        let output = try OutputFile(path: request.destination, format: "mp4")
        let supported: [AVPixelFormat] = [AV_PIX_FMT_YUV420P, AV_PIX_FMT_YUVJ420P, AV_PIX_FMT_YUV422P, AV_PIX_FMT_YUV444P]
        let sourceFormat = AVPixelFormat(rawValue: vpar.format)
        let encodeFormat = supported.contains(sourceFormat) ? sourceFormat : AV_PIX_FMT_YUV420P
        let size = Self.fit(width: Int(vpar.width), height: Int(vpar.height), inside: request.fitInside)
        let venc = try H264Encoding(stream: file.stream(videoIndex), size: size, pixelFormat: encodeFormat, timeBase: timeline.timeBase,
                                    frameRate: timeline.averageFrameRate, crf: crf, preset: preset,
                                    bitExact: !request.keepMetadata, globalHeader: output.wantsGlobalHeader).makeEncoder()
        let vout = try output.addStream()
        try venc.describe(try output.stream(vout))
        try output.stream(vout).pointee.sample_aspect_ratio = vpar.sample_aspect_ratio
        let converter = try FrameConverter(width: Int32(size.width), height: Int32(size.height), format: encodeFormat)
        return (output, venc, vout, converter)
    }

    /// The clip's sound (decoded, cut to the sample, AAC), when the recording has any, and the output's
    /// header written (the exact and the smart cut).
    func soundAndHeader(_ request: ClipRequest, output: OutputFile, video vout: Int, from firstPts: Int64,
                                     to endPts: Int64) throws(MediaError) -> AudioCut? {
        var audio: AudioCut?
        var streams = [(input: videoIndex, output: vout)]
        if let a = audioIndex {
            let cut = try AudioCut(file: file, stream: a, output: output, globalHeader: output.wantsGlobalHeader,
                                   startTicks: firstPts, endTicks: endPts, videoTimeBase: timeline.timeBase)
            audio = cut
            streams.append((a, cut.outputIndex))
        }
        try prepareOutput(request, streams: streams, output: output)
        return audio
    }

    private func cutExact(_ request: ClipRequest, range: ClosedRange<Int>, crf: Int, preset: String,
                          progress: (Double) -> Void, isCancelled: () -> Bool) throws(MediaError) -> ClipReport {
        let vtb = timeline.timeBase
        let firstPts = timeline.pts[range.lowerBound], lastPts = timeline.pts[range.upperBound]
        let endPts = lastPts + timeline.duration(ofFrame: range.upperBound)
        let frameTotal = range.count

        let vdec = try Decoder(file: file, stream: videoIndex)
        let (output, venc, vout, converter) = try exactVideoOutput(request, crf: crf, preset: preset)
        let audio = try soundAndHeader(request, output: output, video: vout, from: firstPts, to: endPts)

        let outPacket = try Packet(), frame = try Frame()
        var encoded = 0, sent = 0
        var videoDone = false

        func write(_ packet: Packet) throws(MediaError) {
            let sourcePts = packet.pointer.pointee.pts + firstPts
            if let index = timeline.index(ofPts: sourcePts) {
                packet.pointer.pointee.duration = timeline.duration(ofFrame: index)
            }
            try output.write(packet, stream: vout, timeBase: vtb)
            encoded += 1
        }
        /// Encodes a decoded frame that belongs to the clip; false once the clip's last frame is in.
        func take(_ frame: Frame) throws(MediaError) -> Bool {
            let pts = frame.bestEffortTimestamp ?? frame.pointer.pointee.pts
            guard pts >= firstPts else { return true }
            guard pts <= lastPts else { videoDone = true; return false }
            let ready = try converter.convert(frame)
            ready.pointer.pointee.pts = pts - firstPts
            ready.pointer.pointee.pict_type = AV_PICTURE_TYPE_NONE
            try venc.encode(ready, into: outPacket, write)
            sent += 1
            if pts == lastPts { videoDone = true }
            progress(Double(sent) / Double(frameTotal))
            return !videoDone
        }

        let source = try packets(fromKeyframeAtOrBefore: firstPts - av_rescale_q(200_000, ib_time_base_q(), vtb.av))
        vdec.flush()
        // H.264 and HEVC pictures nothing refers to, before the first frame, need not be decoded.
        source.skipDisposable = firstPts
        try decodeClip(from: source, picture: vdec, into: frame, sound: audio, pictureDone: { videoDone }, isCancelled: isCancelled, take)
        try venc.encode(nil, into: outPacket, write)
        try audio?.finish()
        guard sent == frameTotal, encoded == frameTotal else {
            throw .inconsistent(.clipFrameCount(sent: sent, total: frameTotal))
        }
        try output.finish()
        progress(1)
        return report(range, leadIn: 0)
    }

    /// Reads the clip's packets from `source` into the picture's decoder (its frames to `take`) and the
    /// sound, until both are done; at the end of the input, what the decoders still hold.
    private func decodeClip(from source: PacketSource, picture decoder: Decoder, into frame: Frame, sound audio: AudioCut?,
                            pictureDone: () -> Bool, isCancelled: () -> Bool,
                            _ take: (Frame) throws(MediaError) -> Bool) throws(MediaError) {
        while !(pictureDone() && (audio?.done ?? true)), try source.next() {
            if isCancelled() { throw .cancelled }
            let packet = source.packet
            if packet.streamIndex == videoIndex, !pictureDone() {
                try decoder.decode(packet, into: frame, take)
            } else if packet.streamIndex == audioIndex, let audio, !audio.done {
                try audio.decode(packet)
            }
        }
        if source.ended {
            if !pictureDone() { try decoder.decode(nil, into: frame, take) }
            try audio?.decode(nil)
        }
    }

    // MARK: Copy

    /// Where a copied stream goes: its stream in the clip, its time base, and how far its timestamps move.
    private typealias CopiedStream = (output: Int, timeBase: Rational, offset: Int64)

    /// The copy's output file with the picture and sound copied as they are, its header written; every
    /// stream's timestamps move by the same time, so that the first frame shown lands at zero.
    private func copyOutput(_ request: ClipRequest, firstPts: Int64) throws(MediaError) -> (OutputFile, [Int: CopiedStream]) {
        let vtb = timeline.timeBase
        let output = try OutputFile(path: request.destination, format: "mp4")
        var map: [Int: CopiedStream] = [:]
        var streams: [(input: Int, output: Int)] = []
        for input in [videoIndex] + (audioIndex.map { [$0] } ?? []) {
            let o = try output.addStream()
            let ist = try file.stream(input), ost = try output.stream(o)
            try check(avcodec_parameters_copy(ost.pointee.codecpar, ist.pointee.codecpar), "avcodec_parameters_copy")
            ost.pointee.time_base = ist.pointee.time_base
            let tb = Rational(ist.pointee.time_base)
            map[input] = (o, tb, MediaTime(ticks: firstPts, timeBase: vtb).rescaled(to: tb).ticks)
            streams.append((input, o))
        }
        // Always an edit list, in the video's own time scale, so that it can end the presentation exactly.
        var editOptions = ["use_editlist": "1"]
        if vtb.numerator == 1 { editOptions["movie_timescale"] = String(vtb.denominator) }
        try prepareOutput(request, streams: streams, output: output, muxerOptions: editOptions)
        return (output, map)
    }

    private func cutCopy(_ request: ClipRequest, range: ClosedRange<Int>,
                         progress: (Double) -> Void, isCancelled: () -> Bool) throws(MediaError) -> ClipReport {
        let vtb = timeline.timeBase
        let firstPts = timeline.pts[range.lowerBound]
        let keyPts = timeline.keyframe(atOrBefore: firstPts) ?? timeline.pts[0]
        let endPts = timeline.pts[range.upperBound] + timeline.duration(ofFrame: range.upperBound)
        let (output, map) = try copyOutput(request, firstPts: firstPts)
        guard let video = map[videoIndex] else { throw .inconsistent(.outputStreamMissing(videoIndex)) }

        let source = try packets(fromKeyframeAtOrBefore: keyPts)
        var soundTimeBase = vtb
        if let audioIndex { soundTimeBase = Rational(try file.stream(audioIndex).pointee.time_base) }
        let audioEnd = MediaTime(ticks: endPts, timeBase: vtb).rescaled(to: soundTimeBase).ticks
        let audioStart = MediaTime(ticks: keyPts, timeBase: vtb).rescaled(to: soundTimeBase).ticks
        var videoDone = false, audioDone = audioIndex == nil, videoStarted = false
        var leadIn = 0, copied = 0
        let held = try HeldPicture(output: output, stream: video, endPts: endPts)
        while !(videoDone && audioDone), try source.next() {
            if isCancelled() { throw .cancelled }
            let packet = source.packet
            guard let target = map[packet.streamIndex] else { continue }
            if packet.streamIndex == videoIndex {
                // Every packet a frame before the end needs comes before the first with dts >= the end.
                guard !videoDone else { continue }
                // A seek may land on an earlier keyframe than asked (QuickTime files): start at the one wanted.
                if !videoStarted { guard packet.pts == keyPts else { continue }; videoStarted = true }
                if let dts = packet.dts ?? packet.pts, dts >= endPts { videoDone = true; try held.release(nextPts: nil); continue }
                if let pts = packet.pts, pts < firstPts { leadIn += 1 }
                copied += 1
                progress(min(1, Double(copied) / Double(range.count + leadIn)))
                try held.release(nextPts: packet.pts)
            } else {
                guard !audioDone, let pts = packet.pts else { continue }
                if pts >= audioEnd { audioDone = true; continue }
                if pts < audioStart { continue }
            }
            let p = packet.pointer
            if p.pointee.pts != ib_nopts_value() { p.pointee.pts -= target.offset }
            if p.pointee.dts != ib_nopts_value() { p.pointee.dts -= target.offset }
            p.pointee.pos = -1
            if packet.streamIndex == videoIndex {
                held.hold(packet)
            } else {
                try output.write(packet, stream: target.output, timeBase: target.timeBase)
            }
        }
        try held.release(nextPts: nil)
        try output.finish()
        // Pictures after the fragment that its B-frames refer to are in the file; the edit list ends
        // the presentation before them.
        try EditList.endPresentation(of: request.destination, at: MediaTime(ticks: endPts - firstPts, timeBase: vtb))
        progress(1)
        return report(range, leadIn: leadIn)
    }
}

/// The copy's video packet held back until the next one is read. A keyframe after the first that is
/// followed in decode order by a picture past the end is written as an ordinary picture: GStreamer's MP4
/// demuxer ends a track at such a picture right after a keyframe, before the B-frames after it (pictures
/// inside the fragment) are read. Decoders do not read MP4's sync-sample table; players only start a seek
/// at the keyframe before.
private final class HeldPicture {
    private let packet: Packet
    private let output: OutputFile
    private let stream: (output: Int, timeBase: Rational, offset: Int64)
    private let endPts: Int64
    private var holding = false, isFirst = true

    init(output: OutputFile, stream: (output: Int, timeBase: Rational, offset: Int64), endPts: Int64) throws(MediaError) {
        packet = try Packet()
        self.output = output
        self.stream = stream
        self.endPts = endPts
    }

    /// Holds `next` (taken over; the one held before must have been released).
    func hold(_ next: Packet) {
        packet.take(from: next)
        holding = true
    }

    /// Writes the packet held, if any, now that the next video packet's pts is known (nil: none follows).
    func release(nextPts: Int64?) throws(MediaError) {
        guard holding else { return }
        if packet.isKeyframe, !isFirst, let nextPts, nextPts >= endPts { packet.clearKeyframeFlag() }
        try output.write(packet, stream: stream.output, timeBase: stream.timeBase)
        holding = false
        isFirst = false
    }
}

extension PresentationTimeline {
    /// The index of the frame with exactly this timestamp.
    func index(ofPts value: Int64) -> Int? {
        let at = pts.partitionPoint { $0 < value }
        return at < pts.count && pts[at] == value ? at : nil
    }
}
