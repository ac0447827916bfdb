#!/usr/bin/env bash
# Load test of `headwater serve` (docs/BENCHMARKS.md, "HTTP API"): builds a store from a
# synthetic corpus (bench/gen_corpus.py) through the whole pipeline, starts the server on
# 127.0.0.1 with a free port, runs wrk against
#   1. a story list page (asked once first, so the run measures the cached page),
#   2. one story report (likewise cached),
#   3. story reports of random stories (mostly cache misses: the report is computed),
# and stops the server. Contacts loopback only; stops by itself.
#
# usage: bench/load.sh [ARTICLES] [HEADWATER_BINARY]
#   ARTICLES     size of the generated corpus (default 20000)
#   env HW_LOAD_DB=FILE   reuse (or keep) the store at FILE instead of a temporary one
#   env HW_LOAD_MAX_SECONDS=S  stop ingesting after S seconds (the batch in flight is rolled
#                         back; the committed ones stay), to build the largest store in a budget
#   env WRK_SECONDS=N     duration of each wrk run (default 20), WRK_CONNECTIONS (default 256)
# A 1,000,000-article store is made from a smaller one by bench/grow_store.py (see there):
#   HW_LOAD_DB=/tmp/api_1m.db bench/load.sh 0 build/rel/headwater
set -euo pipefail
N=${1:-20000}
HW=${2:-build/release/headwater}
cd "$(dirname "$0")/.."
HW=$(realpath "$HW")
SECS=${WRK_SECONDS:-20}
CONNS=${WRK_CONNECTIONS:-256}
TMP=$(mktemp -d /tmp/hw-load.XXXXXX)
DB=${HW_LOAD_DB:-$TMP/load.db}
SERVER_PID=""
cleanup() {
  if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
  rm -rf "$TMP"
}
trap cleanup EXIT

if [ ! -f "$DB" ]; then
  echo "== generating $N articles"
  /usr/bin/python3 bench/gen_corpus.py "$N" > "$TMP/corpus.jsonl"
  split -l 5000 -d -a 4 --additional-suffix=.jsonl "$TMP/corpus.jsonl" "$TMP/batch-"
  rm "$TMP/corpus.jsonl"
  "$HW" --db "$DB" init > /dev/null
  "$HW" --db "$DB" outlets import demo/outlets.csv > /dev/null
  echo "== ingesting (batches of 5,000 lines, one process)"
  start=$(date +%s)
  timeout "${HW_LOAD_MAX_SECONDS:-0}" "$HW" --db "$DB" ingest "$TMP"/batch-*.jsonl | sed 's/^/   /' || true
  echo "   ingest wall time: $(( $(date +%s) - start )) s (the store's size is in /api/health below)"
  rm -f "$TMP"/batch-*.jsonl
fi
echo "== store: $(du -h "$DB" | cut -f1) ($DB)"

"$HW" --db "$DB" serve --port 0 > "$TMP/serve.out" 2> "$TMP/serve.err" &
SERVER_PID=$!
for _ in $(seq 100); do grep -q Serving "$TMP/serve.out" 2>/dev/null && break; sleep 0.1; done
URL=$(grep -o 'http://[^ ]*' "$TMP/serve.out")
URL=${URL%/}
curl -sf "$URL/api/health"; echo
# CPU seconds (user + system) of the server so far: the machine is shared, so each run also
# reports the server's CPU time and requests per server-CPU-second.
cpu() { awk -v t="$(getconf CLK_TCK)" '{printf "%.2f", ($14 + $15) / t}' "/proc/$SERVER_PID/stat"; }
c0=$(cpu)
echo "== first story report (uncached: every story's outcome and the track-record index are built): $(curl -sf -o /dev/null -w '%{time_total}' "$URL/api/stories/1") s wall, $(awk -v a="$c0" -v b="$(cpu)" 'BEGIN{printf "%.2f", b-a}') s server CPU"
# The largest story of the newest 200 (the demo's kind of story: many echoes), and a typical one
# (median article count).
read -r ID MID < <(curl -sf "$URL/api/stories?limit=200" | /usr/bin/python3 -c '
import json, sys
d = sorted(json.load(sys.stdin)["stories"], key=lambda s: s["counts"]["articles"])
print(d[-1]["id"], d[len(d) // 2]["id"])')
MAXID=$(curl -sf "$URL/api/health" | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["stories"])')
echo "== largest story $ID ($(curl -sf "$URL/api/stories/$ID" | wc -c) bytes), typical story $MID ($(curl -sf "$URL/api/stories/$MID" | wc -c) bytes), $MAXID stories"
cat > "$TMP/random.lua" <<EOF
math.randomseed(42)
request = function()
  return wrk.format("GET", "/api/stories/" .. math.random(1, $MAXID))
end
EOF

run() {
  echo
  echo "== wrk -t2 -c$CONNS -d${SECS}s --latency $*"
  local before out n
  before=$(cpu)
  out=$(wrk -t2 -c"$CONNS" -d"${SECS}s" --timeout 10s --latency "$@")
  echo "$out" | grep -E "Latency|50%|90%|99%|Requests/sec|requests in|Socket errors|Non-2xx"
  n=$(echo "$out" | awk '/requests in/{print $1}')
  awk -v a="$before" -v b="$(cpu)" -v n="$n" -v l="$(cut -d' ' -f1 /proc/loadavg)" \
    'BEGIN{printf "  server CPU %.1f s, %.0f requests per server-CPU-second, load average %s\n", b-a, n/(b-a), l}'
}
# The first three runs measure cached answers: each URL is asked once before its run (at 1M
# articles the list page's first computation takes ~1.5 s, which 256 waiting clients would
# otherwise put in the run's tail).
warm() { curl -sf -o /dev/null -w "   (first request: %{time_total} s)\n" "$1"; }
warm "$URL/api/stories?limit=50"
run "$URL/api/stories?limit=50"
warm "$URL/api/stories/$ID"
run "$URL/api/stories/$ID"
warm "$URL/api/stories/$MID"
run "$URL/api/stories/$MID"
run -s "$TMP/random.lua" "$URL/api/stories/1"
CONNS=16 run "$URL/api/stories/$MID"   # latency without queueing behind 256 clients
echo
echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(date -u +%F)"
