import Foundation
internal import CFFmpeg

extension H264 {
    /// The parameter sets of an `avcC` sample entry, and its NAL length size.
    struct AVCConfiguration {
        var profile: UInt8, compatibility: UInt8, level: UInt8
        var lengthSize: Int
        var sps: [[UInt8]], pps: [[UInt8]]
        var trailer: [UInt8]  // High-profile extension bytes, kept as they are

        init?(_ data: [UInt8]) {
            guard data.count >= 7, data[0] == 1 else { return nil }
            profile = data[1]; compatibility = data[2]; level = data[3]
            lengthSize = Int(data[4] & 3) + 1
            var i = 6
            func sets(_ count: Int) -> [[UInt8]]? {
                var out: [[UInt8]] = []
                for _ in 0..<count {
                    guard i + 2 <= data.count else { return nil }
                    let n = Int(data[i]) << 8 | Int(data[i + 1]); i += 2
                    guard i + n <= data.count else { return nil }
                    out.append(Array(data[i..<i + n])); i += n
                }
                return out
            }
            guard let s = sets(Int(data[5] & 0x1F)) else { return nil }
            i = 6 + s.reduce(0) { $0 + 2 + $1.count }
            guard i < data.count else { return nil }
            let ppsCount = Int(data[i])
            i += 1
            guard let p = sets(ppsCount) else { return nil }
            sps = s; pps = p
            i = 7 + s.reduce(0) { $0 + 2 + $1.count } + p.reduce(0) { $0 + 2 + $1.count }
            trailer = i < data.count ? Array(data[i...]) : []
        }

        var bytes: [UInt8] {
            var out: [UInt8] = [1, profile, compatibility, level, 0xFC | UInt8(lengthSize - 1), 0xE0 | UInt8(sps.count)]
            for s in sps { out += [UInt8(s.count >> 8), UInt8(s.count & 0xFF)] + s }
            out.append(UInt8(pps.count))
            for p in pps { out += [UInt8(p.count >> 8), UInt8(p.count & 0xFF)] + p }
            return out + trailer
        }
    }

    /// The id in an SPS (`seq_parameter_set_id`) or PPS (`pic_parameter_set_id`): the first Exp-Golomb
    /// number after the header (for an SPS, after profile, constraints and level).
    static func parameterSetID(_ nal: [UInt8]) -> Int? {
        guard let type = nal.first.map({ $0 & 0x1F }) else { return nil }
        var reader = BitReader(bytes: Array(nal.dropFirst(type == 7 ? 4 : 1)))
        return reader.unsignedExpGolomb()
    }

    /// NAL units of an Annex B byte stream (start codes), without the start codes.
    static func annexBUnits(_ data: UnsafePointer<UInt8>, count: Int) -> [[UInt8]] {
        var units: [[UInt8]] = []
        var i = 0, start = -1
        while i + 2 < count {
            if data[i] == 0 && data[i + 1] == 0 && data[i + 2] == 1 {
                if start >= 0 {
                    var end = i
                    while end > start && data[end - 1] == 0 { end -= 1 }
                    units.append(Array(UnsafeBufferPointer(start: data + start, count: end - start)))
                }
                i += 3; start = i
            } else {
                i += 1
            }
        }
        if start >= 0 && start < count { units.append(Array(UnsafeBufferPointer(start: data + start, count: count - start))) }
        return units
    }

    /// What a smart cut must match in a sequence parameter set: `profile_idc`, `level_idc`,
    /// `seq_parameter_set_id` and `max_num_ref_frames` (H.264 7.3.2.1.1), or `nil` when it does not parse.
    struct SequenceParameters: Equatable {
        var profile: Int, level: Int, id: Int, referenceFrames: Int

        init?(_ nal: [UInt8]) {
            guard nal.count > 4, nal[0] & 0x1F == 7 else { return nil }
            // The payload without emulation-prevention bytes (0x000003 -> 0x0000).
            var rbsp: [UInt8] = []
            var zeros = 0
            for byte in nal.dropFirst() {
                if zeros >= 2 && byte == 3 { zeros = 0; continue }
                rbsp.append(byte)
                zeros = byte == 0 ? zeros + 1 : 0
            }
            profile = Int(rbsp[0]); level = Int(rbsp[2])
            var r = BitReader(bytes: Array(rbsp.dropFirst(3)))
            guard let id = r.unsignedExpGolomb() else { return nil }
            self.id = id
            if [100, 110, 122, 244, 44, 83, 86, 118, 128, 138, 139, 134, 135].contains(profile) {
                guard let chroma = r.unsignedExpGolomb() else { return nil }
                if chroma == 3 { _ = r.bit() }
                _ = r.unsignedExpGolomb(); _ = r.unsignedExpGolomb()  // bit depths
                _ = r.bit()  // qpprime_y_zero_transform_bypass_flag
                guard let scaling = r.bit() else { return nil }
                if scaling == 1 {
                    for list in 0..<(chroma == 3 ? 12 : 8) where r.bit() == 1 {
                        var last = 8, next = 8
                        for _ in 0..<(list < 6 ? 16 : 64) where next != 0 {
                            guard let delta = r.signedExpGolomb() else { return nil }
                            next = (last + delta + 256) % 256
                            last = next == 0 ? last : next
                        }
                    }
                }
            }
            guard r.unsignedExpGolomb() != nil, let pocType = r.unsignedExpGolomb() else { return nil }  // log2_max_frame_num
            if pocType == 0 {
                _ = r.unsignedExpGolomb()
            } else if pocType == 1 {
                _ = r.bit(); _ = r.signedExpGolomb(); _ = r.signedExpGolomb()
                guard let cycle = r.unsignedExpGolomb(), cycle < 256 else { return nil }
                for _ in 0..<cycle { _ = r.signedExpGolomb() }
            }
            guard let refs = r.unsignedExpGolomb(), refs <= 16 else { return nil }
            referenceFrames = refs
        }
    }

    struct BitReader {
        var bytes: [UInt8]
        var position = 0
        mutating func bit() -> Int? {
            guard position / 8 < bytes.count else { return nil }
            defer { position += 1 }
            return Int(bytes[position / 8] >> (7 - UInt8(position % 8))) & 1
        }
        mutating func unsignedExpGolomb() -> Int? {
            var zeros = 0
            while let b = bit(), b == 0 { zeros += 1; if zeros > 31 { return nil } }
            var value = 1
            for _ in 0..<zeros { guard let b = bit() else { return nil }; value = value << 1 | b }
            return value - 1
        }
        mutating func signedExpGolomb() -> Int? {
            guard let k = unsignedExpGolomb() else { return nil }
            return k % 2 == 1 ? (k + 1) / 2 : -(k / 2)
        }
    }
}

extension ClipCutter {
    /// Smart cut: re-encodes only from the first frame to the next IDR keyframe (and from the last
    /// keyframe to the end when the fragment ends inside a GOP), and copies the GOPs between bit for bit.
    /// The re-encoded parts carry their own parameter sets under another id, listed beside the source's in
    /// the sample entry; they have no B-frames, and every timestamp is shifted so decode times rise across
    /// the seams. The result is checked by decoding around the seams; anything unusual is refused with a
    /// reason (`MediaError.smartCutRefused`), and the caller cuts in exact mode instead.
    public func cutSmart(_ request: ClipRequest, crf: Int, preset: String, progress: (Double) -> Void = { _ in },
                         isCancelled: () -> Bool = { false }) throws(MediaError) -> ClipReport {
        guard let range = frames(fromMicroseconds: request.fromMicroseconds, toMicroseconds: request.toMicroseconds) else {
            throw MediaError.smartCutRefused(.noFrames)
        }
        let plan = try smartPlan(range)
        let (source, copyStart, copyEnd, endsOnGOP) = (plan.sampleEntry, plan.copyStart, plan.copyEnd, plan.endsOnGOP)
        let st = try file.stream(videoIndex)
        let par = st.pointee.codecpar.pointee
        let pts = timeline.pts
        let first = range.lowerBound, last = range.upperBound

        // The seam's keyframe must be an IDR picture; its decode delay sets the shift of the encoded parts.
        let pictures = try PacketSource(file: file, streams: [videoIndex])
        defer { file.discardStreams(except: Set(0..<file.streamCount)) }
        let delay = try seamDelay(at: copyStart, nalLengthSize: plan.nalLengthSize, source: pictures)

        // The encoded parts: no B-frames, our parameter-set id, the source's profile, level and DPB size.
        guard let sourceSPS = source.sps.first.flatMap(H264.SequenceParameters.init) else {
            throw MediaError.smartCutRefused(.sequenceParameterSetUnreadable)
        }
        var encoding = H264Encoding(stream: st, size: (Int(par.width), Int(par.height)), pixelFormat: AVPixelFormat(rawValue: par.format),
                                    timeBase: timeline.timeBase, frameRate: timeline.averageFrameRate, crf: crf, preset: preset,
                                    bitExact: !request.keepMetadata, globalHeader: true)
        encoding.smartPart = .init(parameterSetID: plan.parameterSetID, profile: sourceSPS.profile, level: sourceSPS.level,
                                   referenceFrames: max(sourceSPS.referenceFrames, 1), bFrames: delay > 0 ? 1 : 0)
        var parts: [(start: Int64, end: Int64)] = [(pts[first], copyStart)]
        if !endsOnGOP { parts.append((copyEnd, pts[last] + 1)) }
        let (encoded, ourSets) = try encodeParts(parts, encoding: encoding, lengthSize: source.lengthSize, source: pictures,
                                                 progress: progress, isCancelled: isCancelled)

        // The sample entry lists the source's parameter sets and ours.
        var combined = source
        combined.sps.append(ourSets.sps)
        combined.pps.append(ourSets.pps)
        let output = try OutputFile(path: request.destination, format: "mp4")
        let vout = try copiedVideoStream(in: output, sampleEntry: combined.bytes)
        let origin = pts[first], endTicks = pts[last] + timeline.duration(ofFrame: last)
        let audio = try soundAndHeader(request, output: output, video: vout, from: origin, to: endTicks)
        try writeSmartVideo(encoded, to: output, stream: vout, origin: origin, copy: (copyStart, copyEnd), delay: delay,
                            source: pictures, isCancelled: isCancelled)
        progress(0.8)
        if let audio { try writeSoundAfterPicture(audio, from: origin, isCancelled: isCancelled) }
        try output.finish()
        // Around each seam: the re-encoded part and one GOP of the copied part beside it.
        let gop = (timeline.keyframePts.first { $0 > copyStart } ?? copyEnd) - copyStart
        try verify(request.destination, expected: Array(pts[range]).map { $0 - origin }, isCancelled: isCancelled,
                   windows: [(0, copyStart - origin + gop)] + (endsOnGOP ? [] : [(copyEnd - origin - gop, Int64.max)]))
        progress(1)
        return ClipReport(firstFrameIndex: first, lastFrameIndex: last, firstFrameSeconds: timeline.seconds(ofFrame: first),
                          durationSeconds: MediaTime(ticks: endTicks - origin, timeBase: timeline.timeBase).seconds, leadInFrames: 0,
                          hasAudio: audioIndex != nil, reencodedFrames: encoded.map(\.count).reduce(0, +))
    }

    /// What a smart cut of `range` copies and re-encodes, or why it cannot be made.
    private struct SmartPlan {
        /// The source's sample entry (`avcC`).
        var sampleEntry: H264.AVCConfiguration
        /// A parameter-set id the source does not use, for the re-encoded parts.
        var parameterSetID: Int
        /// The copied middle: from the first keyframe after the first frame to the keyframe the tail starts
        /// at (or the frame after the fragment, when it ends on a whole group of pictures).
        var copyStart: Int64, copyEnd: Int64
        var endsOnGOP: Bool
        var nalLengthSize: Int
    }

    private func smartPlan(_ range: ClosedRange<Int>) throws(MediaError) -> SmartPlan {
        let st = try file.stream(videoIndex)
        let par = st.pointee.codecpar.pointee
        guard par.color_trc != AVCOL_TRC_SMPTE2084 && par.color_trc != AVCOL_TRC_ARIB_STD_B67 else {
            throw MediaError.smartCutRefused(.hdrBecomesSDR)
        }
        guard par.codec_id == AV_CODEC_ID_H264 else { throw MediaError.smartCutRefused(.notH264(codec: String(cString: avcodec_get_name(par.codec_id)))) }
        guard par.format == AV_PIX_FMT_YUV420P.rawValue || par.format == AV_PIX_FMT_YUVJ420P.rawValue else {
            throw MediaError.smartCutRefused(.notEightBit420)
        }
        guard let extra = par.extradata, let source = H264.AVCConfiguration(Array(UnsafeBufferPointer(start: extra, count: Int(par.extradata_size)))) else {
            throw MediaError.smartCutRefused(.parameterSetsNotInSampleEntry)
        }
        let used = Set(source.sps.compactMap(H264.parameterSetID) + source.pps.compactMap(H264.parameterSetID))
        guard let ourID = (1...31).first(where: { !used.contains($0) }) else { throw MediaError.smartCutRefused(.noFreeParameterSetID) }

        let pts = timeline.pts
        let first = range.lowerBound, last = range.upperBound
        // The copied middle: from the first keyframe after the first frame to the keyframe the tail starts at.
        guard let copyStart = timeline.keyframePts.first(where: { $0 > pts[first] && $0 <= pts[last] }) else {
            throw MediaError.smartCutRefused(.noKeyframeAfterFirstFrame)
        }
        let endsOnGOP = last + 1 >= pts.count || timeline.keyframePts.contains(pts[last + 1])
        guard let lastKeyframe = timeline.keyframe(atOrBefore: pts[last]) else { throw MediaError.smartCutRefused(.noKeyframeBeforeEnd) }
        let copyEnd = endsOnGOP ? (last + 1 < pts.count ? pts[last + 1] : Int64.max) : lastKeyframe
        guard copyEnd > copyStart else { throw MediaError.smartCutRefused(.noWholeGroupOfPictures) }
        let nal = try H264.nalLengthSize(of: st).orThrow(MediaError.smartCutRefused(.noNALLengthSize))
        return SmartPlan(sampleEntry: source, parameterSetID: ourID, copyStart: copyStart, copyEnd: copyEnd, endsOnGOP: endsOnGOP,
                         nalLengthSize: nal)
    }

    /// The sound, decoded and cut to the sample as in exact mode, written after the whole picture.
    private func writeSoundAfterPicture(_ audio: AudioCut, from origin: Int64, isCancelled: () -> Bool) throws(MediaError) {
        guard let a = audioIndex else { return }
        audio.interleaved = false
        let sound = try PacketSource(file: file, streams: [a])
        try sound.seek(stream: videoIndex, toKeyframeAtOrBefore: origin - av_rescale_q(200_000, ib_time_base_q(), timeline.timeBase.av))
        while !audio.done, try sound.next() {
            if isCancelled() { throw MediaError.cancelled }
            try audio.decode(sound.packet)
        }
        if !audio.done { try audio.decode(nil) }
        try audio.finish()
    }

    /// The decode delay of the IDR picture the copied part starts with (its pts minus its dts), which moves the
    /// encoded parts' decode times; refused when that keyframe is not an IDR picture (an open GOP).
    private func seamDelay(at copyStart: Int64, nalLengthSize nal: Int, source: PacketSource) throws(MediaError) -> Int64 {
        try source.seek(stream: videoIndex, toKeyframeAtOrBefore: copyStart)
        var delay: Int64?
        while delay == nil, try source.next() {
            let packet = source.packet
            guard let p = packet.pts, let d = packet.dts, p == copyStart else { continue }
            guard H264.isIDR(packet, nalLengthSize: nal) else { throw MediaError.smartCutRefused(.seamNotIDR) }
            delay = p - d
        }
        guard let delay, delay >= 0 else { throw MediaError.smartCutRefused(.unusualSeamTimestamps) }
        return delay
    }

    /// The re-encoded head and tail: each part decoded from the keyframe before it and encoded with our
    /// parameter sets (the same for both parts), as length-prefixed packets like the source's.
    private func encodeParts(_ parts: [(start: Int64, end: Int64)], encoding: H264Encoding, lengthSize: Int, source: PacketSource,
                             progress: (Double) -> Void, isCancelled: () -> Bool)
        throws(MediaError) -> (encoded: [[Packet]], sets: (sps: [UInt8], pps: [UInt8])) {
        let pts = timeline.pts
        var encoded: [[Packet]] = []
        var ourSets: (sps: [UInt8], pps: [UInt8])?
        let vdec = try Decoder(file: file, stream: videoIndex)
        let frame = try Frame()
        for part in parts {
            let encoder = try encoding.makeEncoder()
            let units = H264.annexBUnits(encoder.context.pointee.extradata, count: Int(encoder.context.pointee.extradata_size))
            guard let sps = units.first(where: { $0.first.map { $0 & 0x1F } == 7 }),
                  let pps = units.first(where: { $0.first.map { $0 & 0x1F } == 8 }) else {
                throw MediaError.smartCutRefused(.encoderGaveNoParameterSets)
            }
            if let known = ourSets, known.sps != sps || known.pps != pps { throw MediaError.smartCutRefused(.encoderParameterSetsDiffer) }
            ourSets = (sps, pps)
            var out: [Packet] = []
            let result = try Packet()
            func keep(_ packet: Packet) throws(MediaError) {
                let converted = try Packet()
                try lengthPrefixed(packet, into: converted, lengthSize: lengthSize)
                out.append(converted)
            }
            /// Encodes a decoded frame of the part; false once past its end.
            func encodeFrame(_ frame: Frame) throws(MediaError) -> Bool {
                let p = frame.bestEffortTimestamp ?? frame.pointer.pointee.pts
                if p < part.start { return true }
                if p >= part.end { return false }
                frame.pointer.pointee.pict_type = AV_PICTURE_TYPE_NONE
                frame.pointer.pointee.pts = p
                try encoder.encode(frame, into: result, keep)
                return true
            }
            try source.seek(stream: videoIndex, toKeyframeAtOrBefore: part.start)
            vdec.flush()
            _ = try vdec.run(from: source, into: frame, isCancelled: isCancelled, encodeFrame)
            try encoder.encode(nil, into: result, keep)
            let expected = pts.filter { $0 >= part.start && $0 < part.end }.count
            guard out.count == expected else { throw MediaError.smartCutRefused(.reencodedFrameCount(made: out.count, expected: expected)) }
            encoded.append(out)
            progress(0.3 * Double(encoded.count))
        }

        guard let ourSets else { throw MediaError.smartCutRefused(.nothingToReencode) }
        return (encoded, ourSets)
    }

    /// A video stream in `output` that takes the source's packets as they are, its sample entry (`avcC`) listing
    /// the source's parameter sets and ours.
    private func copiedVideoStream(in output: OutputFile, sampleEntry avcC: [UInt8]) throws(MediaError) -> Int {
        let st = try file.stream(videoIndex)
        let vout = try output.addStream()
        let ost = try output.stream(vout)
        try check(avcodec_parameters_copy(ost.pointee.codecpar, st.pointee.codecpar), "avcodec_parameters_copy")
        av_freep(&ost.pointee.codecpar.pointee.extradata)
        guard let buffer = av_mallocz(avcC.count + Int(AV_INPUT_BUFFER_PADDING_SIZE))?.assumingMemoryBound(to: UInt8.self) else {
            throw MediaError.outOfMemory("av_mallocz")
        }
        buffer.update(from: avcC, count: avcC.count)
        ost.pointee.codecpar.pointee.extradata = buffer
        ost.pointee.codecpar.pointee.extradata_size = Int32(avcC.count)
        ost.pointee.time_base = st.pointee.time_base
        return vout
    }

    /// Writes the picture: head, copied GOPs, tail.
    private func writeSmartVideo(_ encoded: [[Packet]], to output: OutputFile, stream vout: Int, origin: Int64,
                                 copy: (start: Int64, end: Int64), delay: Int64, source: PacketSource,
                                 isCancelled: () -> Bool) throws(MediaError) {
        let (copyStart, copyEnd) = copy
        // Video: head, copied GOPs, tail; pts from the first frame. Copied packets keep their decode times;
        // an encoded part's are x264's, moved back (head) or forward (tail, at most as far as every packet's
        // decode time stays at or before its presentation) so that decode times rise across the seams.
        let vtb = timeline.timeBase
        var lastDTS = Int64.min
        func put(_ p: Packet, dtsShift: Int64) throws(MediaError) {
            let raw = p.pointer
            let sourcePts = raw.pointee.pts
            raw.pointee.pts = sourcePts - origin
            raw.pointee.dts = raw.pointee.dts - origin + dtsShift
            if let index = timeline.index(ofPts: sourcePts) { raw.pointee.duration = timeline.duration(ofFrame: index) }
            guard raw.pointee.dts > lastDTS, raw.pointee.dts <= raw.pointee.pts else {
                throw MediaError.smartCutRefused(.decodeTimesWouldNotRise)
            }
            lastDTS = raw.pointee.dts
            raw.pointee.pos = -1
            try output.write(p, stream: vout, timeBase: vtb, interleaved: false)
        }
        func putEncoded(_ part: [Packet], before nextDTS: Int64?) throws(MediaError) {
            guard let firstDTS = part.first?.pointer.pointee.dts, let lastPartDTS = part.last?.pointer.pointee.dts else { return }
            var shift: Int64 = 0
            if let nextDTS { shift = min(0, nextDTS - 1 - (lastPartDTS - origin)) }
            if lastDTS != Int64.min, firstDTS - origin <= lastDTS {
                let slack = part.map { $0.pointer.pointee.pts - $0.pointer.pointee.dts }.min() ?? 0
                shift = lastDTS + 1 - (firstDTS - origin)
                guard shift <= slack else { throw MediaError.smartCutRefused(.decodeTimesWouldNotRise) }
            }
            for p in part { try put(p, dtsShift: shift) }
        }
        try putEncoded(encoded[0], before: copyStart - delay - origin)
        // The copied GOPs, streamed in decode order; a picture outside them means an open GOP: refused.
        try source.seek(stream: videoIndex, toKeyframeAtOrBefore: copyStart)
        var started = false
        while try source.next() {
            if isCancelled() { throw MediaError.cancelled }
            let packet = source.packet
            guard let p = packet.pts else { continue }
            if !started { guard p == copyStart else { continue }; started = true }
            if p == copyEnd { break }
            guard p >= copyStart && p < copyEnd else { throw MediaError.smartCutRefused(.pictureOutsideCopiedPart) }
            try put(packet, dtsShift: 0)
        }
        if encoded.count > 1 { try putEncoded(encoded[1], before: nil) }

    }

    /// Decodes the clip around its seams (strict: damage is an error) and checks that exactly the expected
    /// frames come out there.
    private func verify(_ path: String, expected: [Int64], isCancelled: () -> Bool,
                        windows: [(from: Int64, to: Int64)]) throws(MediaError) {
        let clip = try InputFile(path: path)
        try clip.findStreamInfo()
        guard let v = clip.mainVideoStream else { throw MediaError.smartCutRefused(.clipHasNoPicture) }
        let source = try PacketSource(file: clip, streams: [v])
        let decoder = try Decoder(file: clip, stream: v, strict: true)
        let frame = try Frame()
        for window in windows {
            try source.seek(stream: v, toKeyframeAtOrBefore: max(window.from, 0))
            decoder.flush()
            var seen: [Int64] = []
            var failure: SmartCutRefusal?
            _ = try decoder.run(from: source, into: frame, isCancelled: isCancelled,
                                damaged: { failure = failure ?? .seamDoesNotDecode($0) }) { frame throws(MediaError) in
                if frame.isDamaged { failure = .seamDoesNotDecode(nil) }
                let p = frame.bestEffortTimestamp ?? frame.pointer.pointee.pts
                if p >= window.from && p < window.to { seen.append(p) }
                return failure == nil && p < window.to
            }
            if let failure { throw MediaError.smartCutRefused(failure) }
            let want = expected.filter { $0 >= window.from && $0 < window.to }
            guard seen == want else { throw MediaError.smartCutRefused(.seamFramesUnexpected) }
        }
    }

    /// Annex B (start codes) to length-prefixed NAL units, leaving out parameter sets, delimiters and SEI.
    private func lengthPrefixed(_ packet: Packet, into out: Packet, lengthSize: Int) throws(MediaError) {
        let units = H264.annexBUnits(packet.pointer.pointee.data, count: Int(packet.pointer.pointee.size))
            .filter { u in guard let t = u.first.map({ $0 & 0x1F }) else { return false }; return ![6, 7, 8, 9].contains(t) }
        let size = units.reduce(0) { $0 + lengthSize + $1.count }
        try check(av_new_packet(out.pointer, Int32(size)), "av_new_packet")
        var offset = 0
        for u in units {
            for i in 0..<lengthSize { out.pointer.pointee.data[offset + i] = UInt8((u.count >> (8 * (lengthSize - 1 - i))) & 0xFF) }
            offset += lengthSize
            (out.pointer.pointee.data + offset).update(from: u, count: u.count)
            offset += u.count
        }
        try check(av_packet_copy_props(out.pointer, packet.pointer), "av_packet_copy_props")
    }
}

extension Optional {
    func orThrow(_ error: @autoclosure () -> MediaError) throws(MediaError) -> Wrapped {
        guard let value = self else { throw error() }
        return value
    }
}
