#!/usr/bin/env bash
# The lake read by a real Trino (Athena engine v3 is Trino) against DuckDB: `bench trino` starts a single-node
# Trino 476 on 127.0.0.1 (Hive connector, file metastore, local file system), creates the tables from the
# project's Glue definitions, and compares every table, each rollup SELECT and the README's Athena queries
# with DuckDB's rows (doubles within 2e-15 relative). Opt-in, not part of .ci/run or `./mvnw verify`.
# Without LAKE: two demo lakes of the same source, sink.parquet.format v1 and v2-bss, each checked; results
# in bench/results/trino-<format>.json and trino.txt. With LAKE: that lake only (results not kept).
# Needs: Maven Central (once: io.trino:trino-server:476:tar.gz, ~820 MB, into ~/.m2, unpacked into
# bench/target/), a Java 24+ JDK for Trino (TRINO_JAVA_HOME, default the Temurin 25 below), ~3 GB RAM, ~2 GB disk.
# SKIP_BUILD=1 reuses app/target/ticklake.jar when it exists. Logs: bench/target/{demo,trino}-<format>.log, Trino's
# own bench/target/trino-work/trino.log (of the last lake checked).
# usage: bench/trino.sh [LAKE]
set -euo pipefail
cd "$(dirname "$0")/.."
version=476
java_home=${TRINO_JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
target=bench/target
trino_home=$target/trino-server-$version
jar=app/target/ticklake.jar
[ -n "${SKIP_BUILD:-}" ] && [ -f "$jar" ] || ./mvnw -B -q -pl app -am package -DskipTests
if [ ! -x "$trino_home/bin/launcher" ]; then
  mkdir -p "$target"
  ./mvnw -B -q dependency:copy -Dartifact=io.trino:trino-server:$version:tar.gz -DoutputDirectory="$target"
  tar xzf "$target/trino-server-$version.tar.gz" -C "$target" && rm "$target/trino-server-$version.tar.gz"
fi
check() { # LAKE WORK [FORMAT OUT]
  java -jar "$jar" bench trino --lake "$1" --trino-home "$trino_home" --java-home "$java_home" --work "$2" \
    ${3:+--format-label "$3"} ${4:+--out "$4"}
}
if [ $# -ge 1 ]; then
  check "$1" "$target/trino-work"
  exit
fi
out=bench/results; mkdir -p "$out"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
src=(--from 2021-05-03 --to 2021-05-31 --indices NYA,HSI,GDAXI)
status=0
: > "$out/trino.txt"
for format in v1 v2-bss; do
  java -jar "$jar" demo --until-done --no-progress "${src[@]}" -D sink.parquet.format=$format --lake "$tmp/lake-$format" \
    > "$target/demo-$format.txt" 2> "$target/demo-$format.log"
  echo "== sink.parquet.format=$format: demo ${src[*]}" | tee -a "$out/trino.txt"
  check "$tmp/lake-$format" "$target/trino-work" "$format" "$out/trino-$format.json" 2> "$target/trino-$format.log" \
    | tee -a "$out/trino.txt" || status=1
done
exit $status
