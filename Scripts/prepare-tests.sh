#!/usr/bin/env bash
# What every test run needs first: what is missing installed (Debian), the fixtures made, the program and
# the tests built. Our own targets treat warnings as errors (Package.swift), so this is the demo's build too.
# Used by Scripts/test.sh, soak-page.sh and soak-saves.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
bash Scripts/setup.sh --tests
bash Scripts/make-fixtures.sh
swift build --build-tests
