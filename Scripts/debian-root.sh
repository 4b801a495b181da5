# Sourced by Scripts/test-debian.sh and Scripts/test-package.sh: Debian roots made with debootstrap,
# kept as a pristine tarball per release in .debian-roots/, and bind mounts undone on exit.
# Needs root and Debian's package servers.

roots="$PWD/.debian-roots"
mkdir -p "$roots"

# suite_of RELEASE: bookworm, trixie or sid for 12, 13 or unstable (or their names).
suite_of() {
  case "$1" in
    12|bookworm) echo bookworm ;;
    13|trixie) echo trixie ;;
    unstable|sid) echo sid ;;
    *) echo "unknown Debian release '$1' (12, 13 or unstable)" >&2; return 2 ;;
  esac
}

# fresh_root SUITE DIR: DIR becomes a new minimal Debian SUITE (from the cached debootstrap tarball).
fresh_root() {
  local suite=$1 dir=$2 base="$roots/$1-base.tar"
  if ! command -v debootstrap >/dev/null; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null
  fi
  if [ ! -s "$base" ]; then
    echo "debian-root: debootstrap of Debian $suite (a few minutes, once)..." >&2
    local tmp="$roots/$suite-debootstrap"
    rm -rf "$tmp"
    debootstrap --variant=minbase --components=main --include=ca-certificates "$suite" "$tmp" \
      http://deb.debian.org/debian >"$roots/$suite-debootstrap.log" 2>&1 ||
      { tail -20 "$roots/$suite-debootstrap.log" >&2; return 1; }
    tar -C "$tmp" -cf "$base.tmp" . && mv "$base.tmp" "$base"
    rm -rf "$tmp"
  fi
  refuse_if_mounted "$dir"
  rm -rf "$dir"
  mkdir -p "$dir"
  tar -C "$dir" -xf "$base"
  cp /etc/resolv.conf "$dir/etc/resolv.conf"
  # A mirror's copy of unstable can lag this machine's clock by more than unstable's one-week validity;
  # the packages are still signed, only the freshness check is off.
  echo 'Acquire::Check-Valid-Until "false";' > "$dir/etc/apt/apt.conf.d/99inbeeld-valid-until"
}

# refuse_if_mounted DIR: stops when something is still mounted inside DIR (a run that was killed), so
# that removing DIR can never reach /dev, /proc or the toolchain through a bind mount.
refuse_if_mounted() {
  local dir
  dir=$(realpath -m "$1")
  if awk '{print $2}' /proc/mounts | grep -q "^$dir/"; then
    echo "debian-root: something is still mounted in $dir (an interrupted run?); unmount it first:" >&2
    awk '{print $2}' /proc/mounts | grep "^$dir/" | sed 's/^/  umount -l /' >&2
    exit 1
  fi
}

mounted=()
unmount_all() {
  local i
  for (( i=${#mounted[@]}-1; i>=0; i-- )); do umount -l "${mounted[$i]}" 2>/dev/null || true; done
  mounted=()
}
# bind SOURCE TARGET [ro]
bind() {
  mkdir -p "$2"
  mount --bind "$1" "$2"
  mounted+=("$2")
  if [ "${3:-}" = ro ]; then mount -o remount,bind,ro "$2"; fi
}
# system_mounts DIR: /proc, /sys and /dev inside the root.
system_mounts() {
  bind /proc "$1/proc"
  bind /sys "$1/sys"
  bind /dev "$1/dev"
  bind /dev/pts "$1/dev/pts"
}
# in_root DIR SCRIPT: runs SCRIPT with bash in the root, with a clean environment.
in_root() {
  chroot "$1" /usr/bin/env -i HOME=/root LANG=C.UTF-8 TERM=dumb DEBIAN_FRONTEND=noninteractive \
    PATH=/opt/swift/usr/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin /bin/bash -c "$2"
}
