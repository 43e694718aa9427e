#!/usr/bin/env bash
# Figures of a full run as JSON, from the demo's summary, its GC log (-Xlog:gc) and `/usr/bin/time -v`.
# usage: bench/full-figures.sh DEMO-STDOUT GC-LOG TIME-V-OUTPUT HEAP-LIMIT "LOAD1 LOAD5 LOAD15"
set -euo pipefail
demo=$1; gc=$2; timev=$3; heap=$4; load=$5
# "elapsed:  49.1 s in all; replay to landed 37.5 s, 5,772 ticks/s end to end (replay alone 82,367 ticks/s)"
line=$(grep -E '^  elapsed: .* in all;' "$demo")
all_s=$(sed -E 's/.*elapsed: +([0-9.]+) s in all.*/\1/' <<< "$line")
landed_s=$(sed -E 's/.*replay to landed ([0-9.]+) s.*/\1/' <<< "$line")
tps=$(sed -E 's/.*, ([0-9,]+) ticks\/s end to end.*/\1/' <<< "$line" | tr -d ,)
replay_tps=$(sed -E 's/.*replay alone ([0-9,]+) ticks\/s.*/\1/' <<< "$line" | tr -d ,)
ticks=$(grep -E '^  ticks: +[0-9,]+ replayed' "$demo" | sed -E 's/^  ticks: +([0-9,]+) replayed.*/\1/' | tr -d ,)
files=$(grep -E '^  files: ' "$demo" | sed -E 's/^  files: +([0-9,]+) Parquet files, ([0-9,]+) bytes.*/\1 \2/' | tr -d ,)
# "[660.6s][info] GC(2550) Pause Young (Mixed) (G1 Evacuation Pause) 450M->140M(512M) 6.8ms": before-GC occupancy
peak_heap_mib=$(grep -oE '[0-9]+M->[0-9]+M\([0-9]+M\)' "$gc" | sed -E 's/M->.*//' | sort -n | tail -1)
live_heap_mib=$(grep -oE '[0-9]+M->[0-9]+M\([0-9]+M\)' "$gc" | sed -E 's/.*M->([0-9]+)M.*/\1/' | sort -n | tail -1)
gcs=$(grep -cE 'Pause' "$gc" || true)
full_live_heap_mib=$(grep -oE '[0-9]+M->[0-9]+M\([0-9]+M\)' "$gc" | sed -E 's/.*M->([0-9]+)M.*/\1/' | sort -n | tail -1)
gcs=$(grep -cE 'Pause Full' "$gc" || true)
rss_kib=$(grep -E "Maximum resident set size" "$timev" | grep -oE "[0-9]+$" || true)
wall=$(grep -E "Elapsed \(wall clock\)" "$timev" | sed -E "s/.*: //" || true)
cat <<JSON
{
  "bench": "full",
  "at": "$(date -u +%FT%TZ)",
  "machine": {"cores": $(nproc), "load_at_end": "$load", "heap_limit": "$heap"},
  "metrics": {
    "ticks": {"value": ${ticks:-null}, "unit": "ticks"},
    "elapsed_all": {"value": ${all_s:-null}, "unit": "s"},
    "replay_to_landed": {"value": ${landed_s:-null}, "unit": "s"},
    "ticks_per_s": {"value": ${tps:-null}, "unit": "ticks/s"},
    "replay_alone_ticks_per_s": {"value": ${replay_tps:-null}, "unit": "ticks/s"},
    "files": {"value": $(cut -d' ' -f1 <<< "${files:-null null}"), "unit": "objects"},
    "lake_bytes": {"value": $(cut -d' ' -f2 <<< "${files:-null null}"), "unit": "B"},
    "peak_heap_before_gc": {"value": ${peak_heap_mib:-null}, "unit": "MiB"},
    "peak_heap_after_gc": {"value": ${live_heap_mib:-null}, "unit": "MiB"},
    "gc_pauses": {"value": ${gcs:-0}, "unit": "pauses"},
    "full_gcs": {"value": ${full_gcs:-0}, "unit": "pauses"},
    "peak_rss": {"value": ${rss_kib:-null}, "unit": "KiB"},
    "wall_clock_time_v": {"value": "${wall:-}", "unit": "h:mm:ss"}
  },
  "notes": ["demo --until-done over the CSV, broker + topology + sink + DuckDB rollups in one JVM under -Xmx$heap",
            "peak heap = largest occupancy before a GC pause in the GC log (G1 lets it fill the heap before collecting); after GC = largest occupancy left after a pause (the live set); peak RSS = /usr/bin/time -v max resident"]
}
JSON
