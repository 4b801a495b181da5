internal import CFFmpeg

/// A decoded picture turned into what people look at: upright, square pixels, RGB. A plain value.
public struct RGBPicture: Sendable, Equatable {
    public var width: Int
    public var height: Int
    /// Rows of `width * 3` bytes, top to bottom, no padding.
    public var pixels: [UInt8]

    /// The colour at a pixel.
    public func rgb(x: Int, y: Int) -> (r: UInt8, g: UInt8, b: UInt8) {
        let i = (y * width + x) * 3
        return (pixels[i], pixels[i + 1], pixels[i + 2])
    }

    /// The picture turned clockwise by `degrees` (0, 90, 180 or 270).
    public func rotated(clockwise degrees: Int) -> RGBPicture {
        let turns = ((degrees / 90) % 4 + 4) % 4
        guard turns != 0 else { return self }
        let (w, h) = (width, height)
        let (nw, nh) = turns == 2 ? (w, h) : (h, w)
        var out = [UInt8](repeating: 0, count: pixels.count)
        pixels.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                for y in 0..<h {
                    for x in 0..<w {
                        let (nx, ny): (Int, Int)
                        switch turns {
                        case 1: (nx, ny) = (h - 1 - y, x)
                        case 2: (nx, ny) = (w - 1 - x, h - 1 - y)
                        default: (nx, ny) = (y, w - 1 - x)
                        }
                        let s = (y * w + x) * 3, d = (ny * nw + nx) * 3
                        dst[d] = src[s]; dst[d + 1] = src[s + 1]; dst[d + 2] = src[s + 2]
                    }
                }
            }
        }
        return RGBPicture(width: nw, height: nh, pixels: out)
    }
}

/// Converts decoded frames to RGB at a chosen size, with the stream's colour matrix and range.
/// Wraps `SwsContext` (`sws_getCachedContext`, `sws_setColorspaceDetails`, `sws_scale`).
final class Scaler {
    private let scaler = SwsScaler()
    private lazy var sdr = SDRConverter(to: .rgb)

    init() {}

    /// Scales `frame` to `width` x `height` RGB (no rotation).
    func rgb(from input: Frame, width: Int, height: Int) throws(MediaError) -> RGBPicture {
        // HDR (PQ, HLG) is tone-mapped to SDR BT.709 first, in linear light; deeper SDR dithered to 8 bits.
        // A smaller picture is made smaller on the way (before the tone mapping, which is the costly part).
        let frame = try sdr.eightBitSDR(input, size: .init(width: Int32(width), height: Int32(height)))
        let f = frame.pointer.pointee
        let source = AVPixelFormat(rawValue: f.format)
        try scaler.prepare(from: (f.width, f.height, source), to: (Int32(width), Int32(height), AV_PIX_FMT_RGB24),
                           flags: SwsScaler.accurate)

        // The matrix the stream states; unstated: BT.709 for HD, BT.601 below, as players assume.
        var space = Int32(f.colorspace.rawValue)
        if f.colorspace == AVCOL_SPC_UNSPECIFIED || f.colorspace == AVCOL_SPC_RGB || space > 10 {
            space = f.height >= 720 ? Int32(AVCOL_SPC_BT709.rawValue) : Int32(AVCOL_SPC_SMPTE170M.rawValue)
        }
        let fullRange = f.color_range == AVCOL_RANGE_JPEG || isFullRangeFormat(source)
        scaler.colorspace(source: space, sourceFullRange: fullRange, target: SWS_CS_DEFAULT, targetFullRange: true)

        var pixels = [UInt8](repeating: 0, count: width * height * 3)
        try pixels.withUnsafeMutableBufferPointer { (buffer) throws(MediaError) in
            try scaler.scale(frame, intoPacked: buffer.baseAddress!, stride: width * 3)
        }
        return RGBPicture(width: width, height: height, pixels: pixels)
    }

    private func isFullRangeFormat(_ format: AVPixelFormat) -> Bool {
        [AV_PIX_FMT_YUVJ420P, AV_PIX_FMT_YUVJ422P, AV_PIX_FMT_YUVJ444P, AV_PIX_FMT_YUVJ440P].contains(format)
    }
}
