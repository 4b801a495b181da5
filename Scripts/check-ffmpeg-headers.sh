#!/usr/bin/env bash
# Compiles the media layer (the one Swift layer over FFmpeg's C API) against the FFmpeg headers of newer
# Debian releases, warnings as errors, without installing them: the -dev packages are downloaded from
# Debian's servers and unpacked under .build-ffmpeg-headers/. A cheap check that fits CI; the whole
# suite on those releases is Scripts/test-debian.sh.
#   bash Scripts/check-ffmpeg-headers.sh                 # trixie (Debian 13) and sid (unstable)
#   bash Scripts/check-ffmpeg-headers.sh sid
set -euo pipefail
cd "$(dirname "$0")/.."

suites=("$@")
[ ${#suites[@]} -eq 0 ] && suites=(trixie sid)
mirror=http://deb.debian.org/debian
cache=.build-ffmpeg-headers
mkdir -p "$cache"
status=0
for suite in "${suites[@]}"; do
  dir="$cache/$suite"
  rm -rf "$dir"; mkdir -p "$dir"
  curl -fsS --retry 3 -o "$dir/Packages.xz" "$mirror/dists/$suite/main/binary-amd64/Packages.xz"
  xz -dc "$dir/Packages.xz" > "$dir/Packages"
  for package in libavcodec-dev libavformat-dev libavutil-dev libswscale-dev libswresample-dev libavfilter-dev; do
    file=$(awk -v want="$package" '/^Package: /{p=$2} /^Filename: /{if (p == want) {print $2; exit}}' "$dir/Packages")
    [ -n "$file" ] || { echo "check-ffmpeg-headers: $package is not in $suite" >&2; exit 1; }
    curl -fsS --retry 3 -o "$dir/$package.deb" "$mirror/$file"
    dpkg-deb -x "$dir/$package.deb" "$dir/root"
  done
  # pkg-config files pointing into the unpacked tree.
  pcdir="$dir/root/usr/lib/x86_64-linux-gnu/pkgconfig"
  for pc in "$pcdir"/*.pc; do
    sed -i "s|^includedir=.*|includedir=$PWD/$dir/root/usr/include/x86_64-linux-gnu|; s|^libdir=.*|libdir=$PWD/$dir/root/usr/lib/x86_64-linux-gnu|" "$pc"
  done
  version=$(PKG_CONFIG_PATH="$PWD/$pcdir" pkg-config --modversion libavcodec)
  if PKG_CONFIG_PATH="$PWD/$pcdir" swift build --target InBeeldMedia --scratch-path "$cache/build-$suite" > "$dir/build.log" 2>&1; then
    echo "check-ffmpeg-headers: the media layer compiles against Debian $suite's FFmpeg headers (libavcodec $version)"
  else
    status=1
    grep -E "error:" "$dir/build.log" | sort -u | head -20 >&2
    echo "check-ffmpeg-headers: the media layer does NOT compile against Debian $suite's FFmpeg headers (libavcodec $version)" >&2
  fi
done
exit $status
