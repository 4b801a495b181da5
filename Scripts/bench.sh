#!/usr/bin/env bash
# Measures InBeeld side by side with the ffmpeg CLI doing the same job, in one run on this machine:
# wall time ratios and peak memory. Results go to stdout; nothing here is a test (targets are in the issues).
#   bash Scripts/bench.sh            # everything
#   bash Scripts/bench.sh check      # only the named parts
#   BENCH_BEFORE=/path/to/old/inbeeld bash Scripts/bench.sh compare
#                                    # this build against an earlier one, the same jobs in turn
#                                    # (BENCH_AFTER=/path/to/inbeeld: a build made before, not this tree's)
set -euo pipefail
cd "$(dirname "$0")/.."

bash Scripts/setup.sh
# GNU time (peak memory), bc (ratios) and jq (the page's measurements), only for benchmarks.
for tool in time bc jq; do
  if ! dpkg-query -W -f='${Status}' "$tool" 2>/dev/null | grep -q "install ok installed"; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$tool" >/dev/null
  fi
done
bash Scripts/make-fixtures.sh
if [ -n "${BENCH_AFTER:-}" ]; then
  bin=$BENCH_AFTER  # a program built before (compare: the build to measure against BENCH_BEFORE)
else
  swift build -c release --product inbeeld >&2
  bin=$(swift build -c release --show-bin-path)/inbeeld
fi
work=bench-out
mkdir -p "$work"
parts=("$@")
[ ${#parts[@]} -eq 0 ] && parts=(check deep stills cut sheet prepare serve hdr-stills hdr-cut demo steps timeline)

ff() { ffmpeg -nostdin -hide_banner -loglevel error -y "$@"; }

# The shared benchmark recording: 7 minutes of 1080p30 H.264 High (CABAC, deblocking, B-frames, as
# phones write it) and AAC sound.
rec1080="$work/rec-1080p-7min.mp4"
if [ ! -e "$rec1080" ]; then
  echo "bench: making a 7-minute 1080p recording (a minute or two)..." >&2
  ff -f lavfi -i "testsrc2=s=1920x1080:r=30:d=420" -f lavfi -i "sine=frequency=440:sample_rate=48000:d=420" \
    -c:v libx264 -preset superfast -profile:v high -bf 3 -crf 23 -g 60 -c:a aac -b:a 96k -shortest "$rec1080.tmp.mp4"
  mv "$rec1080.tmp.mp4" "$rec1080"
fi

# A phone's HEVC: 1 minute of 1080p (hvc1, AAC).
hevc="$work/rec-hevc-1080p-1min.mp4"
make_hevc() {
  [ -e "$hevc" ] && return 0
  echo "bench: making a 1-minute 1080p HEVC recording..." >&2
  ff -f lavfi -i "testsrc2=s=1920x1080:r=30:d=60" -f lavfi -i "sine=frequency=440:sample_rate=48000:d=60" \
    -c:v libx265 -preset ultrafast -tag:v hvc1 -c:a aac -b:a 96k -shortest "$hevc.tmp.mp4"
  mv "$hevc.tmp.mp4" "$hevc"
}
# A phone's HDR: 2 minutes of 4K HLG (BT.2020, 10-bit HEVC, 2-second GOPs, AAC), and the ffmpeg CLI's
# filter chain for the tone mapping InBeeld does (zscale, tonemap mobius).
hlg="$work/rec-hlg-4k-2min.mp4"
tonemap="zscale=t=linear:npl=100,format=gbrpf32le,zscale=p=bt709,tonemap=tonemap=mobius:param=0.8:desat=0,zscale=t=bt709:m=bt709:r=tv:dither=error_diffusion,format=yuv420p"
make_hlg() {
  [ -e "$hlg" ] && return 0
  echo "bench: making a 2-minute 4K HLG recording (several minutes)..." >&2
  ff -f lavfi -i "testsrc2=s=3840x2160:r=30:d=120" -f lavfi -i "sine=frequency=440:sample_rate=48000:d=120" \
    -vf "zscale=tin=bt709:min=bt709:pin=bt709:rin=tv:t=arib-std-b67:m=bt2020nc:p=bt2020:r=tv:npl=100,format=yuv420p10le,setparams=range=tv:color_primaries=bt2020:color_trc=arib-std-b67:colorspace=bt2020nc" \
    -c:v libx265 -preset ultrafast -x265-params log-level=error:keyint=60 -tag:v hvc1 -c:a aac -b:a 96k -shortest "$hlg.tmp.mp4"
  mv "$hlg.tmp.mp4" "$hlg"
}

# jq: the p-th fraction (0.5: the median) of a list of milliseconds, the nearest rank; null for none.
pct='def pct(p): sort | if length == 0 then null else .[((length * p) | ceil) - 1] end;'

# cli_pictures FILE WIDTH FILTER SECONDS...: the ffmpeg CLI making the picture at each of those times
# (-ss before -i: from the keyframe before, decoding on to the time; FILTER, if any, then scaled to WIDTH),
# one program each, as a page asks one picture at a time; the milliseconds each took, one per line.
cli_pictures() {
  local file=$1 width=$2 filter=$3 t t0 t1
  shift 3
  for t in "$@"; do
    t0=$(date +%s.%N)
    ff -ss "$t" -i "$file" -vf "${filter:+$filter,}scale=$width:-2" -frames:v 1 "$work/cli-picture.jpg"
    t1=$(date +%s.%N)
    echo "($t1 - $t0) * 1000" | bc -l
  done
  rm -f "$work/cli-picture.jpg"
}

# webdriver METHOD PATH [JSON]: one W3C WebDriver command to the chromedriver at $driver, answer on stdout.
webdriver() { curl -s -X "$1" "$driver$2" -H 'Content-Type: application/json' ${3:+--data-binary "$3"}; }

# serve FOLDER: inbeeld serve in the background; $server its process, $url the page's address.
serve() {
  "$bin" serve "$1" > "$work/serve.out" 2>&1 &
  server=$!
  for _ in $(seq 1 50); do grep -q http "$work/serve.out" && break; sleep 0.1; done
  url=$(grep -o 'http://[^ ]*' "$work/serve.out")
}
# browser_open: headless Chromium (through chromedriver) on $url, 1400x1000; browser_close ends it.
browser_open() {
  local port=$(( 20000 + RANDOM % 20000 )) session
  chromedriver --port=$port >/dev/null 2>&1 &
  chromedriver=$!
  driver="http://127.0.0.1:$port"
  for _ in $(seq 1 100); do curl -s "$driver/status" >/dev/null && break; sleep 0.1; done
  session=$(webdriver POST /session '{"capabilities": {"alwaysMatch": {"browserName": "chrome", "goog:chromeOptions": {"args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1400,1000", "--mute-audio", "--force-device-scale-factor=1"]}}}}' | jq -r .value.sessionId)
  driver="$driver/session/$session"
  webdriver POST /timeouts '{"script": 900000}' >/dev/null
  webdriver POST /url "$(jq -n --arg u "$url" '{url: $u}')" >/dev/null
  sleep 3
}
browser_close() {
  webdriver DELETE "" >/dev/null || true
  kill "$chromedriver" 2>/dev/null || true
}
# in_page SCRIPT ARG1 ARG2: runs a measuring script in the page (execute/async); its answer (JSON) on stdout.
in_page() { webdriver POST /execute/async "$(jq -n --rawfile s "$1" --arg p "$2" --argjson c "$3" '{script: $s, args: [$p, $c]}')" | jq -r .value; }

# load URL SIZE PID: 50 clients at once (curl processes, keep-alive), each asking for 40 random 1 MiB
# ranges of files/big.mp4; prints errors (a status other than 206, or a short body), p50/p99 of the
# request times and the server's peak memory.
load() {
  local url=$1 size=$2 pid=$3 dir
  dir=$(mktemp -d)
  for c in $(seq 1 50); do
    for i in $(seq 1 40); do
      start=$(( (RANDOM * 32768 + RANDOM) % (size - 1048576) ))
      [ "$i" -gt 1 ] && echo "next" >> "$dir/$c.cfg"
      printf 'url = "%s"\nrange = %d-%d\noutput = /dev/null\nwrite-out = "%%{http_code} %%{size_download} %%{time_total}\\n"\n' \
        "${url}files/big.mp4" "$start" "$((start + 1048575))" >> "$dir/$c.cfg"
    done
  done
  local clients=()
  for c in $(seq 1 50); do curl -s -K "$dir/$c.cfg" > "$dir/$c.out" 2>/dev/null & clients+=($!); done
  wait "${clients[@]}"  # the clients only (the server runs in the background too)
  local n errors p50 p99 mem
  cat "$dir"/*.out > "$dir/all"
  n=$(wc -l < "$dir/all")
  errors=$(awk '$1 != 206 || $2 != 1048576' "$dir/all" | wc -l)
  awk '{print $3}' "$dir/all" | sort -n > "$dir/times"
  p50=$(sed -n "$(( n / 2 ))p" "$dir/times"); p99=$(sed -n "$(( n * 99 / 100 ))p" "$dir/times")
  mem=$(grep VmHWM /proc/"$pid"/status | awk '{print int($2/1024)}')
  printf '%d requests, %d errors, p50 %.1f ms, p99 %.1f ms, server peak %d MB' "$n" "$errors" \
    "$(echo "$p50 * 1000" | bc -l)" "$(echo "$p99 * 1000" | bc -l)" "$mem"
  rm -rf "$dir"
}

# seconds CMD...: wall-clock seconds of one run (best of 3), output discarded.
seconds() {
  local best=""
  for _ in 1 2 3; do
    local t0 t1 d
    t0=$(date +%s.%N); "$@" >/dev/null 2>&1 || true; t1=$(date +%s.%N)
    d=$(echo "$t1 - $t0" | bc -l)
    if [ -z "$best" ] || (( $(echo "$d < $best" | bc -l) )); then best=$d; fi
  done
  printf '%.3f' "$best"
}

# peak CMD...: peak resident memory in MB, and CPU use (user+sys over wall) as a percentage.
peak() {
  local stats out
  stats=$(mktemp)
  /usr/bin/time -o "$stats" -f '%M %P' "$@" >/dev/null 2>&1 || true
  out=$(tail -1 "$stats"); rm -f "$stats"
  echo "peak $(( ${out%% *} / 1024 )) MB, CPU ${out##* }"
}

ratio() { printf '%.3f' "$(echo "$1 / $2" | bc -l)"; }

# pair BEFORE AFTER ARGS...: the best of three runs of each program with ARGS, taken in turn (before,
# after, before, ...) so that both see the machine alike; prints "BEFORE_SECONDS AFTER_SECONDS".
pair() {
  local a=$1 b=$2 best_a="" best_b="" t0 t1 d
  shift 2
  for _ in 1 2 3; do
    for side in a b; do
      local program=$a; [ "$side" = b ] && program=$b
      t0=$(date +%s.%N); "$program" "$@" >/dev/null 2>&1 || true; t1=$(date +%s.%N)
      d=$(echo "$t1 - $t0" | bc -l)
      if [ "$side" = a ]; then
        if [ -z "$best_a" ] || (( $(echo "$d < $best_a" | bc -l) )); then best_a=$d; fi
      elif [ -z "$best_b" ] || (( $(echo "$d < $best_b" | bc -l) )); then best_b=$d; fi
    done
  done
  printf '%.3f %.3f' "$best_a" "$best_b"
}

echo "# InBeeld benchmarks, $(date -u +%F), $(nproc) cores, $(ffmpeg -version | head -1 | cut -d' ' -f1-3)"

for part in "${parts[@]}"; do
case "$part" in
check)
  # 100 recordings: hard links to five real files (no extra disk; both tools read the same data).
  folder="$work/folder-100"
  rm -rf "$folder"; mkdir -p "$folder"
  sources=(pass-7min.mp4 no-audio-6min.mp4 phone-like.mov short-3min.mp4 gps.mp4)
  for i in $(seq 1 100); do
    src=${sources[$(( i % ${#sources[@]} ))]}
    ln "Fixtures/generated/$src" "$folder/rec-$i.${src##*.}"
  done
  ours=$(seconds "$bin" check "$folder")
  theirs=$(seconds bash -c 'for f in "$1"/*; do ffprobe -v error -show_format -show_streams "$f"; done' _ "$folder")
  echo "check, 100 recordings: inbeeld ${ours}s, ffprobe per file ${theirs}s; speed-up $(ratio "$theirs" "$ours")x (target >= 10x)"
  ;;
deep)
  ours=$(seconds "$bin" check --deep --jobs 1 "$rec1080")
  theirs=$(seconds ffmpeg -nostdin -v error -i "$rec1080" -f null -)
  echo "check --deep, one 7-min 1080p file: inbeeld ${ours}s, ffmpeg -f null ${theirs}s; time ratio $(ratio "$ours" "$theirs") (target <= 1.0)"
  echo "check --deep, one 7-min 1080p file: peak memory and CPU: $(peak "$bin" check --deep --jobs 1 "$rec1080") (target < 200 MB)"
  # A folder of two: both cores busy?
  folder="$work/folder-deep"
  rm -rf "$folder"; mkdir -p "$folder"
  ln "$rec1080" "$folder/a.mp4"; ln "$rec1080" "$folder/b.mp4"
  ours=$(seconds "$bin" check --deep "$folder")
  theirs=$(seconds bash -c 'for f in "$1"/*; do ffmpeg -nostdin -v error -i "$f" -f null -; done' _ "$folder")
  echo "check --deep, folder of two 1080p files: inbeeld ${ours}s, ffmpeg -f null per file ${theirs}s; time ratio $(ratio "$ours" "$theirs"); $(peak "$bin" check --deep "$folder")"
  ;;
stills)
  # 20 contact initiatives spread over the recording (not on keyframes).
  markers="$work/markers-20.csv"
  echo "time,child" > "$markers"
  marks=()
  for i in $(seq 1 20); do t=$(echo "$i * 20.37" | bc -l); marks+=("$t"); printf '%.3f,Sam\n' "$t" >> "$markers"; done
  for fmt in png jpg; do
    ours=$(seconds "$bin" stills "$rec1080" --markers "$markers" -o "$work/stills-$fmt" --format "$fmt" --force)
    theirs=$(seconds bash -c 'rec=$1; fmt=$2; out=$3; shift 3; mkdir -p "$out"; i=0
      level=(); [ "$fmt" = png ] && level=(-compression_level 3)  # InBeeld writes PNG at zlib level 3
      for t in "$@"; do i=$((i+1)); ffmpeg -nostdin -v error -y -ss "$t" -i "$rec" -frames:v 1 "${level[@]}" "$out/$i.$fmt"; done' \
      _ "$rec1080" "$fmt" "$work/ffmpeg-stills-$fmt" "${marks[@]}")
    echo "stills, 20 from a 7-min 1080p file ($fmt): inbeeld ${ours}s, 20x ffmpeg -ss ${theirs}s; time ratio $(ratio "$ours" "$theirs") (target <= 0.5); $(peak "$bin" stills "$rec1080" --markers "$markers" -o "$work/stills-$fmt" --format "$fmt" --force) (target < 250 MB)"
  done
  ;;
cut)
  # 2 minutes out of the 7-minute 1080p recording; the same x264 preset and CRF on both sides.
  preset=${BENCH_PRESET:-veryfast}
  once() { local t0 t1; t0=$(date +%s.%N); "$@" >/dev/null 2>&1 || true; t1=$(date +%s.%N); printf '%.3f' "$(echo "$t1 - $t0" | bc -l)"; }
  ours=$(once "$bin" cut "$rec1080" --from 2:10.5 --to 4:10.5 -o "$work/cut-exact.mp4" --mode exact --preset "$preset" --force --quiet)
  theirs=$(once ffmpeg -nostdin -v error -y -ss 130.5 -i "$rec1080" -t 120 -c:v libx264 -preset "$preset" -crf 18 -c:a aac "$work/cut-ffmpeg.mp4")
  echo "cut exact, 2 min of 7-min 1080p (preset $preset): inbeeld ${ours}s, ffmpeg ${theirs}s; time ratio $(ratio "$ours" "$theirs") (target <= 1.0)"
  echo "cut exact: $(peak "$bin" cut "$rec1080" --from 2:10.5 --to 4:10.5 -o "$work/cut-exact.mp4" --mode exact --preset "$preset" --force --quiet) (target < 300 MB)"
  ours=$(seconds "$bin" cut "$rec1080" --from 2:10.5 --to 4:10.5 -o "$work/cut-copy.mp4" --mode copy --force --quiet)
  echo "cut copy, the same fragment: inbeeld ${ours}s (target < 1 s); $(peak "$bin" cut "$rec1080" --from 2:10.5 --to 4:10.5 -o "$work/cut-copy.mp4" --mode copy --force --quiet)"
  exact=$(once "$bin" cut "$rec1080" --from 2:10.5 --to 4:10.5 -o "$work/cut-exact.mp4" --mode exact --preset "$preset" --force --quiet)
  smart=$(once "$bin" cut "$rec1080" --from 2:10.5 --to 4:10.5 -o "$work/cut-smart.mp4" --mode smart --preset "$preset" --force --quiet)
  echo "cut smart vs exact, the same fragment and preset: smart ${smart}s, exact ${exact}s; speed-up $(ratio "$exact" "$smart")x (target >= 10x); $(peak "$bin" cut "$rec1080" --from 2:10.5 --to 4:10.5 -o "$work/cut-smart.mp4" --mode smart --preset "$preset" --force --quiet)"
  ;;
sheet)
  # A 20-marker sheet from the 1080p recording (target: under 3 s here).
  markers="$work/markers-20.csv"
  echo "time,child,note" > "$markers"
  for i in $(seq 1 20); do printf '%.3f,Sam,"kijkt naar Zoë en geeft een blokje (%d)"\n' "$(echo "$i * 20.37" | bc -l)" "$i" >> "$markers"; done
  ours=$(seconds "$bin" sheet "$rec1080" --markers "$markers" -o "$work/sheet.pdf" --force)
  echo "sheet, 20 markers from a 7-min 1080p file: inbeeld ${ours}s (target < 3 s); $(peak "$bin" sheet "$rec1080" --markers "$markers" -o "$work/sheet.pdf" --force)"
  ;;
prepare)
  # One session: a 2-minute fragment with 20 contact initiatives in it, from the 7-minute 1080p recording
  # (smart cut, the default, with its default preset), against the ffmpeg CLI doing the same media work: an exact
  # cut at preset veryfast and one `ffmpeg -ss T -i REC -frames:v 1` per still. InBeeld also makes the
  # sheet, the WebVTT files and the index page on top.
  session="$work/prepare/session.json"
  rm -rf "$work/prepare"; mkdir -p "$work/prepare"
  ln -f "$rec1080" "$work/prepare/rec.mp4"
  marks=()
  for i in $(seq 1 20); do marks+=("$(echo "130.5 + $i * 5.83" | bc -l)"); done
  { echo '{"recording": "rec.mp4", "fragment": {"from": "2:10.5", "to": "4:10.5"}, "focus_children": ["Sam"], "markers": ['
    for i in $(seq 0 19); do printf '%s{"time": "%.3f", "child": "Sam", "note": "kijkt naar Zoë (%d)"}\n' "$([ "$i" -gt 0 ] && echo ,)" "${marks[$i]}" "$i"; done
    echo ']}'; } > "$session"
  ours=$(seconds "$bin" prepare "$session" --force)
  theirs=$(seconds bash -c 'rec=$1; out=$2; shift 2; mkdir -p "$out"
    ffmpeg -nostdin -v error -y -ss 130.5 -i "$rec" -t 120 -c:v libx264 -preset veryfast -crf 18 -c:a aac "$out/fragment.mp4"
    i=0; for t in "$@"; do i=$((i+1)); ffmpeg -nostdin -v error -y -ss "$t" -i "$rec" -frames:v 1 "$out/$i.jpg"; done' \
    _ "$rec1080" "$work/ffmpeg-prepare" "${marks[@]}")
  echo "prepare, 2 min and 20 stills of a 7-min 1080p file: inbeeld ${ours}s, ffmpeg (exact cut + 20x -ss) ${theirs}s; time ratio $(ratio "$ours" "$theirs") (target <= 0.15); $(peak "$bin" prepare "$session" --force)"
  ;;
serve)
  # The coach's page: a browser copy of a phone's HEVC recording, and serving video to the browser.
  make_hevc
  folder="$work/serve"
  rm -rf "$folder"; mkdir -p "$folder"
  ln "$hevc" "$folder/phone.mp4"; ln "$rec1080" "$folder/big.mp4"
  "$bin" serve "$folder" > "$work/serve.out" 2>&1 &
  server=$!
  for _ in $(seq 1 50); do grep -q http "$work/serve.out" && break; sleep 0.1; done
  url=$(grep -o 'http://[^ ]*' "$work/serve.out")
  t0=$(date +%s.%N)
  id=$(curl -s -X POST "${url}api/proxy?path=phone.mp4" | sed 's/.*"id":"\([^"]*\)".*/\1/')
  until curl -s "${url}api/jobs/$id" | grep -q '"state":"\(done\|failed\)"'; do sleep 0.2; done
  t1=$(date +%s.%N)
  ours=$(printf '%.3f' "$(echo "$t1 - $t0" | bc -l)")
  theirs=$(seconds ffmpeg -nostdin -v error -y -i "$hevc" -vf scale=1280:720 -c:v libx264 -preset veryfast -crf 23 -c:a aac "$work/proxy-ffmpeg.mp4")
  echo "serve, browser copy of 1 min 1080p HEVC (to 720p H.264): inbeeld ${ours}s, ffmpeg ${theirs}s; time ratio $(ratio "$ours" "$theirs")"
  # Serving: the 555 MB recording whole, and 200 one-megabyte ranges at random places (as a player seeks).
  whole=$(seconds curl -s -o /dev/null "${url}files/big.mp4")
  disk=$(seconds cat "$rec1080")
  size=$(stat -c %s "$rec1080")
  echo "serve, the whole 7-min recording over HTTP: ${whole}s ($(echo "$size / $whole / 1000000" | bc) MB/s); reading it from disk (cache) ${disk}s; time ratio $(ratio "$whole" "$disk")"
  ranges=$(mktemp)
  for i in $(seq 1 200); do
    start=$(( (RANDOM * 32768 + RANDOM) % (size - 1048576) ))
    [ "$i" -gt 1 ] && echo "next" >> "$ranges"
    printf 'url = "%s"\nrange = %d-%d\noutput = /dev/null\n' "${url}files/big.mp4" "$start" "$((start + 1048575))" >> "$ranges"
  done
  t0=$(date +%s.%N); curl -s -K "$ranges"; t1=$(date +%s.%N)
  echo "serve, 200 random 1 MB ranges: $(printf '%.1f' "$(echo "($t1 - $t0) * 1000 / 200" | bc -l)") ms each; $(grep VmHWM /proc/$server/status | awk '{printf "server peak %d MB", $2/1024}')"
  rm -f "$ranges"
  kill -INT "$server"; wait "$server" || true
  # The load on a fresh server (its peak memory is the load's, not the browser copy's), and the same on
  # another build (BENCH_BASELINE_BIN=path/to/inbeeld), side by side in this run.
  for build in "$bin" ${BENCH_BASELINE_BIN:-}; do
    "$build" serve "$folder" > "$work/serve-load.out" 2>&1 &
    server=$!
    for _ in $(seq 1 50); do grep -q http "$work/serve-load.out" && break; sleep 0.1; done
    echo "serve, load on $build: $(load "$(grep -o 'http://[^ ]*' "$work/serve-load.out")" "$size" "$server")"
    kill -INT "$server"; wait "$server" || true
  done
  ;;
hdr-stills|hdr-cut)
  # A phone's HDR: 2 minutes of 4K HLG (BT.2020, 10-bit HEVC, 2-second GOPs, AAC), against the ffmpeg CLI
  # converting with the same zscale/tonemap chain InBeeld uses (and, for PNG, the same zlib level 3).
  make_hlg
  if [ "$part" = hdr-stills ]; then
  markers="$work/markers-hlg-20.csv"
  echo "time,child" > "$markers"
  marks=()
  for i in $(seq 1 20); do t=$(echo "$i * 5.71" | bc -l); marks+=("$t"); printf '%.3f,Sam\n' "$t" >> "$markers"; done
  ours=$(seconds "$bin" stills "$hlg" --markers "$markers" -o "$work/stills-hlg" --format png --force)
  theirs=$(seconds bash -c 'rec=$1; vf=$2; out=$3; shift 3; mkdir -p "$out"; i=0
    for t in "$@"; do i=$((i+1)); ffmpeg -nostdin -v error -y -ss "$t" -i "$rec" -vf "$vf" -frames:v 1 -compression_level 3 "$out/$i.png"; done' \
    _ "$hlg" "$tonemap" "$work/ffmpeg-stills-hlg" "${marks[@]}")
  echo "hdr stills, 20 from a 2-min 4K HLG file (png): inbeeld ${ours}s, 20x ffmpeg -ss -vf zscale,tonemap ${theirs}s; time ratio $(ratio "$ours" "$theirs") (target <= 0.5); $(peak "$bin" stills "$hlg" --markers "$markers" -o "$work/stills-hlg" --format png --force)"
  fi
  if [ "$part" = hdr-cut ]; then
  # 1 minute, exact, the same preset and CRF: one run each, time and peak memory from the same run.
  preset=${BENCH_PRESET:-veryfast}
  timed() { local stats out; stats=$(mktemp); /usr/bin/time -o "$stats" -f '%e %M %P' "$@" >/dev/null 2>&1 || true
    out=$(tail -1 "$stats"); rm -f "$stats"; echo "$out"; }
  read -r ours ourmem ourcpu < <(timed "$bin" cut "$hlg" --from 0:30 --to 1:30 -o "$work/cut-hlg.mp4" --mode exact --preset "$preset" --any-length --force --quiet)
  read -r theirs theirmem theircpu < <(timed ffmpeg -nostdin -v error -y -ss 30 -i "$hlg" -t 60 -vf "$tonemap" -c:v libx264 -preset "$preset" -crf 18 -c:a aac "$work/cut-hlg-ffmpeg.mp4")
  echo "hdr cut exact, 1 min of 4K HLG to SDR H.264 (preset $preset): inbeeld ${ours}s, ffmpeg -vf zscale,tonemap ${theirs}s; time ratio $(ratio "$ours" "$theirs") (target <= 1.0); peak $(( ourmem / 1024 )) MB (ffmpeg $(( theirmem / 1024 )) MB), CPU $ourcpu (ffmpeg $theircpu)"
  fi
  ;;
demo)
  # The demo recording (inbeeld demo: FFmpeg's test sources through our encoders) against the ffmpeg CLI
  # making the same file from the same sources with the same settings.
  ours=$(seconds bash -c 'rm -rf "$1"; "$2" demo "$1"' _ "$work/demo" "$bin")
  theirs=$(seconds ffmpeg -nostdin -v error -y -f lavfi -i "testsrc=s=854x480:r=25:d=360,format=yuv420p" \
    -f lavfi -i "aevalsrc=0.25*sin(2*PI*880*t)*lt(mod(t\,1)\,0.1):s=48000:d=360" \
    -c:v libx264 -preset veryfast -crf 28 -g 50 -c:a aac -b:a 64k -ac 1 -movflags +faststart "$work/demo-ffmpeg.mp4")
  echo "demo, the 6-minute demo recording: inbeeld ${ours}s, ffmpeg CLI ${theirs}s; time ratio $(ratio "$ours" "$theirs"); sizes $(stat -c %s "$work/demo/speelhoek.mp4") vs $(stat -c %s "$work/demo-ffmpeg.mp4") bytes; $(peak bash -c 'rm -rf "$1"; exec "$2" demo "$1"' _ "$work/demo" "$bin")"
  ;;
steps)
  # The paused picture is InBeeld's own frame (api/frame): in headless Chromium, the time from a key press
  # or a click on the timeline to the new picture painted, measured in the page (Scripts/bench-steps.js),
  # next to Chromium's own <video> seeking to the same frames (set currentTime, frame presented). On the
  # 7-minute 1080p H.264 recording; on 4K HEVC HLG, which Chromium cannot play, next to the ffmpeg CLI
  # making the same picture (-ss before -i, the same tone map, scaled to the same width). Then a third
  # recording is opened (1080p HEVC) and the server's peak memory is read.
  bash Scripts/setup.sh --tests >/dev/null
  make_hevc; make_hlg
  folder="$work/steps"
  rm -rf "$folder"; mkdir -p "$folder"
  ln "$rec1080" "$folder/rec-1080p.mp4"; ln "$hlg" "$folder/hlg-4k.mp4"; ln "$hevc" "$folder/phone-hevc.mp4"
  serve "$folder"
  browser_open
  # page FILE COMPARE: the moves on one recording; the page's answer (JSON) on stdout.
  page() { in_page Scripts/bench-steps.js "$1" "$2"; }
  report() {  # JSON LABEL: per kind of move, ours against theirs
    local json=$1 label=$2 kind
    for kind in forward back second random; do
      echo "$json" | jq -r --arg k "$kind" --arg l "$label" "$pct"'
        (.ours[$k] | pct(0.5)) as $o50 | (.ours[$k] | pct(0.95)) as $o95 |
        (.theirs[$k] | pct(0.5)) as $t50 | (.theirs[$k] | pct(0.95)) as $t95 |
        "steps, \($l), \($k) (\(.ours[$k] | length)): inbeeld p50 \($o50 | floor) ms, p95 \($o95 | floor) ms" +
        (if $t95 == null then "" else "; Chromium <video> p50 \($t50 | floor) ms, p95 \($t95 | floor) ms; p95 ratio \(($o95 / $t95 * 100 | floor) / 100)" end)'
    done
    echo "$json" | jq -r --arg l "$label" '"steps, \($l): pictures \(.width) px wide" + (if .theirs.missed > 0 then "; <video> presented no frame within 3 s \(.theirs.missed) times (left out)" else "" end)'
  }
  hd=$(page rec-1080p.mp4 true)
  echo "$hd" | jq -e .error >/dev/null 2>&1 && echo "steps: the page said $(echo "$hd" | jq -r .error)"
  report "$hd" "7-min 1080p H.264 (goals p95: forward <= 50, back <= 120, random <= 250 ms; <= 1.0x Chromium)"
  uhd=$(page hlg-4k.mp4 false)
  report "$uhd" "2-min 4K HEVC HLG (goal: steps inside the decoded group <= 50 ms)"
  cli_pictures "$hlg" "$(echo "$uhd" | jq -r .width)" "$tonemap" $(echo "$uhd" | jq -r '.randomSeconds[]') |
    jq -s -r --argjson ours "$(echo "$uhd" | jq .ours.random)" "$pct"'
    "steps, 4K HEVC HLG, random: inbeeld p50 \($ours | pct(0.5) | floor) ms, p95 \($ours | pct(0.95) | floor) ms; ffmpeg -ss -i -vf tonemap,scale p50 \(pct(0.5) | floor) ms, p95 \(pct(0.95) | floor) ms; p95 ratio \((($ours | pct(0.95)) / pct(0.95) * 100 | floor) / 100) (goal <= 1.0)"'
  third=$(page phone-hevc.mp4 false)
  report "$third" "1-min 1080p HEVC, the third recording open"
  echo "steps: server peak with three recordings open $(grep VmHWM /proc/$server/status | awk '{printf "%d MB", $2/1024}') (goal <= 400 MB)"
  browser_close
  kill -INT "$server"; wait "$server" || true
  ;;
timeline)
  # The timeline's strip of pictures and sound band (api/timeline), in headless Chromium: the time from
  # clicking a recording to the whole strip and band drawn, measured in the page (Scripts/bench-timeline.js),
  # on the first opening (nothing kept) and on the next (a new server reading what the first kept in
  # .inbeeld/timeline); next to the ffmpeg CLI making the same pictures (the keyframes, -skip_frame nokey,
  # one per 3 s with select, scaled to the same height) and the same levels (astats per 50 ms) at once, as
  # InBeeld does. Then 50 hovers on the 1080p recording: pointer to the exact frame's preview shown, next
  # to the ffmpeg CLI making the same pictures (-ss before -i, scaled to the preview's width); the time
  # until the server has made every column's preview ahead, next to the CLI making as many; and
  # 50 hovers more.
  bash Scripts/setup.sh --tests >/dev/null
  make_hlg
  folder="$work/timeline"
  for recording in "$rec1080|7-min 1080p H.264" "$hlg|2-min 4K HEVC HLG"; do
    file=${recording%%|*} label=${recording#*|}
    rm -rf "$folder"; mkdir -p "$folder"
    ln "$file" "$folder/rec.mp4"
    hovers=false; [ "$file" = "$rec1080" ] && hovers=true
    # Both sides read the recording from the system's cache (the CLI runs after ours): read from disk, the
    # first opening took 4966 ms here, against 2389 ms the next run.
    cat "$file" >/dev/null
    serve "$folder"; browser_open
    first=$(in_page Scripts/bench-timeline.js rec.mp4 "$hovers")
    memory=$(grep VmHWM /proc/$server/status | awk '{printf "%d MB", $2/1024}')
    browser_close; kill -INT "$server"; wait "$server" || true
    serve "$folder"; browser_open
    kept=$(in_page Scripts/bench-timeline.js rec.mp4 false)
    browser_close; kill -INT "$server"; wait "$server" || true
    echo "$first" | jq -e .error >/dev/null 2>&1 && echo "timeline: the page said $(echo "$first" | jq -r .error)"
    height=96
    t0=$(date +%s.%N)
    ff -skip_frame nokey -i "$file" -an -vf "select='isnan(prev_selected_t)+gte(t-prev_selected_t\,3)',$( [ "$file" = "$hlg" ] && echo "$tonemap," )scale=-2:$height" \
      -fps_mode passthrough "$work/timeline-cli-%04d.jpg" &
    pictures=$!
    ffmpeg -nostdin -v error -i "$file" -vn -af "asetnsamples=2400,astats=metadata=1:reset=1,ametadata=print:key=lavfi.astats.Overall.Peak_level:file=$work/timeline-cli-levels.txt" -f null - &
    levels=$!
    wait "$pictures" "$levels"
    t1=$(date +%s.%N)
    cli=$(echo "($t1 - $t0) * 1000" | bc -l)
    made=$(ls "$work"/timeline-cli-*.jpg | wc -l); rm -f "$work"/timeline-cli-*.jpg
    echo "$first" | jq -r --arg l "$label" --argjson cli "$cli" --argjson made "$made" --argjson kept "$(echo "$kept" | jq .opened)" --arg memory "$memory" '
      "timeline, \($l): strip (\(.pictures) pictures) and sound band (\(.sound)) drawn \(.opened | floor) ms after opening, \($kept | floor) ms on the next opening (goals <= 3000 and <= 300 ms on 1080p); ffmpeg -skip_frame nokey + astats \($cli | floor) ms (\($made) pictures); ratio \((.opened / $cli * 100 | floor) / 100) (goal <= 1.0); server peak \($memory)" + (if .columnFrames | length > 0 then " (with the hovers and the columns'"'"' previews)" else "" end)'
    if [ "$hovers" = true ]; then
      width=$(echo "$first" | jq -r .previewWidth)
      hover_report() {  # OURS SECONDS LABEL
        cli_pictures "$file" "$width" "" $(echo "$first" | jq -r ".$2[]") |
          jq -s -r --argjson ours "$(echo "$first" | jq ".$1")" --arg l "$3" "$pct"'
          "timeline, 7-min 1080p, preview under the pointer \($l) (\($ours | length) hovers): p50 \($ours | pct(0.5) | floor) ms, p95 \($ours | pct(0.95) | floor) ms (goal p95 <= 150 ms); ffmpeg -ss -i -vf scale making the same pictures p50 \(pct(0.5) | floor) ms, p95 \(pct(0.95) | floor) ms; p95 ratio \((($ours | pct(0.95)) / pct(0.95) * 100 | floor) / 100)"'
      }
      hover_report hover hoverSeconds "at once, while the columns' previews are made"
      # The columns' previews made ahead, next to the ffmpeg CLI decoding the recording and making as many
      # pictures as evenly spaced (one every S frames, scaled to the preview's width): the same work; the
      # same frames cannot be named to it (an expression of 1300 frame numbers is more than its parser takes).
      every=$(echo "$first" | jq '.columnFrames | ((last - first) / (length - 1)) | round')
      t0=$(date +%s.%N)
      ff -i "$file" -an -vf "select='not(mod(n\,$every))',scale=$width:-2" -fps_mode passthrough "$work/columns-cli-%04d.jpg"
      t1=$(date +%s.%N)
      made=$(ls "$work"/columns-cli-*.jpg | wc -l); rm -f "$work"/columns-cli-*.jpg
      echo "$first" | jq -r --argjson cli "$(echo "($t1 - $t0) * 1000" | bc -l)" --argjson made "$made" '
        "timeline, 7-min 1080p, every column'"'"'s preview (\(.columnFrames | length)) made \(.columnsMade | floor) ms after the strip was drawn (the 50 hovers above asked for meanwhile); ffmpeg -vf select,scale making as many (one every '"$every"' frames) \($cli | floor) ms (\($made) pictures); ratio \((.columnsMade / $cli * 100 | floor) / 100)"'
      hover_report hoverMade hoverMadeSeconds "once the columns' previews are made"
    fi
  done
  ;;
compare)
  # This build against an earlier one (BENCH_BEFORE: its inbeeld program), on the jobs of the parts
  # check, deep, stills, cut, sheet and prepare, each taken in turn by both (best of three). A change
  # that only reorganises code should be no slower: the ratio after/before, goal <= 1.05.
  before=${BENCH_BEFORE:?"compare: set BENCH_BEFORE to the inbeeld program to compare with"}
  cw="$work/compare"
  rm -rf "$cw"; mkdir -p "$cw/folder"
  sources=(pass-7min.mp4 no-audio-6min.mp4 phone-like.mov short-3min.mp4 gps.mp4)
  for i in $(seq 1 100); do src=${sources[$(( i % ${#sources[@]} ))]}; ln "Fixtures/generated/$src" "$cw/folder/rec-$i.${src##*.}"; done
  echo "time,child,note" > "$cw/markers.csv"
  for i in $(seq 1 20); do printf '%.3f,Sam,"kijkt naar Zoë (%d)"\n' "$(echo "$i * 20.37" | bc -l)" "$i" >> "$cw/markers.csv"; done
  ln -f "$rec1080" "$cw/rec.mp4"
  { echo '{"recording": "rec.mp4", "fragment": {"from": "2:10.5", "to": "4:10.5"}, "focus_children": ["Sam"], "markers": ['
    for i in $(seq 0 19); do printf '%s{"time": "%.3f", "child": "Sam"}\n' "$([ "$i" -gt 0 ] && echo ,)" "$(echo "130.5 + ($i + 1) * 5.83" | bc -l)"; done
    echo ']}'; } > "$cw/session.json"
  jobs=(
    "check, 100 recordings|check $cw/folder"
    "check --deep, 7-min 1080p|check --deep --jobs 1 $cw/rec.mp4"
    "stills, 20 (png)|stills $cw/rec.mp4 --markers $cw/markers.csv -o $cw/stills-png --format png --force"
    "stills, 20 (jpg)|stills $cw/rec.mp4 --markers $cw/markers.csv -o $cw/stills-jpg --format jpg --force"
    "cut exact, 2 min|cut $cw/rec.mp4 --from 2:10.5 --to 4:10.5 -o $cw/exact.mp4 --mode exact --preset veryfast --force --quiet"
    "cut copy, 2 min|cut $cw/rec.mp4 --from 2:10.5 --to 4:10.5 -o $cw/copy.mp4 --mode copy --force --quiet"
    "cut smart, 2 min|cut $cw/rec.mp4 --from 2:10.5 --to 4:10.5 -o $cw/smart.mp4 --mode smart --force --quiet"
    "sheet, 20 markers|sheet $cw/rec.mp4 --markers $cw/markers.csv -o $cw/sheet.pdf --force"
    "prepare, 2 min and 20 stills|prepare $cw/session.json --force"
  )
  for job in "${jobs[@]}"; do
    name=${job%%|*}
    read -r -a arguments <<< "${job#*|}"
    read -r old new <<< "$(pair "$before" "$bin" "${arguments[@]}")"
    echo "compare, $name: before ${old}s, after ${new}s; ratio $(ratio "$new" "$old") (goal <= 1.05)"
  done
  ;;
*) echo "bench: unknown part '$part' (known: check deep stills cut sheet prepare serve hdr-stills hdr-cut demo steps timeline compare)" >&2; exit 64 ;;
esac
done
