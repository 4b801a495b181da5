#!/usr/bin/env bash
# Runs the browser page tests N times in a row and prints, per test, in how many runs it failed: a test
# that fails now and then is a bug, and one run does not show it.
#   bash Scripts/soak-page.sh 20                 # the browser tests (page, guide pictures, saving), 20 times
#   INBEELD_SOAK_FILTER=ServePageTests bash Scripts/soak-page.sh 5
# The failures' messages are kept in .build/soak/run-K.log.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-20}
filter=${INBEELD_SOAK_FILTER:-ServePageTests|GuideScreenshotTests|ServeSavingTests}

bash Scripts/setup.sh --tests
bash Scripts/make-fixtures.sh
swift build --build-tests
mkdir -p .build/soak
rm -f .build/soak/run-*.log

declare -A failed=() seen=()
for k in $(seq 1 "$runs"); do
  log=.build/soak/run-$k.log
  start=$(date +%s)
  swift test --skip-build --disable-xctest --filter "$filter" >"$log" 2>&1 || true
  # Swift Testing closes each test with one line: "✔ Test NAME passed ..." or "✘ Test NAME failed ...".
  while IFS= read -r name; do seen[$name]=1; done < <(sed -nE 's/^[✔✘] Test ([^ ]+\(.*\)) (with [0-9]+ test cases )?(passed|failed).*/\1/p' "$log")
  while IFS= read -r name; do failed[$name]=$(( ${failed[$name]:-0} + 1 )); done < <(sed -nE 's/^✘ Test ([^ ]+\(.*\)) (with [0-9]+ test cases )?failed.*/\1/p' "$log")
  closing=$(grep -E '^[✔✘] Test run with' "$log" | tail -1 || true)
  echo "run $k of $runs ($(( $(date +%s) - start )) s): ${closing:-no closing line, see $log}"
  if ! grep -qE '^[✔✘] Test run with' "$log"; then failed["(the run did not finish)"]=$(( ${failed["(the run did not finish)"]:-0} + 1 )); fi
done

echo
echo "failures per test in $runs runs:"
total=0
for name in $(printf '%s\n' "${!seen[@]}" | sort); do
  n=${failed[$name]:-0}
  total=$((total + n))
  echo "  $n  $name"
done
if [ -n "${failed["(the run did not finish)"]:-}" ]; then
  echo "  ${failed["(the run did not finish)"]}  (the run did not finish)"
  total=$((total + ${failed["(the run did not finish)"]}))
fi
echo "soak: $total failures in $runs runs"
[ "$total" -eq 0 ]
