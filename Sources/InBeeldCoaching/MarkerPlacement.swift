import InBeeldMedia
import InBeeldMarkers

/// A marker that names no frame of the recording, with the message that says so.
public struct MarkerOutside: Error, Sendable, Equatable {
    public var message: String
}

extension PresentationTimeline {
    /// The frame a marker names (the frame shown at its time, or its frame number), or why it names none:
    /// after the end of the recording, or a frame number the recording does not have. The one rule for
    /// stills, sheets and the coach's page.
    public func frame(for marker: Marker, language: Language) -> Result<Int, MarkerOutside> {
        switch marker.time {
        case .clock(let us):
            guard us < endMicroseconds, let frame = frameIndex(atMicroseconds: us) else {
                return .failure(MarkerOutside(message: Messages(language: language).markerAfterEnd(marker, length: MarkerTime.clockText(endMicroseconds))))
            }
            return .success(frame)
        case .frame(let n):
            guard n < frameCount else {
                return .failure(MarkerOutside(message: language.say(Words.markerFrameDoesNotExist(line: marker.line, frame: n, frameCount: frameCount, lastFrame: frameCount - 1))))
            }
            return .success(n)
        case let .timecode(seconds, frames, drop):
            guard let rate = nominalFrameRate,
                  let n = MarkerTime.frameNumber(seconds: seconds, frames: frames, dropFrame: drop, nominalRate: rate) else {
                return .failure(MarkerOutside(message: language.say(Words.markerTimecodeNotInRecording(line: marker.line, time: marker.time, framesPerSecond: nominalFrameRate ?? 0))))
            }
            return frame(for: Marker(time: .frame(n), child: marker.child, note: marker.note, kind: marker.kind, line: marker.line), language: language)
        }
    }

    /// The frame rate a timecode counts in (25; 30 for 29.97): from the most common frame duration, so a
    /// phone's few longer or shorter frames do not move it. `nil` for fewer than two frames.
    public var nominalFrameRate: Int? {
        guard pts.count > 1 else { return nil }
        var counts: [Int64: Int] = [:]
        for i in 1..<min(pts.count, 2000) { counts[pts[i] - pts[i - 1], default: 0] += 1 }
        guard let step = counts.max(by: { ($0.value, -$0.key) < ($1.value, -$1.key) })?.key, step > 0 else { return nil }
        return MarkerTime.nominalRate(1 / (Double(step) * timeBase.doubleValue))
    }

    /// A marker's time from the recording's time zero: a time as written, a frame number as that frame's
    /// time. `nil` for a frame number the recording does not have.
    public func microseconds(of time: MarkerTime) -> Int64? {
        switch time {
        case .clock(let us): return us
        case .frame(let n): return n < frameCount ? microseconds(ofFrame: n) : nil
        case .timecode:
            guard case .success(let n) = frame(for: Marker(time: time), language: .en) else { return nil }
            return microseconds(ofFrame: n)
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
