internal import CFFmpeg

/// What decoding every frame of a file found.
public struct DecodeReport: Sendable, Codable, Equatable {
    /// Frames decoded per stream index.
    public var framesDecoded: [Int: Int]
    /// Decode or read failures and frames the decoder flagged as damaged.
    public var errorCount: Int
    /// Presentation time, in seconds, of the first problem, when known.
    public var firstErrorSeconds: Double?
    /// FFmpeg's message for the first problem.
    public var firstErrorMessage: String?

    public var isClean: Bool { errorCount == 0 }
}

extension InputFile {
    /// A strict decoder (damage is an error) for every audio and video stream that is not a cover
    /// picture, without the deblocking filter (the pictures are not shown).
    private func checkingDecoders() throws(MediaError) -> [Int: Decoder] {
        var decoders: [Int: Decoder] = [:]
        for (i, stream) in listedStreams {
            let type = stream.pointee.codecpar.pointee.codec_type
            guard type == AVMEDIA_TYPE_VIDEO || type == AVMEDIA_TYPE_AUDIO,
                  stream.pointee.disposition & AV_DISPOSITION_ATTACHED_PIC == 0 else { continue }
            decoders[i] = try Decoder(file: self, stream: i, strict: true, skipLoopFilter: true)
        }
        return decoders
    }

    /// Decodes every frame of every audio and video stream to find damage.
    /// - Parameter progress: called now and then with the fraction of the file done (0...1).
    public func decodeEverything(progress: (Double) -> Void = { _ in }) throws(MediaError) -> DecodeReport {
        try findStreamInfo()
        let decoders = try checkingDecoders()
        let source = try PacketSource(file: self, streams: Set(decoders.keys))
        defer { discardStreams(except: Set(0..<streamCount)) }

        var report = DecodeReport(framesDecoded: [:], errorCount: 0)
        func note(_ error: MediaError, at ticks: Int64?, in decoder: Decoder?) {
            report.errorCount += 1
            if report.firstErrorMessage == nil {
                report.firstErrorMessage = error.description
                if let ticks, let decoder {
                    report.firstErrorSeconds = MediaTime(ticks: ticks, timeBase: decoder.timeBase).seconds
                }
            }
        }
        let frame = try Frame()
        /// Counts a decoded frame and notes it when the decoder marked it damaged.
        func count(_ frame: Frame, of decoder: Decoder) -> Bool {
            report.framesDecoded[decoder.streamIndex, default: 0] += 1
            if frame.isDamaged { note(.damagedFrame, at: frame.bestEffortTimestamp, in: decoder) }
            return true
        }

        let duration = durationMicroseconds.map { Double($0) / 1_000_000 } ?? 0
        var lastReported = -1.0
        var lastTicks: [Int: Int64] = [:]
        while true {
            let more: Bool
            do {
                more = try source.next()
            } catch {
                // The container itself is damaged; nothing after this point can be trusted.
                let index = decoders.keys.min()
                note(error, at: index.flatMap { lastTicks[$0] }, in: index.flatMap { decoders[$0] })
                break
            }
            guard more else { break }
            let packet = source.packet
            guard let decoder = decoders[packet.streamIndex] else { continue }
            let ticks = packet.pts ?? packet.dts
            if let ticks { lastTicks[packet.streamIndex] = ticks }
            if packet.isCorrupt { note(.packetCutShort, at: ticks, in: decoder) }
            try decoder.decode(packet, into: frame, damaged: { note($0, at: ticks, in: decoder) }) { count($0, of: decoder) }
            if duration > 0, let ticks {
                let done = MediaTime(ticks: ticks, timeBase: decoder.timeBase).seconds / duration
                if done - lastReported >= 0.01 { lastReported = done; progress(min(max(done, 0), 1)) }
            }
        }
        for decoder in decoders.values {
            try decoder.decode(nil, into: frame, damaged: { note($0, at: nil, in: decoder) }) { count($0, of: decoder) }
        }
        progress(1)
        return report
    }
}
