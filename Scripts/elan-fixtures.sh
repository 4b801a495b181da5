#!/usr/bin/env bash
# Makes Fixtures/elan/ again: ELAN documents written by pympi-ling (PyPI; a library researchers use to
# write and read ELAN files, sharing no code with ours), with what each holds as the generator knows it
# (Scripts/elan-fixtures.py). The tests read the committed files; this script is how they were made:
#   bash Scripts/elan-fixtures.sh [VERSION]
# Needs network access to PyPI.
set -euo pipefail
cd "$(dirname "$0")/.."
version="${1:-1.71}"
scratch=.build-elan
[ -x "$scratch/venv/bin/python" ] || python3 -m venv "$scratch/venv"
"$scratch/venv/bin/pip" install -q "pympi-ling==$version"
mkdir -p Fixtures/elan
"$scratch/venv/bin/python" Scripts/elan-fixtures.py Fixtures/elan
ls Fixtures/elan
