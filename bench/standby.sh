#!/usr/bin/env bash
# Standby replicas, recovery and rebalance figures (docs/RELIABILITY.md "Standby replicas and recovery",
# docs/OPERATIONS.md §4): runs the opt-in StandbyRecoveryBench (app/src/test/.../chaos, tag `bench`, never
# part of `./mvnw verify`) against a local broker and S3Proxy, `run` instances in their own JVMs.
# usage: bench/standby.sh [CSV [FROM TO]]   e.g. bench/standby.sh /data/indexProcessed.csv 2020-01-01 2020-12-31
#   without CSV only the kill/join/leave rounds run (the year restoration is skipped).
#   BENCH_REPS (default 3) repetitions; BENCH_TEST=StandbyRecoveryBench#restorationOfAYear for one part.
# Figures: app/target/chaos-figures.txt (bench-* lines); service logs under the printed temp directory.
set -euo pipefail
cd "$(dirname "$0")/.."
csv=${1:-}; from=${2:-2020-01-01}; to=${3:-2020-12-31}
props=(-Dbench.reps="${BENCH_REPS:-3}")
if [[ -n "$csv" ]]; then props+=(-Dbench.csv="$(realpath "$csv")" -Dbench.from="$from" -Dbench.to="$to"); fi
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg) $(date -u +%T)"
./mvnw -B verify -pl app -am -Dtest="${BENCH_TEST:-StandbyRecoveryBench}" -Dsurefire.failIfNoSpecifiedTests=false \
  "${props[@]}"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg) $(date -u +%T)"
grep ' bench-' app/target/chaos-figures.txt | tail -n 20
