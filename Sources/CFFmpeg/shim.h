// The one umbrella header over FFmpeg's C libraries.
// Function-like macros that Swift cannot import are re-exported here as inline functions.
#ifndef INBEELD_CFFMPEG_SHIM_H
#define INBEELD_CFFMPEG_SHIM_H

#include <errno.h>
#include <stddef.h>
#include <string.h>
#ifdef __linux__
#include <malloc.h>
#endif
#include <libavformat/avformat.h>
#include <libavcodec/avcodec.h>
#include <libavutil/avutil.h>
#include <libavutil/display.h>
#include <libavutil/dovi_meta.h>
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
#include <libavfilter/avfilter.h>
#include <libavfilter/buffersrc.h>
#include <libavfilter/buffersink.h>

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


// MARK: What differs between FFmpeg releases (5.1 in Debian 12, 7.1 in Debian 13, 9.0 in unstable)
// The Swift code above reads the same on every release; the choice is made here, once, by version.

/// The stream's display matrix (9 x int32, rotation and mirroring), or NULL. FFmpeg 6.1 moved stream
/// side data into `codecpar->coded_side_data` (lavc 60.30) and later releases removed the old calls.
static inline const int32_t *ib_stream_display_matrix(const AVStream *st) {
#if LIBAVCODEC_VERSION_INT >= AV_VERSION_INT(60, 30, 100)
    const AVPacketSideData *sd = av_packet_side_data_get(st->codecpar->coded_side_data, st->codecpar->nb_coded_side_data,
                                                         AV_PKT_DATA_DISPLAYMATRIX);
    return sd && sd->size >= 9 * sizeof(int32_t) ? (const int32_t *)sd->data : NULL;
#else
    size_t size = 0;
    const uint8_t *data = av_stream_get_side_data(st, AV_PKT_DATA_DISPLAYMATRIX, &size);
    return data && size >= 9 * sizeof(int32_t) ? (const int32_t *)data : NULL;
#endif
}

/// The stream's Dolby Vision configuration (the `dvcC`/`dvvC` box): its profile and the signal its base
/// layer is compatible with (0: none, as in profile 5; 1: HDR10; 2: SDR; 4: HLG, as in iPhones' 8.4).
/// Returns 1 and fills both when the stream has one, 0 otherwise.
#define IB_DOVI_RECORD_MINIMUM (offsetof(AVDOVIDecoderConfigurationRecord, dv_bl_signal_compatibility_id) + 1)
static inline int ib_stream_dolby_vision(const AVStream *st, int *profile, int *compatibility) {
    const AVDOVIDecoderConfigurationRecord *record = NULL;
#if LIBAVCODEC_VERSION_INT >= AV_VERSION_INT(60, 30, 100)
    const AVPacketSideData *sd = av_packet_side_data_get(st->codecpar->coded_side_data, st->codecpar->nb_coded_side_data,
                                                         AV_PKT_DATA_DOVI_CONF);
    if (sd && sd->size >= IB_DOVI_RECORD_MINIMUM) record = (const AVDOVIDecoderConfigurationRecord *)sd->data;
#else
    size_t size = 0;
    const uint8_t *data = av_stream_get_side_data(st, AV_PKT_DATA_DOVI_CONF, &size);
    if (data && size >= IB_DOVI_RECORD_MINIMUM) record = (const AVDOVIDecoderConfigurationRecord *)data;
#endif
    if (!record) return 0;
    *profile = record->dv_profile;
    *compatibility = record->dv_bl_signal_compatibility_id;
    return 1;
}

/// Gives an output stream a display matrix (before the header is written). Returns 0 or AVERROR(ENOMEM).
static inline int ib_stream_set_display_matrix(AVStream *st, const int32_t *matrix) {
    const size_t size = 9 * sizeof(int32_t);
#if LIBAVCODEC_VERSION_INT >= AV_VERSION_INT(60, 30, 100)
    AVPacketSideData *sd = av_packet_side_data_new(&st->codecpar->coded_side_data, &st->codecpar->nb_coded_side_data,
                                                   AV_PKT_DATA_DISPLAYMATRIX, size, 0);
    if (!sd) return AVERROR(ENOMEM);
    memcpy(sd->data, matrix, size);
#else
    uint8_t *data = av_stream_new_side_data(st, AV_PKT_DATA_DISPLAYMATRIX, size);
    if (!data) return AVERROR(ENOMEM);
    memcpy(data, matrix, size);
#endif
    return 0;
}

/// swscale. The context is an incomplete type up to libswscale 8 and a complete struct from 9 (Swift
/// would see `OpaquePointer` or a typed pointer), and the flags became an enum: both cross as plain
/// `void *` and `int` here.
static inline int ib_sws_bicubic(void) { return SWS_BICUBIC; }
static inline int ib_sws_accurate_rounding(void) { return SWS_ACCURATE_RND; }
static inline int ib_sws_full_chroma_interpolation(void) { return SWS_FULL_CHR_H_INT; }
static inline int ib_sws_full_chroma_input(void) { return SWS_FULL_CHR_H_INP; }

/// `sws_getCachedContext`: the context for this conversion, reusing `context` when it already fits.
static inline void *ib_sws_context(void *context, int src_w, int src_h, enum AVPixelFormat src_format,
                                   int dst_w, int dst_h, enum AVPixelFormat dst_format, int flags) {
    return sws_getCachedContext((struct SwsContext *)context, src_w, src_h, src_format, dst_w, dst_h, dst_format,
                                flags, NULL, NULL, NULL);
}
static inline void ib_sws_free(void *context) { sws_freeContext((struct SwsContext *)context); }

/// `sws_setColorspaceDetails` with the matrices named by `SWS_CS_*` and ranges as 0 (limited) or 1 (full).
static inline int ib_sws_colorspace(void *context, int src_matrix, int src_full_range, int dst_matrix, int dst_full_range) {
    return sws_setColorspaceDetails((struct SwsContext *)context, sws_getCoefficients(src_matrix), src_full_range,
                                    sws_getCoefficients(dst_matrix), dst_full_range, 0, 1 << 16, 1 << 16);
}

/// `sws_scale` over whole pictures: frame to frame, frame to one packed buffer (RGB24), packed buffer to frame.
static inline int ib_sws_scale_frame(void *context, const AVFrame *src, AVFrame *dst) {
    return sws_scale((struct SwsContext *)context, (const uint8_t *const *)src->data, src->linesize, 0, src->height,
                     dst->data, dst->linesize);
}
static inline int ib_sws_scale_frame_to_packed(void *context, const AVFrame *src, uint8_t *dst, int dst_stride) {
    uint8_t *const planes[4] = {dst, NULL, NULL, NULL};
    const int strides[4] = {dst_stride, 0, 0, 0};
    return sws_scale((struct SwsContext *)context, (const uint8_t *const *)src->data, src->linesize, 0, src->height,
                     planes, strides);
}
static inline int ib_sws_scale_packed_to_frame(void *context, const uint8_t *src, int src_stride, int src_h, AVFrame *dst) {
    const uint8_t *const planes[4] = {src, NULL, NULL, NULL};
    const int strides[4] = {src_stride, 0, 0, 0};
    return sws_scale((struct SwsContext *)context, planes, strides, 0, src_h, dst->data, dst->linesize);
}


/// Sets a buffer source up for frames like `frame` (size, pixel format, aspect, and from libavfilter 10.3
/// its colour matrix and range, which filter negotiation uses there), then initialises it.
static inline int ib_buffersrc_init(AVFilterContext *src, const AVFrame *frame, AVRational time_base) {
    AVBufferSrcParameters *p = av_buffersrc_parameters_alloc();
    if (!p) return AVERROR(ENOMEM);
    p->format = frame->format;
    p->width = frame->width;
    p->height = frame->height;
    p->time_base = time_base;
    p->sample_aspect_ratio = frame->sample_aspect_ratio.num > 0 ? frame->sample_aspect_ratio : (AVRational){1, 1};
#if LIBAVFILTER_VERSION_INT >= AV_VERSION_INT(10, 3, 100)
    p->color_space = frame->colorspace;
    p->color_range = frame->color_range;
#endif
    int ret = av_buffersrc_parameters_set(src, p);
    av_free(p);
    return ret < 0 ? ret : avfilter_init_str(src, NULL);
}

#endif
