internal import CFFmpeg

/// An opened media file, read only. Wraps `AVFormatContext` (opened with `avformat_open_input`).
///
/// Not `Sendable`: it owns FFmpeg state and stays within one task.
public final class InputFile {
    let context: UnsafeMutablePointer<AVFormatContext>
    /// The path as given.
    public let path: String
    private var streamInfoFound = false

    /// Opens `path` for reading and reads its header. Throws with FFmpeg's message when the file
    /// cannot be opened or is not a media file FFmpeg recognises.
    public init(path: String) throws(MediaError) {
        context = try formatContext("avformat_open_input") { avformat_open_input(&$0, path, nil, nil) }
        self.path = path
    }

    deinit {
        var p: UnsafeMutablePointer<AVFormatContext>? = context
        avformat_close_input(&p)
    }

    /// Reads into the file as far as FFmpeg needs to know every stream's parameters
    /// (this decodes a few frames). Wraps `avformat_find_stream_info`.
    public func findStreamInfo() throws(MediaError) {
        guard !streamInfoFound else { return }
        try check(avformat_find_stream_info(context, nil), "avformat_find_stream_info")
        streamInfoFound = true
    }

    /// The demuxer's short name, e.g. `mov,mp4,m4a,3gp,3g2,mj2`.
    public var formatName: String { String(cString: context.pointee.iformat.pointee.name) }
    /// The demuxer's descriptive name, e.g. `QuickTime / MOV`.
    public var formatLongName: String {
        guard let name = context.pointee.iformat.pointee.long_name else { return formatName }
        return String(cString: name)
    }

    /// Whether the container keeps a full sample index (MP4/MOV), so every packet's timestamp and
    /// keyframe flag is known without reading the media data.
    var hasCompleteIndex: Bool { formatName.hasPrefix("mov,") }

    var streamCount: Int { Int(context.pointee.nb_streams) }

    /// Stream `index`, which must be there: a stream FFmpeg lists without a stream behind it is a
    /// `MediaError` naming the index, never a crash.
    func stream(_ index: Int) throws(MediaError) -> UnsafeMutablePointer<AVStream> {
        guard let stream = listedStream(index) else { throw .inconsistent(.inputStreamMissing(index)) }
        return stream
    }

    /// Stream `index` if the file has it (for looking through the streams).
    func listedStream(_ index: Int) -> UnsafeMutablePointer<AVStream>? {
        guard index >= 0, index < streamCount, let streams = context.pointee.streams else { return nil }
        return streams[index]
    }

    /// Every stream the file has, with its index.
    var listedStreams: [(index: Int, stream: UnsafeMutablePointer<AVStream>)] {
        (0..<streamCount).compactMap { i in listedStream(i).map { (i, $0) } }
    }

    /// The file's duration in microseconds, if the container states one.
    var durationMicroseconds: Int64? {
        guard let d = timestamp(context.pointee.duration), d > 0 else { return nil }
        return d
    }

    /// Reads the next packet into `packet`; returns `false` at the end of the file.
    /// Wraps `av_read_frame`.
    func readPacket(into packet: Packet) throws(MediaError) -> Bool {
        packet.clear()
        let result = av_read_frame(context, packet.pointer)
        if result == ib_averror_eof() { return false }
        try check(result, "av_read_frame")
        return true
    }

    /// Tells the demuxer to skip every stream not in `wanted` (it then need not deliver their packets).
    func discardStreams(except wanted: Set<Int>) {
        for (i, stream) in listedStreams {
            stream.pointee.discard = wanted.contains(i) ? AVDISCARD_DEFAULT : AVDISCARD_ALL
        }
    }

    /// Metadata tags of the container (`nil`) or of one stream, as key-value pairs in file order.
    func tags(stream index: Int? = nil) -> [(key: String, value: String)] {
        let dictionary = index.map { listedStream($0)?.pointee.metadata } ?? context.pointee.metadata
        var result: [(key: String, value: String)] = []
        var entry: UnsafeMutablePointer<AVDictionaryEntry>? = nil
        while let next = av_dict_get(dictionary, "", entry, AV_DICT_IGNORE_SUFFIX) {
            result.append((String(cString: next.pointee.key), String(cString: next.pointee.value)))
            entry = next
        }
        return result
    }
}
