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

if stage fuzz; then
    echo "== fuzz targets (clang, ASan + UBSan, ${MESHLENS_FUZZ_SECONDS:-20} s each after the seeds)"
    start=$SECONDS
    rm -rf build/fuzz
    cmake --preset fuzz -DMESHLENS_FUZZ_SECONDS="${MESHLENS_FUZZ_SECONDS:-20}" >/dev/null
    cmake --build --preset fuzz
    ctest --preset fuzz -j2
    took "fuzz" $start
fi

if stage tsan; then
    echo "== ThreadSanitizer: the tests labelled threads"
    start=$SECONDS
    rm -rf build/tsan
    cmake --preset tsan >/dev/null
    mapfile -t targets < <(ctest --preset tsan -N | awk '/Test +#/ {print $3}')
    cmake --build --preset tsan --target "${targets[@]}"
    ctest --preset tsan -j2
    took "tsan" $start
fi

if stage asan; then
    echo "== AddressSanitizer + UndefinedBehaviorSanitizer: the whole suite"
    start=$SECONDS
    rm -rf build/asan
    cmake --preset asan >/dev/null
    cmake --build --preset asan
    ctest --preset asan -j2
    took "asan" $start
fi
