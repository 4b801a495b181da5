import Foundation
import InBeeldMarkers

/// The marker module's reasons said in the coach's language (the module itself says nothing to people).
extension MarkerProblem {
    public var phrase: Phrase {
        switch self {
        case .unreadable: return Words.fileCannotBeRead
        case .notText: return Words.notATextFile
        case .noTimeColumn(let header): return Words.headerHasNoTimeColumn(header)
        case .badTime(let text): return Words.notATime(text)
        case .unclosedQuote: return Words.quoteNeverClosed
        case let .tooManyFields(expected, found): return Words.tooManyFields(found: found, expected: expected)
        case .empty: return Words.holdsNoMarkers
        case .workbookUnreadable(let problem): return Words.workbookUnreadable(because: problem.phrase)
        case .workbookIsNot(let format): return Words.workbookIsNot(format: format)
        case .timesAllWhole: return Words.everyTimeIsAWholeNumber
        case .elanEndsEarly: return Words.elanDocumentEndsEarly
        case .elanXMLError(let code): return Words.elanXMLError(code: code)
        case let .slotWithoutTime(annotation, slot): return Words.annotationSlotHasNoTime(annotation: annotation, slot: slot)
        case let .unknownSlot(annotation, slot): return Words.annotationSlotUnknown(annotation: annotation, slot: slot)
        case .timeOutOfRange(let ms): return Words.timeOutOfRange(milliseconds: ms)
        case .notAnELANDocument: return Words.notAnElanDocument
        case let .noSuchTier(tier, tiers): return Words.noTierNamed(tier, tiers.joined(separator: ", "))
        case let .severalObservations(count, observations):
            return Words.borisFileHoldsSeveralObservations(count, names: observations.joined(separator: ", "))
        case .severalMediaFiles(let files): return Words.borisObservationSpansFiles(files.count, names: files.joined(separator: ", "))
        case let .otherMedia(files, media): return Words.borisObservationIsAbout(files.joined(separator: ", "), not: media)
        case let .mediaLengthsUnknown(files, media):
            return Words.borisObservationSpansFilesWithoutLengths(files.count, names: files.joined(separator: ", "), media: media)
        case .needsFrameNumber(let time): return Words.losslessCutFramesNeedsFPS(time)
        case .needsTime(let time): return Words.frameNumberNeedsFPS(time)
        case .frameNumberCannotMove(let time): return Words.frameNumberCannotBeShifted(time)
        case let .beforeStartAfterMove(line, time): return Words.markerBeforeStartAfterShift(line: line, time: time)
        }
    }
}

extension WorkbookProblem {
    var phrase: Phrase {
        switch self {
        case .notZIP: return Words.workbookNotZIP
        case let .damagedPart(part, checksumWrong): return Words.workbookPartDamaged(part, checksumWrong: checksumWrong)
        case .noWorkbook: return Words.workbookHasNoWorkbookPart
        case .noSheet(let part): return Words.workbookHasNoSheet(part)
        }
    }
}

extension MarkerFileError {
    /// One message per bad line: `markers.csv, line 4: '1:75' is not a time; write ...`.
    public func messages(in language: Language) -> [String] {
        lines.map { bad in
            let place = bad.line > 0 ? language.say(Words.fileLine(path, bad.line)) : path
            return "\(place): " + language.say(bad.reason.phrase)
        }
    }
}

extension MarkerConversionError {
    /// `file, line 4: what is wrong` in the coach's language.
    public func message(in language: Language) -> String {
        let text = language.say(reason.phrase)
        guard let path else { return text }
        return (line > 0 ? language.say(Words.fileLine(path, line)) : path) + ": " + text
    }

    /// The message in English (for logs and tests).
    public var message: String { message(in: .en) }
}

extension MarkerText {
    /// One line for people when the file was not plain UTF-8 but could be read; nil when it was UTF-8.
    public static func note(_ encoding: TextEncoding, path: String, language: Language) -> String? {
        switch encoding {
        case .utf8, .utf16LittleEndian, .utf16BigEndian:
            return nil
        case .windows1252:
            return language.say(Words.notUTF8ReadAsWindows1252(path))
        }
    }
}

/// An ELAN document's tiers as a table for people (`inbeeld markers tiers`).
public struct TierList: Sendable {
    public var tiers: [ELANTier]

    public init(_ tiers: [ELANTier]) { self.tiers = tiers }

    /// One row per tier under a header, columns padded to line up; then how markers are taken by default.
    public func text(in language: Language) -> String {
        let header = [Words.tierColumnTier, Words.tierColumnType, Words.tierColumnParent, Words.tierColumnParticipant, Words.tierColumnCount]
            .map { language.say($0) }
        let rows = tiers.map { t in
            [t.id, t.type ?? language.say(Words.tierIndependent), t.parent ?? "-", t.participant ?? "-", "\(t.count)"]
        }
        let widths = header.indices.map { c in ([header] + rows).map { $0[c].count }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { c, cell in c == cells.count - 1 ? cell : cell.padding(toLength: widths[c], withPad: " ", startingAt: 0) }
                .joined(separator: "  ") + "\n"
        }
        let independent = tiers.filter { $0.parent == nil }
        return ([header] + rows).map(line).joined()
            + language.say(Words.tiersTakenByDefault(independent.count, independent.reduce(0) { $0 + $1.count })) + "\n"
    }
}
