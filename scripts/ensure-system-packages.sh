#!/usr/bin/env bash
# Installs Debian packages the tests need (Chromium for Playwright, Prometheus and VictoriaMetrics for
# the backend comparisons) when their binaries are missing. Usage: ensure-system-packages.sh BIN=PKG ...
set -euo pipefail
missing=()
for pair in "$@"; do
  bin="${pair%%=*}"
  pkg="${pair#*=}"
  command -v "$bin" >/dev/null 2>&1 || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "Missing system packages. Install them with:" >&2
  echo "  sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
  exit 1
fi
echo "==> apt-get install ${missing[*]}"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
