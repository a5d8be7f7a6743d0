#!/usr/bin/env bash
# Batch grading against the naive route and the floor, all measured in the same run on the same machine
# (absolute times differ from machine to machine; the ratios travel better), with the default fixtures and
# every layer of the assignment:
#   - the grader: grader/bin/grader grade --batch DIR --jobs 2 (the default sandbox) on K distinct copies of
#     a correct submission (each differs by a comment, so no cache can serve one copy's result for
#     another): submissions per second, median per-submission latency (results.json's execution_time),
#     CPU per submission (the grader and every process it started, / K), split into the grader's own JVM,
#     the child JVMs (provenance.json's score.child_jvms) and the rest (the compile worker, bubblewrap),
#     the CPU charged to each layer's cases (score.case_cpu_ms_by_layer), how long the cores sat idle
#     while the batch ran (/proc/stat), and the peak memory of the grader's JVM and of the largest child
#     (provenance.json's peak_memory_mib);
#   - the naive route: each submission's layers copied into the students' handout (grader handout) and
#     checked with `mvn -B -o -q test`, one at a time; timed on a sample of NAIVE submissions per round
#     (default 5) after one untimed run, in one unzipped handout whose build folder is reused (the most
#     favourable case for Maven); the handout runs the public cases only;
#   - the floor: the same cases run by a bare driver in one plain JVM per submission (inputs drawn in
#     memory, no JSON, no sandbox, no comparison; bench/floor/FloorCases.java), plus the in-process
#     compile of the submission by a warm compiler (bench/floor/FloorCompile.java).
# Goals (2 cores, default fixtures): throughput at least 20x the naive route's; the grader's own JVM at
# most 0.05 s of CPU per submission; the child JVMs at most 1.1x the floor's cases; the cores idle at
# most 10% of the batch. Each round measures all three routes; the summary gives medians over rounds.
#
# CPU is counted by a cgroup (v2) of the measured command's own: getrusage (/usr/bin/time) does not count
# the processes inside bubblewrap's PID namespace (a JVM that used 0.8 s of CPU there showed 0 s), and
# the grader's children run there. Hence this needs root (or a cgroup v2 folder in BENCH_CGROUP that it
# may create groups in).
#
# Usage: bench/batch-benchmark.sh [K] [ROUNDS]      (defaults: 100 submissions, 3 rounds; BENCH_JOBS
#                                                   sets --jobs, default 2; GRADER_JAVA_OPTS reaches the
#                                                   grader's JVM, e.g. a flight recording)
#        bench/batch-benchmark.sh --scale [K]       (default 1000: the grader alone, end to end: time, CPU
#                                                    and memory; the goal is a grader JVM under 1 GiB)
# Needs a JDK 17, unzip, and Maven with the handout's plugins in the local repository (the naive route runs
# offline).
set -euo pipefail
cd "$(dirname "$0")/.."

scale=0
if [ "${1:-}" = "--scale" ]; then
  scale=1
  shift
  k="${1:-1000}"
  rounds=1
else
  k="${1:-100}"
  rounds="${2:-3}"
fi
naive_sample="${NAIVE:-5}"
jobs=${BENCH_JOBS:-2}

cgroot="${BENCH_CGROUP:-$(awk '$3 == "cgroup2" {print $2; exit}' /proc/mounts)}"
if [ -z "$cgroot" ] || ! mkdir "$cgroot/batch-benchmark-$$" 2>/dev/null; then
  echo "needs a cgroup v2 folder it may create groups in (run as root, or set BENCH_CGROUP)" >&2
  exit 2
fi
cgroups="$cgroot/batch-benchmark-$$"
work=$(mktemp -d)
trap 'rm -rf "$work"; find "$cgroups" -depth -type d -exec rmdir {} + 2>/dev/null || true' EXIT

median() { sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
calc() { awk "BEGIN {printf \"%.${2:-3}f\\n\", $1}"; }
now() { date +%s.%N; }

# measured NAME COMMAND...: runs COMMAND in a cgroup of its own; leaves "WALL CPU" (seconds) in
# $work/NAME.measure. COMMAND's output goes to $work/NAME.log.
measured() {
  local name=$1 group="$cgroups/$1" t0 t1
  shift
  mkdir "$group"
  t0=$(now)
  if ! (echo "$BASHPID" >"$group/cgroup.procs" && "$@") >"$work/$name.log" 2>&1; then
    tail -n 30 "$work/$name.log"
    echo "$name failed" >&2
    exit 1
  fi
  t1=$(now)
  finish "$name" "$t0" "$t1"
}

# finish NAME T0 T1: the group's CPU once every process in it has ended.
finish() {
  local group="$cgroups/$1" i
  for i in $(seq 100); do
    [ -z "$(cat "$group/cgroup.procs")" ] && break
    sleep 0.1
  done
  awk -v a="$2" -v b="$3" '/^usage_usec/ {printf "%.3f %.3f\n", b - a, $2 / 1e6}' "$group/cpu.stat" \
    >"$work/$1.measure"
  rmdir "$group"
}
wall() { awk '{print $1}' "$work/$1.measure"; }
cpu() { awk '{print $2}' "$work/$1.measure"; }

grader/bin/grader --version >/dev/null # builds the grader once, outside the timings
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo)," \
  "$(java -version 2>&1 | head -n 1), $(uname -sr); load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"

# K copies of a correct submission of every layer, each one's Conv2d.java ending in a comment of its own.
solution=fixtures/submissions/correct-loops
layers="conv2d maxpool2d spatial_batchnorm spatial_groupnorm"
ids=()
mkdir "$work/batch"
for i in $(seq -w 1 "$k"); do
  ids+=("s$i")
  mkdir -p "$work/batch/s$i"
  cp -r "$solution/cnn" "$work/batch/s$i/"
  echo "// copy $i of $k, $RANDOM$RANDOM" >>"$work/batch/s$i/cnn/Conv2d.java"
done

# The machine's idle and total CPU time so far, in clock ticks (the first line of /proc/stat).
cpu_ticks() { awk '/^cpu / {print $5 + $6, $2 + $3 + $4 + $5 + $6 + $7 + $8 + $9}' /proc/stat; }

# grade_batch ROUND: grades the batch; appends its figures to $work/grader.*
grade_batch() {
  local name="grader-$1" out="$work/out-$1" group="$cgroups/grader-$1" t0 t1 grader hwm=0 child=0 own=0 v
  local ticks0 ticks1
  rm -rf "$out"
  mkdir "$group"
  ticks0=$(cpu_ticks)
  t0=$(now)
  (echo "$BASHPID" >"$group/cgroup.procs" &&
    exec grader/bin/grader grade --batch "$work/batch" --jobs "$jobs" --out "$out") >"$work/$name.log" 2>&1 &
  grader=$! # the launcher execs java: this is the grader's JVM
  # VmHWM and CPU time only grow, so the grader's last readings are its peak and its own CPU. Read
  # with the shell's builtins alone: a sampler that starts processes (awk, pgrep) four times a second
  # took several percent of the two cores it measures. The children's peak comes from provenance.json.
  local line fields
  while kill -0 "$grader" 2>/dev/null; do
    while read -r line; do
      case "$line" in VmHWM:*)
        v=${line#VmHWM:}
        v=${v% kB}
        v=${v//[[:space:]]/}
        if [ "$v" -gt "$hwm" ]; then hwm=$v; fi ;;
      esac
    done 2>/dev/null <"/proc/$grader/status" || true
    if read -r line 2>/dev/null <"/proc/$grader/stat"; then
      read -r -a fields <<<"${line##*) }"
      own=$((fields[11] + fields[12]))
    fi
    sleep 0.25
  done
  wait "$grader" || { tail -n 30 "$work/$name.log"; echo "the grader failed" >&2; exit 1; }
  t1=$(now)
  ticks1=$(cpu_ticks)
  finish "$name" "$t0" "$t1"
  local full
  full=$(grep -cE '^s[0-9]+ +([0-9.]+) +\1 ' "$work/$name.log" || true)
  [ "$full" = "$k" ] || { tail -n 20 "$work/$name.log"; echo "only $full of $k copies got full marks" >&2; exit 1; }
  wall "$name" >>"$work/grader.wall"
  calc "$(cpu "$name") / $k" 4 >>"$work/grader.cpu"
  cat "$out"/s*/results.json | grep -o '"execution_time" *: *[0-9.]*' | grep -o '[0-9.]*$' | median \
    >>"$work/grader.latency"
  echo "$hwm" >>"$work/grader.hwm"
  child=$(cat "$out"/s*/provenance.json | grep -o '"peak_memory_mib" : [0-9]*' | awk '{print $3 * 1024}' | sort -g | tail -n 1)
  echo "${child:-0}" >>"$work/grader.child"
  calc "$own / $(getconf CLK_TCK) / $k" 4 >>"$work/grader.own"
  # The child JVMs' CPU as provenance.json records it (their control groups count every process).
  local children
  children=$(cat "$out"/s*/provenance.json | grep -o '"cpu_ms" : [0-9]*' | awk '{s += $3} END {print s / 1000}')
  calc "$children / $k" 4 >>"$work/grader.children"
  local layer
  for layer in $layers; do
    cat "$out"/s*/provenance.json | grep -o "\"$layer\" : [0-9]*" |
      awk -v k="$k" '{s += $3} END {printf "%.4f\n", s / 1000 / k}' >>"$work/grader.layer-$layer"
  done
  echo "$ticks0 $ticks1" | awk '{printf "%.3f\n", ($3 - $1) / ($4 - $2)}' >>"$work/grader.idle"
  echo "round $1: grader $(wall "$name") s wall, $(cpu "$name") s CPU for $k submissions" \
    "($(calc "$own / $(getconf CLK_TCK)") s in the grader's JVM, $children s in child JVMs); cores idle" \
    "$(calc "100 * $(tail -n 1 "$work/grader.idle")" 1)% of the batch; grader JVM peak $((hwm / 1024)) MiB," \
    "largest child JVM $((child / 1024)) MiB"
}

if [ "$scale" = 1 ]; then
  grade_batch 1
  wall=$(cat "$work/grader.wall")
  hwm=$(cat "$work/grader.hwm")
  echo
  echo "$k submissions graded end to end (--jobs $jobs, the default sandbox): $wall s" \
    "($(calc "$k / $wall" 2) per second), $(cat "$work/grader.cpu") s CPU per submission," \
    "median latency $(cat "$work/grader.latency") s"
  echo "grader JVM peak (VmHWM): $((hwm / 1024)) MiB; largest child JVM: $(($(cat "$work/grader.child") / 1024)) MiB"
  if [ "$hwm" -lt $((1024 * 1024)) ]; then verdict=PASS; else verdict=FAIL; fi
  echo "goal: grader memory under 1 GiB: $verdict"
  exit 0
fi

# The floor's tools and cases: each layer's sizes and seeds from its case list, one line per case.
mkdir "$work/floor"
javac -d "$work/floor" bench/floor/FloorCompile.java
: >"$work/cases.txt"
for layer in $layers; do
  case $layer in
    conv2d) keys="n c h w f hh ww stride pad" ;;
    maxpool2d) keys="n c h w pool_height pool_width stride" ;;
    spatial_batchnorm) keys="t n c h w eps momentum" ;;
    spatial_groupnorm) keys="n c h w groups eps" ;;
  esac
  awk -F'[:,]' -v layer="$layer" -v keys="$keys" '
    BEGIN { n = split(keys, k, " ") }
    /^ *"[a-z_]+": *-?[0-9.e-]+,?$/ {
      key = $1; gsub(/[" ]/, "", key); value = $2; gsub(/ /, "", value); v[key] = value
      if (key == "seed") {
        line = layer
        for (i = 1; i <= n; i++) line = line " " v[k[i]]
        print line, value
        delete v
      }
    }' "fixtures/$layer/cases.json" >>"$work/cases.txt"
  cases=$(grep -c "^$layer " "$work/cases.txt")
  fixtures=$(find "fixtures/$layer/public" "fixtures/$layer/hidden" -name '*.json' | wc -l)
  [ "$cases" = "$fixtures" ] || { echo "$layer: the case list has $cases cases, the fixtures $fixtures" >&2; exit 1; }
done
mkdir "$work/floor-batch"
cp -r "$work/batch/." "$work/floor-batch/"
java -Dclk.tck="$(getconf CLK_TCK)" -cp "$work/floor" FloorCompile 10 "$work/floor-batch"/s* >"$work/compile.ms"
javac -d "$work/floor" -cp "$work/floor-batch/${ids[0]}/classes" bench/floor/FloorCases.java

# The floor's cases: one plain JVM per copy, one at a time.
floor_cases() {
  local s
  for s in "${ids[@]}"; do
    java -cp "$work/floor:$work/floor-batch/$s/classes" FloorCases "$work/cases.txt" "$work/floor-$1.layers" >/dev/null
  done
}
floor() {
  measured "floor-$1" floor_cases "$1"
  calc "$(cpu "floor-$1") / $k" 4 >>"$work/floor.cases"
  local layer
  for layer in $layers; do
    awk -v layer="$layer" -v k="$k" '$1 == layer {s += $2} END {printf "%.4f\n", s / 1e9 / k}' \
      "$work/floor-$1.layers" >>"$work/floor.layer-$layer"
  done
  echo "round $1: floor $(cpu "floor-$1") s CPU for $k plain JVMs ($(wall "floor-$1") s wall)"
}

# The naive route: one unzipped handout, one untimed run to fill its build folder, then a sample.
grader/bin/grader handout --out "$work/handout.zip" >/dev/null
(cd "$work" && unzip -q handout.zip) # into its one folder, handout/
handout_sources="$work/handout/src/main/java/cnn"
maven_test() { cd "$work/handout" && exec mvn -B -o -q test; }
cp "$work/batch/${ids[0]}"/cnn/*.java "$handout_sources/"
measured naive-warmup maven_test

naive() {
  local step=$(((k + naive_sample - 1) / naive_sample)) i
  for ((i = 0; i < k; i += step)); do
    cp "$work/batch/${ids[$i]}"/cnn/*.java "$handout_sources/"
    measured "naive-$1-$i" maven_test
    wall "naive-$1-$i" >>"$work/naive.wall"
    cpu "naive-$1-$i" >>"$work/naive.cpu"
  done
  echo "round $1: naive route $(median <"$work/naive.wall") s per submission so far (median wall)"
}

for round in $(seq "$rounds"); do
  grade_batch "$round"
  floor "$round"
  naive "$round"
done

g_wall=$(median <"$work/grader.wall")
g_rate=$(calc "$k / $g_wall" 2)
g_cpu=$(median <"$work/grader.cpu")
g_latency=$(median <"$work/grader.latency")
g_hwm=$(($(sort -g "$work/grader.hwm" | tail -n 1) / 1024))
g_child=$(($(sort -g "$work/grader.child" | tail -n 1) / 1024))
n_wall=$(median <"$work/naive.wall")
n_rate=$(calc "1 / $n_wall" 3)
n_cpu=$(median <"$work/naive.cpu")
f_compile=$(calc "$(cat "$work/compile.ms") / 1000" 4)
f_cases=$(median <"$work/floor.cases")
f_cpu=$(calc "$f_cases + $f_compile" 4)
g_own=$(median <"$work/grader.own")
g_children=$(median <"$work/grader.children")
g_idle=$(median <"$work/grader.idle")
g_rest=$(calc "$g_cpu - $g_own - $g_children" 4)
throughput_ratio=$(calc "$g_rate / $n_rate" 1)
cpu_ratio=$(calc "$g_cpu / $f_cpu" 2)
child_ratio=$(calc "$g_children / $f_cases" 2)
idle_percent=$(calc "100 * $g_idle" 1)
verdict() { awk "BEGIN {print ($1) ? \"PASS\" : \"FAIL\"}"; }

echo
printf '%-62s %10s %15s %10s\n' "route ($k submissions, $rounds rounds; medians)" "per second" "CPU/submission" "latency"
printf '%-62s %10s %14ss %9ss\n' "grader grade --batch --jobs $jobs (default sandbox)" "$g_rate" "$g_cpu" "$g_latency"
printf '%-62s %10s %14ss %10s\n' "  in the grader's own JVM" "-" "$g_own" "-"
printf '%-62s %10s %14ss %10s\n' "  in the child JVMs" "-" "$g_children" "-"
printf '%-62s %10s %14ss %10s\n' "  the rest (compile worker, sandbox, launcher)" "-" "$g_rest" "-"
printf '%-62s %10s %14ss %9ss\n' "naive: mvn -o test in the handout ($naive_sample a round, one at a time)" "$n_rate" "$n_cpu" "$n_wall"
printf '%-62s %10s %14ss %10s\n' "floor: plain JVM per submission + warm in-process compile" "-" "$f_cpu" "-"
printf '%-62s %10s %14ss %10s\n' "  the cases in a plain JVM" "-" "$f_cases" "-"
printf '%-62s %10s %14ss %10s\n' "  the warm compile" "-" "$f_compile" "-"
echo
printf '%-20s %22s %22s\n' "layer" "grader: charged CPU" "floor: process CPU"
for layer in $layers; do
  printf '%-20s %21ss %21ss\n' "$layer" "$(median <"$work/grader.layer-$layer")" "$(median <"$work/floor.layer-$layer")"
done
echo
echo "grader JVM peak (VmHWM): $g_hwm MiB; largest child JVM: $g_child MiB"
echo "cores idle while the batch ran: ${idle_percent}% (the machine's idle time over its total, /proc/stat)"
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "goal: throughput >= 20x the naive route's: ${throughput_ratio}x $(verdict "$throughput_ratio >= 20")"
echo "goal: the child JVMs' CPU <= 1.1x the floor's cases: ${child_ratio}x $(verdict "$child_ratio <= 1.1")"
echo "goal: the grader's own JVM <= 0.05 s of CPU per submission: ${g_own} s $(verdict "$g_own <= 0.05")"
echo "goal: the cores idle <= 10% of the batch: ${idle_percent}% $(verdict "$idle_percent <= 10")"
echo "CPU per submission against the floor's (cases and compile): ${cpu_ratio}x"
