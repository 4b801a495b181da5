#!/usr/bin/env bash
# Runs InBeeld's main job on a built-in demo recording: installs what is missing (Debian), makes a
# 6-minute demo recording of the right kind, and checks it as a coach would before a session.
set -euo pipefail
cd "$(dirname "$0")/.."

bash Scripts/setup.sh
swift build -c release --product inbeeld >&2
bin=$(swift build -c release --show-bin-path)/inbeeld

demo=Demo/generated
mkdir -p "$demo"
recording="$demo/speelhoek.mp4"
if [ ! -e "$recording" ]; then
  echo "demo: making a 6-minute demo recording (about 15 s)..." >&2
  ffmpeg -nostdin -hide_banner -loglevel error -y \
    -f lavfi -i "testsrc2=s=1280x720:r=25:d=360" -f lavfi -i "sine=frequency=440:sample_rate=48000:d=360" \
    -c:v libx264 -preset ultrafast -crf 35 -g 50 -c:a aac -b:a 64k -shortest \
    -metadata location=+52.0907+005.1214/ "$recording.tmp.mp4"
  mv "$recording.tmp.mp4" "$recording"
fi

echo "== inbeeld info $recording" >&2
"$bin" info "$recording"
echo >&2
echo "== inbeeld check --deep $demo" >&2
status=0
"$bin" check --deep "$demo" || status=$?
echo >&2
echo "demo: the demo recording is in $demo/ (check exit status $status: 0 = nothing failed)." >&2
