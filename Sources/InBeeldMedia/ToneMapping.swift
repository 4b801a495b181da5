internal import CFFmpeg

/// HDR pictures (PQ, as HDR10 and HDR10+ phones film, or HLG, as iPhones do) turned into SDR: BT.709,
/// 8-bit 4:2:0, limited range, the way every screen and decoder expects them. FFmpeg's own filters do the
/// colour work (`zscale`, libzimg: transfer, primaries and matrix in linear light; `tonemap`), in one
/// filter graph owned here:
///
///     zscale=t=linear:npl=100, format=gbrpf32le, zscale=p=bt709,
///     tonemap=mobius:param=0.8:desat=0, zscale=t=bt709:m=bt709:r=tv, format=yuv420p
///
/// Mobius keeps everything up to 80% of SDR white as it is and bends the highlights above it softly into
/// range (no hard clip); its peak comes from the frame's mastering-display or light-level metadata when
/// the file has it, else from the transfer's nominal peak. Calibrated on SDR pictures carried into HLG and
/// PQ by zscale and back: mean difference about 15 levels of 255 (zscale alone, which clips, about 12; a
/// plain conversion that ignores the transfer, about 80).
final class ToneMapper {
    private var graph: UnsafeMutablePointer<AVFilterGraph>?
    private var source: UnsafeMutablePointer<AVFilterContext>?
    private var sink: UnsafeMutablePointer<AVFilterContext>?
    private var shape: (width: Int32, height: Int32, format: Int32)?
    private let timeBase: AVRational

    /// Whether a frame needs this: its transfer is PQ or HLG.
    static func isHDR(_ frame: Frame) -> Bool {
        let trc = frame.pointer.pointee.color_trc
        return trc == AVCOL_TRC_SMPTE2084 || trc == AVCOL_TRC_ARIB_STD_B67
    }

    /// The colour tags of what `convert` gives.
    static let outputTags = (primaries: AVCOL_PRI_BT709, transfer: AVCOL_TRC_BT709, matrix: AVCOL_SPC_BT709,
                             range: AVCOL_RANGE_MPEG)

    init(timeBase: Rational = Rational(1, 1_000_000)) {
        self.timeBase = timeBase.av
    }

    deinit { avfilter_graph_free(&graph) }

    /// The SDR picture of `frame` (timestamps and other properties kept). The graph is set up for the
    /// first frame and again whenever the size or pixel format changes.
    func convert(_ frame: Frame) throws(MediaError) -> Frame {
        let f = frame.pointer.pointee
        if shape == nil || shape! != (f.width, f.height, f.format) {
            try configure(for: frame)
        }
        try check(av_buffersrc_add_frame_flags(source, frame.pointer, Int32(AV_BUFFERSRC_FLAG_KEEP_REF)), "av_buffersrc_add_frame_flags")
        let out = try Frame()
        try check(av_buffersink_get_frame(sink, out.pointer), "av_buffersink_get_frame")
        return out
    }

    private func configure(for frame: Frame) throws(MediaError) {
        avfilter_graph_free(&graph)
        guard let g = avfilter_graph_alloc() else { throw .outOfMemory("avfilter_graph_alloc") }
        graph = g
        guard let buffer = avfilter_get_by_name("buffer"), let buffersink = avfilter_get_by_name("buffersink") else {
            throw .inconsistent("libavfilter has no buffer source or sink")
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
        let chain = "zscale=" + (input + ["t=linear", "npl=100"]).joined(separator: ":")
            + ",format=gbrpf32le,zscale=p=bt709,tonemap=tonemap=mobius:param=0.8:desat=0"
            + ",zscale=t=bt709:m=bt709:r=tv:dither=error_diffusion,format=yuv420p"

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
        shape = (f.width, f.height, f.format)
    }
}
