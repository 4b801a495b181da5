#!/usr/bin/env bash
# Installs the Debian package (Scripts/package-deb.sh) in a fresh Debian root that has no Swift
# toolchain, the way a coach's computer would get it (apt-get install ./inbeeld_*.deb), and runs
# `inbeeld check` and `inbeeld prepare` on the demo recording there, and the guide's first steps
# (`inbeeld demo`, its check and prepare). Checks that the program links no
# Swift library and that no Swift is in the root.
#   bash Scripts/test-package.sh            # Debian 12 (the package built on this machine)
#   bash Scripts/test-package.sh 13 DEB     # another release, with a package built there
# Needs root and Debian's package servers.
set -euo pipefail
cd "$(dirname "$0")/.."
. Scripts/debian-root.sh

suite=$(suite_of "${1:-12}")
[ "$(id -u)" -eq 0 ] || { echo "test-package: run as root (debootstrap and chroot)" >&2; exit 2; }
deb=${2:-$(bash Scripts/package-deb.sh)}
[ -s "$deb" ] || { echo "test-package: no package at $deb" >&2; exit 1; }
bash Scripts/demo.sh --recording-only

root="$roots/$suite-package"
trap unmount_all EXIT
trap 'exit 130' INT TERM
fresh_root "$suite" "$root"
system_mounts "$root"
mkdir -p "$root/tmp/demo/generated"
cp "$deb" "$root/tmp/"
cp Demo/session.json "$root/tmp/demo/session.json"
cp Demo/generated/speelhoek.mp4 "$root/tmp/demo/generated/speelhoek.mp4"

in_root "$root" "set -e
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends /tmp/$(basename "$deb") >/dev/null
  echo \"installed: \$(dpkg-query -W -f='\${Package} \${Version}, \${Installed-Size} KB' inbeeld)\"
  if command -v swift >/dev/null || ls /usr/lib/swift* /opt/swift >/dev/null 2>&1; then echo 'a Swift toolchain is in the root' >&2; exit 1; fi
  if ldd /usr/bin/inbeeld | grep -i swift; then echo 'inbeeld links a Swift library' >&2; exit 1; fi
  if ldd /usr/bin/inbeeld | grep 'not found'; then exit 1; fi
  inbeeld --version
  man -w inbeeld >/dev/null 2>&1 || test -s /usr/share/man/man1/inbeeld.1.gz
  cd /tmp/demo
  inbeeld check generated/speelhoek.mp4 --lang en
  inbeeld prepare session.json -o out --lang en
  for f in fragment.mp4 sheet.pdf markers.vtt index.html stills/stills.json; do test -s out/\$f || { echo \"prepare did not make \$f\" >&2; exit 1; }; done
  echo \"prepare made: \$(ls out | tr '\n' ' ')\"
  # The guide's first steps (Docs/handleiding.md): the demo, made by the program alone (no ffmpeg CLI
  # here), checked, and prepared into the folder the page would use.
  mkdir -p /tmp/home && cd /tmp/home && export HOME=/tmp/home
  if command -v ffmpeg >/dev/null; then echo 'the ffmpeg CLI is in the root' >&2; exit 1; fi
  inbeeld demo --lang en
  inbeeld check InBeeld-demo --lang en | grep -q '1 pass, 0 warn, 0 fail'
  inbeeld prepare InBeeld-demo/speelhoek.session.json --lang en
  test -s InBeeld-demo/speelhoek-inbeeld/sheet.pdf
  echo 'the demo: made, passes the check, prepared'"
echo "test-package: $(basename "$deb") installs and runs check and prepare in a Debian $suite root without Swift ($(du -h "$deb" | cut -f1))"
