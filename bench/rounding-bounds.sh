#!/usr/bin/env bash
# What the rounding bounds cost the grader's JVM when it decides a case's values parts, against the
# relative error alone, measured in the same run (bench/bounds/BoundsCost.java): for a correct answer
# summed in another order and for one wrong everywhere, on the largest public fixture, and what it would
# cost to work out every element's bound instead of only those a difference could fall within.
# Usage: bench/rounding-bounds.sh [ROUNDS]   (default 21)
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${1:-21}"
grader/bin/grader --version >/dev/null 2>&1 # builds the grader when needed
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp="grader/cli/target/lib/*"
javac -d "$work" -cp "$cp" bench/bounds/BoundsCost.java
echo "$(nproc) cores, $(java -version 2>&1 | head -n 1), load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
java -cp "$work:$cp" BoundsCost fixtures/conv2d/public/large-4x16x32x32.json "$rounds"
