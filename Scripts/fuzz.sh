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
sources=(Sources/InBeeldCoaching/Markers.swift Sources/InBeeldCoaching/MarkerTime.swift Sources/InBeeldCoaching/MarkerText.swift
         Sources/InBeeldCoaching/MarkerFormats.swift Sources/InBeeldCoaching/BORIS.swift Sources/InBeeldCoaching/Session.swift
         Sources/InBeeldCoaching/Language.swift Sources/InBeeldCoaching/Paths.swift Sources/InBeeldCoaching/Words.swift Fuzz/FuzzMarkers.swift)
if [ ! -x "$out/fuzz-markers" ] || [ -n "$(find "${sources[@]}" -newer "$out/fuzz-markers")" ]; then
  swiftc -sanitize=fuzzer,address -parse-as-library -enable-bare-slash-regex -O -module-name InBeeldFuzz "${sources[@]}" -o "$out/fuzz-markers" \
    >"$out/build.log" 2>&1 || { cat "$out/build.log" >&2; exit 1; }
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
