#!/usr/bin/env bash
# Builds the gazetteer (OUTDIR/gazetteer.tsv, default <repo>/build/share/gazetteer) from the
# npm packages pinned in scripts/gazetteer/package-lock.json.
# Idempotent: does nothing when OUTDIR/gazetteer.tsv is newer than package-lock.json and build.mjs.
# npm installs into a build-local copy (<repo>/build/npm-gazetteer), never into the source tree.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
src="$repo/scripts/gazetteer"
out="${1:-$repo/build/share/gazetteer}"
work="${GAZETTEER_NPM_DIR:-$repo/build/npm-gazetteer}"
tsv="$out/gazetteer.tsv"

if [[ -f "$tsv" && "$tsv" -nt "$src/package-lock.json" && "$tsv" -nt "$src/build.mjs" ]]; then
  echo "gazetteer: $tsv is up to date"
  exit 0
fi
command -v node >/dev/null || { echo "gazetteer: node is required (apt-get install nodejs npm)" >&2; exit 1; }
command -v npm >/dev/null || { echo "gazetteer: npm is required (apt-get install npm)" >&2; exit 1; }

mkdir -p "$work" "$out"
# Reinstall only when the lock file changed since the last install.
if ! cmp -s "$src/package-lock.json" "$work/package-lock.json" || [[ ! -d "$work/node_modules" ]]; then
  cp "$src/package.json" "$src/package-lock.json" "$work/"
  (cd "$work" && npm ci --no-audit --no-fund --loglevel=error)
fi
node "$src/build.mjs" "$work/node_modules" "$out"
