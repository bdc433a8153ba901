#!/usr/bin/env bash
# Browser tests of Kennisbank Smart Society (see tests/browser/README.md).
# Usage: tests/browser/run.sh BUILD_DIR
# Builds a temporary index from corpus/cases, starts kb-server on a free port
# with a temporary curator key, starts a second origin for the widget test,
# runs every tests/browser/*.test.mjs with node's test runner against
# /usr/bin/chromium and exits with the runner's status.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"

if [[ $# -ne 1 ]]; then
  echo "usage: tests/browser/run.sh BUILD_DIR" >&2
  exit 2
fi
build="$(cd "$1" 2>/dev/null && pwd)" || { echo "run.sh: no build directory '$1'" >&2; exit 2; }
indexer="$build/indexer/kb-indexer"
server="$build/server/http/kb-server"
for tool in "$indexer" "$server"; do
  [[ -x "$tool" ]] || { echo "run.sh: $tool is missing; build kb-indexer and kb-server first" >&2; exit 2; }
done
chromium="${CHROMIUM:-/usr/bin/chromium}"
[[ -x "$chromium" ]] || { echo "run.sh: $chromium is missing (scripts/setup --browser installs it)" >&2; exit 2; }
command -v node >/dev/null && command -v npm >/dev/null || { echo "run.sh: node and npm are needed" >&2; exit 2; }

# Dependencies: npm ci when node_modules is missing or older than the lock file.
stamp="$here/node_modules/.package-lock.json"
if [[ ! -f "$stamp" || "$here/package-lock.json" -nt "$stamp" || "$here/package.json" -nt "$stamp" ]]; then
  echo "run.sh: installing the test dependencies (npm ci)"
  (cd "$here" && npm ci --no-audit --no-fund --silent)
fi

tmp="$(mktemp -d "${TMPDIR:-/tmp}/kb-browser.XXXXXX")"
kb_pid=""
embed_pid=""
cleanup() {
  local status=$?
  for pid in "$embed_pid" "$kb_pid"; do
    if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then
      kill "$pid" 2>/dev/null || true
      wait "$pid" 2>/dev/null || true
    fi
  done
  rm -rf "$tmp"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Waits until FILE has a line matching REGEX (max ~20 s); prints the match.
wait_for_line() {
  local file="$1" regex="$2" pid="$3" what="$4" line
  for _ in $(seq 1 200); do
    line="$(grep -Eo "$regex" "$file" 2>/dev/null | head -n 1 || true)"
    if [[ -n "$line" ]]; then
      echo "$line"
      return 0
    fi
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "run.sh: $what exited before it was ready; its output:" >&2
      cat "$file" >&2
      return 1
    fi
    sleep 0.1
  done
  echo "run.sh: $what did not report its address within 20 s; its output:" >&2
  cat "$file" >&2
  return 1
}

echo "run.sh: indexing corpus/cases into $tmp/index"
"$indexer" --db "$tmp/index" "$root/corpus/cases" >"$tmp/indexer.log" 2>&1 || {
  echo "run.sh: kb-indexer failed:" >&2
  cat "$tmp/indexer.log" >&2
  exit 1
}

key="$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
umask 077
printf 'curator-test:%s\n' "$key" >"$tmp/keys"
umask 022

"$server" --db "$tmp/index" --port 0 --keys "$tmp/keys" --quiet >"$tmp/server.log" 2>&1 &
kb_pid=$!
line="$(wait_for_line "$tmp/server.log" 'serving .* on http://127\.0\.0\.1:[0-9]+/' "$kb_pid" kb-server)"
kb_port="${line##*:}"
kb_port="${kb_port%/}"
kb_url="http://127.0.0.1:$kb_port"

ready=""
for _ in $(seq 1 100); do
  if [[ "$(curl -s -o /dev/null -w '%{http_code}' "$kb_url/readyz" || true)" == "200" ]]; then
    ready=1
    break
  fi
  sleep 0.1
done
[[ -n "$ready" ]] || { echo "run.sh: $kb_url/readyz did not answer 200 within 10 s" >&2; cat "$tmp/server.log" >&2; exit 1; }
echo "run.sh: kb-server ready at $kb_url"

KB_URL="$kb_url" node "$here/embed-server.mjs" >"$tmp/embed.log" 2>&1 &
embed_pid=$!
line="$(wait_for_line "$tmp/embed.log" 'listening on http://127\.0\.0\.1:[0-9]+/' "$embed_pid" embed-server)"
embed_port="${line##*:}"
embed_port="${embed_port%/}"
embed_url="http://127.0.0.1:$embed_port"
echo "run.sh: embed page at $embed_url/"

screenshots="$build/screenshots"
mkdir -p "$screenshots"

set +e
(
  cd "$root"
  KB_URL="$kb_url" EMBED_URL="$embed_url" KB_KEY="$key" SCREENSHOT_DIR="$screenshots" CHROMIUM="$chromium" \
    node --test --test-reporter=spec "$here"/*.test.mjs
)
status=$?
set -e
if [[ $status -ne 0 ]]; then
  echo "run.sh: browser tests failed (status $status); kb-server log:" >&2
  tail -n 50 "$tmp/server.log" >&2
fi
echo "run.sh: screenshots in $screenshots"
exit "$status"
