#!/usr/bin/env bash
# Runs the whole test suite: installs what is missing (Debian), makes the fixtures, builds, tests.
set -euo pipefail
cd "$(dirname "$0")/.."

bash Scripts/setup.sh
bash Scripts/make-fixtures.sh
# Our own code builds without warnings (dependencies' warnings are not ours).
swift build --build-tests -Xswiftc -warnings-as-errors
log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
swift test --skip-build --disable-xctest 2>&1 | tee "$log" || status=$?
# A plain closing line: how many tests passed and failed.
total=$(grep -Eo 'Test run with [0-9]+ test' "$log" | grep -Eo '[0-9]+' | tail -1 || true)
failed=$(grep -Ec '^✘ Test [^r].* failed' "$log" || true)
[ -n "$total" ] && echo "tests: $((total - failed)) passed, $failed failed"
exit $status
