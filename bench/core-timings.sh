#!/usr/bin/env bash
# Times what a user waits for, as medians of several runs, each beside a baseline measured in the same run
# on the same machine (absolute times differ from machine to machine; the ratios travel better):
#   1. grader/bin/grader grade on one correct submission (JVM start, fixtures, compile, child JVM, the 72
#      cases of every layer),
#      against grader/bin/grader --version (the launcher and a JVM start, nothing graded);
#   2. the student's pre-submit check, mvn -pl student-template -am test -Dpresubmit, with a correct Conv2d,
#      against the same Maven command stopped before the tests (test-compile).
# Usage: bench/core-timings.sh [RUNS]   (default 5)
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-5}"
work=$(mktemp -d)
template=student-template/src/main/java/cnn/Conv2d.java
cp "$template" "$work/Conv2d.template"
trap 'cp "$work/Conv2d.template" "$template"; rm -rf "$work"' EXIT

now() { date +%s.%N; }
median() { sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

# measure NAME COMMAND...: runs the command $runs times, prints each time, leaves the median in $work/NAME
measure() {
  local name=$1
  shift
  : >"$work/$name.times"
  for i in $(seq "$runs"); do
    local t0 t1
    t0=$(now)
    "$@" >"$work/$name.log" 2>&1 || { cat "$work/$name.log"; exit 1; }
    t1=$(now)
    awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.3f\n", b - a}' | tee -a "$work/$name.times" |
      sed "s/^/$name, run $i: /; s/$/ s/"
  done
  median <"$work/$name.times" >"$work/$name"
}

grader/bin/grader --version >/dev/null # builds the grader once, outside the timings
cp fixtures/submissions/correct-loops/cnn/Conv2d.java "$template"
mvn -B -q install -DskipTests >"$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo)," \
  "$(java -version 2>&1 | head -n 1)"
measure launcher-only grader/bin/grader --version
# --force: the same DIR holds the last run's results, which would otherwise be kept, not graded again
measure grade-one grader/bin/grader grade fixtures/submissions/correct-loops --out "$work/out" --force
measure maven-only mvn -B -q -pl student-template -am test-compile -Dpresubmit
measure student-check mvn -B -q -pl student-template -am test -Dpresubmit

ratio() { awk -v a="$(cat "$work/$1")" -v b="$(cat "$work/$2")" 'BEGIN {printf "%.1f", a / b}'; }
echo "median: grade one submission $(cat "$work/grade-one") s = $(ratio grade-one launcher-only) x" \
  "the launcher alone ($(cat "$work/launcher-only") s)"
echo "median: student check $(cat "$work/student-check") s = $(ratio student-check maven-only) x" \
  "Maven up to test-compile ($(cat "$work/maven-only") s)"
