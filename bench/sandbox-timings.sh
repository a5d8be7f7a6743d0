#!/usr/bin/env bash
# What isolation costs, as medians over several rounds, every level measured in each round so that all
# share the machine's noise (absolute times differ from machine to machine; the ratios travel better):
#   - the time to grade one correct submission (grader/bin/grader grade, every layer's cases) with
#     --sandbox process (the baseline), user (when run as root) and bwrap (when it works here); every
#     level applies the same resource bounds per child (a control group where the machine has them);
#   - the child JVM's start-up: from starting the child to its report on the student's class, as
#     provenance.json records it (one child per submission runs the public and hidden cases);
#   - the grader's own share of a grade: the run's time minus the children's start-ups.
# Usage: bench/sandbox-timings.sh [ROUNDS]   (default 7)
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${1:-7}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

levels=(process)
[ "$(id -u)" = 0 ] && levels+=(user)
command -v bwrap >/dev/null 2>&1 && levels+=(bwrap)

median() { sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

grader/bin/grader --version >/dev/null # builds the grader once, outside the timings
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo)," \
  "$(java -version 2>&1 | head -n 1)"
for round in $(seq "$rounds"); do
  for level in "${levels[@]}"; do
    out="$work/$level-$round"
    t0=$(date +%s.%N)
    grader/bin/grader grade fixtures/submissions/correct-loops --out "$out" --sandbox "$level" \
      >"$work/log" 2>&1 || { cat "$work/log"; exit 1; }
    t1=$(date +%s.%N)
    grep -Eq '^correct-loops +([0-9]+) +\1 ' "$work/log" || { cat "$work/log"; exit 1; }
    awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.3f\n", b - a}' >>"$work/$level.grade"
    # child_jvm_starts_ms: [a, b] in provenance.json
    tr -d '\n ' <"$out/correct-loops/provenance.json" |
      grep -o '"child_jvm_starts_ms":\[[0-9,]*\]' | grep -o '[0-9][0-9,]*' | tr ',' '\n' >>"$work/$level.start"
  done
  echo "round $round of $rounds done"
done

base=$(median <"$work/process.grade")
printf '%-8s %12s %10s %22s\n' level "grade (s)" "vs process" "child JVM start (ms)"
for level in "${levels[@]}"; do
  grade=$(median <"$work/$level.grade")
  start=$(median <"$work/$level.start")
  printf '%-8s %12.3f %9.2fx %22.0f\n' "$level" "$grade" "$(awk -v a="$grade" -v b="$base" 'BEGIN {print a / b}')" "$start"
done
echo "(medians of $rounds rounds; grade = wall time of grader/bin/grader grade on fixtures/submissions/correct-loops)"
