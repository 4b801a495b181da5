import Foundation

extension Words {
    /// The media layer's reasons (said through `MediaError.phrase`).
    public enum Media {
        /// A sentence with FFmpeg's own text after it, as a detail.
        public static func withDetail(_ what: Phrase, call: String, message: String) -> Phrase {
            Phrase(nl: "\(what.nl) (FFmpeg, \(call): \(message))", en: "\(what.en) (FFmpeg, \(call): \(message))")
        }
        public static let mayNotRead = Phrase(nl: "InBeeld mag het bestand niet lezen", en: "InBeeld may not read the file")
        public static let fileNotThere = Phrase(nl: "het bestand is er niet", en: "the file is not there")
        public static let dataDamaged = Phrase(nl: "de gegevens in het bestand zijn beschadigd of van een onbekende soort",
                                               en: "the data in the file is damaged or of an unknown kind")
        public static let endsEarly = Phrase(nl: "het bestand houdt eerder op dan het zegt", en: "the file ends sooner than it says")
        public static func cairoFailed(detail: String) -> Phrase {
            Phrase(nl: "Cairo meldt een fout (\(detail))", en: "Cairo reports an error (\(detail))")
        }
        public static let ffmpegFailed = Phrase(nl: "FFmpeg meldt een fout", en: "FFmpeg reports an error")
        public static func outOfMemory(call: String) -> Phrase {
            Phrase(nl: "er is niet genoeg geheugen (FFmpeg, \(call))", en: "there is not enough memory (FFmpeg, \(call))")
        }
        public static let noPicture = Phrase(nl: "er is geen beeld (geen videostroom)", en: "there is no picture (no video stream)")
        public static func cannotDecode(codec: String) -> Phrase {
            Phrase(nl: "deze FFmpeg kan \(codec) niet decoderen", en: "this FFmpeg cannot decode \(codec)")
        }
        public static func noEncoder(name: String) -> Phrase {
            Phrase(nl: "deze FFmpeg heeft geen encoder \(name)", en: "this FFmpeg has no \(name) encoder")
        }
        public static func noSuchFrame(index: Int) -> Phrase {
            Phrase(nl: "beeld #\(index) bestaat niet", en: "there is no frame #\(index)")
        }
        public static func frameNotDecoded(index: Int) -> Phrase {
            Phrase(nl: "beeld #\(index) kwam niet uit de decoder (beschadigd, of de stroom houdt eerder op)",
                   en: "frame #\(index) did not come out of the decoder (damaged, or the stream ends early)")
        }
        public static let damagedFrame = Phrase(nl: "een beschadigd beeld", en: "a damaged frame")
        public static let packetCutShort = Phrase(nl: "een pakket is afgekapt (het bestand is onvolledig)",
                                                  en: "a packet is cut short (the file is incomplete)")
        public static func inconsistent(_ what: Phrase) -> Phrase {
            Phrase(nl: "InBeeld klopt hier niet met zichzelf: \(what.nl); dit is een fout in InBeeld, meld het graag",
                   en: "InBeeld does not agree with itself here: \(what.en); this is a fault in InBeeld, please report it")
        }
        public static let noFramesInFragment = Phrase(nl: "het fragment heeft geen beelden", en: "the fragment has no frames")
        public static func clipFrameCount(sent: Int, total: Int) -> Phrase {
            Phrase(nl: "de clip zou \(sent) van zijn \(total) beelden hebben; de opname is misschien beschadigd",
                   en: "the clip would have \(sent) of its \(total) frames; the recording may be damaged")
        }
        public static func missingChannel(_ channel: Int) -> Phrase {
            Phrase(nl: "aan omgezet geluid ontbreekt kanaal \(channel)", en: "converted sound lacks channel \(channel)")
        }
        public static func codecStalled(codec: String) -> Phrase {
            Phrase(nl: "de codec \(codec) neemt niets meer aan en geeft niets", en: "the \(codec) codec takes no input and gives no output")
        }
        public static let filterMissing = Phrase(nl: "libavfilter mist een buffer-bron of -uitgang", en: "libavfilter has no buffer source or sink")
        public static let pictureWithoutPixels = Phrase(nl: "een beeld zonder pixels", en: "a picture without pixels")
        public static func outputStreamMissing(_ index: Int) -> Phrase {
            Phrase(nl: "het nieuwe bestand heeft geen stroom \(index)", en: "the new file has no stream \(index)")
        }
        public static func inputStreamMissing(_ index: Int) -> Phrase {
            Phrase(nl: "de opname noemt stroom \(index) maar heeft die niet", en: "the recording lists stream \(index) but does not have it")
        }
        public static func editListNotShortened(_ why: Phrase) -> Phrase {
            Phrase(nl: "de edit-lijst van de clip is niet in te korten: \(why.nl)", en: "the clip's edit list cannot be shortened: \(why.en)")
        }

        /// Why a clip's edit list could not be shortened.
        public enum EditList {
            public static let cannotOpen = Phrase(nl: "het bestand gaat niet open", en: "the file does not open")
            public static let impossibleBoxSize = Phrase(nl: "een box heeft een onmogelijke grootte", en: "a box has an impossible size")
            public static let noMovieBox = Phrase(nl: "er is geen moov-box", en: "there is no movie box (moov)")
            public static let movieBoxCutShort = Phrase(nl: "de moov-box is afgekapt", en: "the movie box is cut short")
            public static let noMovieHeader = Phrase(nl: "er is geen mvhd-box", en: "there is no movie header (mvhd)")
            public static let noTimeScale = Phrase(nl: "de film heeft geen tijdschaal", en: "the movie has no time scale")
            public static let unparsable = Phrase(nl: "een edit-lijst is niet te lezen", en: "an edit list cannot be read")
            public static let endsBeforeLastEdit = Phrase(nl: "het fragment eindigt voordat de laatste edit begint",
                                                          en: "the fragment ends before the last edit starts")
            public static func readingOrWritingFailed(because reason: Phrase) -> Phrase {
                Phrase(nl: "lezen of schrijven is mislukt: \(reason.nl)", en: "reading or writing failed: \(reason.en)")
            }
        }
    }

    /// Why a smart cut was not made, said inside "smart cut is not possible here (...)".
    public enum SmartCut {
        public static let hdrBecomesSDR = Phrase(nl: "HDR-beeld wordt in de clip SDR, dus elk beeld wordt opnieuw gecodeerd",
                                                 en: "HDR video becomes SDR in the clip, so every frame is re-encoded")
        public static func notH264(codec: String) -> Phrase {
            Phrase(nl: "het beeld is geen H.264 maar \(codec)", en: "the picture is not H.264 but \(codec)")
        }
        public static let notEightBit420 = Phrase(nl: "het beeld is geen 8-bits 4:2:0", en: "the picture is not 8-bit 4:2:0")
        public static let parameterSetsNotInSampleEntry = Phrase(nl: "de parametersets staan niet in de sample-entry (avcC)",
                                                                 en: "the parameter sets are not in the sample entry (avcC)")
        public static let noFreeParameterSetID = Phrase(nl: "er is geen parameterset-nummer vrij", en: "no parameter-set number is free")
        public static let noKeyframeAfterFirstFrame = Phrase(nl: "na het eerste beeld heeft het fragment geen sleutelbeeld",
                                                             en: "the fragment has no keyframe after its first frame")
        public static let noKeyframeBeforeEnd = Phrase(nl: "vóór het einde van het fragment ligt geen sleutelbeeld",
                                                       en: "the fragment's end has no keyframe before it")
        public static let noWholeGroupOfPictures = Phrase(nl: "het fragment bevat geen hele beeldgroep (GOP)",
                                                          en: "the fragment spans no whole group of pictures (GOP)")
        public static let noNALLengthSize = Phrase(nl: "de grootte van de NAL-lengtes is onbekend", en: "the size of the NAL lengths is unknown")
        public static let sequenceParameterSetUnreadable = Phrase(nl: "de sequentieparameterset is niet te lezen",
                                                                  en: "the sequence parameter set cannot be read")
        public static let seamNotIDR = Phrase(nl: "het sleutelbeeld op de naad is geen IDR-beeld (open GOP)",
                                              en: "the keyframe at the seam is not an IDR picture (open GOP)")
        public static let unusualSeamTimestamps = Phrase(nl: "ongewone tijdstempels op de naad", en: "unusual timestamps at the seam")
        public static let encoderGaveNoParameterSets = Phrase(nl: "x264 gaf geen parametersets", en: "x264 gave no parameter sets")
        public static let encoderParameterSetsDiffer = Phrase(nl: "de parametersets van x264 verschillen tussen de delen",
                                                              en: "x264's parameter sets differ between the parts")
        public static func reencodedFrameCount(made: Int, expected: Int) -> Phrase {
            Phrase(nl: "het opnieuw gecodeerde deel heeft \(made) van de \(expected) beelden",
                   en: "the re-encoded part has \(made) of \(expected) frames")
        }
        public static let nothingToReencode = Phrase(nl: "er is niets opnieuw te coderen", en: "there is nothing to re-encode")
        public static let decodeTimesWouldNotRise = Phrase(nl: "de decodeertijden zouden op een naad niet oplopen",
                                                           en: "decode times would not rise across a seam")
        public static let pictureOutsideCopiedPart = Phrase(nl: "een beeld van het gekopieerde deel valt erbuiten (open GOP)",
                                                            en: "a picture of the copied part lies outside it (open GOP)")
        public static let clipHasNoPicture = Phrase(nl: "de clip heeft geen beeld", en: "the clip has no picture")
        public static func seamDoesNotDecode(_ why: Phrase) -> Phrase {
            Phrase(nl: "de clip is op een naad niet te decoderen (\(why.nl))", en: "the clip does not decode at a seam (\(why.en))")
        }
        public static let seamFramesUnexpected = Phrase(nl: "op een naad staan niet de verwachte beelden",
                                                        en: "the frames at a seam are not the expected ones")
    }
}

extension Words {
    /// Why the system refused a file or folder.
    public enum Files {
        public static func pathAndReason(_ path: String, _ reason: Phrase) -> Phrase {
            Phrase(nl: "\(path): \(reason.nl)", en: "\(path): \(reason.en)")
        }
        public static let isALink = Phrase(nl: "het is een link", en: "it is a link")
        public static let noPermission = Phrase(nl: "geen toestemming", en: "permission denied")
        public static let diskFull = Phrase(nl: "de schijf is vol", en: "the disk is full")
        public static let quotaUsedUp = Phrase(nl: "uw schijfruimte is op", en: "your disk quota is used up")
        public static let readOnly = Phrase(nl: "de schijf is alleen te lezen", en: "the disk is read-only")
        public static let doesNotExist = Phrase(nl: "het bestand of een map in het pad bestaat niet", en: "the file or a folder in its path does not exist")
        public static let notAFolder = Phrase(nl: "een deel van het pad is geen map", en: "part of the path is not a folder")
        public static let alreadyExists = Phrase(nl: "bestaat al", en: "already exists")
        public static let isAFolder = Phrase(nl: "dat is een map", en: "that is a folder")
        public static let nameTooLong = Phrase(nl: "de naam is te lang", en: "the name is too long")
        public static let diskError = Phrase(nl: "de schijf meldt een lees- of schrijffout", en: "the disk reports a read or write error")
        public static func systemError(_ code: Int32, detail: String) -> Phrase {
            Phrase(nl: "systeemfout \(code) (\(detail))", en: "system error \(code) (\(detail))")
        }
    }
}

extension Words {
    /// The colour's range and transfer in `inbeeld info` (FFmpeg's value follows).
    public static let colourRange = Phrase(nl: "bereik", en: "range")
    public static let colourTransfer = Phrase(nl: "overdracht", en: "transfer")
}
