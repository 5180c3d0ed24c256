#!/usr/bin/env bash
# Installs npm packages when node_modules is missing or older than the lockfile.
# `npm ci` cannot work against this registry (see README): `npm install` keeps the locked versions.
set -euo pipefail
cd "$(dirname "$0")/.."
export npm_config_nodedir="${npm_config_nodedir:-/usr}"
marker=node_modules/.package-lock.json
if [ ! -f "$marker" ] || [ package-lock.json -nt "$marker" ] || [ package.json -nt "$marker" ]; then
  echo "==> npm install (the first run compiles better-sqlite3: about 2 minutes)"
  npm install --no-audit --no-fund
fi
