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

    /// Whether every slice in the packet has `nal_ref_idc` 0: a picture that no other picture uses for
    /// prediction, so a decoder may skip it without changing any other picture.
    static func isDisposable(_ packet: Packet, nalLengthSize: Int) -> Bool {
        guard let data = packet.pointer.pointee.data else { return false }
        let size = Int(packet.pointer.pointee.size)
        var offset = 0
        var slices = 0
        while offset + nalLengthSize < size {
            var length = 0
            for i in 0..<nalLengthSize { length = length << 8 | Int(data[offset + i]) }
            offset += nalLengthSize
            guard length > 0, offset + length <= size else { return false }
            let header = data[offset]
            let type = header & 0x1F
            if type == 1 || type == 5 {
                if header & 0x60 != 0 { return false }  // nal_ref_idc > 0: a reference picture
                slices += 1
            }
            offset += length
        }
        return slices > 0 && offset == size
    }
}
