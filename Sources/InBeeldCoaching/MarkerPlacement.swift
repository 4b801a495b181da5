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
