#!/usr/bin/env bash
# Our CSV reader against SwiftCSV and CSV.swift (the CSV packages among the local copies), on what marker
# files need and on speed (release builds): bash Scripts/compare-csv-parsers.sh
# Builds a throwaway package in .build-csvcompare/ holding our reader's source and the comparison.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=.build-csvcompare
mkdir -p "$dir/Sources/Compare"
cat > "$dir/Package.swift" <<'PKG'
// swift-tools-version: 6.0
import PackageDescription
let package = Package(
    name: "Compare",
    dependencies: [
        .package(url: "https://github.com/swiftcsv/SwiftCSV", exact: "0.10.0"),
        .package(url: "https://github.com/yaslab/CSV.swift", exact: "2.5.2"),
    ],
    targets: [.executableTarget(name: "Compare", dependencies: ["SwiftCSV", .product(name: "CSV", package: "CSV.swift")],
                                swiftSettings: [.swiftLanguageMode(.v5)])]
)
PKG
# Our reader, as it is in the sources (the enum and its two functions), with the marker-file error left out.
awk '/^enum CSVReader \{/,/^\}/' Sources/InBeeldCoaching/Markers.swift \
  | awk '/static func records\(_ text: String, separator: Character, name: String\)/{skip=1} skip&&/^    }$/{skip=0; next} !skip' \
  | sed 's/^enum CSVReader /enum OurCSVReader /' > "$dir/Sources/Compare/Ours.swift"
cp Scripts/csv-compare/*.swift "$dir/Sources/Compare/"
rm -f "$dir/Sources/Compare/Yaslab_old.swift"
cd "$dir" && swift build -c release -q 2>&1 | grep -v warning || true
"$(swift build -c release --show-bin-path)/Compare"
