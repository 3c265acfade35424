#!/usr/bin/env bash
# One entry point for a fresh Debian 12 machine (run as root, or as a user with sudo):
#   bash .ci/bootstrap.sh run    install what is missing, build, launch MeshLens on the bundled sample catalog
#   bash .ci/bootstrap.sh test   install what is missing, build with warnings as errors, run the whole suite
# Only apt-get runs with root rights; the build and the app run as the calling user.
set -euo pipefail
cd "$(dirname "$0")/.."

mode=${1:-}
case "$mode" in
run | test) ;;
*)
    echo "usage: bash .ci/bootstrap.sh run|test" >&2
    exit 2
    ;;
esac

packages=(cmake ninja-build g++ pkg-config
    qt6-base-dev qt6-charts-dev qt6-svg-dev qt6-tools-dev qt6-l10n-tools libgl1-mesa-dev
    libsqlite3-dev libsimdjson-dev libyaml-cpp-dev qtkeychain-qt6-dev
    sqlite3 graphviz xvfb xauth)
if [ "$mode" = test ]; then
    packages+=(clang-format)
fi

missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
    echo "Installing: ${missing[*]}"
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

if [ "$mode" = run ]; then
    cmake --preset release >/dev/null
    cmake --build --preset release
    app=build/release/bin/meshlens
    if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
        exec "$app" "${@:2}"
    fi
    echo "No display found: starting MeshLens on a virtual X server (xvfb-run)." >&2
    exec xvfb-run -a -s "-screen 0 1400x900x24" "$app" "${@:2}"
fi

# test: the same checks CI runs.
export QT_QPA_PLATFORM=offscreen
echo "== clang-format"
files=$(git ls-files '*.cpp' '*.h' 2>/dev/null || find app ui models tests resources -name '*.cpp' -o -name '*.h')
clang-format --dry-run --Werror $files
echo "== build (warnings are errors)"
cmake --preset ci >/dev/null
cmake --build --preset ci
echo "== benchmarks, quick mode (they must keep running; figures are not asserted)"
bench_data=$(mktemp -d)
trap 'rm -rf "$bench_data"' EXIT
build/ci/bin/meshlens-bench all --quick --data "$bench_data"
echo "== tests"
ctest --preset ci -j2
