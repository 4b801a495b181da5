#!/usr/bin/env bash
# Runs the browser page tests N times in a row and prints, per test, in how many runs it failed: a test
# that fails now and then is a bug, and one run does not show it.
#   bash Scripts/soak-page.sh 20                 # the browser tests (page, guide pictures, saving), 20 times
#   INBEELD_SOAK_FILTER=ServePageTests bash Scripts/soak-page.sh 5
# The failures' messages are kept in .build/soak/run-K.log. Stopped part way (a machine switched off), the
# same command on the same code goes on from the run it was in, counting the runs already done; on other
# code (any file of the repository other than the benchmark scripts, which no test runs: committed, changed
# or new and not ignored) it starts again from run 1.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-20}
filter=${INBEELD_SOAK_FILTER:-ServePageTests|GuideScreenshotTests|ServeSavingTests}

bash Scripts/prepare-tests.sh
mkdir -p .build/soak
code="$({ git ls-tree -r HEAD | grep -v $'\tScripts/bench'; git diff HEAD -- . ':(exclude)Scripts/bench*'
          git ls-files -o --exclude-standard -z -- . ':(exclude)Scripts/bench*' | xargs -0r sha1sum; } | sha1sum | cut -c1-12) $filter"
if [ "$(cat .build/soak/code 2>/dev/null)" != "$code" ]; then
  rm -f .build/soak/run-*
  echo "$code" >.build/soak/code
fi

declare -A failed=() seen=()
for k in $(seq 1 "$runs"); do
  log=.build/soak/run-$k.log
  if [ -e ".build/soak/run-$k.done" ]; then
    echo "run $k of $runs: done before, on the same code ($(cat ".build/soak/run-$k.done"))"
  else
    start=$(date +%s)
    swift test --skip-build --disable-xctest --filter "$filter" >"$log" 2>&1 || true
    echo "$(date -u +%FT%TZ), $(( $(date +%s) - start )) s" >".build/soak/run-$k.done"
  fi
  # Swift Testing closes each test with one line: "✔ Test NAME passed ..." or "✘ Test NAME failed ...".
  while IFS= read -r name; do seen[$name]=1; done < <(sed -nE 's/^[✔✘] Test ([^ ]+\(.*\)) (with [0-9]+ test cases )?(passed|failed).*/\1/p' "$log")
  while IFS= read -r name; do failed[$name]=$(( ${failed[$name]:-0} + 1 )); done < <(sed -nE 's/^✘ Test ([^ ]+\(.*\)) (with [0-9]+ test cases )?failed.*/\1/p' "$log")
  closing=$(grep -E '^[✔✘] Test run with' "$log" | tail -1 || true)
  echo "run $k of $runs: ${closing:-no closing line, see $log}"
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
