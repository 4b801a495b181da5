import Foundation
internal import CFFmpeg

/// How InBeeld encodes a picture with libx264: the one configuration behind exact clips, the re-encoded
/// parts of smart clips, the page's browser copies and the demo recording.
///
/// x264 derives the level (and with it the VBV limits a decoder must meet) from the frame rate it is given;
/// libavcodec hands it the time base instead when no rate is set, so a 1/15360 time base made every clip
/// claim 15360 fps and level 6.2, which OpenH264, Windows' decoder and many hardware decoders refuse. The
/// real rate (the average, for a variable-rate source) goes in as `frameRate`, and the source's time base
/// stays the timestamps' unit.
struct H264Encoding {
    var width: Int32
    var height: Int32
    var pixelFormat: AVPixelFormat
    /// The unit of the frames' timestamps (the source's time base).
    var timeBase: Rational
    /// The real frame rate (for a variable-rate source, its average).
    var frameRate: Rational
    var sampleAspectRatio: AVRational
    var colourRange: AVColorRange
    var colourSpace: AVColorSpace
    var colourPrimaries: AVColorPrimaries
    var colourTransfer: AVColorTransferCharacteristic
    var chromaLocation: AVChromaLocation
    var crf: Int
    var preset: String
    /// Leave out x264's version string (no encoder tag in the clip).
    var bitExact: Bool
    /// Parameter sets in `extradata` rather than in the stream (MP4).
    var globalHeader: Bool
    /// The part of a smart clip that sits beside copied source pictures: it must decode in the same
    /// decoder state as the source (see `SmartPart`).
    var smartPart: SmartPart? = nil
    /// At most this many frames from one keyframe to the next (x264's own choice when nil).
    var keyframeInterval: Int32? = nil
    /// Encoding threads; one per core when nil.
    var threads: Int32? = nil

    /// What a re-encoded part of a smart clip must match in the source so that a decoder that starts
    /// afresh at every parameter-set change keeps the pictures it still has to show.
    struct SmartPart {
        /// `seq_parameter_set_id` for our parameter sets, unused by the source's.
        var parameterSetID: Int
        /// The source's profile (`profile_idc`) and level (`level_idc`).
        var profile: Int
        var level: Int
        /// The source's `max_num_ref_frames`: x264 writes it as both `max_num_ref_frames` and
        /// `max_dec_frame_buffering`, the DPB size a decoder compares at an IDR (H.264 Annex C.4.4).
        var referenceFrames: Int
        /// 1 when the source reorders pictures (B-frames), else 0. x264 writes picture order counts
        /// (`pic_order_cnt_type` 0) only when B-frames are allowed; without them (type 2) OpenH264 cannot
        /// place the source's pictures still waiting for output at the seam, and loses or repeats frames.
        /// One B-frame without pyramid keeps the part's own reorder delay at one frame; a fixed pattern
        /// (no adaptive B-frame decision), since OpenH264 2.3 misplaces the last picture before an IDR in
        /// some adaptive patterns (seen on x264 sources themselves).
        var bFrames: Int
    }

    /// The settings for the picture of `stream`, at `size`, in `timeBase` at `frameRate`.
    init(stream: UnsafeMutablePointer<AVStream>, size: (width: Int, height: Int), pixelFormat: AVPixelFormat,
         timeBase: Rational, frameRate: Rational, crf: Int, preset: String, bitExact: Bool, globalHeader: Bool) {
        let par = stream.pointee.codecpar.pointee
        width = Int32(size.width); height = Int32(size.height)
        self.pixelFormat = pixelFormat
        self.timeBase = timeBase
        self.frameRate = frameRate
        sampleAspectRatio = par.sample_aspect_ratio
        if par.color_trc == AVCOL_TRC_SMPTE2084 || par.color_trc == AVCOL_TRC_ARIB_STD_B67 {
            // HDR pictures reach the encoder tone-mapped to SDR (`SDRConverter`), and are tagged as such.
            let sdr = SDRConverter.outputTags
            (colourRange, colourSpace, colourPrimaries, colourTransfer) = (sdr.range, sdr.matrix, sdr.primaries, sdr.transfer)
        } else {
            colourRange = par.color_range; colourSpace = par.color_space
            colourPrimaries = par.color_primaries; colourTransfer = par.color_trc
        }
        chromaLocation = par.chroma_location
        self.crf = crf; self.preset = preset
        self.bitExact = bitExact; self.globalHeader = globalHeader
    }

    /// The settings for a picture InBeeld makes itself (the demo recording): 8-bit 4:2:0, BT.709 in
    /// limited range, at a constant `framesPerSecond` that is also the time base, bit-exact.
    init(width: Int, height: Int, framesPerSecond: Int, crf: Int, preset: String, globalHeader: Bool) {
        self.width = Int32(width); self.height = Int32(height)
        pixelFormat = AV_PIX_FMT_YUV420P
        timeBase = Rational(1, Int32(framesPerSecond))
        frameRate = Rational(Int32(framesPerSecond), 1)
        sampleAspectRatio = AVRational(num: 0, den: 1)
        (colourRange, colourSpace, colourPrimaries, colourTransfer) = (AVCOL_RANGE_MPEG, AVCOL_SPC_BT709, AVCOL_PRI_BT709, AVCOL_TRC_BT709)
        chromaLocation = AVCHROMA_LOC_UNSPECIFIED
        self.crf = crf; self.preset = preset
        bitExact = true
        self.globalHeader = globalHeader
    }

    /// An opened libx264 encoder with these settings.
    func makeEncoder() throws(MediaError) -> Encoder {
        let encoder = try Encoder(name: "libx264")
        let c = encoder.context
        c.pointee.width = width
        c.pointee.height = height
        c.pointee.pix_fmt = pixelFormat
        c.pointee.time_base = timeBase.av
        if frameRate.isKnown { c.pointee.framerate = frameRate.av }
        c.pointee.sample_aspect_ratio = sampleAspectRatio
        c.pointee.color_range = colourRange
        c.pointee.colorspace = colourSpace
        c.pointee.color_primaries = colourPrimaries
        c.pointee.color_trc = colourTransfer
        c.pointee.chroma_sample_location = chromaLocation
        // One thread per core (x264's own default is 1.5 per core): the same speed here, and each x264
        // frame thread holds frames (about 10 MB each at 1080p).
        c.pointee.thread_count = threads ?? Int32(ProcessInfo.processInfo.activeProcessorCount)
        if let keyframeInterval { c.pointee.gop_size = keyframeInterval }
        if globalHeader { c.pointee.flags |= AV_CODEC_FLAG_GLOBAL_HEADER }
        if bitExact { c.pointee.flags |= AV_CODEC_FLAG_BITEXACT }
        var options = ["crf": String(crf), "preset": preset]
        if let part = smartPart {
            // At most one B-frame, no keyframe inside the part, our parameter-set id, and the source's
            // profile, level and DPB size.
            c.pointee.max_b_frames = Int32(part.bFrames)
            c.pointee.gop_size = 100_000
            c.pointee.refs = Int32(part.referenceFrames)
            if let profile = Self.x264Profile(part.profile) { options["profile"] = profile }
            options["x264-params"] = "sps-id=\(part.parameterSetID):scenecut=0:ref=\(part.referenceFrames):b-pyramid=none:b-adapt=0"
                + ":level=\(part.level / 10).\(part.level % 10)"
        }
        try encoder.open(options: options)
        return encoder
    }

    /// x264's name for an H.264 `profile_idc` it can write in 8-bit 4:2:0.
    static func x264Profile(_ idc: Int) -> String? {
        switch idc {
        case 66: "baseline"
        case 77: "main"
        case 100: "high"
        default: nil
        }
    }
}

extension PresentationTimeline {
    /// The average frame rate: frames per second over the span from the first frame to the last, in
    /// lowest terms (30000/1001 for NTSC). Unknown (0/1) with fewer than two frames.
    var averageFrameRate: Rational {
        guard pts.count > 1, let first = pts.first, let last = pts.last, last > first else { return Rational(0, 1) }
        // (count - 1) frames in (last - first) ticks of num/den seconds.
        var num: Int32 = 0, den: Int32 = 0
        av_reduce(&num, &den, Int64(pts.count - 1) * Int64(timeBase.denominator),
                  (last - first) * Int64(timeBase.numerator), 1_000_000)
        return Rational(num, den)
    }
}

/// How InBeeld encodes sound: AAC-LC from float planes, in a time base of one sample, at 96 kb/s per
/// channel (at most 256 kb/s) unless told otherwise. The one configuration behind clips, browser copies
/// and the demo recording.
struct AACEncoding {
    var sampleRate: Int32
    var bitRate: Int64?
    var globalHeader: Bool
    var bitExact = false

    /// An opened AAC encoder with these settings for sound in `layout` (unordered layouts get the usual
    /// order for their number of channels).
    func makeEncoder(layout: UnsafePointer<AVChannelLayout>) throws(MediaError) -> Encoder {
        let encoder = try Encoder(name: "aac")
        let c = encoder.context
        c.pointee.sample_fmt = AV_SAMPLE_FMT_FLTP
        c.pointee.sample_rate = sampleRate
        try check(av_channel_layout_copy(&c.pointee.ch_layout, layout), "av_channel_layout_copy")
        if c.pointee.ch_layout.order == AV_CHANNEL_ORDER_UNSPEC {
            av_channel_layout_default(&c.pointee.ch_layout, c.pointee.ch_layout.nb_channels)
        }
        c.pointee.bit_rate = bitRate ?? Int64(min(96_000 * Int(c.pointee.ch_layout.nb_channels), 256_000))
        c.pointee.time_base = AVRational(num: 1, den: sampleRate)
        if globalHeader { c.pointee.flags |= AV_CODEC_FLAG_GLOBAL_HEADER }
        if bitExact { c.pointee.flags |= AV_CODEC_FLAG_BITEXACT }
        try encoder.open()
        return encoder
    }
}
