#!/usr/bin/env bash
# Validates the ELAN files InBeeld writes against ELAN's published schema with xmllint:
#   bash Scripts/check-eaf.sh [SCHEMA.xsd]
# Without an argument the schema is downloaded from the MPI (http://www.mpi.nl/tools/elan/EAFv3.0.xsd,
# which needs network access). ELAN's schemas are not committed here: no licence is stated in them. Written
# and checked: markers with a kind, a note over two lines with &, < and quotes, a marker without a child,
# a recording name with a space and an accent, and every BORIS fixture's events.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v xmllint >/dev/null || { sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo; $sudo apt-get install -y -qq libxml2-utils >/dev/null; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
schema="${1:-}"
if [ -z "$schema" ]; then
  schema="$work/EAFv3.0.xsd"
  curl -fsSL -o "$schema" http://www.mpi.nl/tools/elan/EAFv3.0.xsd || { echo "check-eaf: could not download ELAN's schema; give its path" >&2; exit 2; }
fi
swift build -q --product inbeeld
bin=$(swift build --show-bin-path)/inbeeld
printf 'time,child,type,note\n1.5,Sam,kijkt,"naar Noor & <Zoë> ""hoi""\nen lacht"\n2:03.25,,,zonder kind\n' > "$work/list.csv"
"$bin" markers convert "$work/list.csv" "$work/list.eaf" --media "speel hoek é.mp4" >/dev/null
"$bin" markers convert "$work/list.csv" "$work/bare.eaf" >/dev/null
for f in Fixtures/boris/events-*.tsv; do
  "$bin" markers convert "$f" "$work/$(basename "$f" .tsv).eaf" --media a.mp4 >/dev/null
done
status=0
for eaf in "$work"/*.eaf; do
  xmllint --noout --schema "$schema" "$eaf" 2>&1 | sed "s|$work/||" || status=1
done
exit $status
