#!/usr/bin/env bash
# Builds the DEB from a configured and built tree, validates its desktop entry and AppStream metainfo, installs
# it as a user would (apt-get install ./meshlens_*.deb), runs the INSTALLED binary, removes the package and
# checks that nothing it installed is left behind. Run as root (CI is), or as a user with sudo.
#
#   bash .ci/package-check.sh [BUILD_DIR]      (default: build/ci, the tree CI has just built and tested)
#
# The package is made with cpack in the tree that is already built, so CI pays for no second build.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build/ci}
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
tmp=$(mktemp -d)
installed=0
cleanup() {
    # A check that failed half-way must not leave MeshLens installed on the machine.
    if [ "$installed" = 1 ]; then
        $sudo apt-get remove -y -qq --purge meshlens >/dev/null 2>&1 || true
    fi
    rm -rf "$tmp"
}
trap cleanup EXIT
fail() {
    echo "package-check: $*" >&2
    exit 1
}

desktop=packaging/linux/io.meshlens.MeshLens.desktop
metainfo=packaging/linux/io.meshlens.MeshLens.metainfo.xml
echo "-- desktop-file-validate $desktop"
desktop-file-validate "$desktop"
echo "-- appstreamcli validate --no-net $metainfo"
appstreamcli validate --no-net "$metainfo"
# The metainfo's screenshots are the committed PNGs, published under the same file names.
for shot in $(grep -oE '<image>[^<]+</image>' "$metainfo" | sed -E 's#<image>.*/([^/]+)</image>#\1#'); do
    [ -f "resources/screenshots/$shot" ] || fail "the metainfo shows $shot, which resources/screenshots/ lacks"
done

echo "-- cpack (DEB) in $build"
rm -f "$build"/meshlens_*.deb
(cd "$build" && cpack -G DEB >"$tmp/cpack.log" 2>&1) || {
    cat "$tmp/cpack.log"
    fail "cpack failed"
}
debs=("$build"/meshlens_*.deb)
[ ${#debs[@]} -eq 1 ] && [ -f "${debs[0]}" ] || fail "expected one meshlens_*.deb in $build, found: ${debs[*]}"
deb=$(realpath "${debs[0]}")
echo "   $deb"
dpkg-deb -f "$deb" Depends | grep -q libqt6widgets6 || fail "Depends lacks the Qt libraries: shlibdeps did not run"
dpkg-deb -c "$deb" | awk '{ print $6 }' | sed 's#^\./#/#' >"$tmp/contents"
for f in /usr/bin/meshlens /usr/share/applications/io.meshlens.MeshLens.desktop \
    /usr/share/metainfo/io.meshlens.MeshLens.metainfo.xml /usr/share/man/man1/meshlens.1.gz \
    /usr/share/icons/hicolor/scalable/apps/io.meshlens.MeshLens.svg \
    /usr/share/icons/hicolor/16x16/apps/io.meshlens.MeshLens.png \
    /usr/share/icons/hicolor/512x512/apps/io.meshlens.MeshLens.png; do
    grep -qx "$f" "$tmp/contents" || fail "the package lacks $f"
done

echo "-- apt-get install $deb"
if dpkg-query -W -f='${Status}' meshlens 2>/dev/null | grep -q "install ok installed"; then
    $sudo apt-get remove -y -qq --purge meshlens >/dev/null # left by an earlier, interrupted run
fi
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "$deb" >"$tmp/apt.log" 2>&1 || {
    cat "$tmp/apt.log"
    fail "apt-get install failed"
}
installed=1
dpkg -L meshlens >"$tmp/installed"
installed_files=()
while read -r f; do
    [ -f "$f" ] && installed_files+=("$f")
done <"$tmp/installed"
echo "   ${#installed_files[@]} files installed"

echo "-- the installed binary"
[ "$(command -v meshlens)" = /usr/bin/meshlens ] || fail "meshlens on PATH is $(command -v meshlens), not /usr/bin/meshlens"
# A home of its own, so the run writes neither the caller's settings nor its cache.
export HOME="$tmp/home" XDG_CONFIG_HOME="$tmp/home/.config" XDG_DATA_HOME="$tmp/home/.local/share"
export XDG_CACHE_HOME="$tmp/home/.cache"
mkdir -p "$HOME"
version=$(/usr/bin/meshlens --version)
echo "   $version"
[[ "$version" == "meshlens "[0-9]* ]] || fail "meshlens --version printed '$version'"
/usr/bin/meshlens sync --db "$tmp/catalog.db" --source sample
/usr/bin/meshlens stats --db "$tmp/catalog.db" | tee "$tmp/stats"
grep -qE '^Products: +[1-9]' "$tmp/stats" || fail "the sample sync left no products in the cache"

echo "-- apt-get remove --purge meshlens"
$sudo apt-get remove -y -qq --purge meshlens >/dev/null
installed=0
left=()
for f in "${installed_files[@]}"; do
    [ -e "$f" ] && left+=("$f")
done
[ ${#left[@]} -eq 0 ] || fail "removing the package left: ${left[*]}"
if dpkg-query -W -f='${Status}' meshlens 2>/dev/null | grep -q installed; then
    fail "dpkg still lists meshlens after the purge"
fi
echo "package-check: OK (${#installed_files[@]} files installed, run and removed)"
