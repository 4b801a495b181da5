import Foundation
import InBeeldCoaching
import InBeeldMedia
internal import CPango
import InBeeldMarkers

/// Where things landed on the pages, in points from the page's top left (A4: 595.28 x 841.89).
public struct SheetLayout: Sendable {
    public struct Still: Sendable {
        public var order: Int
        public var page: Int
        public var x: Double, y: Double, width: Double, height: Double
    }
    public var pageCount: Int
    public var stills: [Still]
}

/// Lays out and draws a still sheet with Cairo and Pango: A4 portrait PDF, and PNG pages on request.
public struct SheetRenderer {
    public static let pageWidth = 595.28, pageHeight = 841.89
    static let margin = 42.0
    static let font = "DejaVu Sans"

    public var sheet: StillSheet

    public init(sheet: StillSheet) { self.sheet = sheet }

    public struct Failure: Error, Sendable {
        public var message: String
        /// Stopped (`isCancelled`), not failed.
        public var cancelled = false
    }

    /// Writes the PDF (and, with `pngScale`, one PNG per page beside it, `NAME-1.png`...), each file whole or
    /// not at all; `isCancelled` is asked before each page (stopped, nothing is left). Returns the layout and
    /// the PNG paths.
    public func write(pdf path: String, pngScale: Double? = nil,
                      isCancelled: () -> Bool = { false }) throws(Failure) -> (layout: SheetLayout, pngs: [String]) {
        let layout = self.layout()
        let temporary = try Self.pdf(path, title: sheet.title, pages: layout.pageCount, language: sheet.language,
                                     isCancelled: isCancelled) { page, cr in
            draw(page: page, layout: layout, on: cr)
        }

        var pngs: [String] = []
        if let scale = pngScale {
            let base = (path as NSString).deletingPathExtension
            for page in 0..<layout.pageCount {
                if isCancelled() {
                    for p in pngs { unlink(p) }
                    throw Failure(message: sheet.language.say(Words.stoppedNothingWasLeftBehind), cancelled: true)
                }
                let png = "\(base)-\(page + 1).png"
                let tmp: OutputFiles.TemporaryFile
                do { tmp = try OutputFiles.TemporaryFile(for: png) } catch {
                    for p in pngs { unlink(p) }
                    throw Failure(message: sheet.language.say(Words.cannotWrite(png, because: error.reason.phrase)))
                }
                let written: cairo_status_t
                do throws(CairoFailure) {
                    let image = try CairoSurface(imageWidth: Int(Self.pageWidth * scale), height: Int(Self.pageHeight * scale))
                    let pcr = try CairoContext(on: image)
                    cairo_scale(pcr.pointer, scale, scale)
                    draw(page: page, layout: layout, on: pcr.pointer)
                    written = cairo_surface_write_to_png(image.pointer, tmp.path)
                } catch {
                    written = error.status
                }
                guard written == CAIRO_STATUS_SUCCESS else {
                    for p in pngs { unlink(p) }
                    throw Failure(message: sheet.language.say(Words.cannotWrite(png, because: Words.Media.cairoFailed(detail: CairoFailure(status: written).detail))))
                }
                do { try tmp.place(at: png) } catch {
                    for p in pngs { unlink(p) }
                    throw Failure(message: sheet.language.say(Words.cannotWrite(png, because: error.reason.phrase)))
                }
                pngs.append(png)
            }
        }
        do { try temporary.place(at: path) } catch {
            for p in pngs { unlink(p) }
            throw Failure(message: sheet.language.say(Words.cannotWrite(path, because: error.reason.phrase)))
        }
        return (layout, pngs)
    }

    /// An A4 PDF of `pages` pages, each drawn by `draw`, in a private (0600) temporary file beside `path`
    /// for the caller to put in place: its metadata is its title and the program, nothing about where or
    /// with what anything was recorded.
    static func pdf(_ path: String, title: String, pages: Int, language: Language, isCancelled: () -> Bool = { false },
                    draw: (Int, OpaquePointer) -> Void) throws(Failure) -> OutputFiles.TemporaryFile {
        let temporary: OutputFiles.TemporaryFile
        do { temporary = try OutputFiles.TemporaryFile(for: path) } catch {
            throw Failure(message: language.say(Words.cannotWrite(path, because: error.reason.phrase)))
        }
        let status: cairo_status_t
        do {
            let surface: CairoSurface, cr: CairoContext
            do throws(CairoFailure) {
                surface = try CairoSurface(pdf: temporary.path, width: pageWidth, height: pageHeight)
                cr = try CairoContext(on: surface)
            } catch {
                throw Failure(message: language.say(Words.cannotWrite(path, because: Words.Media.cairoFailed(detail: error.detail))))
            }
            cairo_pdf_surface_set_metadata(surface.pointer, CAIRO_PDF_METADATA_TITLE, title)
            cairo_pdf_surface_set_metadata(surface.pointer, CAIRO_PDF_METADATA_CREATOR, "InBeeld")
            for page in 0..<pages {
                if isCancelled() { throw Failure(message: language.say(Words.stoppedNothingWasLeftBehind), cancelled: true) }
                draw(page, cr.pointer)
                cairo_show_page(cr.pointer)
            }
            status = surface.finish()
        }
        guard status == CAIRO_STATUS_SUCCESS else {
            throw Failure(message: language.say(Words.cannotWrite(path, because: Words.Media.cairoFailed(detail: String(cString: cairo_status_to_string(status))))))
        }
        return temporary
    }

    // MARK: Layout

    static let headerHeight = 96.0
    static let footerHeight = 22.0

    /// Pages in the method's order: the header with what comes before the fragment (the first reaction,
    /// which child is watched by whom); the entries `perPage` to a page; then after the fragment the
    /// summary, a page per child, and what goes well with the agreements and the follow-up.
    public func layout() -> SheetLayout {
        let perPage = max(1, min(sheet.perPage, 4))
        var stills: [SheetLayout.Still] = []
        var page = Self.openingPages, slot = 0
        for entry in sheet.entries {
            if slot == perPage { page += 1; slot = 0 }
            let box = blockBox(slot: slot, perPage: perPage)
            let still = stillRect(in: box, picture: entry.picture)
            stills.append(.init(order: entry.order, page: page, x: still.x, y: still.y, width: still.w, height: still.h))
            slot += 1
        }
        return SheetLayout(pageCount: page + 1 + closingPages, stills: stills)
    }

    /// After the stills: the summary page, a page per child, the agreements page.
    private var closingPages: Int { 2 + sheet.closingChildren.count }
    /// The page before the stills: the header and what comes before the fragment.
    private static let openingPages = 1

    private func blockBox(slot: Int, perPage: Int) -> (x: Double, y: Double, w: Double, h: Double) {
        // Stills are never on the first page (the header's): they start below the margin.
        let top = Self.margin
        let height = (Self.pageHeight - top - Self.margin - Self.footerHeight) / Double(perPage)
        return (Self.margin, top + Double(slot) * height, Self.pageWidth - 2 * Self.margin, height)
    }

    /// The still: left half of the block's upper part, keeping its shape.
    private func stillRect(in box: (x: Double, y: Double, w: Double, h: Double), picture: RGBPicture) -> (x: Double, y: Double, w: Double, h: Double) {
        let maxW = box.w * 0.5, maxH = (box.h - 12) * 0.5
        let aspect = Double(picture.width) / Double(max(picture.height, 1))
        var w = maxW, h = maxW / aspect
        if h > maxH { h = maxH; w = maxH * aspect }
        return (box.x, box.y + 6, w, h)
    }

    // MARK: Drawing

    private func draw(page: Int, layout: SheetLayout, on cr: OpaquePointer) {
        cairo_set_source_rgb(cr, 1, 1, 1)
        cairo_paint(cr)
        let perPage = max(1, min(sheet.perPage, 4))
        let closing = page - (layout.pageCount - closingPages)
        if page < Self.openingPages {
            drawHeader(cr)
            drawOpening(cr, top: Self.margin + Self.headerHeight)
        } else if closing >= 0 {
            drawClosing(cr, part: closing, top: Self.margin)
        } else {
            for (i, still) in layout.stills.enumerated() where still.page == page {
                let slot = layout.stills[..<i].filter { $0.page == page }.count
                drawEntry(cr, sheet.entries[i], still: still, box: blockBox(slot: slot, perPage: perPage))
            }
        }
        let footer = sheet.language.say(Words.sheetFooter(recording: sheet.recordingName, page: page + 1, of: layout.pageCount))
        text(cr, footer, x: Self.margin, y: Self.pageHeight - Self.margin, width: Self.pageWidth - 2 * Self.margin,
             size: 8, gray: 0.45, align: PANGO_ALIGN_CENTER)
    }

    private func drawHeader(_ cr: OpaquePointer) {
        let say = { (phrase: Phrase) in sheet.language.say(phrase) }
        let width = Self.pageWidth - 2 * Self.margin
        var y = Self.margin
        y += text(cr, sheet.title, x: Self.margin, y: y, width: width, size: 17, bold: true, maxLines: 2) + 4
        var facts = [say(Words.recording) + ": " + sheet.recordingName]
        if let date = sheet.recordingDate { facts.append(say(Words.recordedOn(day(date)))) }
        facts.append(say(Words.lengthIs(clock(sheet.durationMicroseconds))))
        if let f = sheet.fragment {
            facts.append(say(Words.fragmentSpan(from: clock(f.from), to: clock(f.to), length: clock(f.to - f.from))))
        }
        y += text(cr, facts.joined(separator: " · "), x: Self.margin, y: y, width: width, size: 9.5, maxLines: 2) + 2
        var people: [String] = []
        if !sheet.focusChildren.isEmpty {
            people.append(say(Words.focusChild(count: sheet.focusChildren.count)) + ": " + sheet.focusChildren.joined(separator: ", "))
        }
        if let coach = sheet.coach { people.append(say(Words.coach) + ": " + coach) }
        if let professional = sheet.professional { people.append(say(Words.professional) + ": " + professional) }
        people.append(say(Words.madeOn(day(sheet.madeOn))))
        _ = text(cr, people.joined(separator: " · "), x: Self.margin, y: y, width: width, size: 9.5, maxLines: 2)
        cairo_set_source_rgb(cr, 0.55, 0.62, 0.7)
        cairo_set_line_width(cr, 1)
        cairo_move_to(cr, Self.margin, Self.margin + Self.headerHeight - 10)
        cairo_line_to(cr, Self.pageWidth - Self.margin, Self.margin + Self.headerHeight - 10)
        cairo_stroke(cr)
    }

    private func drawEntry(_ cr: OpaquePointer, _ entry: StillSheet.Entry, still: SheetLayout.Still,
                           box: (x: Double, y: Double, w: Double, h: Double)) {
        let say = { (phrase: Phrase) in sheet.language.say(phrase) }
        drawPicture(cr, entry.picture, x: still.x, y: still.y, width: still.width, height: still.height)

        // Beside the still: when, who, what is seen and heard.
        let textX = box.x + box.w * 0.5 + 14, textW = box.w * 0.5 - 14
        var y = still.y
        // As a coach reads it (1:35), the exact frame and time small below it.
        let readable = { (us: Int64) in MarkerTime.durationText(Double(us) / 1_000_000) }
        let when = say(Words.stillWhen(order: entry.order, recording: readable(entry.recordingMicroseconds),
                                       fragment: entry.fragmentMicroseconds.map(readable)))
        y += text(cr, when, x: textX, y: y, width: textW, size: 11, bold: true, maxLines: 2) + 1
        let exact = say(Words.stillExactly(frame: entry.frameIndex, time: MarkerTime.clockText(entry.recordingMicroseconds / 1000 * 1000)))
        y += text(cr, exact, x: textX, y: y, width: textW, size: 7.5, gray: 0.45, maxLines: 1) + 3
        if let child = entry.child { y += text(cr, child, x: textX, y: y, width: textW, size: 10.5, bold: true, gray: 0.2, maxLines: 1) + 3 }
        if entry.observation?.addedInConversation == true {
            y += text(cr, say(Words.addedInConversation), x: textX, y: y, width: textW, size: 8.5, gray: 0.4, maxLines: 1) + 3
        }
        // Below: the method's one question here (with its follow-up question for a subjective remark),
        // and the coach's own "wat ik zie...", with room to write.
        let questionsTop = still.y + still.height + 10
        if let note = entry.note {
            _ = text(cr, note, x: textX, y: y, width: textW, size: 9.5, gray: 0.15, maxHeight: questionsTop - 6 - y)
        }
        let cellH = box.y + box.h - 8 - questionsTop
        let gap = 14.0, cellW = (box.w - gap) / 2
        let cells = [(say(Words.seenAndHeard) + " " + say(Words.whatTellsYouThat), entry.observation?.seenHeard),
                     (say(Words.whatISee), entry.observation?.coachSaw)]
        for (i, (question, answer)) in cells.enumerated() {
            let cx = box.x + Double(i) * (cellW + gap)
            var used = text(cr, question, x: cx, y: questionsTop, width: cellW, size: 8.5, bold: true, gray: 0.3, maxLines: 2)
            // What was said, when the conversation gave it; the lines below stay for more.
            if let answer {
                used += 2 + text(cr, answer, x: cx, y: questionsTop + used + 2, width: cellW, size: 9, gray: 0.05, maxHeight: cellH - used - 6)
            }
            writingLines(cr, x: cx, from: questionsTop + used, to: questionsTop + cellH - 2, width: cellW)
        }
        cairo_set_source_rgb(cr, 0.8, 0.84, 0.88)
        cairo_set_line_width(cr, 0.8)
        cairo_move_to(cr, box.x, box.y + box.h - 3)
        cairo_line_to(cr, box.x + box.w, box.y + box.h - 3)
        cairo_stroke(cr)
    }

    /// The first page below the header: the first reaction after the whole recording, and which child
    /// each professional watches (named, or lines to write them on).
    private func drawOpening(_ cr: OpaquePointer, top: Double) {
        let say = { (phrase: Phrase) in sheet.language.say(phrase) }
        let named = sheet.closingChildren.filter { !$0.child.isEmpty }
            .map { f in f.professional.map { say(Words.childWatchedBy(f.child, $0)) } ?? f.child }
        drawBlocks(cr, title: say(Words.beforeTheFragment), top: top,
                   blocks: [(say(Words.firstReactionHeading), sheet.firstReaction, nil),
                            (say(Words.whichChildHeading), named.isEmpty ? nil : named.joined(separator: "\n"), nil)])
    }

    /// One page of the part after the fragment, in the page's order: `part` 0 is the summary, then a page per
    /// child (what the moment meant, needs, next time), and last what goes well, the agreements and the follow-up.
    private func drawClosing(_ cr: OpaquePointer, part: Int, top: Double) {
        let say = { (phrase: Phrase) in sheet.language.say(phrase) }
        let children = sheet.closingChildren
        if part == 0 {
            drawBlocks(cr, title: say(Words.afterTheFragment), top: top,
                       blocks: [(say(Words.summaryHeading), sheet.summary, nil)])
        } else if part <= children.count {
            let child = children[part - 1]
            let name = child.child.isEmpty ? "…" : child.child
            let q = Words.methodQuestions.map(say)
            drawBlocks(cr, title: say(Words.childPageHeading(child.professional.map { say(Words.childWatchedBy(name, $0)) } ?? name)), top: top,
                       blocks: [(q[1], child.meaning, nil), (q[2], child.needs, nil), (q[3], child.nextTime, nil)])
        } else {
            // The follow-up's date: a line or two to write on.
            drawBlocks(cr, title: say(Words.followUpHeading), top: top,
                       blocks: [(say(Words.goingWellHeading), sheet.goingWell, nil), (say(Words.agreementsHeading), sheet.agreements, nil),
                                (say(Words.followUpDateHeading) + (sheet.followUp.map { " " + day($0) } ?? ""), nil, 48),
                                (say(Words.evaluationHeading), sheet.evaluation, nil)])
        }
    }

    /// A title, then blocks down to the footer: each its heading, what the session holds, and lines to
    /// write on below; a block's height is given, or (nil) a share of what is left.
    private func drawBlocks(_ cr: OpaquePointer, title: String, top: Double, blocks: [(heading: String, filled: String?, height: Double?)]) {
        let width = Self.pageWidth - 2 * Self.margin
        let bottom = Self.pageHeight - Self.margin - Self.footerHeight
        var y = top + text(cr, title, x: Self.margin, y: top, width: width, size: 15, bold: true, maxLines: 2) + 10
        let fixed = blocks.compactMap(\.height).reduce(0, +)
        let share = (bottom - y - fixed) / Double(max(1, blocks.filter { $0.height == nil }.count))
        for block in blocks {
            let height = block.height ?? share
            var used = text(cr, block.heading, x: Self.margin, y: y, width: width, size: 10.5, bold: true, gray: 0.2, maxLines: 2) + 4
            if let filled = block.filled {
                used += text(cr, filled, x: Self.margin, y: y + used, width: width, size: 9.5, gray: 0.1, maxHeight: height * 0.6) + 2
            }
            writingLines(cr, x: Self.margin, from: y + used, to: y + height - 8, width: width)
            y += height
        }
    }

    /// Light ruled lines to write on, 18 points apart.
    private func writingLines(_ cr: OpaquePointer, x: Double, from top: Double, to bottom: Double, width: Double) {
        cairo_set_source_rgb(cr, 0.68, 0.71, 0.75)
        cairo_set_line_width(cr, 0.6)
        var y = top + 17
        while y <= bottom {
            cairo_move_to(cr, x, y)
            cairo_line_to(cr, x + width, y)
            y += 18
        }
        cairo_stroke(cr)
    }

    private func drawPicture(_ cr: OpaquePointer, _ picture: RGBPicture, x: Double, y: Double, width: Double, height: Double) {
        // A picture Cairo cannot hold (out of memory) leaves its place empty rather than the sheet unmade.
        guard let surface = try? CairoSurface(imageWidth: picture.width, height: picture.height) else { return }
        let image = surface.pointer
        cairo_surface_flush(image)
        let stride = Int(cairo_image_surface_get_stride(image))
        if let data = cairo_image_surface_get_data(image) {
            picture.pixels.withUnsafeBufferPointer { src in
                for row in 0..<picture.height {
                    let line = data + row * stride
                    for col in 0..<picture.width {
                        let s = (row * picture.width + col) * 3
                        // CAIRO_FORMAT_RGB24: 32 bits per pixel, native-endian 0x00RRGGBB.
                        let value = UInt32(src[s]) << 16 | UInt32(src[s + 1]) << 8 | UInt32(src[s + 2])
                        (UnsafeMutableRawPointer(line) + col * 4).storeBytes(of: value, as: UInt32.self)
                    }
                }
            }
        }
        cairo_surface_mark_dirty(image)
        cairo_save(cr)
        cairo_translate(cr, x, y)
        cairo_scale(cr, width / Double(picture.width), height / Double(picture.height))
        cairo_set_source_surface(cr, image, 0, 0)
        cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_GOOD)
        cairo_paint(cr)
        cairo_restore(cr)
    }

    /// Draws wrapped text at (x, y) within `width`, at most `maxLines` lines or `maxHeight` points (the
    /// rest ellipsized), and returns the height used.
    @discardableResult
    private func text(_ cr: OpaquePointer, _ string: String, x: Double, y: Double, width: Double, size: Double,
                      bold: Bool = false, gray: Double = 0, maxLines: Int = 0, maxHeight: Double? = nil,
                      align: PangoAlignment = PANGO_ALIGN_LEFT) -> Double {
        Self.text(cr, string, x: x, y: y, width: width, size: size, bold: bold, gray: gray, maxLines: maxLines, maxHeight: maxHeight, align: align)
    }

    /// Draws `string` wrapped to `width` at (x, y), ellipsized after `maxLines` lines or past `maxHeight`;
    /// returns the height it took.
    @discardableResult
    static func text(_ cr: OpaquePointer, _ string: String, x: Double, y: Double, width: Double, size: Double,
                     bold: Bool = false, gray: Double = 0, maxLines: Int = 0, maxHeight: Double? = nil,
                     align: PangoAlignment = PANGO_ALIGN_LEFT, monospace: Bool = false) -> Double {
        let layout = pango_cairo_create_layout(cr)
        defer { g_object_unref(UnsafeMutableRawPointer(layout)) }
        let description = pango_font_description_from_string("\(monospace ? "DejaVu Sans Mono" : font) \(bold ? "Bold " : "")\(size)")
        defer { pango_font_description_free(description) }
        pango_layout_set_font_description(layout, description)
        pango_layout_set_width(layout, Int32(width * Double(ib_pango_scale())))
        pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR)
        pango_layout_set_alignment(layout, align)
        if let maxHeight {
            // Ellipsized to fit the box: no text runs out of it.
            pango_layout_set_height(layout, Int32(max(maxHeight, size) * Double(ib_pango_scale())))
            pango_layout_set_ellipsize(layout, PANGO_ELLIPSIZE_END)
        } else if maxLines > 0 {
            pango_layout_set_height(layout, -Int32(maxLines))
            pango_layout_set_ellipsize(layout, PANGO_ELLIPSIZE_END)
        }
        pango_layout_set_text(layout, string, -1)
        cairo_set_source_rgb(cr, gray, gray, gray)
        cairo_move_to(cr, x, y)
        pango_cairo_show_layout(cr, layout)
        var w: Int32 = 0, h: Int32 = 0
        pango_layout_get_size(layout, &w, &h)
        return Double(h) / Double(ib_pango_scale())
    }

    /// `2026-11-26` as people read it: "26 nov. 2026".
    private func day(_ iso: String) -> String { sheet.language.say(Words.day(iso)) }

    private func clock(_ us: Int64) -> String { MarkerTime.durationText(Double(us) / 1_000_000, decimals: 1) }
}
