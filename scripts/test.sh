#!/usr/bin/env bash
# `npm test`: installs what it needs, then runs every check in order — format, lint, types, unit and
# contract tests (Vitest), production build, end-to-end tests (Playwright in Debian's Chromium) —
# and closes with one line: "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1 TZ=UTC npm_config_nodedir="${npm_config_nodedir:-/usr}"

bash scripts/ensure-node-modules.sh || { echo "npm install failed"; echo "0 passed, 1 failed"; exit 1; }
bash scripts/ensure-system-packages.sh chromium=chromium prometheus=prometheus promtool=prometheus \
  victoria-metrics=victoria-metrics || { echo "0 passed, 1 failed"; exit 1; }

results=test-results
AGREEMENT=tests/backend-agreement.test.ts
rm -rf "$results" && mkdir -p "$results"
steps="$results/steps.tsv"
: >"$steps"

step() {
  local name="$1"
  shift
  echo
  echo "==> $name: $*"
  if "$@"; then echo -e "$name\tpassed" >>"$steps"; else echo -e "$name\tfailed" >>"$steps"; fi
}

step format npx prettier --check --log-level warn .
step lint npx eslint --max-warnings=0 .
step typecheck npx tsc --noEmit
echo
echo "==> unit and contract tests: vitest run"
VITEST_JSON="$results/vitest.json" npx vitest run --exclude "$AGREEMENT"
echo
# Alone, so that no other test's load skews when each side scrapes: it compares their rates.
echo "==> embedded store vs Prometheus and VictoriaMetrics: vitest run $AGREEMENT"
VITEST_JSON="$results/vitest-agreement.json" npx vitest run "$AGREEMENT"
echo
if step build npx next build; then :; fi
if grep -q $'^build\tpassed' "$steps"; then
  echo "==> end-to-end tests: playwright test"
  PLAYWRIGHT_JSON_OUTPUT_NAME="$results/playwright.json" npx playwright test --reporter=list,json
fi

node scripts/test-summary.mjs "$results"
