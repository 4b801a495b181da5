import InBeeldMedia

extension PresentationTimeline {
    /// A marker's time from the recording's time zero: a time as written, a frame number as that frame's
    /// time. `nil` for a frame number the recording does not have.
    public func microseconds(of time: MarkerTime) -> Int64? {
        switch time {
        case .clock(let us): return us
        case .frame(let n): return n < frameCount ? microseconds(ofFrame: n) : nil
        }
    }
}

extension PresentationTimeline {
    /// The time to write for a marker on frame `index`: to the millisecond when that names the frame
    /// (the rule of MEDIA-NOTES: the frame shown at T), to the microsecond when the frames lie closer
    /// than a millisecond, and as `#N` should neither do.
    public func markerTime(ofFrame index: Int) -> MarkerTime {
        let exact = microseconds(ofFrame: index)
        for candidate in [(exact + 500) / 1000 * 1000, exact] where frameIndex(atMicroseconds: candidate) == index {
            return .clock(microseconds: candidate)
        }
        return .frame(index)
    }

    /// The fragment's end for a fragment whose last frame is `index`: the next frame's time, in whole
    /// milliseconds when that keeps `index` the last frame before it (a fragment is [A, B)); the end of the
    /// picture after the last frame.
    public func fragmentEnd(afterFrame index: Int) -> MarkerTime {
        let end = index + 1 < frameCount ? microseconds(ofFrame: index + 1) : endMicroseconds
        for candidate in [end / 1000 * 1000, end] where lastFrameIndex(beforeMicroseconds: candidate) == index {
            return .clock(microseconds: candidate)
        }
        return .clock(microseconds: end)
    }

    /// The frame a marker's time names, by the same rule as stills and sheets; `nil` for a frame number
    /// the recording does not have.
    public func frameIndex(of time: MarkerTime) -> Int? {
        guard let us = microseconds(of: time) else { return nil }
        return frameIndex(atMicroseconds: us)
    }
}
