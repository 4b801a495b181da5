#!/usr/bin/env bash
# Two windows of the coach's page (Chromium) typing 10 keys a second each into different fields of one
# session for SECONDS (default 600): every key must be in the session file. Prints the keys lost and the
# saves' latency (p50, p99). Run by hand; not part of the suite.
#   bash Scripts/soak-saves.sh          # 10 minutes
#   bash Scripts/soak-saves.sh 60       # one minute
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-600}

bash Scripts/prepare-tests.sh
log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
INBEELD_SOAK_SAVES_SECONDS=$seconds swift test --skip-build --disable-xctest --filter 'ServeSavingTests/soakTwoWindowsTypingAtOnce' >"$log" 2>&1 || status=$?
grep -E '^soak-saves:|✘|Expectation failed' "$log" || tail -20 "$log"
exit $status
