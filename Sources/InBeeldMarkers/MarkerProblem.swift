import Foundation

/// Why markers could not be read, written or moved: the reason and the values that say which. The module
/// says nothing to people; the coaching layer says each reason in the coach's language.
public enum MarkerProblem: Sendable, Equatable {
    case unreadable
    case notText
    case noTimeColumn(header: String)
    case badTime(String)
    case unclosedQuote
    case tooManyFields(expected: Int, found: Int)
    case empty
    /// An `.xlsx` that cannot be read as a workbook.
    case workbookUnreadable(WorkbookProblem)
    /// An Excel workbook given as another format (its name).
    case workbookIsNot(format: String)
    /// Every time in a LosslessCut CSV is whole: frame numbers or seconds cannot be told apart.
    case timesAllWhole

    // ELAN
    case elanEndsEarly
    case elanXMLError(code: Int)
    case slotWithoutTime(annotation: String, slot: String)
    case unknownSlot(annotation: String, slot: String)
    case timeOutOfRange(milliseconds: Int64)
    /// Tiers were asked for of a file that is no ELAN document.
    case notAnELANDocument
    /// `--tier NAME` names no tier of the document (the tiers it has).
    case noSuchTier(String, tiers: [String])

    // BORIS
    case severalObservations(count: Int, observations: [String])
    case severalMediaFiles(files: [String])
    case otherMedia(files: [String], media: String)
    case mediaLengthsUnknown(files: [String], media: String)

    // Writing and moving
    /// LosslessCut's frames CSV takes frame numbers; this marker has a time.
    case needsFrameNumber(MarkerTime)
    /// Other tools take times; this marker has a frame number.
    case needsTime(MarkerTime)
    case frameNumberCannotMove(MarkerTime)
    case beforeStartAfterMove(line: Int, time: MarkerTime)
}

/// Why an Excel workbook could not be read.
public enum WorkbookProblem: Sendable, Equatable {
    case notZIP
    /// A part of the archive that cannot be unpacked (its path, and the archive reader's error).
    /// A part of the workbook cannot be unpacked; `checksumWrong` when it unpacks but is not what was packed.
    case damagedPart(String, checksumWrong: Bool)
    case noWorkbook
    case noSheet(String)
}

/// Why a marker file could not be read: every bad line with its reason.
public struct MarkerFileError: Error, Sendable, Equatable {
    public struct BadLine: Sendable, Equatable {
        public var line: Int
        public var reason: MarkerProblem

        public init(line: Int, reason: MarkerProblem) {
            self.line = line
            self.reason = reason
        }
    }

    public var path: String
    public var lines: [BadLine]

    public init(path: String, lines: [BadLine]) {
        self.path = path
        self.lines = lines
    }

    init(path: String, line: Int = 0, _ reason: MarkerProblem) {
        self.init(path: path, lines: [.init(line: line, reason: reason)])
    }
}

/// Why markers could not be converted: one reason, with the file and line it is about when there is one.
public struct MarkerConversionError: Error, Sendable, Equatable {
    /// The file it is about (nil for a problem with the markers themselves), and its line (0: the whole file).
    public var path: String?
    public var line: Int
    public var reason: MarkerProblem

    public init(path: String? = nil, line: Int = 0, _ reason: MarkerProblem) {
        self.path = path
        self.line = line
        self.reason = reason
    }
}
