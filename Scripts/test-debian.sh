#!/usr/bin/env bash
# Runs CI's job (the demo, then the whole test suite, as .ci/run does) on another Debian release, against
# that release's FFmpeg, in a Debian root made with debootstrap beside the project:
#   bash Scripts/test-debian.sh 13          # Debian 13 "trixie", FFmpeg 7.1
#   bash Scripts/test-debian.sh unstable    # Debian unstable "sid", the newest FFmpeg (9.0 at this writing)
#   bash Scripts/test-debian.sh 12          # Debian 12 "bookworm", FFmpeg 5.1, as CI
# Needs root and Debian's package servers. The root (.debian-roots/SUITE, a few GB) is kept for the next
# run; the project inside is a fresh clone of this checkout's HEAD. The Swift toolchain (/opt/swift, or
# SWIFT_ROOT) and the local Swift packages (/opt/swift-packages) are bind-mounted read-only, not installed.
# Ends with the suite's closing line and how long it took; the whole log is .debian-roots/SUITE.log.
set -euo pipefail
cd "$(dirname "$0")/.."
here=$PWD
. Scripts/debian-root.sh

suite=$(suite_of "${1:?which release: 12, 13 or unstable}")
[ "$(id -u)" -eq 0 ] || { echo "test-debian: run as root (debootstrap and chroot)" >&2; exit 2; }
swift_root=${SWIFT_ROOT:-/opt/swift}
[ -x "$swift_root/usr/bin/swift" ] || { echo "test-debian: no Swift toolchain at $swift_root (set SWIFT_ROOT)" >&2; exit 2; }
root="$roots/$suite"
log="$roots/$suite.log"
: > "$log"
trap unmount_all EXIT
trap 'exit 130' INT TERM
refuse_if_mounted "$root"

[ -e "$root/.inbeeld-root" ] || { fresh_root "$suite" "$root"; touch "$root/.inbeeld-root"; }
cp /etc/resolv.conf "$root/etc/resolv.conf"
system_mounts "$root"
bind "$swift_root" "$root/opt/swift" ro
[ -d /opt/swift-packages ] && bind /opt/swift-packages "$root/opt/swift-packages" ro
[ -f /etc/gitconfig ] && cp /etc/gitconfig "$root/etc/gitconfig"

# What the Swift toolchain needs to compile and link (as swift.org lists it for Debian); the project's
# own packages come from its Scripts/setup.sh, as on any machine. The toolchain (built on Debian 12) links
# libxml2.so.2: package `libxml2` on 13 and on unstable (where libxml2-dev has moved to libxml2.so.16).
in_root "$root" 'set -e; apt-get update -qq
  apt-get install -y -qq --no-install-recommends git procps xz-utils binutils gcc g++ libc6-dev libcurl4-openssl-dev \
    libedit2 libsqlite3-0 libncurses-dev libxml2 libxml2-dev zlib1g-dev tzdata unzip >/dev/null' >>"$log" 2>&1 ||
  { tail -20 "$log" >&2; echo "test-debian: installing the toolchain's libraries failed (log: $log)" >&2; exit 1; }

# A fresh clone of HEAD, as CI makes one.
rm -rf "$root/src/inbeeld"
mkdir -p "$root/src"
git clone -q "$here" "$root/src/inbeeld"
git -C "$root/src/inbeeld" checkout -q "$(git rev-parse HEAD)"

in_root "$root" 'bash /src/inbeeld/Scripts/setup.sh --tests' >>"$log" 2>&1 ||
  { tail -20 "$log" >&2; echo "test-debian: Scripts/setup.sh --tests failed on Debian $suite (log: $log)" >&2; exit 1; }
ffmpeg_version=$(in_root "$root" 'ffmpeg -version | head -1 | cut -d" " -f1-3')
echo "test-debian: Debian $suite, $ffmpeg_version, commit $(git rev-parse --short HEAD); running .ci/run (log: $log)" >&2
start=$(date +%s)
set +e
in_root "$root" 'cd /src/inbeeld && bash .ci/run' >>"$log" 2>&1
status=$?
set -e
elapsed=$(( $(date +%s) - start ))
grep -E '^(AddressSanitizer run:|fuzz:|✘ )|error:' "$log" | grep -v '^✘ Suite' | tail -30 || true
summary=$(grep -E '^tests: ' "$log" | tail -1 || true)
echo "test-debian: Debian $suite ($ffmpeg_version): ${summary:-no test summary}; .ci/run took $((elapsed / 60)) min $((elapsed % 60)) s; exit status $status" | tee -a "$log"
exit "$status"
