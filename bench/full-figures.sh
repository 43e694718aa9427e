#!/usr/bin/env bash
# Figures of a full run as JSON: the replay summary (demo stdout), the landing line (demo stderr), the GC log
# up to landing, the JVM's VmHWM at landing.
# usage: bench/full-figures.sh DEMO-STDOUT DEMO-STDERR GC-LOG SECONDS-TO-LANDED VMHWM-KIB HEAP "LOAD1 LOAD5 LOAD15"
set -euo pipefail
demo=$1; err=$2; gc=$3; landed_s=$4; hwm=$5; heap=$6; load=$7
ticks=$(grep -E '^  ticks: +[0-9,]+ ' "$demo" | head -1 | sed -E 's/^  ticks: +([0-9,]+) .*/\1/' | tr -d ,)
replay_s=$(grep -E '^  elapsed: +[0-9.]+ s, ' "$demo" | head -1 | sed -E 's/^  elapsed: +([0-9.]+) s.*/\1/')
# "landing: topology 42,329,406/42,329,406 raw records, lake 83,301,000/83,301,009 output records - all landed"
out_total=$(grep -- '- all landed' "$err" | head -1 | sed -E 's/.*lake [0-9,]+\/([0-9,]+) output.*/\1/' | tr -d ,)
# GC lines "[660.6s][info] GC(2550) Pause Young (Mixed) (G1 Evacuation Pause) 450M->140M(512M) 6.8ms", up to landing
gc_until=$(awk -v t="$landed_s" -F'[][s]' '$2 + 0 <= t + 0' "$gc")
peak_before=$(grep -oE '[0-9]+M->[0-9]+M\([0-9]+M\)' <<< "$gc_until" | sed -E 's/M->.*//' | sort -n | tail -1)
peak_after=$(grep -oE '[0-9]+M->[0-9]+M\([0-9]+M\)' <<< "$gc_until" | sed -E 's/.*M->([0-9]+)M.*/\1/' | sort -n | tail -1)
pauses=$(grep -c 'Pause' <<< "$gc_until" || true)
full_gcs=$(grep -c 'Pause Full' <<< "$gc_until" || true)
tps=$(awk -v n="$ticks" -v s="$landed_s" 'BEGIN {printf "%.0f", n / s}')
cat <<JSON
{
  "bench": "full",
  "at": "$(date -u +%FT%TZ)",
  "machine": {"cores": $(nproc), "load_at_landing": "$load", "heap_limit": "$heap"},
  "metrics": {
    "ticks": {"value": ${ticks:-null}, "unit": "ticks"},
    "output_offsets": {"value": ${out_total:-null}, "unit": "offsets"},
    "replay_alone": {"value": ${replay_s:-null}, "unit": "s"},
    "start_to_landed": {"value": $landed_s, "unit": "s"},
    "ticks_per_s": {"value": $tps, "unit": "ticks/s"},
    "peak_heap_before_gc": {"value": ${peak_before:-null}, "unit": "MiB"},
    "peak_heap_after_gc": {"value": ${peak_after:-null}, "unit": "MiB"},
    "gc_pauses": {"value": ${pauses:-0}, "unit": "pauses"},
    "full_gcs": {"value": ${full_gcs:-0}, "unit": "pauses"},
    "peak_rss_vmhwm": {"value": $hwm, "unit": "KiB"}
  },
  "notes": ["demo over the CSV, broker + topology + sink in one JVM under -Xmx$heap, JVM start → all landed (Kafka's committed offsets); rollups not included (bench query)",
            "peak heap = largest occupancy before a GC pause up to landing (G1 fills the heap before collecting); after = largest left after a pause (young pauses leave old-gen garbage, so an upper bound of the live set); RSS = VmHWM at landing"]
}
JSON
