#!/usr/bin/env bash
# One entry point for a fresh Debian 12 machine (run as root, or as a user with sudo):
#   bash .ci/bootstrap.sh run       install what is missing, build, launch MeshLens on the bundled sample catalog
#   bash .ci/bootstrap.sh test      install what is missing, build with warnings as errors, run the whole suite
#   bash .ci/bootstrap.sh packages  print the package list (what .ci/check-packages.sh holds the build to)
# Only apt-get runs with root rights; the build and the app run as the calling user.
set -euo pipefail
cd "$(dirname "$0")/.."

mode=${1:-}
case "$mode" in
run | test | packages) ;;
*)
    echo "usage: bash .ci/bootstrap.sh run|test|packages" >&2
    exit 2
    ;;
esac

# Everything a fresh Debian 12 needs. Debian's -dev packages do not pull in every -dev package their CMake
# files look for (qt6-charts-dev needs libqt6opengl6-dev, Qt's Gui wants xkbcommon's headers), so those are
# named here; .ci/check-packages.sh fails the test run when the build uses a package this list misses.
packages=(cmake ninja-build g++ pkg-config git
    qt6-base-dev libqt6opengl6-dev libxkbcommon-dev qt6-charts-dev qt6-svg-dev qt6-tools-dev qt6-l10n-tools
    libgl1-mesa-dev libsqlite3-dev libsimdjson-dev libyaml-cpp-dev qtkeychain-qt6-dev zlib1g-dev
    sqlite3 graphviz xvfb xauth)
# The test run also checks formatting and the package list itself, builds, validates, installs and removes the DEB
# (dpkg-dev's dpkg-shlibdeps computes its dependencies), and runs the fuzz targets (clang-14 and its libFuzzer
# runtime) and the sanitizer builds (.ci/sanitizers.sh; g++'s own ASan, UBSan and TSan runtimes come with g++).
test_packages=(clang-format dpkg-dev apt desktop-file-utils appstream clang-14 libclang-rt-14-dev)

if [ "$mode" = packages ]; then
    printf '%s\n' "${packages[@]}" "${test_packages[@]}"
    exit 0
fi
[ "$mode" = test ] && packages+=("${test_packages[@]}")

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
# A find that comes up empty is how a missing -dev package first shows (Qt's Gui looks for XKB quietly).
configure_log=$(mktemp)
cmake --preset ci >"$configure_log" 2>&1 || { cat "$configure_log"; exit 1; }
if grep -E "Could NOT find|could not be found" "$configure_log"; then
    echo "configure could not find the packages above: add what provides them to .ci/bootstrap.sh" >&2
    exit 1
fi
rm -f "$configure_log"
cmake --build --preset ci
echo "== every package the build used is one this script installs"
bash .ci/check-packages.sh build/ci
echo "== benchmarks, quick mode (they must keep running; figures are not asserted)"
bench_data=$(mktemp -d)
trap 'rm -rf "$bench_data"' EXIT
build/ci/bin/meshlens-bench all --quick --data "$bench_data"
echo "== tests"
ctest --preset ci -j2
echo "== the DEB: validate, install, run the installed binary, remove"
bash .ci/package-check.sh build/ci
echo "== sanitizers: fuzz targets, ThreadSanitizer, AddressSanitizer + UndefinedBehaviorSanitizer"
bash .ci/sanitizers.sh
