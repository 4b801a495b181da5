#!/usr/bin/env bash
# Generates the test recordings with the ffmpeg CLI into Fixtures/generated/ (git-ignored).
# Each fixture's command and known facts are listed in Fixtures/README.md.
# Files that already exist are kept; delete the folder (or pass --force) to make them anew.
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
out="$here/Fixtures/generated"
force=0
[ "${1:-}" = "--force" ] && force=1
mkdir -p "$out"

command -v ffmpeg >/dev/null || { echo "make-fixtures: ffmpeg is missing; run Scripts/setup.sh first." >&2; exit 1; }

ff() { ffmpeg -nostdin -hide_banner -loglevel error -y "$@"; }

# rotated_copy IN [OUTPUT-OPTIONS...]: copies IN's streams to $tmp with a display matrix of -90 (ffprobe's
# "rotation", counter-clockwise: a quarter turn clockwise when shown). FFmpeg 6 and later set it with the
# input option -display_rotation and no longer turn a `rotate` tag into a matrix; 5.1 has only the tag.
# (The help is read whole first: with pipefail, `grep -q` closing the pipe early would fail the test.)
ffmpeg_help=$(ffmpeg -hide_banner -h full 2>/dev/null || true)
if [[ $ffmpeg_help == *-display_rotation* ]]; then
  rotated_copy() { local in=$1; shift; ff -display_rotation:v:0 -90 -i "$in" -c copy "$@" "$tmp"; }
else
  rotated_copy() { local in=$1; shift; ff -i "$in" -c copy -metadata:s:v:0 rotate=-90 "$@" "$tmp"; }
fi

# make NAME COMMAND...: runs COMMAND with $tmp as output, then moves it into place (whole or not at all).
make() {
  local name=$1; shift
  local target="$out/$name"
  if [ $force -eq 0 ] && [ -e "$target" ]; then return 0; fi
  tmp="$(dirname "$target")/.tmp-$(basename "$name")"
  rm -f "$tmp"
  "$@"
  mv -f "$tmp" "$target"
}

# The barcode: every frame carries its index N (0-based, presentation order) in 16 blocks of 20x16
# pixels across the top of a 320x240 picture; block k (k = 0 leftmost) is white (235) when bit k of N
# is set, black (16) otherwise. Below it, moving gray content so the encoder has work to do.
barcode="geq=lum='if(lt(Y,16),if(mod(floor(N/pow(2,floor(X/20))),2),235,16),128+80*sin(X/17+N/7)*cos(Y/23))':cb=128:cr=128"
gray="color=c=gray:s=320x240:r=30"
tone="sine=frequency=440:sample_rate=48000"

# Constant 30 fps, H.264 High with B-frames (pyramid), 6 s, AAC audio.
bframes() { ff -f lavfi -i "$gray:d=6" -f lavfi -i "$tone:d=6" -vf "$barcode,format=yuv420p" \
  -c:v libx264 -preset veryfast -crf 16 -bf 3 -x264-params b-pyramid=normal -g 30 -c:a aac -b:a 64k -shortest -f mp4 "$tmp"; }
make barcode-bframes.mp4 bframes

# Audio sync: every whole second a white flash frame (the barcode stays) and a 1 kHz tone burst of
# 0.1 s starting on the same instant; silence in between. 8 s, 30 fps, B-frames, AAC.
flash="geq=lum='if(lt(Y,16),if(mod(floor(N/pow(2,floor(X/20))),2),235,16),if(eq(mod(N,30),0),235,60+40*sin(X/17+N/7)))':cb=128:cr=128"
sync() { ff -f lavfi -i "$gray:d=8" -f lavfi -i "aevalsrc='if(lt(mod(t,1),0.1),0.8*sin(2*PI*1000*t),0)':s=48000:d=8" \
  -vf "$flash,format=yuv420p" -c:v libx264 -preset veryfast -crf 16 -bf 3 -g 30 -c:a aac -b:a 128k -shortest \
  -f mp4 "$tmp"; }
make sync-flash.mp4 sync

# The same picture in Matroska (no full sample index: timing must come from reading packets).
mkv() { ff -i "$out/barcode-bframes.mp4" -c copy -f matroska "$tmp"; }
make barcode-bframes.mkv mkv

# Variable frame rate in a 1/600 time base: frame N at (20N + jitter) ticks, jitter in {-5, 0, +7}.
vfr() { ff -f lavfi -i "$gray:d=6" -f lavfi -i "$tone:d=6" \
  -vf "$barcode,format=yuv420p,settb=1/600,setpts='20*N+if(eq(mod(N,4),1),7,0)-if(eq(mod(N,7),3),5,0)'" \
  -fps_mode passthrough -enc_time_base:v 1:600 -video_track_timescale 600 \
  -c:v libx264 -preset veryfast -crf 16 -bf 2 -g 45 -c:a aac -b:a 64k -shortest -f mp4 "$tmp"; }
make barcode-vfr.mp4 vfr

# Phone-like with a barcode: QuickTime, 1/600 time base, frame N at 20N ticks (+6 when N mod 5 = 2), B-frames,
# GOPs of 45, rotated (display matrix, -90), AAC at 44.1 kHz; 8 s.
phonebar() { ff -f lavfi -i "$gray:d=8" -f lavfi -i "sine=frequency=660:sample_rate=44100:d=8" \
  -vf "$barcode,format=yuv420p,settb=1/600,setpts='20*N+if(eq(mod(N,5),2),6,0)'" -fps_mode passthrough \
  -enc_time_base:v 1:600 -video_track_timescale 600 -c:v libx264 -preset veryfast -crf 16 -profile:v high -bf 2 \
  -g 45 -c:a aac -b:a 64k -shortest -f mov "$tmp.enc"
  rotated_copy "$tmp.enc" -video_track_timescale 600 -f mov; rm -f "$tmp.enc"; }
make barcode-phone.mov phonebar
# The same streams in MP4 (what every browser plays), the display matrix kept.
phonemp4() { ff -i "$out/barcode-phone.mov" -c copy -f mp4 "$tmp"; }
make barcode-phone.mp4 phonemp4

# NTSC rate: 30000/1001 fps (29.97), B-frames with pyramid, GOPs of 60, AAC; 10 s (300 frames).
ntsc() { ff -f lavfi -i "color=c=gray:s=320x240:r=30000/1001:d=10" -f lavfi -i "$tone:d=10" -vf "$barcode,format=yuv420p" \
  -c:v libx264 -preset veryfast -crf 16 -bf 3 -x264-params b-pyramid=normal -g 60 -c:a aac -b:a 64k -shortest \
  -f mp4 "$tmp"; }
make barcode-ntsc.mp4 ntsc

# A recording of the method's length with a barcode: 5:10 at 25 fps (7,750 frames), the barcode drawn on a
# 320x16 strip over testsrc2 (fast to make), B-frames in a fixed pattern (OpenH264 2.3 shows the wrong
# picture before some IDRs of x264's adaptive patterns, in the source itself), GOPs of 50, AAC.
long25() { ff -f lavfi -i "testsrc2=s=320x240:r=25:d=310" -f lavfi -i "color=c=black:s=320x16:r=25:d=310" \
  -f lavfi -i "$tone:d=310" -filter_complex \
  "[1:v]geq=lum='if(mod(floor(N/pow(2,floor(X/20))),2),235,16)':cb=128:cr=128[bar];[0:v][bar]overlay=0:0,format=yuv420p[v]" \
  -map "[v]" -map 2:a -c:v libx264 -preset veryfast -crf 23 -bf 3 -x264-params b-adapt=0 -g 50 -c:a aac -b:a 32k -shortest -f mp4 "$tmp"; }
make barcode-25fps-5min.mp4 long25

# Rotated: stored 320x240 with a display matrix that turns it 90 degrees clockwise (shown 240x320), as a
# phone held upright stores it. FFmpeg 5.1 writes the matrix only on a stream copy, so: encode, then remux.
# (The CLI's rotate tag is counter-clockwise: -90 means a quarter turn clockwise; ffprobe says rotation=-90.)
rotated() { ff -f lavfi -i "$gray:d=4" -vf "$barcode,format=yuv420p" -c:v libx264 -preset veryfast -crf 16 \
  -f mp4 "$tmp.enc"; rotated_copy "$tmp.enc" -f mp4; rm -f "$tmp.enc"; }
make barcode-rotated.mp4 rotated

# Anamorphic: 320x240 stored with a 4:3 sample aspect ratio (shown 427x240).
anamorphic() { ff -f lavfi -i "$gray:d=2" -vf "$barcode,format=yuv420p,setsar=4/3" -c:v libx264 -preset veryfast -crf 16 \
  -f mp4 "$tmp"; }
make barcode-anamorphic.mp4 anamorphic

# Colour patches: one flat colour, RGB (200, 50, 80), written as the YUV values the standard matrices give
# (computed by hand, rounded): BT.709 limited range Y 88, Cb 126, Cr 193 (HD); BT.601 full range
# Y 98, Cb 118, Cr 201 (SD). Lossless (-qp 0), tagged with that matrix and range. The tags are put on the
# frames in the filter graph (setparams): FFmpeg 7's CLI would otherwise convert the untagged pixels to the
# tags given as output options (or, for HDR below, drop those options).
colour709() { ff -f lavfi -i "color=c=black:s=1280x720:r=30:d=1" \
  -vf "format=yuv420p,geq=lum=88:cb=126:cr=193,setparams=range=tv:color_primaries=bt709:color_trc=bt709:colorspace=bt709" \
  -c:v libx264 -qp 0 -preset veryfast -colorspace bt709 -color_primaries bt709 -color_trc bt709 -color_range tv \
  -f mp4 "$tmp"; }
make colour-709.mp4 colour709
colour601() { ff -f lavfi -i "color=c=black:s=640x480:r=30:d=1" \
  -vf "format=yuvj420p,geq=lum=98:cb=118:cr=201,setparams=range=pc:color_primaries=smpte170m:color_trc=smpte170m:colorspace=smpte170m" \
  -c:v libx264 -qp 0 -preset veryfast -colorspace smpte170m -color_primaries smpte170m -color_trc smpte170m \
  -color_range pc -f mp4 "$tmp"; }
make colour-601-full.mp4 colour601

# HEVC (hvc1), B-frames.
hevc() { ff -f lavfi -i "$gray:d=4" -vf "$barcode,format=yuv420p" -c:v libx265 -preset ultrafast -crf 18 \
  -x265-params log-level=error:bframes=3:keyint=30 -tag:v hvc1 -f mp4 "$tmp"; }
make barcode-hevc.mp4 hevc

# HEVC of the method's length, as an iPhone films (hvc1, B-frames, AAC): 5:02 at 15 fps (4,530 frames), the
# barcode on a strip over testsrc2 as in barcode-25fps-5min.mp4. Chromium on Debian cannot play it.
hevc5() { ff -f lavfi -i "testsrc2=s=320x240:r=15:d=302" -f lavfi -i "color=c=black:s=320x16:r=15:d=302" \
  -f lavfi -i "$tone:d=302" -filter_complex \
  "[1:v]geq=lum='if(mod(floor(N/pow(2,floor(X/20))),2),235,16)':cb=128:cr=128[bar];[0:v][bar]overlay=0:0,format=yuv420p[v]" \
  -map "[v]" -map 2:a -c:v libx265 -preset ultrafast -crf 24 -x265-params log-level=error:bframes=3:keyint=45 -tag:v hvc1 \
  -c:a aac -b:a 32k -shortest -f mp4 "$tmp"; }
make barcode-hevc-5min.mp4 hevc5

# 10-bit HEVC with the HLG transfer (as newer iPhones record).
hdr() { ff -f lavfi -i "testsrc2=s=640x480:r=30:d=2" \
  -vf "format=yuv420p10le,setparams=range=tv:color_primaries=bt2020:color_trc=arib-std-b67:colorspace=bt2020nc" -c:v libx265 -preset ultrafast \
  -x265-params log-level=error -color_primaries bt2020 -color_trc arib-std-b67 -colorspace bt2020nc \
  -tag:v hvc1 -f mp4 "$tmp"; }
make hdr-hlg.mp4 hdr

# HDR made from known SDR pictures: testsrc2 with the barcode band on top, lossless BT.709 (the reference),
# carried by zscale into HLG and into PQ (BT.2020, 10-bit HEVC with B-frames), and the phone-like barcode
# file (rotated, variable rate, 1/600) into HLG. What InBeeld makes from them must look like the reference.
band="geq=lum='if(lt(Y,16),if(mod(floor(N/pow(2,floor(X/20))),2),235,16),lum(X,Y))':cb='if(lt(Y,16),128,cb(X,Y))':cr='if(lt(Y,16),128,cr(X,Y))'"
sdrref() { ff -f lavfi -i "testsrc2=s=320x240:r=30:d=3" \
  -vf "format=yuv420p,$band,setparams=range=tv:color_primaries=bt709:color_trc=bt709:colorspace=bt709" \
  -c:v libx264 -qp 0 -preset veryfast -g 30 -f mp4 "$tmp"; }
make hdr-reference-sdr.mp4 sdrref
# to_hdr IN TRANSFER [OUTPUT-OPTIONS...]: IN's picture in TRANSFER (arib-std-b67 or smpte2084), BT.2020, 10-bit HEVC;
# not turned upright (-noautorotate), so a display matrix travels along.
to_hdr() { local in=$1 trc=$2; shift 2
  ff -noautorotate -i "$in" -vf "zscale=tin=bt709:min=bt709:pin=bt709:rin=tv:t=$trc:m=bt2020nc:p=bt2020:r=tv:npl=100,format=yuv420p10le,setparams=range=tv:color_primaries=bt2020:color_trc=$trc:colorspace=bt2020nc" \
    -c:v libx265 -preset ultrafast -x265-params "log-level=error:crf=8:bframes=3:keyint=30" -tag:v hvc1 "$@" "$tmp"; }
hlgbar() { to_hdr "$out/hdr-reference-sdr.mp4" arib-std-b67 -f mp4; }
make hdr-hlg-barcode.mp4 hlgbar
pqbar() { to_hdr "$out/hdr-reference-sdr.mp4" smpte2084 -f mp4; }
make hdr-pq-barcode.mp4 pqbar
# The phone-like barcode file in HLG: the picture re-encoded in its own timestamps, the rotation copied.
hlgphone() { to_hdr "$out/barcode-phone.mov" arib-std-b67 -fps_mode passthrough -enc_time_base:v 1:600 \
  -video_track_timescale 600 -c:a copy -f mov; }
make hdr-hlg-phone.mov hlgphone

# 10-bit SDR: a smooth ramp across the picture in 10-bit luma (64 steps of 10-bit, 16 of 8-bit), lossless
# HEVC Main 10, BT.709. Cut to 8 bits without dither it shows 16 bands; dithered, each column's mean follows the ramp.
sdr10() { ff -f lavfi -i "color=c=gray:s=320x240:r=30:d=2" \
  -vf "format=yuv420p10le,geq=lum='400+X/5':cb=512:cr=512,setparams=range=tv:color_primaries=bt709:color_trc=bt709:colorspace=bt709" \
  -c:v libx265 -preset ultrafast -x265-params log-level=error:lossless=1 -tag:v hvc1 -f mp4 "$tmp"; }
make sdr-10bit-ramp.mp4 sdr10

# A phone-like file: 1/600 time base, variable rate, rotated 90, Apple-style metadata with a GPS position.
phone() { ff -f lavfi -i "testsrc2=s=640x480:r=30:d=8" -f lavfi -i "sine=frequency=660:sample_rate=44100:d=8" \
  -vf "format=yuv420p,settb=1/600,setpts='20*N+if(eq(mod(N,5),2),6,0)'" -fps_mode passthrough -enc_time_base:v 1:600 \
  -video_track_timescale 600 -c:v libx264 -preset veryfast -profile:v high -bf 2 -g 30 -c:a aac -b:a 96k -shortest \
  -f mov "$tmp.enc"
  rotated_copy "$tmp.enc" -video_track_timescale 600 -movflags use_metadata_tags \
  -metadata com.apple.quicktime.location.ISO6709=+52.3676+004.9041+001.000/ \
  -metadata com.apple.quicktime.make=Apple -metadata com.apple.quicktime.model="iPhone 12" \
  -metadata com.apple.quicktime.creationdate=2026-03-14T10:15:00+0100 -f mov; rm -f "$tmp.enc"; }
make phone-like.mov phone

# A GPS position in the classic MP4 location tag, plus make/model and a creation time.
gps() { ff -f lavfi -i "testsrc2=s=640x480:r=30:d=10" -f lavfi -i "$tone:d=10" -c:v libx264 -preset ultrafast \
  -c:a aac -shortest -metadata location=+52.0907+005.1214/ -metadata make=Samsung -metadata model=SM-A525F \
  -metadata creation_time=2026-05-01T09:00:00Z -f mp4 "$tmp"; }
make gps.mp4 gps

# Low resolution: 320x240 (under 480 lines).
lowres() { ff -f lavfi -i "testsrc2=s=320x240:r=30:d=10" -f lavfi -i "$tone:d=10" -c:v libx264 -preset ultrafast \
  -c:a aac -shortest -f mp4 "$tmp"; }
make low-res.mp4 lowres

# Recordings of a given length at 854x480, 10 fps, with or without audio.
recording() { # SECONDS [noaudio]
  if [ "${2:-}" = noaudio ]; then
    ff -f lavfi -i "testsrc2=s=854x480:r=10:d=$1" -c:v libx264 -preset ultrafast -crf 40 -g 50 -f mp4 "$tmp"
  else
    ff -f lavfi -i "testsrc2=s=854x480:r=10:d=$1" -f lavfi -i "$tone:d=$1" -c:v libx264 -preset ultrafast -crf 40 -g 50 \
      -c:a aac -b:a 48k -shortest -f mp4 "$tmp"
  fi
}
make pass-7min.mp4 recording 420
make no-audio-6min.mp4 recording 360 noaudio
make short-3min.mp4 recording 180
make long-9min.mp4 recording 540

# Audio only.
audioonly() { ff -f lavfi -i "$tone:d=10" -c:a aac -f mp4 "$tmp"; }
make audio-only.mp4 audioonly

# Interrupted recording: the index (moov) is written last, and the file stops before it.
interrupted() { ff -f lavfi -i "testsrc2=s=640x480:r=30:d=6" -c:v libx264 -preset ultrafast -f mp4 "$tmp.full"
  head -c $(( $(stat -c %s "$tmp.full") / 2 )) "$tmp.full" > "$tmp"; rm -f "$tmp.full"; }
make interrupted.mp4 interrupted

# Cut short after the index: index at the front (faststart), media data stops at 60%.
truncated() { ff -f lavfi -i "testsrc2=s=640x480:r=30:d=6" -c:v libx264 -preset ultrafast -movflags +faststart \
  -f mp4 "$tmp.full"; head -c $(( $(stat -c %s "$tmp.full") * 6 / 10 )) "$tmp.full" > "$tmp"; rm -f "$tmp.full"; }
make truncated.mp4 truncated

# An unknown codec: the H.264 sample entry's four-character code changed from avc1 to xvq1.
unsupported() { perl -0777 -pe 's/avc1/xvq1/g' "$out/barcode-rotated.mp4" > "$tmp"; }
make unsupported-codec.mp4 unsupported

# Damaged media data: 4 KiB of fixed pseudo-random bytes written over the middle of a valid file.
corrupt() { cp "$out/barcode-bframes.mp4" "$tmp"
  perl -e 'my ($f) = @ARGV; my $size = -s $f; open(my $h, "+<:raw", $f) or die; seek($h, int($size * 0.45), 0);
           srand(7); print $h join("", map { chr(int(rand(256))) } 1..4096); close($h);' "$tmp"; }
make corrupt.mp4 corrupt

# Not media at all.
zero() { : > "$tmp"; }
make zero-bytes.mp4 zero
randombytes() { perl -e 'srand(42); print join("", map { chr(int(rand(256))) } 1..65536)' > "$tmp"; }
make random-bytes.mp4 randombytes
text() { printf 'Dit is geen video.\nThis is not a video.\n' > "$tmp"; }
make text.mp4 text

# The bad-input corpus (Fixtures/README.md): files that are wrong in the ways files go wrong.
mkdir -p "$out/bad"
png() { ff -f lavfi -i "color=c=red:s=64x48:d=1" -frames:v 1 -f image2 -c:v png "$tmp"; }
make bad/png-named.mp4 png
for pct in 1 50 99; do
  cut_at() { head -c $(( $(stat -c %s "$out/barcode-bframes.mp4") * $1 / 100 )) "$out/barcode-bframes.mp4" > "$tmp"; }
  make "bad/cut-at-$pct.mp4" cut_at "$pct"
done
# Absurd header claims: the sample entry says 16384x16384 or 0x0; the movie header says 24 hours.
patch_size_big() { perl -0777 -e 'local $/; $_ = <STDIN>; my $w = pack("n", 16384); s/(avc1\x00{6}\x00\x01.{16})..../$1$w$w/s; print' \
  < "$out/barcode-rotated.mp4" > "$tmp"; }
patch_size_zero() { perl -0777 -e 'local $/; $_ = <STDIN>; my $w = pack("n", 0); s/(avc1\x00{6}\x00\x01.{16})..../$1$w$w/s; print' \
  < "$out/barcode-rotated.mp4" > "$tmp"; }
make bad/claims-16384.mp4 patch_size_big
make bad/claims-0x0.mp4 patch_size_zero
day() { perl -0777 -e 'local $/; $_ = <STDIN>;
  s/(mvhd\x00\x00\x00\x00.{8})(.{4}).{4}/$1.$2.pack("N", unpack("N", $2) * 86400)/se; print' < "$out/barcode-bframes.mp4" > "$tmp"; }
make bad/claims-24h.mp4 day

echo "make-fixtures: fixtures are in $out" >&2
