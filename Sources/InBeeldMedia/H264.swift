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

    /// Where each NAL unit of a length-prefixed packet starts in its data, and how long it is; `nil` when
    /// the lengths do not add up to the packet. The one walk over the length prefixes, for H.264 and HEVC.
    static func nalUnits(_ packet: Packet, nalLengthSize: Int) -> (data: UnsafeMutablePointer<UInt8>, units: [(start: Int, length: Int)])? {
        guard let data = packet.pointer.pointee.data else { return nil }
        let size = Int(packet.pointer.pointee.size)
        var offset = 0
        var units: [(start: Int, length: Int)] = []
        while offset + nalLengthSize < size {
            var length = 0
            for i in 0..<nalLengthSize { length = length << 8 | Int(data[offset + i]) }
            offset += nalLengthSize
            guard length > 0, offset + length <= size else { return nil }
            units.append((offset, length))
            offset += length
        }
        return offset == size ? (data, units) : nil
    }

    /// The first byte (the NAL header) of every NAL unit of a length-prefixed H.264 packet.
    static func nalHeaders(_ packet: Packet, nalLengthSize: Int) -> [UInt8]? {
        guard let (data, units) = nalUnits(packet, nalLengthSize: nalLengthSize) else { return nil }
        return units.map { data[$0.start] }
    }

    /// Whether every slice in the packet has `nal_ref_idc` 0: a picture that no other picture uses for
    /// prediction, so a decoder may skip it without changing any other picture.
    static func isDisposable(_ packet: Packet, nalLengthSize: Int) -> Bool {
        guard let headers = nalHeaders(packet, nalLengthSize: nalLengthSize) else { return false }
        let slices = headers.filter { $0 & 0x1F == 1 || $0 & 0x1F == 5 }
        return !slices.isEmpty && slices.allSatisfy { $0 & 0x60 == 0 }
    }

    /// The first two bytes (the NAL header) of every NAL unit of a length-prefixed HEVC packet; `nil` also
    /// when a unit is too short to hold them.
    static func nalHeaderPairs(_ packet: Packet, nalLengthSize: Int) -> [(UInt8, UInt8)]? {
        guard let (data, units) = nalUnits(packet, nalLengthSize: nalLengthSize), units.allSatisfy({ $0.length >= 2 }) else { return nil }
        return units.map { (data[$0.start], data[$0.start + 1]) }
    }

    /// Whether the packet holds an IDR slice (a picture decoding can start at, with nothing before it).
    static func isIDR(_ packet: Packet, nalLengthSize: Int) -> Bool {
        nalHeaders(packet, nalLengthSize: nalLengthSize)?.contains { $0 & 0x1F == 5 } ?? false
    }
}

/// Pictures a decoder may leave out when it only needs the pictures after them: H.264 slices with
/// `nal_ref_idc` 0, and HEVC sub-layer non-reference pictures (`TRAIL_N`, `TSA_N`, `STSA_N`, `RADL_N`,
/// `RASL_N` and the reserved `_N` types) in the highest temporal sub-layer, which nothing refers to.
/// Skipping those before a wanted frame saves decoding without changing any picture decoded.
struct DisposablePictures {
    private enum Codec { case h264, hevc(highestTemporalID: Int) }
    private let codec: Codec
    private let nalLengthSize: Int

    /// `nil` for streams that are neither H.264 (`avcC`) nor HEVC (`hvcC`) in length-prefixed form.
    init?(stream: UnsafeMutablePointer<AVStream>) {
        if let size = H264.nalLengthSize(of: stream) {
            codec = .h264
            nalLengthSize = size
            return
        }
        let par = stream.pointee.codecpar.pointee
        guard par.codec_id == AV_CODEC_ID_HEVC, let extra = par.extradata, par.extradata_size >= 23, extra[0] == 1,
              let highest = Self.highestTemporalID(extra, count: Int(par.extradata_size)) else { return nil }
        codec = .hevc(highestTemporalID: highest)
        nalLengthSize = Int(extra[21] & 3) + 1
    }

    func isDisposable(_ packet: Packet) -> Bool {
        switch codec {
        case .h264:
            return H264.isDisposable(packet, nalLengthSize: nalLengthSize)
        case .hevc(let highest):
            guard let headers = H264.nalHeaderPairs(packet, nalLengthSize: nalLengthSize) else { return false }
            let pictures = headers.filter { ($0.0 >> 1) & 0x3F < 32 }  // VCL NAL units
            return !pictures.isEmpty && pictures.allSatisfy { first, second in
                let type = (first >> 1) & 0x3F
                let temporalID = Int(second & 7) - 1
                return type <= 14 && type % 2 == 0 && temporalID == highest
            }
        }
    }

    /// `sps_max_sub_layers_minus1` of the first SPS in an `hvcC` record: the highest temporal sub-layer.
    private static func highestTemporalID(_ extra: UnsafeMutablePointer<UInt8>, count: Int) -> Int? {
        var offset = 23
        let arrays = Int(extra[22])
        for _ in 0..<arrays {
            guard offset + 3 <= count else { return nil }
            let type = extra[offset] & 0x3F
            let units = Int(extra[offset + 1]) << 8 | Int(extra[offset + 2])
            offset += 3
            for _ in 0..<units {
                guard offset + 2 <= count else { return nil }
                let length = Int(extra[offset]) << 8 | Int(extra[offset + 1])
                offset += 2
                guard offset + length <= count else { return nil }
                // An SPS: two header bytes, then vps id (4 bits), max_sub_layers_minus1 (3 bits).
                if type == 33, length >= 3 { return Int(extra[offset + 2] >> 1) & 7 }
                offset += length
            }
        }
        return nil
    }
}
