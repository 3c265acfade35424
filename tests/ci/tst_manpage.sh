#!/usr/bin/env bash
# Tests that the hand-written man page (packaging/linux/meshlens.1) documents every verb `meshlens --help`
# lists, so a new verb cannot ship undocumented; and that the check notices a verb the page lacks.
#   bash tests/ci/tst_manpage.sh SOURCE_DIR MESHLENS_BINARY
set -uo pipefail
src=${1:?source dir}
bin=${2:?meshlens binary}
page="$src/packaging/linux/meshlens.1"
# shellcheck source=testlib.sh
. "$(dirname "$0")/testlib.sh"

# The verbs of a usage text: the first word of each two-space-indented line between "Verbs:" and the next
# blank line.
verbs() { awk '/^Verbs:/ { on = 1; next } on && /^$/ { exit } on && /^  [a-z]/ { print $1 }' "$1"; }
# A verb is documented when it opens a tagged paragraph in the VERBS section, bold (.B, .BI, .BR or \fB).
documented() {
    sed -n '/^\.SH VERBS/,/^\.SH /p' "$2" | grep -qE "^(\.B|\.BI|\.BR) $1( |$)|^\\\\fB$1\\\\fR"
}
missing() {
    local v
    for v in $(verbs "$1"); do
        documented "$v" "$2" || echo "$v"
    done
}

"$bin" --help >"$tmp/help" 2>&1
count=$(verbs "$tmp/help" | wc -l)
if [ "$count" -ge 9 ]; then
    ok "meshlens --help lists $count verbs"
else
    bad "meshlens --help lists $count verbs (expected the 9 or more it has)"
fi
gaps=$(missing "$tmp/help" "$page")
if [ -z "$gaps" ]; then
    ok "the man page documents every verb"
else
    bad "the man page lacks: $gaps"
fi
# The check itself: a verb the page does not document is reported.
sed 's/^Verbs:$/Verbs:\n  frobnicate X                 a verb nobody wrote up/' "$tmp/help" >"$tmp/help2"
if [ "$(missing "$tmp/help2" "$page")" = frobnicate ]; then
    ok "an undocumented verb is reported"
else
    bad "an undocumented verb is reported"
fi
# And the page renders without warnings.
if command -v groff >/dev/null; then
    warnings=$(groff -man -Tutf8 -ww -z "$page" 2>&1)
    if [ -z "$warnings" ]; then ok "the man page renders without warnings"; else bad "groff: $warnings"; fi
fi
finish
