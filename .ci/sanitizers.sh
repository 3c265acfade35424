#!/usr/bin/env bash
# The test run's second half (called by `.ci/bootstrap.sh test` after the ci build's suite, or on its own):
#   1. the libFuzzer targets (clang, fuzz preset): each replays its committed seeds and fuzzes for
#      MESHLENS_FUZZ_SECONDS (20 by default);
#   2. ThreadSanitizer (tsan preset): only the targets of the tests labelled `threads` are built and run;
#   3. AddressSanitizer + UndefinedBehaviorSanitizer (asan preset): the whole suite.
# Each preset builds in a fresh directory (a reused asan tree once failed to link the UI tests). Stages, in order of
# cost; MESHLENS_SANITIZERS=fuzz,tsan (a comma list) runs only those. Prints each stage's minutes for the budget.
set -euo pipefail
cd "$(dirname "$0")/.."
stages=${MESHLENS_SANITIZERS:-fuzz,tsan,asan}
export QT_QPA_PLATFORM=offscreen

stage() { [[ ",$stages," == *",$1,"* ]]; }
took() { echo "== $1 took $(((SECONDS - $2) / 60)) min $(((SECONDS - $2) % 60)) s"; }
# A stage's start: its title, the clock, and preset $1 configured in a fresh build directory (arguments after the
# title go to cmake).
begin() {
    local preset=$1 title=$2
    shift 2
    echo "== $title"
    start=$SECONDS
    rm -rf "build/$preset"
    cmake --preset "$preset" "$@" >/dev/null
}
# A stage's end: the preset's tests, then how long the stage took.
finish() {
    ctest --preset "$1" -j2
    took "$1" "$start"
}

if stage fuzz; then
    begin fuzz "fuzz targets (clang, ASan + UBSan, ${MESHLENS_FUZZ_SECONDS:-20} s each after the seeds)" \
        -DMESHLENS_FUZZ_SECONDS="${MESHLENS_FUZZ_SECONDS:-20}"
    cmake --build --preset fuzz
    finish fuzz
fi

if stage tsan; then
    begin tsan "ThreadSanitizer: the tests labelled threads"
    mapfile -t targets < <(ctest --preset tsan -N | awk '/Test +#/ {print $3}')
    cmake --build --preset tsan --target "${targets[@]}"
    finish tsan
fi

if stage asan; then
    begin asan "AddressSanitizer + UndefinedBehaviorSanitizer: the whole suite"
    cmake --build --preset asan
    finish asan
fi
