#!/usr/bin/env bash
# Makes the pictures of the coaches' guides (Docs/handleiding.md, Docs/guide.md) again, from the real page
# in headless Chromium and the real sheet (pdftoppm), by playing a coach's day through on the demo:
# Tests/InBeeldCLITests/GuideScreenshotTests.swift, which also runs in the test suite (into a scratch
# folder). About two minutes, most of it making the demo recording.
#   bash Scripts/screenshots.sh            # the guides' pictures: Docs/screenshots/handleiding-*.png
#   bash Scripts/screenshots.sh --readme   # also the README's pictures of the page (a few minutes more)
# Run it after changing the page or the sheet, look at the pictures, and commit them.
set -euo pipefail
cd "$(dirname "$0")/.."

bash Scripts/setup.sh --tests
filter='GuideScreenshotTests'
if [ "${1:-}" = "--readme" ]; then
  bash Scripts/make-fixtures.sh
  filter="$filter|theControlsStayInViewAndEverythingSwitchesLanguage|theDemoShowsItsPicturesAndSoundWholeAndZoomed|theConversationPausesOnEveryInitiativesFrame|theOverviewShowsEveryChildWithAChart|markingInTheBrowserNamesTheFramesOnScreen"
fi
swift build --build-tests
INBEELD_SCREENSHOTS="$PWD/Docs/screenshots" swift test --skip-build --disable-xctest --filter "$filter"
ls -l Docs/screenshots/
