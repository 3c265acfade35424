# Sourced by the shell tests in this folder: a temporary folder $tmp (removed on exit), ok and bad to count a
# check's outcome and print it the way QtTest does, and finish to print the totals and fail unless all passed.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0
failed=0
ok() { passed=$((passed + 1)); echo "PASS   : $1"; }
bad() { failed=$((failed + 1)); echo "FAIL!  : $1"; }
finish() {
    echo "Totals: $passed passed, $failed failed"
    [ "$failed" -eq 0 ]
}
