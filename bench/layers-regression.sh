#!/usr/bin/env bash
# Grading before and after a change, measured in one run on one machine: the grader of another commit
# (BASE, built in a worktree of its own) and this checkout's grader each grade the same K distinct copies
# of a correct solution of LAYERS (--jobs 2, the default sandbox), in alternating rounds so that the
# machine's drift hits both alike. Both grade BASE's fixtures (a newer grader reads an older commit's
# fixtures; an older one may not know a newer file's cases or mistakes), with --layers LAYERS where the
# grader has it, so both grade the same cases. Reports, per grader, the median over rounds of submissions
# per second and CPU per submission (the grader and every process it started, counted by a cgroup v2 of
# its own, as bench/batch-benchmark.sh does), and the ratios after/before.
#
# Usage: bench/layers-regression.sh BASE [K] [ROUNDS] [LAYERS]
#        (defaults: 60 submissions, 3 rounds, conv2d; LAYERS comma-separated, e.g.
#        conv2d,maxpool2d,spatial_batchnorm,spatial_groupnorm)
# Needs root (or BENCH_CGROUP, a cgroup v2 folder it may create groups in), a JDK 17 and Maven.
set -euo pipefail
cd "$(dirname "$0")/.."
base="${1:?usage: bench/layers-regression.sh BASE [K] [ROUNDS]}"
k="${2:-60}"
rounds="${3:-3}"
layer_ids="${4:-conv2d}"

cgroot="${BENCH_CGROUP:-$(awk '$3 == "cgroup2" {print $2; exit}' /proc/mounts)}"
if [ -z "$cgroot" ] || ! mkdir "$cgroot/layers-regression-$$" 2>/dev/null; then
  echo "needs a cgroup v2 folder it may create groups in (run as root, or set BENCH_CGROUP)" >&2
  exit 2
fi
cgroups="$cgroot/layers-regression-$$"
work=$(mktemp -d)
before="$work/before"
trap 'git worktree remove --force "$before" >/dev/null 2>&1 || true; rm -rf "$work";
  find "$cgroups" -depth -type d -exec rmdir {} + 2>/dev/null || true' EXIT

median() { sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
calc() { awk "BEGIN {printf \"%.${2:-3}f\\n\", $1}"; }
now() { date +%s.%N; }

# measured NAME COMMAND...: COMMAND in a cgroup of its own; "WALL CPU" (seconds) in $work/NAME.measure.
measured() {
  local name=$1 group="$cgroups/$1" t0 t1 i
  shift
  mkdir "$group"
  t0=$(now)
  if ! (echo "$BASHPID" >"$group/cgroup.procs" && "$@") >"$work/$name.log" 2>&1; then
    tail -n 30 "$work/$name.log"
    echo "$name failed" >&2
    exit 1
  fi
  t1=$(now)
  for i in $(seq 100); do
    [ -z "$(cat "$group/cgroup.procs")" ] && break
    sleep 0.1
  done
  awk -v a="$t0" -v b="$t1" '/^usage_usec/ {printf "%.3f %.3f\n", b - a, $2 / 1e6}' "$group/cpu.stat" \
    >"$work/$name.measure"
  rmdir "$group"
}

git worktree add --detach -q "$before" "$base"
"$before/grader/bin/grader" --version >/dev/null
grader/bin/grader --version >/dev/null
# Both grade BASE's fixtures, LAYERS alone where the grader has --layers.
layers=()
if grader/bin/grader grade --help | grep -q -- '--layers'; then layers=(--layers "$layer_ids"); fi
before_layers=()
if "$before/grader/bin/grader" grade --help | grep -q -- '--layers'; then
  before_layers=(--layers "$layer_ids")
fi
echo "before: $(git -C "$before" log -1 --format='%h %s' | cut -c1-90)"
echo "after:  $(git log -1 --format='%h %s' | cut -c1-90)"
echo "both grading $base's fixtures with ${layers[*]:-every layer}"
echo "machine: $(nproc) cores, $(java -version 2>&1 | head -n 1), $(uname -sr);" \
  "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"

solution=fixtures/submissions/correct-loops
mkdir "$work/batch"
for i in $(seq -w 1 "$k"); do
  mkdir -p "$work/batch/s$i/cnn"
  cp "$solution"/cnn/*.java "$work/batch/s$i/cnn/"
  echo "// copy $i of $k, $RANDOM$RANDOM" >>"$work/batch/s$i/cnn/Conv2d.java"
done

for round in $(seq "$rounds"); do
  for side in before after; do
    if [ "$side" = before ]; then
      grader="$before/grader/bin/grader"
      fixtures="$before/fixtures"
      extra=("${before_layers[@]}")
    else
      grader=grader/bin/grader
      fixtures="$before/fixtures"
      extra=("${layers[@]}")
    fi
    measured "$side-$round" "$grader" grade --batch "$work/batch" --out "$work/out-$side-$round" \
      --jobs 2 --fixtures "$fixtures" "${extra[@]}"
    # A correct solution scores the whole of what is graded: its score equals its "max" column.
    awk '$1 ~ /^s0*1$/ && $2 == $3 && $3 > 0 { found = 1 } END { exit !found }' \
      "$work/$side-$round.log" || {
      tail -n 5 "$work/$side-$round.log"
      echo "$side did not give the first copy full marks" >&2
      exit 1
    }
    read -r wall cpu <"$work/$side-$round.measure"
    echo "round $round $side: $(calc "$k / $wall" 2) submissions/s, $(calc "$cpu / $k" 3) s CPU each"
    calc "$k / $wall" 4 >>"$work/$side.rate"
    calc "$cpu / $k" 4 >>"$work/$side.cpu"
  done
done

rate_before=$(median <"$work/before.rate")
rate_after=$(median <"$work/after.rate")
cpu_before=$(median <"$work/before.cpu")
cpu_after=$(median <"$work/after.cpu")
echo "medians of $rounds rounds, $k submissions each:"
echo "  before: $(calc "$rate_before" 2) submissions/s, $(calc "$cpu_before" 3) s CPU each"
echo "  after:  $(calc "$rate_after" 2) submissions/s, $(calc "$cpu_after" 3) s CPU each"
echo "  after/before: throughput $(calc "$rate_after / $rate_before" 3)x, CPU $(calc "$cpu_after / $cpu_before" 3)x"
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
