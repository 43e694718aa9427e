#!/usr/bin/env bash
# Reproduces the run documented in docs/BENCHMARKS.md: builds the jar, runs each bench on the same
# source (generated market, 8 indices, 2021-01-04..2021-03-31, 1-minute ticks), JSON into bench/results/.
# usage: bench/run.sh [extra source options, e.g. --tick-interval 30s]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -pl app -am package -DskipTests
out=bench/results; mkdir -p "$out"
src=(--from 2021-01-04 --to 2021-03-31 --indices NYA,IXIC,HSI,N225,GDAXI,N100,SSMI,NSEI "$@")
jar=app/target/ticklake.jar
echo "load before: $(cat /proc/loadavg)"
java -jar "$jar" bench baseline "${src[@]}" --out "$out/baseline.json" 2> "$out/baseline.log"
java -jar "$jar" bench sink "${src[@]}" --rounds 3 --out "$out/sink.json" 2> "$out/sink.log"
echo "load after: $(cat /proc/loadavg)"
