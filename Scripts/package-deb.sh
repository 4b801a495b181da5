#!/usr/bin/env bash
# Builds a Debian package of the inbeeld program for the release this machine runs: a release build with
# the Swift runtime linked in (--static-swift-stdlib), so the package needs no Swift toolchain; its
# dependencies are the distribution's FFmpeg, cairo and pango runtime packages as dpkg-shlibdeps finds
# them for this release (libavcodec59 on Debian 12, libavcodec61 on 13...), and a font for the sheets.
#   bash Scripts/package-deb.sh              # writes dist/inbeeld_VERSION_ARCH.deb and prints its path
# Scripts/test-package.sh installs it in a Debian root without Swift and runs it there.
set -euo pipefail
cd "$(dirname "$0")/.."

bash Scripts/setup.sh
for tool in dpkg-dev fakeroot; do
  if ! dpkg-query -W -f='${Status}' "$tool" 2>/dev/null | grep -q "install ok installed"; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$tool" >/dev/null
  fi
done

scratch=.build-package
# The manual page first: swift-argument-parser's generate-manual plugin builds the program (release) and
# writes inbeeld.1 from the same command definitions as --help. Then the build with the runtime linked in.
[ -d "$scratch/plugins" ] && find "$scratch/plugins" -name 'inbeeld.1' -delete
swift package --scratch-path "$scratch" generate-manual >&2
man=$(find "$scratch/plugins" -name 'inbeeld.1' | head -1)
[ -n "$man" ] || { echo "package-deb: no manual page was made" >&2; exit 1; }
swift build -c release --product inbeeld --static-swift-stdlib --scratch-path "$scratch" >&2
bin="$(swift build -c release --scratch-path "$scratch" --show-bin-path)/inbeeld"

version=$("$bin" --version)
arch=$(dpkg --print-architecture)
codename=$(. /etc/os-release; echo "${VERSION_CODENAME:-unknown}")
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
pkg="$stage/inbeeld"
mkdir -p "$pkg/DEBIAN" "$pkg/usr/bin" "$pkg/usr/share/man/man1" "$pkg/usr/share/doc/inbeeld"
install -m 0755 "$bin" "$pkg/usr/bin/inbeeld"
strip --strip-unneeded "$pkg/usr/bin/inbeeld"

gzip -9n -c "$man" > "$pkg/usr/share/man/man1/inbeeld.1.gz"
cp README.md "$pkg/usr/share/doc/inbeeld/README.md"
gzip -9n "$pkg/usr/share/doc/inbeeld/README.md"

# Runtime dependencies of the binary, for this release, from the shared libraries it links.
mkdir -p "$stage/debian"
printf 'Source: inbeeld\n\nPackage: inbeeld\nArchitecture: any\n' > "$stage/debian/control"
shlibs=$(cd "$stage" && dpkg-shlibdeps -O "$pkg/usr/bin/inbeeld" 2>/dev/null | sed -n 's/^shlibs:Depends=//p')
[ -n "$shlibs" ] || { echo "package-deb: dpkg-shlibdeps found no dependencies" >&2; exit 1; }
rm -rf "$stage/debian"

size=$(du -k -s "$pkg/usr" | cut -f1)
cat > "$pkg/DEBIAN/control" <<CONTROL
Package: inbeeld
Version: $version
Architecture: $arch
Maintainer: InBeeld <inbeeld@localhost>
Installed-Size: $size
Depends: $shlibs, fonts-dejavu-core
Section: video
Priority: optional
Description: video for coaching children's interactions: check, cut, stills and sheets
 InBeeld does the media work of video coaching in childcare on the coach's own computer:
 it checks recordings, cuts the chosen fragment to the frame, takes the exact still at each
 contact initiative, makes annotated still sheets (PDF) in Dutch or English, prepares a
 whole coaching session, and serves a local page for the coach. Nothing leaves the machine.
CONTROL

mkdir -p dist
out="dist/inbeeld_${version}_${arch}.deb"
fakeroot dpkg-deb --build -Zxz "$pkg" "$out" >&2
echo "package-deb: $out ($(du -h "$out" | cut -f1), Debian $codename; Depends: $shlibs, fonts-dejavu-core)" >&2
echo "$out"
