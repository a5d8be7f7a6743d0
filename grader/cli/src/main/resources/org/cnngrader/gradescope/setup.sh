#!/usr/bin/env bash
# Gradescope runs this once, as root, when it builds the autograder's image (its default base image,
# Ubuntu 22.04). It installs all that grading needs, so that grading itself needs no network: the
# grader's jars and the fixtures are in the bundle.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive

# openjdk-17-jdk-headless: a full JDK, as the grader compiles submissions with javac.
# bubblewrap: sandbox level 1 where the container lets it run; where it cannot (Docker's default
#   seccomp profile), the grader, running as root, falls back to level 2, a user of the child's own.
# util-linux: setpriv (level 2), prlimit and setsid. coreutils: timeout, for run_autograder. Both
#   come with Ubuntu; they are named so that a slimmer base image fails here rather than when grading.
apt-get update
apt-get install -y openjdk-17-jdk-headless bubblewrap util-linux coreutils

# The image fails to build, where instructors see it, rather than at a student's first submission.
java -version
javac -version
bundle=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
java -cp "$bundle/lib/*" org.cnngrader.cli.GraderMain --version
