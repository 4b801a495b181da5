internal import CFFmpeg

/// The one owner of an swscale context, and the one place that calls `sws_scale` (through the shim, so
/// that every FFmpeg release reads the same here). Set up for a conversion, reused while it fits.
final class SwsScaler {
    private var context: UnsafeMutableRawPointer?

    /// Bicubic, as the ffmpeg CLI scales.
    static var bicubic: Int32 { ib_sws_bicubic() }
    /// Exact rounding and full chroma: for stills and images, where a pixel's colour is checked.
    static var accurate: Int32 { ib_sws_bicubic() | ib_sws_accurate_rounding() | ib_sws_full_chroma_interpolation() }
    static var accurateFromRGB: Int32 { ib_sws_bicubic() | ib_sws_accurate_rounding() | ib_sws_full_chroma_input() }

    init() {}

    deinit { ib_sws_free(context) }

    /// Sets the conversion up (kept when it is the same as the last). Wraps `sws_getCachedContext`.
    func prepare(from source: (width: Int32, height: Int32, format: AVPixelFormat),
                 to target: (width: Int32, height: Int32, format: AVPixelFormat), flags: Int32) throws(MediaError) {
        context = ib_sws_context(context, source.width, source.height, source.format, target.width, target.height,
                                 target.format, flags)
        guard context != nil else { throw .outOfMemory("sws_getCachedContext") }
    }

    /// The colour matrices (`SWS_CS_*`) and ranges of both sides. Wraps `sws_setColorspaceDetails`.
    func colorspace(source matrix: Int32, sourceFullRange: Bool, target targetMatrix: Int32, targetFullRange: Bool) {
        _ = ib_sws_colorspace(context, matrix, sourceFullRange ? 1 : 0, targetMatrix, targetFullRange ? 1 : 0)
    }

    func scale(_ frame: Frame, into out: Frame) throws(MediaError) {
        try check(ib_sws_scale_frame(context, frame.pointer, out.pointer), "sws_scale")
    }

    func scale(_ frame: Frame, intoPacked pixels: UnsafeMutablePointer<UInt8>, stride: Int) throws(MediaError) {
        try check(ib_sws_scale_frame_to_packed(context, frame.pointer, pixels, Int32(stride)), "sws_scale")
    }

    func scale(packed pixels: UnsafePointer<UInt8>, stride: Int, height: Int, into out: Frame) throws(MediaError) {
        try check(ib_sws_scale_packed_to_frame(context, pixels, Int32(stride), Int32(height), out.pointer), "sws_scale")
    }
}
