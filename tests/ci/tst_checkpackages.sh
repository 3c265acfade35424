#!/usr/bin/env bash
# Tests .ci/check-packages.sh, the check that the bootstrap list installs every package the build uses: it
# passes with the real list, and fails, naming the package, when one the build needs is dropped from the list.
#   bash tests/ci/tst_checkpackages.sh SOURCE_DIR BUILD_DIR
set -uo pipefail
src=${1:?source dir}
build=${2:?build dir}
# shellcheck source=testlib.sh
. "$(dirname "$0")/testlib.sh"

bash "$src/.ci/bootstrap.sh" packages >"$tmp/full"
if bash "$src/.ci/check-packages.sh" "$build" >"$tmp/out" 2>&1; then
    ok "the bootstrap list covers the build"
else
    bad "the bootstrap list covers the build"
    cat "$tmp/out"
fi

# Packages the build uses directly and that nothing else on the list pulls in: dropping any one must fail.
for p in libqt6opengl6-dev qt6-charts-dev qt6-svg-dev libyaml-cpp-dev qtkeychain-qt6-dev libsimdjson-dev; do
    grep -vx "$p" "$tmp/full" >"$tmp/list"
    MESHLENS_PACKAGE_LIST="$tmp/list" bash "$src/.ci/check-packages.sh" "$build" >"$tmp/out" 2>&1
    rc=$?
    if [ "$rc" -eq 1 ] && grep -q "^  $p " "$tmp/out"; then
        ok "dropping $p fails and names it"
    else
        bad "dropping $p fails and names it (exit $rc)"
        cat "$tmp/out"
    fi
done

finish
