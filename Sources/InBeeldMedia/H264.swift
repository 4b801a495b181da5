internal import CFFmpeg

/// Just enough of H.264's NAL structure to know when a packet holds a picture no other picture refers to.
enum H264 {
    /// The NAL length size of an `avcC` sample entry (`extradata`), or `nil` when the stream is not
    /// H.264 in length-prefixed form.
    static func nalLengthSize(of stream: UnsafeMutablePointer<AVStream>) -> Int? {
        let par = stream.pointee.codecpar.pointee
        guard par.codec_id == AV_CODEC_ID_H264, let extra = par.extradata, par.extradata_size >= 7, extra[0] == 1 else {
            return nil
        }
        return Int(extra[4] & 3) + 1
    }

    /// The first byte (the NAL header) of every NAL unit of a length-prefixed packet, or `nil` when the
    /// lengths do not add up to the packet.
    static func nalHeaders(_ packet: Packet, nalLengthSize: Int) -> [UInt8]? {
        guard let data = packet.pointer.pointee.data else { return nil }
        let size = Int(packet.pointer.pointee.size)
        var offset = 0
        var headers: [UInt8] = []
        while offset + nalLengthSize < size {
            var length = 0
            for i in 0..<nalLengthSize { length = length << 8 | Int(data[offset + i]) }
            offset += nalLengthSize
            guard length > 0, offset + length <= size else { return nil }
            headers.append(data[offset])
            offset += length
        }
        return offset == size ? headers : nil
    }

    /// Whether every slice in the packet has `nal_ref_idc` 0: a picture that no other picture uses for
    /// prediction, so a decoder may skip it without changing any other picture.
    static func isDisposable(_ packet: Packet, nalLengthSize: Int) -> Bool {
        guard let headers = nalHeaders(packet, nalLengthSize: nalLengthSize) else { return false }
        let slices = headers.filter { $0 & 0x1F == 1 || $0 & 0x1F == 5 }
        return !slices.isEmpty && slices.allSatisfy { $0 & 0x60 == 0 }
    }

    /// Whether the packet holds an IDR slice (a picture decoding can start at, with nothing before it).
    static func isIDR(_ packet: Packet, nalLengthSize: Int) -> Bool {
        nalHeaders(packet, nalLengthSize: nalLengthSize)?.contains { $0 & 0x1F == 5 } ?? false
    }
}
