internal import CFFmpeg

/// Pictures brought to 8-bit SDR, the way every screen and decoder expects them, before they are scaled
/// or encoded. FFmpeg's own filters do the work (`zscale`, libzimg), in one filter graph owned here:
///
/// - HDR (PQ, as HDR10 and HDR10+ phones film, or HLG, as iPhones do) is tone-mapped to BT.709, 8-bit
///   4:2:0, limited range, in linear light:
///
///       zscale=t=linear:npl=100, format=gbrpf32le, zscale=p=bt709,
///       tonemap=mobius:param=0.8:desat=0, zscale=t=bt709:m=bt709:r=tv, format=yuv420p
///
///   Mobius keeps everything up to 80% of SDR white as it is and bends the highlights above it softly into
///   range (no hard clip); its peak comes from the frame's mastering-display or light-level metadata when
///   the file has it, else from the transfer's nominal peak. Calibrated on SDR pictures carried into HLG
///   and PQ by zscale and back: mean difference about 15 levels of 255 (zscale alone, which clips, about
///   12; a plain conversion that ignores the transfer, about 80).
/// - SDR deeper than 8 bits (10-bit phone and camera video) keeps its colours and goes to 8-bit 4:2:0 with
///   error diffusion: a smooth gradient stays smooth instead of falling into bands (swscale rounds).
///
/// Both end in error-diffused 8-bit, as 4:2:0 for encoders or as RGB for pictures (dithering in RGB: RGB
/// made from already rounded 8-bit YUV would round a second time, and a gradient would band again);
/// 8-bit SDR pictures pass through untouched.
final class SDRConverter {
    /// What the pictures become: `yuv420p` for encoders, `gbrp` (8-bit RGB, full range) for pictures.
    enum Target: String { case yuv420p, rgb = "gbrp" }
    private let target: Target
    private var graph: UnsafeMutablePointer<AVFilterGraph>?
    private var source: UnsafeMutablePointer<AVFilterContext>?
    private var sink: UnsafeMutablePointer<AVFilterContext>?
    private var shape: Shape?
    private let timeBase: AVRational

    private struct Shape: Equatable { var width: Int32, height: Int32, format: Int32, hdr: Bool, size: Size? }
    /// A size to bring the picture to on the way (smaller than the frame).
    struct Size: Equatable { var width: Int32, height: Int32 }

    /// Whether a frame is HDR: its transfer is PQ or HLG.
    static func isHDR(_ frame: Frame) -> Bool {
        let trc = frame.pointer.pointee.color_trc
        return trc == AVCOL_TRC_SMPTE2084 || trc == AVCOL_TRC_ARIB_STD_B67
    }

    /// Whether a frame's samples are deeper than 8 bits.
    static func isDeep(_ frame: Frame) -> Bool {
        guard let descriptor = av_pix_fmt_desc_get(AVPixelFormat(rawValue: frame.pointer.pointee.format)) else { return false }
        return descriptor.pointee.comp.0.depth > 8
    }

    /// The colour tags of what an HDR picture becomes.
    static let outputTags = (primaries: AVCOL_PRI_BT709, transfer: AVCOL_TRC_BT709, matrix: AVCOL_SPC_BT709,
                             range: AVCOL_RANGE_MPEG)

    init(to target: Target, timeBase: Rational = Rational(1, 1_000_000)) {
        self.target = target
        self.timeBase = timeBase.av
    }

    deinit { avfilter_graph_free(&graph) }

    /// The 8-bit SDR picture of `frame` (timestamps and other properties kept): the frame itself when it
    /// is one already. The graph is set up for the first frame that needs it and again whenever the size,
    /// pixel format or kind changes.
    /// - Parameter size: where the picture is wanted smaller than the frame (a still of a given width, the
    ///   page's paused picture), it is made that small first, in linear light, and only then tone-mapped:
    ///   a 4K frame's tone mapping in 32-bit float costs about a second and some 100 MB a picture; at the
    ///   page's width, a few milliseconds.
    func eightBitSDR(_ frame: Frame, size: Size? = nil) throws(MediaError) -> Frame {
        let hdr = Self.isHDR(frame)
        guard hdr || Self.isDeep(frame) else { return frame }
        let f = frame.pointer.pointee
        let smaller = size.flatMap { $0.width < f.width && $0.height < f.height ? $0 : nil }
        let wanted = Shape(width: f.width, height: f.height, format: f.format, hdr: hdr, size: smaller)
        if shape != wanted { try configure(for: frame, shape: wanted) }
        try check(av_buffersrc_add_frame_flags(source, frame.pointer, Int32(AV_BUFFERSRC_FLAG_KEEP_REF)), "av_buffersrc_add_frame_flags")
        let out = try Frame()
        try check(av_buffersink_get_frame(sink, out.pointer), "av_buffersink_get_frame")
        return out
    }

    private func configure(for frame: Frame, shape wanted: Shape) throws(MediaError) {
        avfilter_graph_free(&graph)
        guard let g = avfilter_graph_alloc() else { throw .outOfMemory("avfilter_graph_alloc") }
        graph = g
        guard let buffer = avfilter_get_by_name("buffer"), let buffersink = avfilter_get_by_name("buffersink") else {
            throw .inconsistent(.filterMissing)
        }
        guard let src = avfilter_graph_alloc_filter(g, buffer, "in") else { throw .outOfMemory("avfilter_graph_alloc_filter") }
        try check(ib_buffersrc_init(src, frame.pointer, timeBase), "av_buffersrc_parameters_set")
        var snk: UnsafeMutablePointer<AVFilterContext>?
        try check(avfilter_graph_create_filter(&snk, buffersink, "out", nil, nil, g), "avfilter_graph_create_filter")

        // The input's colour as the stream states it; zscale's own defaults where it states nothing.
        let f = frame.pointer.pointee
        var input: [String] = []
        if let name = av_color_transfer_name(f.color_trc).map({ String(cString: $0) }), f.color_trc != AVCOL_TRC_UNSPECIFIED {
            input.append("tin=" + name)
        }
        if let name = av_color_primaries_name(f.color_primaries).map({ String(cString: $0) }), f.color_primaries != AVCOL_PRI_UNSPECIFIED {
            input.append("pin=" + name)
        }
        if let name = av_color_space_name(f.colorspace).map({ String(cString: $0) }), f.colorspace != AVCOL_SPC_UNSPECIFIED {
            input.append("min=" + name)
        }
        input.append(f.color_range == AVCOL_RANGE_JPEG ? "rin=pc" : "rin=tv")
        if let size = wanted.size { input += ["w=\(size.width)", "h=\(size.height)", "filter=bicubic"] }
        let chain = wanted.hdr
            ? "zscale=" + (input + ["t=linear", "npl=100"]).joined(separator: ":")
                + ",format=gbrpf32le,zscale=p=bt709,tonemap=tonemap=mobius:param=0.8:desat=0"
                + (target == .rgb ? ",zscale=t=bt709:r=pc" : ",zscale=t=bt709:m=bt709:r=tv")
                + ":dither=error_diffusion,format=" + target.rawValue
            : "zscale=" + (input + (target == .rgb ? ["r=pc"] : []) + ["dither=error_diffusion"]).joined(separator: ":")
                + ",format=" + target.rawValue

        var outputs = avfilter_inout_alloc()
        var inputs = avfilter_inout_alloc()
        defer { avfilter_inout_free(&outputs); avfilter_inout_free(&inputs) }
        guard let o = outputs, let i = inputs else { throw .outOfMemory("avfilter_inout_alloc") }
        o.pointee.name = av_strdup("in")
        o.pointee.filter_ctx = src
        o.pointee.pad_idx = 0
        o.pointee.next = nil
        i.pointee.name = av_strdup("out")
        i.pointee.filter_ctx = snk
        i.pointee.pad_idx = 0
        i.pointee.next = nil
        try check(avfilter_graph_parse_ptr(g, chain, &inputs, &outputs, nil), "avfilter_graph_parse_ptr")
        try check(avfilter_graph_config(g, nil), "avfilter_graph_config")
        source = src
        sink = snk
        shape = wanted
    }
}
