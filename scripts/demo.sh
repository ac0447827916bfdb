#!/usr/bin/env bash
# The demo of README.md: a fresh store, the demo outlets, the first batch (one advocacy group's
# report echoed by a dozen outlets: single-source), a watch on the story, the second batch months
# later (two in-country Mexican papers confirm: corroborated), and the alert the watch raises.
set -euo pipefail
HW=${1:-build/release/headwater}
cd "$(dirname "$0")/.."
DB=build/demo.db
rm -f "$DB" "$DB-wal" "$DB-shm"
say() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
say "headwater init"
"$HW" --db "$DB" init
say "headwater outlets import demo/outlets.csv"
"$HW" --db "$DB" outlets import demo/outlets.csv
say "headwater ingest demo/batch1.jsonl"
"$HW" --db "$DB" ingest demo/batch1.jsonl
say "headwater stories"
"$HW" --db "$DB" stories
# The demo story: the one with the most articles.
ID=$("$HW" --db "$DB" stories --json | python3 -c '
import json, sys
d = json.load(sys.stdin)["stories"]
print(max(d, key=lambda s: s["counts"]["articles"])["id"])')
say "headwater watch add story $ID"
"$HW" --db "$DB" watch add story "$ID"
say "headwater ingest demo/batch2.jsonl   (months later)"
"$HW" --db "$DB" ingest demo/batch2.jsonl
say "headwater watch check"
"$HW" --db "$DB" watch check
say "headwater stories"
"$HW" --db "$DB" stories
say "headwater story $ID"
"$HW" --db "$DB" story "$ID"
printf '\nThe store is %s; try: %s --db %s story %s --json\n' "$DB" "$HW" "$DB" "$ID"
printf 'The web UI (built into build/share/web):  %s --db %s serve   → open http://127.0.0.1:8080/stories/%s\n' "$HW" "$DB" "$ID"
