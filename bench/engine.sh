#!/bin/sh
# Builds bench/engine/main.swift against the Privacy sources (release -O, without SwiftPM) and
# runs it: bench/engine.sh ROWS FAN [THRESHOLD] [teams]. Time it with /usr/bin/time -v for
# CPU and peak memory; profile it with perf record -g.
set -e
root=$(cd "$(dirname "$0")/.." && pwd)
out=${ENGINE_BUILD:-$root/.build/engine-bench}
mkdir -p "$out"
cd "$out"
if [ ! -f libSurveyModel.a ] || [ -n "$(find "$root/Sources/SurveyModel" -newer libSurveyModel.a)" ]; then
  swiftc -O -wmo -parse-as-library -swift-version 6 -emit-module -emit-library -static -module-name SurveyModel \
    "$root"/Sources/SurveyModel/*.swift -o libSurveyModel.a -emit-module-path SurveyModel.swiftmodule
fi
if [ ! -f engine ] || [ -n "$(find "$root/Sources/Privacy" "$root/bench/engine" -newer engine)" ]; then
  swiftc -O -wmo -parse-as-library -swift-version 6 -emit-module -emit-library -static -module-name Privacy -I . \
    "$root"/Sources/Privacy/*.swift -o libPrivacy.a -emit-module-path Privacy.swiftmodule
  swiftc -O -swift-version 5 -I . -L . "$root/bench/engine/main.swift" -lPrivacy -lSurveyModel -o engine
fi
exec ./engine "$@"
