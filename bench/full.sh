#!/usr/bin/env bash
# The full real dataset end to end: `demo` over the CSV at one tick a minute (`--tick-interval 1m`: 40M ticks; the default 10 s would be 240M), the service (with
# its embedded broker, in the same JVM) under -Xmx512m, from start until every tick and every closed bar is
# in the lake ("all landed", from Kafka's committed offsets). Then the demo is stopped (SIGTERM): its
# DuckDB rollups over the full lake are measured by `bench query` instead (writing ~104k rollup partitions
# takes hours on 2 cores). Needs ~40 GB free in the temp dir (the embedded broker keeps every topic, ~31 GB)
# plus ~6 GB for the lake; stop a run with SIGTERM (not -9), or the broker's temp directory is left behind. Figures: elapsed and ticks/s (replay start → all landed), peak heap (GC log,
# up to landing), peak RSS (VmHWM of the JVM at landing), GC pauses. Long: ~35 min on 2 quiet cores.
# usage: bench/full.sh CSV [LAKE=/tmp/ticklake-full]   (CSV: the Kaggle indexProcessed.csv, not in the repo)
set -euo pipefail
cd "$(dirname "$0")/.."
csv=${1:?usage: bench/full.sh CSV [LAKE] (the Kaggle indexProcessed.csv)}; lake=${2:-/tmp/ticklake-full}
heap=${HEAP:-512m}; jar=${JAR:-app/target/ticklake.jar}
out=bench/results; mkdir -p "$out"; work=$(mktemp -d)
[ -f "$jar" ] || ./mvnw -B -q -pl app -am package -DskipTests
echo "full: start $(date -u +%FT%TZ), load $(cut -d' ' -f1-3 /proc/loadavg), lake $lake, work $work"
java "-Xmx$heap" "-Xlog:gc:file=$work/gc.log:uptime,level" -jar "$jar" demo --csv "$csv" --tick-interval 1m --lake "$lake" \
  > "$work/demo.txt" 2> "$work/demo.err" &
pid=$!
start=$(date +%s.%N)
# a monitor, not a synchronisation inside the product: wait for the demo's own "all landed" line
until grep -q -- '- all landed' "$work/demo.err" 2>/dev/null; do
  kill -0 "$pid" 2>/dev/null || { echo "full: the demo ended before everything landed (see $work/demo.err)"; exit 1; }
  sleep 2
done
landed=$(date +%s.%N)
hwm_kib=$(awk '/VmHWM/ {print $2}' "/proc/$pid/status")
uptime_s=$(awk -v s="$start" -v l="$landed" 'BEGIN {printf "%.0f", l - s}')
load=$(cut -d' ' -f1-3 /proc/loadavg)
kill -TERM "$pid"; wait "$pid" || true
cp "$work/gc.log" "$out/full-gc.log"; cp "$work/demo.txt" "$out/full-demo.txt"
bench/full-figures.sh "$work/demo.txt" "$work/demo.err" "$work/gc.log" "$uptime_s" "$hwm_kib" "$heap" "$load" \
  > "$out/full.json"
cat "$out/full.json"
# the rollup's SELECT only: writing ~104k index-day partitions back is what takes hours
java -jar "$jar" bench query --lake "$lake" --rollup-select-only --out "$out/query-full.json" 2> "$work/query.log"
