#!/usr/bin/env bash
# Runs the whole test suite (the demo, then Scripts/test.sh, as .ci/run does) on another Debian release
# against that release's FFmpeg, in a Debian root made with debootstrap beside the project:
#   bash Scripts/test-debian.sh 13          # Debian 13 "trixie", FFmpeg 7.1
#   bash Scripts/test-debian.sh unstable    # Debian unstable "sid", the newest FFmpeg
#   bash Scripts/test-debian.sh 12          # Debian 12 "bookworm", as CI
# Needs root and Debian's package servers. The root (.debian-roots/RELEASE, a few GB) is kept for the
# next run; the project is a fresh clone of this checkout's HEAD inside it. The Swift toolchain
# (/opt/swift) and the Swift packages (/opt/swift-packages) are bind-mounted read-only, not installed.
# Ends with how long the run took and the suite's closing line; the log is .debian-roots/RELEASE.log.
set -euo pipefail
cd "$(dirname "$0")/.."
here=$PWD

release=${1:?"which release: 12, 13 or unstable"}
case "$release" in
  12|bookworm) suite=bookworm ;;
  13|trixie) suite=trixie ;;
  unstable|sid) suite=sid ;;
  *) echo "test-debian: unknown release $release (12, 13 or unstable)" >&2; exit 2 ;;
esac
[ "$(id -u)" -eq 0 ] || { echo "test-debian: run as root (debootstrap and chroot)" >&2; exit 2; }
swift_root=${SWIFT_ROOT:-/opt/swift}
[ -x "$swift_root/usr/bin/swift" ] || { echo "test-debian: no Swift toolchain at $swift_root (set SWIFT_ROOT)" >&2; exit 2; }

if ! command -v debootstrap >/dev/null; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null
fi

roots="$here/.debian-roots"
root="$roots/$suite"
log="$roots/$suite.log"
mkdir -p "$roots"

mounted=()
cleanup() {
  for (( i=${#mounted[@]}-1; i>=0; i-- )); do umount -l "${mounted[$i]}" 2>/dev/null || true; done
}
trap cleanup EXIT
bind() {  # bind SOURCE TARGET [ro]
  mkdir -p "$2"
  mount --bind "$1" "$2"
  mounted+=("$2")
  if [ "${3:-}" = ro ]; then mount -o remount,bind,ro "$2"; fi
}

if [ ! -e "$root/.inbeeld-ready" ]; then
  echo "test-debian: making a Debian $suite root in $root (a few minutes)..." >&2
  rm -rf "$root"
  debootstrap --variant=minbase --components=main \
    --include=ca-certificates,git,procps,xz-utils,python3 "$suite" "$root" http://deb.debian.org/debian >"$log" 2>&1 ||
    { tail -20 "$log" >&2; exit 1; }
  touch "$root/.inbeeld-ready"
fi

# What the Swift toolchain itself needs to compile and link on this release (as swift.org lists for
# Debian), chosen by the gcc version the release has.
cp /etc/resolv.conf "$root/etc/resolv.conf"
bind /proc "$root/proc"
bind /sys "$root/sys"
bind /dev "$root/dev"
bind /dev/pts "$root/dev/pts"
bind "$swift_root" "$root/opt/swift" ro
[ -d /opt/swift-packages ] && bind /opt/swift-packages "$root/opt/swift-packages" ro
[ -f /etc/gitconfig ] && cp /etc/gitconfig "$root/etc/gitconfig"

in_root() { chroot "$root" /usr/bin/env -i HOME=/root LANG=C.UTF-8 TERM=dumb \
  PATH=/opt/swift/usr/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin /bin/bash -c "$1"; }

in_root 'set -e; export DEBIAN_FRONTEND=noninteractive; apt-get update -qq
  apt-get install -y -qq --no-install-recommends binutils gcc g++ libc6-dev libcurl4-openssl-dev libedit2 \
    libsqlite3-0 libncurses-dev libxml2-dev zlib1g-dev tzdata unzip >/dev/null' >>"$log" 2>&1 ||
  { tail -20 "$log" >&2; echo "test-debian: installing the toolchain's libraries failed (log: $log)" >&2; exit 1; }

# A fresh clone of HEAD, as CI makes one.
rm -rf "$root/src/inbeeld"
mkdir -p "$root/src"
git clone -q "$here" "$root/src/inbeeld"
git -C "$root/src/inbeeld" checkout -q "$(git rev-parse HEAD)"

ffmpeg_version=$(in_root 'bash /src/inbeeld/Scripts/setup.sh >/dev/null 2>&1; ffmpeg -version | head -1' 2>/dev/null || true)
echo "test-debian: Debian $suite, $ffmpeg_version, commit $(git rev-parse --short HEAD)" | tee -a "$log" >&2
start=$(date +%s)
echo "test-debian: running .ci/run in the root (follow it in $log)" >&2
set +e
in_root 'cd /src/inbeeld && bash .ci/run' >>"$log" 2>&1
status=$?
set -e
grep -E '^(AddressSanitizer run:|fuzz|.*error:|✘)' "$log" | tail -40 || true
elapsed=$(( $(date +%s) - start ))
summary=$(grep -E '^tests: ' "$log" | tail -1 || true)
echo "test-debian: Debian $suite ($ffmpeg_version): ${summary:-no test summary}; $((elapsed / 60)) min $((elapsed % 60)) s; exit $status" | tee -a "$log"
exit "$status"
