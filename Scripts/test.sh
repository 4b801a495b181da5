#!/usr/bin/env bash
# Runs the whole test suite: installs what is missing (Debian), makes the fixtures, builds, tests; then
# the media tests again under AddressSanitizer, and a short fuzz run of the parsers.
#   INBEELD_FUZZ=0 bash Scripts/test.sh            # skip the fuzz run
#   INBEELD_ASAN=0 bash Scripts/test.sh            # skip the sanitizer run
#   INBEELD_HEADERS=0 bash Scripts/test.sh         # skip compiling against newer releases' FFmpeg headers
set -euo pipefail
cd "$(dirname "$0")/.."

bash Scripts/prepare-tests.sh

log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
swift test --skip-build --disable-xctest 2>&1 | tee "$log" || status=$?
total=$(grep -Eo 'Test run with [0-9]+ test' "$log" | grep -Eo '[0-9]+' | tail -1 || true)
failed=$(grep -Ec '^✘ Test [^r].* failed' "$log" || true)

# The media tests under AddressSanitizer (use after free, double free, overflows and leaks at the C
# boundary), in a build folder of their own.
asan="skipped"
if [ "${INBEELD_ASAN:-1}" != 0 ]; then
  swift build --build-tests --scratch-path .build-asan -Xswiftc -sanitize=address >/dev/null
  if ASAN_OPTIONS=detect_leaks=1 LSAN_OPTIONS=suppressions=$PWD/Scripts/lsan.supp swift test --skip-build --scratch-path .build-asan --disable-xctest \
      --filter 'DescribeTests|DecodeTests|StillsTests|StillPixelTests|CutTests|PhoneLikeCutTests' > "$log.asan" 2>&1; then
    asan="passed"
  else
    asan="FAILED"; status=1
    grep -E 'ERROR: AddressSanitizer|ERROR: LeakSanitizer|SUMMARY|✘' "$log.asan" | head -40
  fi
  echo "AddressSanitizer run: $asan ($(grep -Eo 'Test run with [0-9]+ tests' "$log.asan" | tail -1))"
  rm -f "$log.asan"
fi

# A short fuzz run of the marker and session parsers: a fixed seed and number of runs (about a minute),
# so it finds the same every time; long runs with other seeds are Scripts/fuzz.sh SECONDS.
if [ "${INBEELD_FUZZ:-1}" != 0 ]; then
  FUZZ_RUNS=${INBEELD_FUZZ_RUNS:-120000} bash Scripts/fuzz.sh || status=1
fi

# The media layer against the FFmpeg headers of Debian 13 and unstable (downloaded, not installed); the
# whole suite on those releases is Scripts/test-debian.sh.
if [ "${INBEELD_HEADERS:-1}" != 0 ]; then
  bash Scripts/check-ffmpeg-headers.sh || status=1
fi

# The plain closing line: how many tests passed and failed.
[ -n "$total" ] && echo "tests: $((total - failed)) passed, $failed failed"
exit $status
