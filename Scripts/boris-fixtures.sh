#!/usr/bin/env bash
# Makes Fixtures/boris/ again: BORIS exports written by BORIS's own export code (boris-behav-obs from
# PyPI: 8.27.4 for the events, aggregated and XLSX exports; 7.13.9 for the older tabular export with its
# metadata block), from the project in Scripts/boris-fixtures.py. The tests read the committed files; this
# script is how they were made, and how to check a newer BORIS writes what we read:
#   bash Scripts/boris-fixtures.sh [VERSION8]
# Needs network access to PyPI and Debian's packages (BORIS imports Qt and libmpv even to export).
set -euo pipefail
cd "$(dirname "$0")/.."
version8="${1:-8.27.4}"
scratch=.build-boris
sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
need=()
for pkg in libpulse-mainloop-glib0 libmpv2 python3-venv; do dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg"); done
if [ ${#need[@]} -gt 0 ]; then $sudo apt-get update -qq && $sudo apt-get install -y -qq "${need[@]}"; fi
[ -x "$scratch/venv/bin/python" ] || python3 -m venv "$scratch/venv"
"$scratch/venv/bin/pip" install -q "boris-behav-obs==$version8"
"$scratch/venv/bin/pip" install -q --no-deps --upgrade --target "$scratch/boris7" boris-behav-obs==7.13.9
out=Fixtures/boris
rm -f "$out"/events-* "$out"/aggregated-* "$out"/tabular7-* "$out"/excel-*
export QT_QPA_PLATFORM=offscreen
# BORIS logs its start-up (Qt version, memory) to stderr: kept in the scratch folder, shown on failure.
"$scratch/venv/bin/python" Scripts/boris-fixtures.py 8 "$out" 2>"$scratch/boris8.log" || { cat "$scratch/boris8.log"; exit 1; }
PYTHONPATH="$scratch/boris7" "$scratch/venv/bin/python" Scripts/boris-fixtures.py 7 "$out" 2>"$scratch/boris7.log" || { cat "$scratch/boris7.log"; exit 1; }
ls "$out"
