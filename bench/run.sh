#!/usr/bin/env bash
# Reproduces the run documented in docs/BENCHMARKS.md: builds the jar, runs each bench on the same source
# (generated market, 8 indices, 2021-01-04..2021-03-31, 1-minute ticks), JSON into bench/results/.
# bench/full.sh (the full real dataset, tens of minutes, then `bench query` over its lake) is separate;
# `bench query` runs here over the lake of a demo of the same source.
# usage: bench/run.sh [extra source options, e.g. --tick-interval 30s]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -pl app -am package -DskipTests
out=bench/results; mkdir -p "$out"
src=(--from 2021-01-04 --to 2021-03-31 --indices NYA,IXIC,HSI,N225,GDAXI,N100,SSMI,NSEI "$@")
jar=app/target/ticklake.jar
log() { echo "$1 $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"; }
log "load before:"
# e2e measures the broker baseline first, in the same invocation; the ratios are to that baseline
java -jar "$jar" bench e2e "${src[@]}" --out "$out/e2e.json" 2> "$out/e2e.log"
log "after e2e:"
# latency at a live rate: two weeks of the same indices (~35k ticks) at 2000 ticks/s
java -jar "$jar" bench latency --from 2021-03-15 --to 2021-03-26 --indices NYA,IXIC,HSI,N225,GDAXI,N100,SSMI,NSEI \
  --rate 2000 --warmup 5s --out "$out/latency.json" 2> "$out/latency.log"
log "after latency:"
java -jar "$jar" bench sink "${src[@]}" --rounds 3 --formats v1,v1-bss,v2,v2-bss --out "$out/sink.json" \
  2> "$out/sink.log"
log "after sink:"
tmp=$(mktemp -d); lake=$tmp/lake; trap 'rm -rf "$tmp"' EXIT
java -jar "$jar" demo --until-done --no-progress "${src[@]}" --lake "$lake" > "$out/query-demo.txt" 2> "$out/query-demo.log"
java -jar "$jar" bench query --lake "$lake" --out "$out/query.json" 2> "$out/query.log"
log "load after:"
