#!/usr/bin/env bash
# Fuzzes the marker and session parsers with libFuzzer (and AddressSanitizer).
#   bash Scripts/fuzz.sh            # a short run (60 s)
#   bash Scripts/fuzz.sh 3600       # a long run: one hour
#   FUZZ_RUNS=150000 bash Scripts/fuzz.sh   # a fixed number of runs with a fixed seed: the same every
#                                           # time (what CI does, so CI passes or fails for a reason)
# Crashes are written to Fuzz/crashes/ (git-ignored); turn each into a test case in
# Tests/InBeeldCoachingTests/FuzzFindingsTests.swift. The corpus grows in Fuzz/work/ (git-ignored),
# seeded from Fuzz/corpus/ (committed).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}

out=.build-fuzz
mkdir -p "$out" Fuzz/work Fuzz/crashes
# The marker module (and ZIPFoundation, which it reads workbooks with) as libraries, instrumented; then
# the session reader (coaching sources that need no FFmpeg) and the entry point against them.
[ -d .build/checkouts/ZIPFoundation ] || swift package resolve
zip=.build/checkouts/ZIPFoundation/Sources
markers=(Sources/InBeeldMarkers/*.swift Sources/InBeeldMarkers/Formats/*.swift)
sources=(Sources/InBeeldCoaching/Session.swift Sources/InBeeldCoaching/MarkerWords.swift Sources/InBeeldCoaching/Language.swift
         Sources/InBeeldCoaching/Paths.swift Sources/InBeeldCoaching/Words.swift Fuzz/FuzzMarkers.swift)
if [ ! -x "$out/fuzz-markers" ] || [ -n "$(find "${markers[@]}" "${sources[@]}" -newer "$out/fuzz-markers")" ]; then
  mkdir -p "$out/modules"
  flags=(-sanitize=fuzzer,address -parse-as-library -O -I "$out/modules" -I "$zip/CZLib")
  {
    swiftc "${flags[@]}" -swift-version 5 -Xcc -D_GNU_SOURCE=1 -module-name ZIPFoundation -emit-library -static \
      -emit-module -emit-module-path "$out/modules/ZIPFoundation.swiftmodule" "$zip"/ZIPFoundation/*.swift -o "$out/libZIPFoundation.a" &&
    swiftc "${flags[@]}" -enable-testing -enable-bare-slash-regex -module-name InBeeldMarkers -emit-library -static \
      -emit-module -emit-module-path "$out/modules/InBeeldMarkers.swiftmodule" "${markers[@]}" -o "$out/libInBeeldMarkers.a" &&
    swiftc "${flags[@]}" -enable-bare-slash-regex -module-name InBeeldFuzz "${sources[@]}" \
      -L "$out" -lInBeeldMarkers -lZIPFoundation -lz -o "$out/fuzz-markers"
  } >"$out/build.log" 2>&1 || { cat "$out/build.log" >&2; exit 1; }
fi
cp -n Fuzz/corpus/* Fuzz/work/ 2>/dev/null || true
log="$out/fuzz.log"
status=0
if [ -n "${FUZZ_RUNS:-}" ]; then
  rm -rf Fuzz/work; mkdir -p Fuzz/work; cp Fuzz/corpus/* Fuzz/work/
  limit=(-runs="$FUZZ_RUNS" -seed=1)
else
  limit=(-max_total_time="$seconds")
fi
LSAN_OPTIONS=suppressions=Scripts/lsan.supp "$out/fuzz-markers" Fuzz/work "${limit[@]}" -max_len=4096 -timeout=10 -rss_limit_mb=2048 \
  -artifact_prefix=Fuzz/crashes/ -print_final_stats=1 >"$log" 2>&1 || status=$?
runs=$(grep -Eo 'stat::number_of_executed_units: *[0-9]+' "$log" | grep -Eo '[0-9]+$' || echo "?")
if [ $status -ne 0 ]; then
  grep -E 'ERROR|SUMMARY|Test unit written' "$log" >&2 || tail -30 "$log" >&2
  echo "fuzz: FAILED after $runs executions; the input is in Fuzz/crashes/" >&2
  exit 1
fi
echo "fuzz: $runs executions, no crash"
