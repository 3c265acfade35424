#!/usr/bin/env bash
# Fails when a configured and built tree used a Debian package that .ci/bootstrap.sh does not install, directly
# or through the dependencies of what it does install. A machine set up by hand (or a CI machine that kept
# packages from an earlier run) would otherwise hide the missing install step until a new user meets it.
#
#   bash .ci/check-packages.sh BUILD_DIR
#
# What counts as "used": every CMake package configuration file and library that configure recorded in
# CMakeCache.txt, every system header the compiler read (ninja's dependency log), and every library the
# link lines name. Each is mapped to the package that owns it through dpkg's file lists. The list checked
# against is `bash .ci/bootstrap.sh packages`, or the file named by MESHLENS_PACKAGE_LIST (one name a line,
# which is how tests/ci/tst_checkpackages.sh proves this check fails when a package is dropped).
set -uo pipefail
cd "$(dirname "$0")/.."

build=${1:?usage: bash .ci/check-packages.sh BUILD_DIR}
[ -f "$build/CMakeCache.txt" ] || {
    echo "check-packages: $build/CMakeCache.txt not found: configure first" >&2
    exit 2
}

if [ -n "${MESHLENS_PACKAGE_LIST:-}" ]; then
    list=$(grep -vE '^\s*(#|$)' "$MESHLENS_PACKAGE_LIST")
else
    list=$(bash .ci/bootstrap.sh packages)
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# 1. The files the build used, as absolute paths under /usr.
{
    # Package configuration files configure loaded (optional finds that came up empty leave no directory).
    grep -E '^[A-Za-z0-9_.+-]+_DIR:[A-Z]+=/usr/' "$build/CMakeCache.txt" | cut -d= -f2- | while read -r d; do
        [ -d "$d" ] && ls "$d"/*Config.cmake "$d"/*-config.cmake 2>/dev/null | head -n 1
    done
    # Headers the compiler read.
    if [ -f "$build/.ninja_deps" ]; then
        ninja -C "$build" -t deps 2>/dev/null | grep -oE '^\s+/usr/\S+' | tr -d ' \t'
    fi
    # Libraries on the link lines.
    if [ -f "$build/build.ninja" ]; then
        grep -E '^\s*LINK_LIBRARIES =' "$build/build.ninja" | grep -oE '/usr/\S+\.(so|a)(\.[0-9.]+)?' || true
    fi
} | sort -u >"$tmp/used-files"

# 2. Their owning packages. dpkg's file lists, read once (dpkg -S per file is far too slow for thousands of
# headers). Debian 12 merges /lib into /usr/lib, and some packages still list the /lib path: try both.
for f in /var/lib/dpkg/info/*.list; do
    pkg=$(basename "$f" .list)
    pkg=${pkg%%:*}
    awk -v p="$pkg" '{ print $0 "\t" p }' "$f"
done >"$tmp/owners"
awk -F'\t' '
    NR == FNR { owner[$1] = $2; next }
    {
        f = $0; alt = f; sub(/^\/usr/, "", alt)
        if (f in owner) print owner[f] "\t" f
        else if (alt in owner) print owner[alt] "\t" f
        else print "?\t" f
    }' "$tmp/owners" "$tmp/used-files" | sort -u >"$tmp/used-packages"
grep -P '^\?\t' "$tmp/used-packages" | cut -f2 | sed 's/^/check-packages: note: no package owns /' | head -n 20 >&2 || true
grep -vP '^\?\t' "$tmp/used-packages" | cut -f1 | sort -u >"$tmp/used" || true

# 3. What the list installs: the list and its dependency closure (no recommends: bootstrap installs none).
# shellcheck disable=SC2086
apt-cache depends --recurse --no-recommends --no-suggests --no-conflicts --no-breaks --no-replaces \
    --no-enhances $list 2>/dev/null | grep -vE '^\s' | sed 's/:amd64$//; s/^<\(.*\)>$/\1/' >"$tmp/closure"
# A fresh Debian has its essential and required packages, and apt-cache depends does not list them.
dpkg-query -W -f='${Package} ${Essential} ${Priority}\n' | awk '$2 == "yes" || $3 == "required" { print $1 }' \
    >>"$tmp/closure"
sort -u -o "$tmp/closure" "$tmp/closure"
if [ ! -s "$tmp/closure" ]; then
    echo "check-packages: apt-cache knows none of the listed packages: run apt-get update first" >&2
    exit 2
fi

missing=$(comm -23 "$tmp/used" "$tmp/closure")
echo "check-packages: the build used $(wc -l <"$tmp/used-files") system files from $(wc -l <"$tmp/used") packages"
[ -s "$tmp/used" ] || {
    echo "check-packages: found no system file the build used: build $build first" >&2
    exit 2
}
if [ -n "$missing" ]; then
    echo "check-packages: the build uses packages that .ci/bootstrap.sh does not install (a fresh machine fails):" >&2
    for p in $missing; do
        example=$(awk -F'\t' -v p="$p" '$1 == p { print $2; exit }' "$tmp/used-packages")
        echo "  $p (e.g. $example)" >&2
    done
    echo "Add them to the packages list in .ci/bootstrap.sh." >&2
    exit 1
fi
echo "check-packages: ok, every one is installed by .ci/bootstrap.sh"
