#!/usr/bin/env bash
# `npm run demo`: install what is missing, build, then serve the dashboard on the demo workspace.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
bash scripts/ensure-node-modules.sh
bash scripts/ensure-build.sh
exec node bin/servescope.mjs demo "$@"
