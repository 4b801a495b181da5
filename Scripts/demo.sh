#!/usr/bin/env bash
# Runs InBeeld's main job on a built-in demo recording: installs what is missing (Debian), makes a
# 6-minute demo recording, and prepares the demo coaching session (Demo/session.json): the check, the
# 1:29.5 fragment cut to the frame, the stills, the sheet, and a page that lists them.
#   bash Scripts/demo.sh --recording-only    # only make the demo recording (for Scripts/test-package.sh)
set -euo pipefail
cd "$(dirname "$0")/.."

bash Scripts/setup.sh
demo=Demo/generated
mkdir -p "$demo"
recording="$demo/speelhoek.mp4"
if [ ! -e "$recording" ]; then
  echo "demo: making a 6-minute demo recording (about 15 s)..." >&2
  ffmpeg -nostdin -hide_banner -loglevel error -y \
    -f lavfi -i "testsrc2=s=1280x720:r=25:d=360" -f lavfi -i "sine=frequency=440:sample_rate=48000:d=360" \
    -c:v libx264 -preset ultrafast -crf 35 -g 50 -c:a aac -b:a 64k -shortest "$recording.tmp.mp4"
  mv "$recording.tmp.mp4" "$recording"
fi
[ "${1:-}" = "--recording-only" ] && exit 0

# The debug build: the tests build the same one, so CI compiles the program (and Hummingbird) once. The
# media work is FFmpeg's and x264's optimised C either way (here 35 s against 29 s for a release build).
swift build --product inbeeld >&2
bin=$(swift build --show-bin-path)/inbeeld

echo "== inbeeld check $recording" >&2
"$bin" check "$recording"
echo >&2
echo "== inbeeld prepare Demo/session.json -o $demo/session (about a minute the first time)" >&2
"$bin" prepare Demo/session.json -o "$demo/session"
echo >&2
echo "demo: the results are in $demo/session/ (open $demo/session/index.html)." >&2
