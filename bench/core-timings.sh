#!/usr/bin/env bash
# Times the two things a user waits for, as medians of several runs on this machine:
#   1. grader/bin/grader grade on one correct submission (JVM start, compile, child JVM, all fixtures);
#   2. the student's pre-submit check, mvn -pl student-template -am test -Dpresubmit, with a correct Conv2d.
# Usage: bench/core-timings.sh [RUNS]   (default 5). Prints one line per measurement and the medians.
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-5}"
work=$(mktemp -d)
template=student-template/src/main/java/cnn/Conv2d.java
cp "$template" "$work/Conv2d.template"
trap 'cp "$work/Conv2d.template" "$template"; rm -rf "$work"' EXIT

seconds() { python3 -c 'import sys,time; print(f"{time.time():.3f}")'; }
median() { sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

grader/bin/grader --version >/dev/null   # builds the grader once, outside the timings
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(java -version 2>&1 | head -n 1)"

: > "$work/grade.txt"
for i in $(seq "$runs"); do
  t0=$(seconds)
  grader/bin/grader grade fixtures/submissions/correct-loops --out "$work/out" >/dev/null
  t1=$(seconds)
  echo "grade one submission, run $i: $(python3 -c "print(f'{$t1 - $t0:.2f}')") s"
  python3 -c "print($t1 - $t0)" >> "$work/grade.txt"
done

cp fixtures/submissions/correct-loops/cnn/Conv2d.java "$template"
mvn -B -q -Dstyle.color=never install -DskipTests >/dev/null   # warm the reactor, outside the timings
: > "$work/check.txt"
for i in $(seq "$runs"); do
  t0=$(seconds)
  mvn -B -q -Dstyle.color=never -pl student-template -am test -Dpresubmit >/dev/null
  t1=$(seconds)
  echo "student check, run $i: $(python3 -c "print(f'{$t1 - $t0:.2f}')") s"
  python3 -c "print($t1 - $t0)" >> "$work/check.txt"
done

printf 'median: grade one submission %.2f s (26 cases, 130 parts); student check %.2f s (13 public cases)\n' \
  "$(median < "$work/grade.txt")" "$(median < "$work/check.txt")"
