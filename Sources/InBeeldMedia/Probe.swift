import Foundation
internal import CFFmpeg

extension InputFile {
    /// Describes the file: container, duration, streams and privacy-relevant metadata.
    ///
    /// - Parameter thorough: also call `avformat_find_stream_info` even when the container header
    ///   already states every stream's parameters (it decodes a few frames, which costs time on a
    ///   folder of recordings). Containers without such a header are always probed.
    /// - Parameter measureTiming: measure each video stream's timing from its packets' timestamps.
    ///   MP4/MOV files answer this from their sample index without reading media data; other
    ///   containers are read through once.
    public func describe(thorough: Bool, measureTiming: Bool = true) throws(MediaError) -> MediaInfo {
        if thorough || !hasCompleteIndex || !headerStatesEssentials {
            try findStreamInfo()
        }
        var streams: [StreamInfo] = []
        for i in 0..<streamCount { streams.append(try describeStream(i)) }
        if measureTiming {
            let videoIndices = streams.filter { $0.kind == .video && !$0.isAttachedPicture }.map(\.index)
            let timings = try measureTimings(of: videoIndices)
            for (index, timing) in timings { streams[index].timing = timing }
        }
        let size = context.pointee.pb.map { avio_size($0) } ?? -1
        return MediaInfo(
            path: path,
            container: formatName,
            containerLongName: formatLongName,
            sizeBytes: max(size, 0),
            durationMicroseconds: durationMicroseconds,
            durationSeconds: durationMicroseconds.map { Double($0) / 1_000_000 },
            bitRate: context.pointee.bit_rate > 0 ? context.pointee.bit_rate : nil,
            streams: streams,
            privacy: privacyMetadata(),
            truncated: hasCompleteIndex && size > 0 && indexReachesBeyond(size)
        )
    }

    /// Whether every audio and video stream's parameters are known from the header alone.
    private var headerStatesEssentials: Bool {
        listedStreams.allSatisfy { _, stream in
            let par = stream.pointee.codecpar.pointee
            switch par.codec_type {
            case AVMEDIA_TYPE_VIDEO: return par.width > 0 && par.height > 0 && par.format >= 0
            case AVMEDIA_TYPE_AUDIO: return par.sample_rate > 0 && par.ch_layout.nb_channels > 0
            default: return true
            }
        }
    }

    private func describeStream(_ index: Int) throws(MediaError) -> StreamInfo {
        let st = try stream(index)
        let par = st.pointee.codecpar.pointee
        let kind: StreamInfo.Kind
        switch par.codec_type {
        case AVMEDIA_TYPE_VIDEO: kind = .video
        case AVMEDIA_TYPE_AUDIO: kind = .audio
        case AVMEDIA_TYPE_SUBTITLE: kind = .subtitle
        case AVMEDIA_TYPE_DATA: kind = .data
        case AVMEDIA_TYPE_ATTACHMENT: kind = .attachment
        default: kind = .unknown
        }
        let timeBase = Rational(st.pointee.time_base)
        let duration = timestamp(st.pointee.duration).map {
            MediaTime(ticks: $0, timeBase: timeBase).seconds
        }
        var info = StreamInfo(
            index: index,
            kind: kind,
            codec: String(cString: avcodec_get_name(par.codec_id)),
            codecLongName: avcodec_descriptor_get(par.codec_id).flatMap { $0.pointee.long_name }.map { String(cString: $0) },
            profile: avcodec_profile_name(par.codec_id, par.profile).map { String(cString: $0) },
            decodable: par.codec_id != AV_CODEC_ID_NONE && avcodec_find_decoder(par.codec_id) != nil,
            timeBase: timeBase,
            durationSeconds: duration,
            isAttachedPicture: st.pointee.disposition & AV_DISPOSITION_ATTACHED_PIC != 0,
            video: nil,
            audio: nil,
            timing: nil
        )
        if kind == .video { info.video = describeVideo(st) }
        if kind == .audio {
            var layout = par.ch_layout
            var buffer = [CChar](repeating: 0, count: 64)
            let described = av_channel_layout_describe(&layout, &buffer, buffer.count) >= 0
            info.audio = AudioInfo(
                sampleRate: Int(par.sample_rate),
                channels: Int(par.ch_layout.nb_channels),
                channelLayout: described ? string(from: buffer) : nil,
                sampleFormat: av_get_sample_fmt_name(AVSampleFormat(rawValue: par.format)).map { String(cString: $0) }
            )
        }
        return info
    }

    private func describeVideo(_ st: UnsafeMutablePointer<AVStream>) -> VideoInfo {
        let par = st.pointee.codecpar.pointee
        let width = Int(par.width), height = Int(par.height)
        let sar = Rational(par.sample_aspect_ratio)
        let hasSAR = sar.isKnown && sar.numerator != sar.denominator
        // Square pixels first, then rotation.
        var displayWidth = width
        if hasSAR {
            displayWidth = Int(av_rescale(Int64(width), Int64(sar.numerator), Int64(sar.denominator)))
        }
        var displayHeight = height
        let rotation = rotationDegrees(st)
        if rotation == 90 || rotation == 270 { swap(&displayWidth, &displayHeight) }

        let pixelFormat = AVPixelFormat(rawValue: par.format)
        let descriptor = av_pix_fmt_desc_get(pixelFormat)
        let frameRate = Rational(st.pointee.avg_frame_rate)
        let transfer = par.color_trc == AVCOL_TRC_UNSPECIFIED ? nil : av_color_transfer_name(par.color_trc).map { String(cString: $0) }
        return VideoInfo(
            width: width,
            height: height,
            sampleAspectRatio: hasSAR ? sar : nil,
            displayWidth: displayWidth,
            displayHeight: displayHeight,
            rotation: rotation,
            pixelFormat: av_get_pix_fmt_name(pixelFormat).map { String(cString: $0) },
            bitDepth: descriptor.map { Int($0.pointee.comp.0.depth) },
            colorRange: par.color_range == AVCOL_RANGE_UNSPECIFIED ? nil : av_color_range_name(par.color_range).map { String(cString: $0) },
            colorMatrix: par.color_space == AVCOL_SPC_UNSPECIFIED ? nil : av_color_space_name(par.color_space).map { String(cString: $0) },
            colorPrimaries: par.color_primaries == AVCOL_PRI_UNSPECIFIED ? nil : av_color_primaries_name(par.color_primaries).map { String(cString: $0) },
            colorTransfer: transfer,
            headerFrameRate: frameRate.isKnown ? frameRate : nil,
            isHDR: par.color_trc == AVCOL_TRC_SMPTE2084 || par.color_trc == AVCOL_TRC_ARIB_STD_B67,
            dolbyVision: dolbyVision(st)
        )
    }

    private func dolbyVision(_ st: UnsafeMutablePointer<AVStream>) -> DolbyVision? {
        var profile: Int32 = 0, compatibility: Int32 = 0
        guard ib_stream_dolby_vision(st, &profile, &compatibility) != 0 else { return nil }
        return DolbyVision(profile: Int(profile), baseLayerCompatibility: Int(compatibility))
    }

    /// The clockwise rotation a player applies, from the stream's display matrix, rounded to a
    /// quarter turn. Wraps `av_display_rotation_get`.
    private func rotationDegrees(_ st: UnsafeMutablePointer<AVStream>) -> Int {
        guard let matrix = ib_stream_display_matrix(st) else { return 0 }
        let counterClockwise = av_display_rotation_get(matrix)
        guard counterClockwise.isFinite else { return 0 }
        let quarterTurns = Int((-counterClockwise / 90).rounded())
        return ((quarterTurns % 4) + 4) % 4 * 90
    }

    /// Whether the sample index points past `fileSize` bytes (the file was cut short).
    private func indexReachesBeyond(_ fileSize: Int64) -> Bool {
        for (_, st) in listedStreams {
            let count = avformat_index_get_entries_count(st)
            guard count > 0 else { continue }
            // Samples are laid out in file order per stream; the furthest is near the end, but interleaving
            // makes no promise, so look at the last few.
            for j in max(0, count - 8)..<count {
                if let entry = avformat_index_get_entry(st, j), entry.pointee.pos + Int64(entry.pointee.size) > fileSize {
                    return true
                }
            }
        }
        return false
    }

    private func privacyMetadata() -> PrivacyMetadata {
        var result = PrivacyMetadata()
        var all = tags()
        for i in 0..<streamCount { all += tags(stream: i) }
        for (key, value) in all {
            let k = key.lowercased()
            let trimmed = value.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty else { continue }
            var used = true
            if k.contains("location") || k.contains("gps") || k == "\u{a9}xyz" {
                if result.location == nil { result.location = trimmed }
            } else if k == "make" || k.hasSuffix(".make") || k.hasSuffix(".manufacturer") || k == "manufacturer" {
                if result.make == nil { result.make = trimmed }
            } else if k == "model" || k.hasSuffix(".model") {
                if result.model == nil { result.model = trimmed }
            } else if k == "creation_time" || k.hasSuffix(".creationdate") || k == "date" {
                if result.creationTime == nil { result.creationTime = trimmed }
            } else {
                used = false
            }
            if used, !result.sourceTags.contains("\(key)=\(trimmed)") { result.sourceTags.append("\(key)=\(trimmed)") }
        }
        return result
    }
}

func string(from buffer: [CChar]) -> String {
    String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
}

