#!/usr/bin/env bash
# Installs the system packages InBeeld needs on Debian 12, only when something is missing.
# FFmpeg's -dev packages (the libraries we link), pkg-config, the ffmpeg CLI (the test oracle),
# cairo/pango (still sheets) and zlib (ZIPFoundation, for Excel marker lists). With --tests, also what only the tests use: curl (an HTTP client
# independent of ours), Chromium with chromedriver and Firefox ESR (the coach's page, end to end), and GStreamer with
# OpenH264 (a player stack that shares no code with FFmpeg).
set -euo pipefail

packages=(
  pkg-config
  libavformat-dev libavcodec-dev libavutil-dev libswscale-dev libswresample-dev libavfilter-dev
  ffmpeg
  libcairo2-dev libpango1.0-dev fonts-dejavu-core
  poppler-utils
  zlib1g-dev
)
if [ "${1:-}" = "--tests" ]; then
  # A second player stack that shares no code with FFmpeg: GStreamer's MP4 demuxer and OpenH264.
  packages+=(curl chromium chromium-driver firefox-esr gstreamer1.0-tools gstreamer1.0-plugins-good gstreamer1.0-plugins-bad)
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}" >&2
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if ! command -v swift >/dev/null 2>&1; then
  echo "setup: the Swift toolchain (6.x) is needed and was not found on PATH." >&2
  echo "       Install Swift from swift.org and run this again." >&2
  exit 1
fi
