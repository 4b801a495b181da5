internal import CFFmpeg

extension InputFile {
    /// One frame's place on the stored timeline: its timestamp in stream ticks and whether it is a keyframe.
    struct TimelineEntry {
        var ticks: Int64
        var isKeyframe: Bool
    }

    /// Measures the timing of each stream in `indices`.
    func measureTimings(of indices: [Int]) throws(MediaError) -> [Int: TimingInfo] {
        guard !indices.isEmpty else { return [:] }
        var entries: [Int: [TimelineEntry]] = [:]
        if hasCompleteIndex {
            for index in indices { entries[index] = try indexEntries(of: index) }
        } else {
            entries = try scanPackets(of: indices)
        }
        var result: [Int: TimingInfo] = [:]
        for index in indices {
            let st = try stream(index)
            result[index] = TimingInfo(entries[index] ?? [], timeBase: Rational(st.pointee.time_base),
                                       duration: timestamp(st.pointee.duration))
        }
        return result
    }

    /// The stream's frames from the container's sample index, lead-in (edit-list discard) excluded.
    /// Wraps `avformat_index_get_entry`.
    private func indexEntries(of index: Int) throws(MediaError) -> [TimelineEntry] {
        let st = try stream(index)
        let count = avformat_index_get_entries_count(st)
        var entries: [TimelineEntry] = []
        entries.reserveCapacity(Int(max(count, 0)))
        for j in 0..<max(count, 0) {
            guard let e = avformat_index_get_entry(st, j) else { continue }
            let flags = Int32(e.pointee.flags)
            if flags & AVINDEX_DISCARD_FRAME != 0 { continue }
            entries.append(TimelineEntry(ticks: e.pointee.timestamp, isKeyframe: flags & AVINDEX_KEYFRAME != 0))
        }
        return entries
    }

    /// The streams' frames from reading every packet, for containers without a full index.
    /// Leaves the file at its end.
    private func scanPackets(of indices: [Int]) throws(MediaError) -> [Int: [TimelineEntry]] {
        let source = try PacketSource(file: self, streams: Set(indices))
        defer { discardStreams(except: Set(0..<streamCount)) }
        var result: [Int: [TimelineEntry]] = [:]
        while try source.next() {
            let packet = source.packet
            guard !packet.isDiscarded, let ticks = packet.pts ?? packet.dts else { continue }
            result[packet.streamIndex, default: []].append(TimelineEntry(ticks: ticks, isKeyframe: packet.isKeyframe))
        }
        return result
    }
}

extension TimingInfo {
    /// Measures timing from a stream's frames in storage order.
    /// - Parameter duration: the stream's stated duration in ticks (the sum of its frames' durations), if known.
    init(_ entries: [InputFile.TimelineEntry], timeBase: Rational, duration: Int64?) {
        frameCount = entries.count
        keyframeCount = entries.lazy.filter(\.isKeyframe).count

        // Intervals between frames in presentation order.
        let starts = entries.map(\.ticks).sorted()
        let intervals = zip(starts.dropFirst(), starts).map { $0 - $1 }
        let seconds = { (ticks: Int64) in MediaTime(ticks: ticks, timeBase: timeBase).seconds }
        // Frames over the time they cover: the stream's duration where the container states it,
        // else first to last start plus one typical interval.
        let typical = intervals.isEmpty ? nil : intervals.sorted()[intervals.count / 2]
        if let duration, duration > 0 {
            averageFrameRate = Double(starts.count) / seconds(duration)
        } else if let first = starts.first, let last = starts.last, let typical, last > first {
            averageFrameRate = Double(starts.count) / seconds(last - first + typical)
        } else {
            averageFrameRate = nil
        }
        minimumFrameInterval = intervals.min().map(seconds)
        maximumFrameInterval = intervals.max().map(seconds)

        // Tolerance: one tick (timestamps are rounded to ticks) and at least a millisecond.
        let millisecond = MediaTime(ticks: 1, timeBase: Rational(1, 1000)).rescaled(to: timeBase).ticks
        let tolerance = max(1, millisecond)
        if let typical {
            let deviating = intervals.lazy.filter { abs($0 - typical) > tolerance }.count
            isVariable = deviating * 100 > intervals.count
        } else {
            isVariable = false
        }

        // Keyframe spacing in frames, in storage (decode) order, which is how a decoder meets them.
        let keyPositions = entries.indices.filter { entries[$0].isKeyframe }
        let gaps = zip(keyPositions.dropFirst(), keyPositions).map { $0 - $1 }.sorted()
        keyframeInterval = gaps.isEmpty ? nil
            : KeyframeInterval(minimum: gaps.first!, median: gaps[gaps.count / 2], maximum: gaps.last!)
    }
}

extension InputFile {
    /// What media work needs, with the packets read at most once: the file's description (every stream's
    /// parameters found, the main video stream's timing) and that stream's presentation timeline. MP4 and
    /// QuickTime give the timing from their sample index; other containers from the timeline's own pass.
    /// Leaves the file at its end: seek before reading on.
    public func describeWithTimeline(isCancelled: () -> Bool = { false }) throws(MediaError) -> (info: MediaInfo, timeline: PresentationTimeline) {
        var info = try describe(thorough: true, measureTiming: hasCompleteIndex)
        guard let video = mainVideoStream else { throw .noVideoStream }
        let timeline = try presentationTimeline(stream: video, isCancelled: isCancelled)
        if let position = info.streams.firstIndex(where: { $0.index == video }), info.streams[position].timing == nil {
            let keys = Set(timeline.keyframePts)
            info.streams[position].timing = TimingInfo(timeline.pts.map { TimelineEntry(ticks: $0, isKeyframe: keys.contains($0)) },
                                                       timeBase: timeline.timeBase, duration: timestamp(try stream(video).pointee.duration))
        }
        return (info, timeline)
    }
}
