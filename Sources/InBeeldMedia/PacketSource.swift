internal import CFFmpeg

/// The packets of an input file that one piece of work wants, in file order: only the streams it keeps
/// (the demuxer is told to skip the others), video pictures it does not need left out, and the end of the
/// input told once per seek. The one place packets are read for decoding or copying; sending and receiving
/// have theirs in `Decoder`, and `Decoder.run(from:)` joins the two.
final class PacketSource {
    let file: InputFile
    /// The packet last read; valid until the next `next()`.
    let packet: Packet
    private let streams: Set<Int>
    /// Whether the input has ended since the last seek.
    private(set) var ended = false
    /// The video stream whose disposable pictures (H.264 and HEVC pictures nothing refers to) may be left out.
    private let disposable: (stream: Int, pictures: DisposablePictures)?
    /// Disposable pictures shown before this time (in the stream's ticks) are left out; none when nil.
    var skipDisposable: Int64?
    /// How many pictures were left out.
    private(set) var skipped = 0

    /// - Parameter streams: the streams kept; the demuxer skips the others (`discardStreams`).
    /// - Parameter video: the stream whose disposable pictures `skipDisposable` leaves out.
    init(file: InputFile, streams: Set<Int>, disposablePicturesOf video: Int? = nil) throws(MediaError) {
        self.file = file
        self.streams = streams
        packet = try Packet()
        if let video { disposable = DisposablePictures(stream: try file.stream(video)).map { (video, $0) } } else { disposable = nil }
        file.discardStreams(except: streams)
    }

    /// Moves to the keyframe of `stream` at or before `ticks`; reading starts over from there.
    func seek(stream: Int, toKeyframeAtOrBefore ticks: Int64) throws(MediaError) {
        try file.seek(stream: stream, toKeyframeAtOrBefore: ticks)
        ended = false
    }

    /// Reads the next packet wanted into `packet`; false once the input has ended.
    func next() throws(MediaError) -> Bool {
        while !ended {
            guard try file.readPacket(into: packet) else { ended = true; break }
            guard streams.contains(packet.streamIndex) else { continue }
            if let (stream, pictures) = disposable, packet.streamIndex == stream, let limit = skipDisposable,
               let pts = packet.pts, pts < limit, pictures.isDisposable(packet) {
                skipped += 1
                continue
            }
            return true
        }
        return false
    }
}

extension Decoder {
    /// Decodes this decoder's stream from `source` (other streams' packets are passed over) until `each`
    /// returns false, or the input ends and the decoder has handed out what it still held. Returns true
    /// when `each` stopped it, false when the stream ended first; a later call goes on where this one
    /// stopped. `isCancelled` is asked at every packet read.
    /// - Parameter endingAfter: when it says yes to a packet of this stream, no more are read: the decoder
    ///   is told the stream ends there, and hands out at once the frames it holds back for reordering
    ///   (and those its other threads are making). It must then be flushed before it decodes again.
    func run(from source: PacketSource, into frame: Frame, isCancelled: () -> Bool = { false },
             damaged: ((MediaError) -> Void)? = nil, endingAfter last: ((Packet) -> Bool)? = nil,
             _ each: (Frame) throws(MediaError) -> Bool) throws(MediaError) -> Bool {
        var ending = false
        while true {
            if isCancelled() { throw .cancelled }
            let more = ending ? false : try source.next()
            if more, source.packet.streamIndex != streamIndex { continue }
            // Asked before the packet is sent: a packet the decoder cannot take yet is moved out of `source`.
            if more, let last, last(source.packet) { ending = true }
            guard try decode(more ? source.packet : nil, into: frame, damaged: damaged, each) else { return true }
            if !more { return false }
        }
    }
}
