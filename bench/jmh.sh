#!/usr/bin/env bash
# JMH benchmarks of the hot paths (bench/src/main/java/io/ticklake/bench/jmh): the tick JSON codec
# against the JDK's double parsing/printing, and the Parquet encoder per file size and format.
# usage: bench/jmh.sh [JMH args, e.g. TickJson -p mapper=ticklake]   (JSON results in bench/results/jmh.json)
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -pl app -am package -DskipTests
mkdir -p bench/results
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
java -cp app/target/ticklake.jar org.openjdk.jmh.Main -rf json -rff bench/results/jmh.json "$@"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
