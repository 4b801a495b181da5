// Cairo (PDF and PNG surfaces) and Pango (text layout) for still sheets.
#ifndef INBEELD_CPANGO_SHIM_H
#define INBEELD_CPANGO_SHIM_H
#include <cairo.h>
#include <cairo-pdf.h>
#include <pango/pangocairo.h>

/// `PANGO_SCALE`: Pango units per point.
static inline int ib_pango_scale(void) { return PANGO_SCALE; }
#endif
