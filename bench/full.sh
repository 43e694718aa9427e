#!/usr/bin/env bash
# The full real dataset end to end: `demo --until-done` over the CSV at the default tick interval, the
# service (with its embedded broker, in the same JVM) under -Xmx512m. Measures elapsed and ticks/s (from the
# demo's summary), peak heap (largest heap occupancy before a GC, from the GC log) and peak RSS
# (/usr/bin/time -v), then `bench query` over the lake it built. Long: tens of minutes.
# usage: bench/full.sh [CSV=../shared/data/indexProcessed.csv] [LAKE=/tmp/ticklake-full] [extra demo options]
set -euo pipefail
cd "$(dirname "$0")/.."
csv=${1:-../shared/data/indexProcessed.csv}; lake=${2:-/tmp/ticklake-full}; shift $(( $# > 2 ? 2 : $# ))
heap=${HEAP:-512m}
out=bench/results; mkdir -p "$out"; work=$(mktemp -d)
jar=${JAR:-app/target/ticklake.jar}
[ -f "$jar" ] || ./mvnw -B -q -pl app -am package -DskipTests
echo "full: start $(date -u +%FT%TZ), load $(cut -d' ' -f1-3 /proc/loadavg), lake $lake"
/usr/bin/time -v -o "$work/time.txt" java "-Xmx$heap" "-Xlog:gc:file=$work/gc.log:uptime,level" \
  -jar "$jar" demo --until-done --no-progress --timeout 6h --csv "$csv" --lake "$lake" "$@" \
  > "$out/full-demo.txt" 2> "$out/full-demo.log"
load=$(cut -d' ' -f1-3 /proc/loadavg)
bench/full-figures.sh "$out/full-demo.txt" "$work/gc.log" "$work/time.txt" "$heap" "$load" > "$out/full.json"
cat "$out/full.json"
cp "$work/gc.log" "$out/full-gc.log"; cp "$work/time.txt" "$out/full-time.txt"
java -jar "$jar" bench query --lake "$lake" --out "$out/query.json" 2> "$out/query.log"
