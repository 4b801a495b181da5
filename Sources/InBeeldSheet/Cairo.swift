internal import CPango

/// Why Cairo made or wrote nothing: its status, whose own words (`detail`) may follow a message in
/// parentheses.
struct CairoFailure: Error {
    let status: cairo_status_t
    var detail: String { String(cString: cairo_status_to_string(status)) }
}

/// A Cairo surface, owned: made only when Cairo says it is good (else it throws what Cairo said, and
/// nothing leaks), destroyed when let go. A context made on it keeps its own reference, so the two go in
/// either order.
final class CairoSurface {
    let pointer: OpaquePointer

    private init(_ made: OpaquePointer?) throws(CairoFailure) {
        guard let made else { throw CairoFailure(status: CAIRO_STATUS_NO_MEMORY) }
        let status = cairo_surface_status(made)
        guard status == CAIRO_STATUS_SUCCESS else {
            cairo_surface_destroy(made)
            throw CairoFailure(status: status)
        }
        pointer = made
    }

    /// A PDF written to `path`, pages `width` x `height` points.
    convenience init(pdf path: String, width: Double, height: Double) throws(CairoFailure) {
        try self.init(cairo_pdf_surface_create(path, width, height))
    }

    /// A picture in memory (RGB, 32 bits a pixel).
    convenience init(imageWidth width: Int, height: Int) throws(CairoFailure) {
        guard width > 0, height > 0, let w = Int32(exactly: width), let h = Int32(exactly: height) else {
            throw CairoFailure(status: CAIRO_STATUS_INVALID_SIZE)
        }
        try self.init(cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h))
    }

    /// Finishes the surface (a PDF is written out) and says how that went.
    func finish() -> cairo_status_t {
        cairo_surface_finish(pointer)
        return cairo_surface_status(pointer)
    }

    deinit { cairo_surface_destroy(pointer) }
}

/// A Cairo context drawing on a surface, owned: destroyed when let go. Cairo never answers NULL here but a
/// context in an error state, which is no context.
final class CairoContext {
    let pointer: OpaquePointer

    init(on surface: CairoSurface) throws(CairoFailure) {
        guard let made = cairo_create(surface.pointer) else { throw CairoFailure(status: CAIRO_STATUS_NO_MEMORY) }
        let status = cairo_status(made)
        guard status == CAIRO_STATUS_SUCCESS else {
            cairo_destroy(made)
            throw CairoFailure(status: status)
        }
        pointer = made
    }

    deinit { cairo_destroy(pointer) }
}
