#!/usr/bin/env bash
# The command-line contract of a kb-* program (kb::cli11's house style):
# --help exits 0 and lists every option named here; an unknown option exits 2
# with an error on stderr that names it, and nothing on stdout.
# Usage: command_line.sh BINARY OPTION...
set -uo pipefail
bin=$1
shift
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0

"$bin" --help >"$tmp/help" 2>"$tmp/help.err"
status=$?
[[ $status -eq 0 ]] || { echo "--help exited $status, not 0"; cat "$tmp/help.err"; fail=1; }
for option in --help "$@"; do
  grep -qE -- "(^|[ ,])$option( |=|$)" "$tmp/help" || { echo "--help does not list $option"; fail=1; }
done

"$bin" --no-such-option >"$tmp/bad" 2>"$tmp/bad.err" </dev/null
status=$?
[[ $status -eq 2 ]] || { echo "an unknown option exited $status, not 2"; fail=1; }
grep -q -- "--no-such-option" "$tmp/bad.err" || { echo "the error does not name the option:"; cat "$tmp/bad.err"; fail=1; }
[[ ! -s $tmp/bad ]] || { echo "an unknown option wrote to stdout:"; cat "$tmp/bad"; fail=1; }

((fail)) && { echo "help was:"; cat "$tmp/help"; }
exit $fail
