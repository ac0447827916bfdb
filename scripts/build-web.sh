#!/usr/bin/env bash
# Builds the web UI (web/, Vite + TypeScript) into OUTDIR (default <repo>/build/share/web, where
# `headwater serve` finds it). npm ci runs only when web/node_modules is missing or
# web/package-lock.json changed since the last install (works from npm's offline cache); the
# build is type-checked with tsc and skipped when OUTDIR is newer than every source file.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
web="$repo/web"
out="${1:-$repo/build/share/web}"
mkdir -p "$out" && out="$(cd "$out" && pwd)"  # absolute: vite runs in web/
stamp="$web/node_modules/.headwater-package-lock.json"

command -v node >/dev/null || { echo "web: node is required (apt-get install nodejs npm)" >&2; exit 1; }
command -v npm >/dev/null || { echo "web: npm is required (apt-get install npm)" >&2; exit 1; }

if [[ ! -d "$web/node_modules" ]] || ! cmp -s "$web/package-lock.json" "$stamp"; then
  echo "web: npm ci"
  # playwright-core (browser tests) drives Debian's chromium: never download a browser.
  (cd "$web" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --prefer-offline --no-audit --no-fund --loglevel=error)
  cp "$web/package-lock.json" "$stamp"
fi

if [[ -f "$out/index.html" ]] && [[ -z "$(find "$web/src" "$web/index.html" "$web/package-lock.json" \
      "$web/vite.config.ts" "$web/tsconfig.json" "$repo/scripts/build-web.sh" -newer "$out/index.html" -print -quit)" ]]; then
  echo "web: $out is up to date"
  exit 0
fi
cd "$web"
node_modules/.bin/tsc --noEmit -p tsconfig.json
node_modules/.bin/vite build --logLevel warn --outDir "$out" --emptyOutDir
touch "$out/index.html"
echo "web: built $out"
