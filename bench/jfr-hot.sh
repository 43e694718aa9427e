#!/usr/bin/env bash
# Top frames of a JFR recording's execution samples (JDK 17 has no `jfr view hot-methods`).
# usage: bench/jfr-hot.sh FILE.jfr [N=25] [THREAD-REGEX=.]
#   self  : samples whose top frame is the method
#   total : samples with the method anywhere on the stack (once per sample)
set -euo pipefail
file=$1; n=${2:-25}; thread=${3:-.}
jfr print --events jdk.ExecutionSample "$file" | awk -v n="$n" -v thr="$thread" '
  /sampledThread = / { keep = ($0 ~ thr) }
  /stackTrace = \[/ { if (keep) { in_st = 1; depth = 0; delete seen; samples++ } ; next }
  in_st && /^[[:space:]]*\]/ { in_st = 0; next }
  in_st {
    line = $0; sub(/^[[:space:]]+/, "", line); sub(/[[:space:]]+line:.*/, "", line); sub(/\(.*/, "", line)
    if (line == "...") next
    if (depth == 0) self[line]++
    if (!(line in seen)) { total[line]++; seen[line] = 1 }
    depth++
  }
  END {
    printf "samples: %d\n\n-- self (top frame) --\n", samples
    for (m in self) printf "%6d %5.1f%%  %s\n", self[m], 100 * self[m] / samples, m | "sort -rn | head -" n
    close("sort -rn | head -" n)
    printf "\n-- total (on stack) --\n"
    for (m in total) printf "%6d %5.1f%%  %s\n", total[m], 100 * total[m] / samples, m | "sort -rn | head -" n
  }'
