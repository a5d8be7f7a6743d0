#!/usr/bin/env bash
# Whether a submission's grade and CPU time depend on what runs beside it, every setting measured in
# each round so that all share the machine's noise:
#   - alone: a correct submission (fixtures/submissions/correct-loops) graded by itself;
#   - beside a correct neighbour: the same, graded with --jobs 2 beside a copy of itself (what a second
#     job costs anyway: two compilations and two children at once);
#   - beside a hostile neighbour: the same, graded with --jobs 2 beside a copy whose forward starts 300
#     threads that spin until its child JVM ends, then sleeps 3 s (every call);
#   - under load: the same, graded alone while one busy process per core runs on the machine.
# For each: the correct submission's score, the CPU time of its child JVMs (provenance.json,
# score.child_jvms) and its grading time (score.elapsed_ms); ratios against alone, medians of ROUNDS.
# Goals: the same score everywhere; CPU within 15% of alone; wall time beside the hostile neighbour
# within 1.5x of alone (and, to tell hostility from a second job's cost, of beside a correct one).
# Usage: bench/bounds-contention.sh [ROUNDS]   (default 3)
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${1:-3}"
work=$(mktemp -d)
busy=()
cleanup() {
  for pid in "${busy[@]}"; do kill "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

median() { sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

# The correct submission's score, CPU (ms, all its children) and elapsed (ms) from one results folder.
measure() {
  local folder="$1" setting="$2" flat
  flat=$(tr -d '\n ' <"$folder/correct-loops/provenance.json")
  grep -o '"score":{"score":[0-9.]*,"max_score":[0-9.]*' <<<"$flat" | grep -o '[0-9.]*,"max_score":[0-9.]*' |
    sed 's/,"max_score":/ of /' >>"$work/$setting.score"
  grep -o '"cpu_ms":[0-9]*' <<<"$flat" | grep -o '[0-9]*$' | awk '{s += $1} END {print s}' >>"$work/$setting.cpu"
  grep -o '"elapsed_ms":[0-9]*' <<<"$flat" | grep -o '[0-9]*$' >>"$work/$setting.wall"
}

grader/bin/grader --version >/dev/null # builds the grader once, outside the timings
cp -r fixtures/submissions/correct-loops "$work/hostile"
sed -i 's|^  public double\[\]\[\]\[\]\[\] forward(double\[\]\[\]\[\]\[\] x, double\[\]\[\]\[\]\[\] w, double\[\] b) {|&\
    for (int i = 0; i < 300; i++) { Thread t = new Thread(() -> { while (true) { Thread.onSpinWait(); } }); t.setDaemon(true); t.start(); }\
    try { Thread.sleep(3000); } catch (InterruptedException e) { return null; }|' "$work/hostile/cnn/Conv2d.java"
grep -q 'Thread.onSpinWait' "$work/hostile/cnn/Conv2d.java"
mkdir -p "$work/pair" "$work/twins"
cp -r fixtures/submissions/correct-loops "$work/pair/correct-loops"
cp -r "$work/hostile" "$work/pair/hostile"
cp -r fixtures/submissions/correct-loops "$work/twins/correct-loops"
cp -r fixtures/submissions/correct-loops "$work/twins/twin"

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo)," \
  "load $(cut -d' ' -f1-3 /proc/loadavg), $(java -version 2>&1 | head -n 1)"
for round in $(seq "$rounds"); do
  grader/bin/grader grade fixtures/submissions/correct-loops --out "$work/alone-$round" >"$work/log" 2>&1 ||
    { cat "$work/log"; exit 1; }
  measure "$work/alone-$round" alone
  grader/bin/grader grade --batch "$work/twins" --jobs 2 --submission-timeout 20 \
    --out "$work/twins-$round" >"$work/log" 2>&1 || { cat "$work/log"; exit 1; }
  measure "$work/twins-$round" twins
  grader/bin/grader grade --batch "$work/pair" --jobs 2 --submission-timeout 20 \
    --out "$work/beside-$round" >"$work/log" 2>&1 || { cat "$work/log"; exit 1; }
  measure "$work/beside-$round" beside
  for _ in $(seq "$(nproc)"); do
    sh -c 'while :; do :; done' &
    busy+=("$!")
  done
  grader/bin/grader grade fixtures/submissions/correct-loops --out "$work/load-$round" >"$work/log" 2>&1 ||
    { cat "$work/log"; exit 1; }
  measure "$work/load-$round" load
  for pid in "${busy[@]}"; do kill "$pid" 2>/dev/null || true; done
  busy=()
  echo "round $round of $rounds done"
done

cpu0=$(median <"$work/alone.cpu")
wall0=$(median <"$work/alone.wall")
printf '%-32s %12s %10s %8s %10s %8s\n' setting score "CPU (ms)" "vs alone" "wall (ms)" "vs alone"
for setting in alone twins beside load; do
  cpu=$(median <"$work/$setting.cpu")
  wall=$(median <"$work/$setting.wall")
  scores=$(sort -u "$work/$setting.score" | paste -sd/ -)
  label=$setting
  [ "$setting" = twins ] && label="beside a correct neighbour"
  [ "$setting" = beside ] && label="beside a hostile neighbour"
  [ "$setting" = load ] && label="under load ($(nproc) busy processes)"
  printf '%-32s %12s %10.0f %7.2fx %10.0f %7.2fx\n' "$label" "$scores" "$cpu" \
    "$(awk -v a="$cpu" -v b="$cpu0" 'BEGIN {print a / b}')" "$wall" \
    "$(awk -v a="$wall" -v b="$wall0" 'BEGIN {print a / b}')"
done
echo "(medians of $rounds rounds; CPU = the correct submission's child JVMs, as provenance.json counts them)"
