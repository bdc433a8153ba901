#!/usr/bin/env bash
# kb-server stops gracefully on SIGTERM: requests in flight get complete
# answers (no reset, no truncated body), and the process exits 0 promptly.
# Usage: graceful_stop.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
build=$1 source=$2
tmp=$(mktemp -d)
server_pid=
cleanup() { [[ -n $server_pid ]] && kill -9 "$server_pid" 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT

"$build/indexer/kb-indexer" --db "$tmp/index" "$source/corpus/cases" 2>/dev/null
"$build/server/http/kb-server" --db "$tmp/index" --port 0 --quiet 2>"$tmp/server.log" &
server_pid=$!
port=
for _ in $(seq 200); do
  port=$(sed -n 's|.*on http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$tmp/server.log")
  [[ -n $port ]] && curl -sf "http://127.0.0.1:$port/readyz" >/dev/null && break
  sleep 0.05
done
[[ -n $port ]] || { echo "server did not start"; cat "$tmp/server.log"; exit 1; }

# One search the demand report must still know after the stop (issue 17
# point 14: its counts are saved on stop, in <db>.queries.json).
curl -sf -o /dev/null "http://127.0.0.1:$port/?q=regenton"

# A burst of searches, then SIGTERM while they are being answered.
for i in $(seq 40); do
  curl -s -o "$tmp/body.$i" -w '%{http_code}' "http://127.0.0.1:$port/api/v1/search?q=water&page=$((i % 5 + 1))" \
    >"$tmp/code.$i" 2>/dev/null &
done
kill -TERM "$server_pid"
start=$(date +%s%N)
status=0
wait "$server_pid" || status=$?
server_pid=
elapsed_ms=$(( ($(date +%s%N) - start) / 1000000 ))
wait  # the clients

bad=0
for i in $(seq 40); do
  code=$(cat "$tmp/code.$i")
  case $code in
    200) python3 -c "import json,sys; json.load(open(sys.argv[1]))" "$tmp/body.$i" || { echo "request $i: truncated body"; bad=1; } ;;
    503|000) ;;  # refused after the stop began, or not connected: both fine
    *) echo "request $i: unexpected status $code"; bad=1 ;;
  esac
done
echo "exit status $status after ${elapsed_ms} ms"
[[ $status -eq 0 ]] || { echo "kb-server exited with $status"; exit 1; }
(( elapsed_ms < 5000 )) || { echo "stop took too long"; exit 1; }
python3 - "$tmp/index.queries.json" <<'PY' || bad=1
import json, sys
days = json.load(open(sys.argv[1]))["days"]
if not any(d["queries"].get("regenton") == 1 for d in days.values()):
    sys.exit("the stop did not save the demand report's counts: " + json.dumps(days)[:300])
PY
exit $bad
