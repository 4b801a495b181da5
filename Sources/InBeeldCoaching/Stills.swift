import Foundation
import InBeeldMedia
import Synchronization
import InBeeldMarkers

/// The exact frame at each marked contact initiative, written as image files with a manifest
/// (`stills.json`) for the coaching conversation (method step 3).
public struct StillsJob: Sendable {
    /// The recording, opened by whoever runs the job (nothing is read again).
    public var recording: Recording
    public var markers: [Marker]
    public var folder: String
    public var format: ImageFormat
    public var width: Int?
    public var force: Bool
    public var language: Language
    /// Whether the stills may be decoded on both cores (not when other work uses the second one).
    public var secondDecoder = true

    public init(recording: Recording, markers: [Marker], folder: String, format: ImageFormat = .jpg,
                width: Int? = nil, force: Bool = false, language: Language) {
        self.recording = recording
        self.markers = markers
        self.folder = folder
        self.format = format
        self.width = width
        self.force = force
        self.language = language
    }

    /// One still as written.
    public struct Still: Sendable, Codable, Equatable {
        /// Position in time order, from 1.
        public var order: Int
        /// The marker's time as written in canonical form (`0:02:15.433`, or `#136`).
        public var requested: String
        public var requestedSeconds: Double?
        /// The chosen frame's time from the start of the recording, and its index in presentation order.
        public var frameSeconds: Double
        public var frameIndex: Int
        /// The image's file name, in the output folder.
        public var file: String
        public var child: String?
        public var note: String?
        /// The marker file's line.
        public var line: Int
    }

    public struct Manifest: Sendable, Codable, Equatable {
        public var recording: String
        public var frameCount: Int
        public var width: Int
        public var height: Int
        public var stills: [Still]
        /// Things the coach should know about these pictures (HDR), in the coach's language.
        public var notes: [String] = []
    }

    /// Why stills could not be made, in the coach's language.
    public struct Failure: Error, Sendable {
        public var messages: [String]
    }

    /// Resolves every marker to a frame, decodes the frames in time order through one open file, and
    /// writes the stills and `stills.json`. Writes nothing when any marker is wrong; removes what it
    /// wrote when a later step fails.
    /// - Parameters:
    ///   - sheetWidth, keep: when given, each frame is also scaled to `sheetWidth` and handed to `keep`
    ///     (the sheet's pictures, from the same decode).
    public func run(sheetWidth: Int? = nil,
                    keep: (@Sendable (Int, RGBPicture) -> Void)? = nil,
                    isCancelled: () -> Bool = { false }) throws(Failure) -> Manifest {
        let say = { (phrase: Phrase) in language.say(phrase) }
        let grabber: StillGrabber
        do { grabber = try recording.grabber(secondDecoder: secondDecoder) } catch {
            throw Failure(messages: [say(Words.pictureCannotBeRead(in: recording.path, because: phrase(for: error)))])
        }
        let timeline = grabber.timeline

        let stills = try plan(on: timeline)
        let folderWasThere = FileManager.default.fileExists(atPath: folder)
        do throws(OutputFiles.WriteError) { try OutputFiles.makePrivateFolder(folder) } catch {
            throw Failure(messages: [OutputFiles.folderMessage(error, language)])
        }
        let targets = stills.map { (folder as NSString).appendingPathComponent($0.file) } + [manifestPath]
        if !force {
            let existing = targets.filter { FileManager.default.fileExists(atPath: $0) }
            if !existing.isEmpty {
                throw Failure(messages: existing.map {
                    say(Words.stillExistsChooseAnotherFolder($0))
                })
            }
        }
        for target in targets where OutputFiles.sameFile(target, recording.path) {
            throw Failure(messages: [say(Words.stillIsTheRecording(target))])
        }

        // Decode in time order; write each still as it comes.
        let written = Mutex<[String]>([])
        let byFrame = Dictionary(grouping: stills, by: \.frameIndex)
        let (outputFolder, imageFormat) = (folder, format)
        do {
            let widths = keep == nil ? [width] : [width, sheetWidth]
            try grabber.grab(frames: stills.map(\.frameIndex), widths: widths, isCancelled: isCancelled) { index, pictures in
                if pictures.count > 1 { keep?(index, pictures[1]) }
                let data = try pictures[0].encoded(as: imageFormat)
                for still in byFrame[index] ?? [] {
                    let path = (outputFolder as NSString).appendingPathComponent(still.file)
                    try OutputFiles.write(data, to: path)
                    written.withLock { $0.append(path) }
                }
            }
            let size = grabber.stillSize(width: width)
            let manifest = Manifest(recording: recording.path, frameCount: timeline.frameCount, width: size.width,
                                    height: size.height, stills: stills, notes: [])
            try OutputFiles.write(Data(try encodeJSON(manifest).utf8), to: manifestPath)
            return manifest
        } catch {
            for path in written.withLock({ $0 }) { unlink(path) }
            if !folderWasThere { rmdir(folder) }  // made for these stills (left when something else is in it)
            // A still that could not be written comes back through the grabber as what `deliver` threw.
            let cause: Error = if case .delivery(let inner) = error as? GrabFailure { inner } else { error }
            throw Failure(messages: [say(Words.stillsCouldNotBeMadeNothingLeftBehind(because: phrase(for: cause)))])
        }
    }

    /// Every marker to a frame (every marker outside the recording is reported), in time order (stable for
    /// equal times), each with its file name: order, time, child.
    func plan(on timeline: PresentationTimeline) throws(Failure) -> [Still] {
        var resolved: [(marker: Marker, frame: Int)] = []
        var problems: [String] = []
        for marker in markers {
            switch timeline.frame(for: marker, language: language) {
            case .success(let frame): resolved.append((marker, frame))
            case .failure(let outside): problems.append(outside.message)
            }
        }
        if !problems.isEmpty { throw Failure(messages: problems) }
        resolved.sort { ($0.frame, $0.marker.line) < ($1.frame, $1.marker.line) }
        let digits = max(2, String(resolved.count).count)
        return resolved.enumerated().map { i, item in
            let us: Int64
            if case .clock(let t) = item.marker.time { us = t } else { us = timeline.microseconds(ofFrame: item.frame) }
            let order = String(repeating: "0", count: max(0, digits - String(i + 1).count)) + String(i + 1)
            var name = order + "_" + MarkerTime.clockText(us, separator: "-")
            if let child = item.marker.child.map(Self.fileNamePart), !child.isEmpty { name += "_" + child }
            name += "." + format.fileExtension
            var requestedSeconds: Double?
            if case .clock(let t) = item.marker.time { requestedSeconds = Double(t) / 1_000_000 }
            return Still(order: i + 1, requested: item.marker.time.description, requestedSeconds: requestedSeconds,
                         frameSeconds: timeline.seconds(ofFrame: item.frame), frameIndex: item.frame, file: name,
                         child: item.marker.child, note: item.marker.note, line: item.marker.line)
        }
    }

    public var manifestPath: String { (folder as NSString).appendingPathComponent("stills.json") }

    /// A child's name as part of a file name: letters (accents kept), digits and dashes.
    static func fileNamePart(_ name: String) -> String {
        let words = name.split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "-") })
        return String(words.joined(separator: "-").prefix(40))
    }
}
