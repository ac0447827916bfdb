#!/usr/bin/env bash
# Installs the Debian packages Headwater builds and tests with, only when one is missing.
# Idempotent: a machine that has everything runs no apt-get at all.
set -euo pipefail
pkgs=(build-essential cmake ninja-build pkg-config
  libsqlite3-dev libxml2-dev libgumbo-dev libcld2-dev libstemmer-dev libicu-dev libre2-dev
  libxxhash-dev libzstd-dev zstd nlohmann-json3-dev libcli11-dev libfmt-dev libtomlplusplus-dev
  libgtest-dev libgmock-dev libbenchmark-dev libcurl4-openssl-dev libcpp-httplib-dev libssl-dev
  dict-freedict-spa-eng dict-freedict-por-eng
  chromium wrk python3 python3-sklearn python3-numpy time
  nodejs npm)
missing=()
for p in "${pkgs[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed"; then
    # node/npm may come from elsewhere than Debian: accept a working binary.
    case "$p" in
      nodejs) command -v node >/dev/null && continue ;;
      npm) command -v npm >/dev/null && continue ;;
    esac
    missing+=("$p")
  fi
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "deps: installing ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
