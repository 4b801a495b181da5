import Foundation
import InBeeldCoaching
import InBeeldMarkers

/// Other tools' marker files (and other sessions) into the open recording's session, from the page: the
/// files to choose from, and what one would add, on this recording's frames, before anything is added.
extension Library {
    /// The marker files in the folder: those beside the recording whose names start with its name
    /// (`speelhoek.eaf`, `speelhoek-boris.tsv`), and all others (the coach may pick any).
    struct MarkerFiles: Codable, Sendable {
        var beside: [String]
        var others: [String]
    }

    /// What the page reads as marker files: the marker module's formats, an Excel workbook, a session.
    static let markerExtensions: Set<String> = ["csv", "txt", "vtt", "srt", "eaf", "tsv", "xlsx"]
    /// At most this many files are listed (a folder of recordings holds a few dozen), and at most this many
    /// entries of the folder looked at.
    static let markerFilesListed = 500, folderEntriesLooked = 20_000

    func markerFiles(forRecording relative: String) throws(Failure) -> MarkerFiles {
        let recording: String
        switch access.existingFile(relative) {
        case .failure(let refusal): throw .refused(refusal)
        case .success(let path): recording = path
        }
        let ownSession = Self.sessionPath(forRecording: recording)
        let name = ((recording as NSString).lastPathComponent as NSString).deletingPathExtension.lowercased()
        let folder = Paths.parent(of: recording)
        var beside: [String] = [], others: [String] = []
        let walker = FileManager.default.enumerator(atPath: access.root)
        var looked = 0
        while let entry = walker?.nextObject() as? String, beside.count + others.count < Self.markerFilesListed, looked < Self.folderEntriesLooked {
            looked += 1
            let last = (entry as NSString).lastPathComponent
            // Hidden files, and the results InBeeld wrote (`speelhoek-inbeeld/`), are not the coach's markers.
            if last.hasPrefix(".") || last.hasSuffix(Self.resultsSuffix) { walker?.skipDescendants(); continue }
            let path = (access.root as NSString).appendingPathComponent(entry)
            guard path != ownSession, CoachingSession.isSessionFile(last) || Self.markerExtensions.contains((last as NSString).pathExtension.lowercased()),
                  FolderAccess.isPlainRelative(entry) else { continue }
            // Named after the recording: its name, then anything but a letter or digit (`speelhoek-boris.tsv`,
            // `speelhoek.eaf`; not `speelhoek2.csv`, another recording's).
            let lower = last.lowercased()
            let named = lower.hasPrefix(name) && lower.dropFirst(name.count).first.map { !$0.isLetter && !$0.isNumber } == true
            if Paths.parent(of: path) == folder, named { beside.append(entry) } else { others.append(entry) }
        }
        return MarkerFiles(beside: beside.sorted(), others: others.sorted())
    }

    /// What importing `file` into the recording's session would add: its markers on the recording's frames,
    /// and every marker or line refused, with why; how the file was read, when not UTF-8.
    struct ImportPreview: Codable, Sendable {
        var file: String
        var markers: [PageSession.PageMarker]
        var refused: [String]
        var notes: [String]
    }

    func importPreview(_ file: String, forRecording relative: String, tiers: [String], language: Language) throws(Failure) -> ImportPreview {
        let recording: String, source: String
        switch (access.existingFile(relative), access.existingFile(file)) {
        case (.failure(let refusal), _), (_, .failure(let refusal)): throw .refused(refusal)
        case (.success(let r), .success(let f)): (recording, source) = (r, f)
        }
        let (_, timeline) = try media(recording, relative: relative, language: language)
        var preview = ImportPreview(file: file, markers: [], refused: [], notes: [])
        let read: [Marker]
        do {
            if CoachingSession.isSessionFile(source) {
                read = try CoachingSession.load(path: source, language: language).markers
            } else {
                read = try MarkerFile.load(path: source, media: (recording as NSString).lastPathComponent, tiers: tiers) { encoding in
                    if let note = MarkerText.note(encoding, path: file, language: language) { preview.notes.append(note) }
                }
            }
        } catch let error as MarkerFileError {
            preview.refused = error.messages(in: language).map(access.shown)
            return preview
        } catch let error as SessionError {
            preview.refused = error.messages(in: language).map(access.shown)
            return preview
        } catch {
            preview.refused = [access.shown("\(file): \(error)")]
            return preview
        }
        for m in read {
            switch timeline.frame(for: m, language: language) {
            case .success(let frame):
                let time: String? = if case .clock = m.time { m.time.description } else { nil }
                preview.markers.append(.init(id: nil, frame: frame, time: time, child: m.child, note: m.note, kind: m.kind))
            case .failure(let outside):
                preview.refused.append(access.shown("\(file): \(outside.message)"))
            }
        }
        return preview
    }
}
