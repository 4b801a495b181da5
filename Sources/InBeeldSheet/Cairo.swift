internal import CPango

/// A Cairo surface, owned: made only when Cairo says it is good (else there is none, and nothing leaks),
/// destroyed when let go. A context made on it keeps its own reference, so the two go in either order.
final class CairoSurface {
    let pointer: OpaquePointer

    private init?(_ made: OpaquePointer?) {
        guard let made else { return nil }
        guard cairo_surface_status(made) == CAIRO_STATUS_SUCCESS else {
            cairo_surface_destroy(made)
            return nil
        }
        pointer = made
    }

    /// A PDF written to `path`, pages `width` x `height` points.
    convenience init?(pdf path: String, width: Double, height: Double) {
        self.init(cairo_pdf_surface_create(path, width, height))
    }

    /// A picture in memory (RGB, 32 bits a pixel).
    convenience init?(imageWidth width: Int, height: Int) {
        guard width > 0, height > 0, let w = Int32(exactly: width), let h = Int32(exactly: height) else { return nil }
        self.init(cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h))
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

    init?(on surface: CairoSurface) {
        guard let made = cairo_create(surface.pointer) else { return nil }
        guard cairo_status(made) == CAIRO_STATUS_SUCCESS else {
            cairo_destroy(made)
            return nil
        }
        pointer = made
    }

    deinit { cairo_destroy(pointer) }
}
