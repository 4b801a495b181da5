// The one umbrella header over FFmpeg's C libraries.
// Function-like macros that Swift cannot import are re-exported here as inline functions.
#ifndef INBEELD_CFFMPEG_SHIM_H
#define INBEELD_CFFMPEG_SHIM_H

#include <errno.h>
#include <libavformat/avformat.h>
#include <libavcodec/avcodec.h>
#include <libavutil/avutil.h>
#include <libavutil/display.h>
#include <libavutil/error.h>
#include <libavutil/imgutils.h>
#include <libavutil/mathematics.h>
#include <libavutil/pixdesc.h>
#include <libavutil/channel_layout.h>
#include <libavutil/log.h>
#include <libavutil/audio_fifo.h>
#include <libavutil/opt.h>
#include <libswscale/swscale.h>
#include <libswresample/swresample.h>

/// `AVERROR(EAGAIN)`: the codec wants more input (or output must be drained first).
static inline int ib_averror_eagain(void) { return AVERROR(EAGAIN); }
/// `AVERROR_EOF`: end of file or end of stream.
static inline int ib_averror_eof(void) { return AVERROR_EOF; }
/// `AVERROR_INVALIDDATA`: the data is not what the demuxer or decoder expects.
static inline int ib_averror_invaliddata(void) { return AVERROR_INVALIDDATA; }
/// `AVERROR(ENOMEM)`.
static inline int ib_averror_enomem(void) { return AVERROR(ENOMEM); }
/// `AV_NOPTS_VALUE`: "no timestamp".
static inline int64_t ib_nopts_value(void) { return AV_NOPTS_VALUE; }
/// `AV_TIME_BASE_Q`: FFmpeg's microsecond time base.
static inline AVRational ib_time_base_q(void) { return (AVRational){1, AV_TIME_BASE}; }
/// `AVERROR(EACCES)` and `AVERROR(ENOENT)`: permission denied / no such file.
static inline int ib_averror_eacces(void) { return AVERROR(EACCES); }
static inline int ib_averror_enoent(void) { return AVERROR(ENOENT); }

#endif
