#!/usr/bin/env bash
# Runs one libFuzzer target: replays its committed seeds, then fuzzes for SECONDS from a scratch copy (libFuzzer
# writes what it finds into the first corpus directory, and the committed seeds stay as they are).
#   run-fuzzer.sh BINARY SEEDS_DIR WORK_DIR SECONDS [extra libFuzzer flags]
# A crash leaves its input as WORK_DIR/../<binary name>-crash-*; the exit status is libFuzzer's (0: no finding).
set -euo pipefail
binary=$1 seeds=$2 work=$3 seconds=$4
shift 4
rm -rf "$work"
mkdir -p "$work"
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}
export QT_QPA_PLATFORM=offscreen
exec "$binary" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="$(dirname "$work")/$(basename "$binary")-" "$@" "$work" "$seeds"
