/// What one media file holds: container, duration, streams, and metadata. A plain value.
public struct MediaInfo: Sendable, Codable, Equatable {
    /// The path as given.
    public var path: String
    /// The demuxer's short name (`mov,mp4,m4a,3gp,3g2,mj2`) and descriptive name (`QuickTime / MOV`).
    public var container: String
    public var containerLongName: String
    public var sizeBytes: Int64
    /// The container's duration in microseconds (exact as FFmpeg states it), if known.
    public var durationMicroseconds: Int64?
    /// The same in seconds, for people and JSON.
    public var durationSeconds: Double?
    public var bitRate: Int64?
    public var streams: [StreamInfo]
    /// Privacy-relevant tags found in the container or its streams.
    public var privacy: PrivacyMetadata
    /// Set when the sample index points past the end of the file: the file was cut short.
    public var truncated: Bool

    public var video: StreamInfo? { streams.first { $0.kind == .video && !$0.isAttachedPicture } }
    public var audio: StreamInfo? { streams.first { $0.kind == .audio } }
}

/// One stream of a media file.
public struct StreamInfo: Sendable, Codable, Equatable {
    public enum Kind: String, Sendable, Codable { case video, audio, subtitle, data, attachment, unknown }

    public var index: Int
    public var kind: Kind
    /// FFmpeg's codec name (`h264`, `hevc`, `aac`), or `none` when FFmpeg does not know the codec.
    public var codec: String
    public var codecLongName: String?
    public var profile: String?
    /// Whether this FFmpeg has a decoder for the codec.
    public var decodable: Bool
    public var timeBase: Rational
    public var durationSeconds: Double?
    /// A cover image stored as a video stream, not a moving picture.
    public var isAttachedPicture: Bool
    public var video: VideoInfo?
    public var audio: AudioInfo?
    /// Measured from the packets' timestamps; `nil` for non-video streams.
    public var timing: TimingInfo?
}

public struct VideoInfo: Sendable, Codable, Equatable {
    /// Coded picture size in pixels.
    public var width: Int
    public var height: Int
    /// Sample (pixel) aspect ratio, when the stream states one other than 1:1 or unknown.
    public var sampleAspectRatio: Rational?
    /// The picture as a player shows it: square pixels, rotation applied.
    public var displayWidth: Int
    public var displayHeight: Int
    /// Clockwise rotation in degrees (0, 90, 180, 270) a player applies to show the picture upright.
    public var rotation: Int
    public var pixelFormat: String?
    public var bitDepth: Int?
    /// The bytes of one decoded picture (4:2:0; deeper than 8 bits, two bytes a sample): what a decoder
    /// holds per reference picture, and what each frame handed on keeps alive.
    public var decodedPictureBytes: Int { width * height * 3 / 2 * ((bitDepth ?? 8) > 8 ? 2 : 1) }
    /// `tv` (limited) or `pc` (full), when stated.
    public var colorRange: String?
    /// The colour matrix (`bt709`, `bt470bg`, ...), when stated.
    public var colorMatrix: String?
    public var colorPrimaries: String?
    /// The transfer characteristic (`bt709`, `smpte2084` for PQ, `arib-std-b67` for HLG), when stated.
    public var colorTransfer: String?
    /// The frame rate the stream header states (`avg_frame_rate`), if any.
    public var headerFrameRate: Rational?

    /// High dynamic range: a PQ (`smpte2084`) or HLG (`arib-std-b67`) transfer characteristic.
    public var isHDR: Bool
    /// The Dolby Vision configuration the stream carries, if any.
    public var dolbyVision: DolbyVision? = nil
}

/// A stream's Dolby Vision configuration record (`dvcC`/`dvvC`).
public struct DolbyVision: Sendable, Codable, Equatable {
    /// 5 (no compatible base layer), 8 (with one: 8.1 HDR10, 8.2 SDR, 8.4 HLG as iPhones film), ...
    public var profile: Int
    /// The signal the base layer can be shown as without Dolby Vision: 0 none, 1 HDR10, 2 SDR, 4 HLG.
    public var baseLayerCompatibility: Int

    public init(profile: Int, baseLayerCompatibility: Int) {
        self.profile = profile
        self.baseLayerCompatibility = baseLayerCompatibility
    }

    /// Whether the picture can be shown without Dolby Vision's own reshaping. Profile 5 cannot: decoded
    /// without it (FFmpeg does not apply it) its colours are wrong.
    public var hasCompatibleBaseLayer: Bool { baseLayerCompatibility != 0 }
}

public struct AudioInfo: Sendable, Codable, Equatable {
    public var sampleRate: Int
    public var channels: Int
    public var channelLayout: String?
    public var sampleFormat: String?
}

/// A video stream's timing, measured from every packet's timestamp (the presentation
/// timeline as stored), not from what the header claims.
public struct TimingInfo: Sendable, Codable, Equatable {
    /// Packets that are frames of the presentation (edit-list lead-in excluded).
    public var frameCount: Int
    /// Frames per second averaged over the stream: frames / the stream's duration.
    public var averageFrameRate: Double?
    /// Shortest and longest interval between consecutive frames, in seconds.
    public var minimumFrameInterval: Double?
    public var maximumFrameInterval: Double?
    /// More than 1% of the frame intervals differ from the typical one by more than a tick and a millisecond.
    public var isVariable: Bool
    /// Frames from one keyframe to the next: shortest, median, longest. `nil` with fewer than two keyframes.
    public var keyframeInterval: KeyframeInterval?
    public var keyframeCount: Int
}

public struct KeyframeInterval: Sendable, Codable, Equatable {
    public var minimum: Int
    public var median: Int
    public var maximum: Int
}

/// Metadata that can identify where, when or with what a recording was made.
public struct PrivacyMetadata: Sendable, Codable, Equatable {
    /// A GPS position (ISO 6709, e.g. `+52.3676+004.9041/`), from any of the tags phones use.
    public var location: String?
    public var make: String?
    public var model: String?
    public var creationTime: String?
    /// Every tag that carried one of the above, as `key=value`, for people who want to see the source.
    public var sourceTags: [String]

    public init(location: String? = nil, make: String? = nil, model: String? = nil,
                creationTime: String? = nil, sourceTags: [String] = []) {
        self.location = location
        self.make = make
        self.model = model
        self.creationTime = creationTime
        self.sourceTags = sourceTags
    }
}
