#!/usr/bin/env bash
# Browser test against the example portal (Debian chromium driven by
# playwright-core). Starts the simulated portal (scripts/start-simulated.sh:
# the examples served by the loopback SCM simulator, so tickets and fix pull
# requests can be filed) unless one already answers on :3000, waits until the
# examples are scanned, runs e2e/portal.e2e.mjs (which saves the README
# screenshots into docs/screenshots), then stops what it started.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$BUILDCACHE_ROOT"

bash scripts/ensure-chromium.sh

started=""
cleanup() { if [ -n "$started" ]; then kill -- "-$started" 2>/dev/null || true; fi; }
trap cleanup EXIT

if ! curl -sf -o /dev/null http://localhost:3000; then
  mkdir -p .cache/e2e
  setsid bash scripts/start-simulated.sh > .cache/e2e/portal.log 2>&1 &
  started=$!
  echo "[buildcache] starting the simulated portal (log: .cache/e2e/portal.log)" >&2
elif ! curl -sf -o /dev/null -H 'Authorization: token simulator-token' http://127.0.0.1:7070/api/v3/rate_limit; then
  echo "A portal runs on :3000 without the SCM simulator: stop it, or start it with scripts/start-simulated.sh" >&2
  exit 1
fi

deadline=$((SECONDS + 600))
until curl -sf -o /dev/null http://localhost:3000 && curl -sf -o /dev/null http://localhost:7007/.backstage/health/v1/readiness; do
  [ $SECONDS -lt $deadline ] || { echo "portal did not start" >&2; tail -50 .cache/e2e/portal.log >&2 || true; exit 1; }
  sleep 3
done

token=$(curl -sf -X POST -H 'X-Requested-With: XMLHttpRequest' http://localhost:7007/api/auth/guest/refresh \
  || curl -sf -H 'X-Requested-With: XMLHttpRequest' http://localhost:7007/api/auth/guest/refresh)
token=$(node -e 'process.stdout.write(JSON.parse(process.argv[1]).backstageIdentity.token)' "$token")
until curl -sf -H "Authorization: Bearer $token" http://localhost:7007/api/buildcache/v1/compliance/summary \
    | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const j=JSON.parse(s);process.exit(j.services>=10&&j.levels.Gold+j.levels.Silver+j.levels.Bronze+j.levels.None+j.levels.NotApplicable>=10?0:1)})'; do
  [ $SECONDS -lt $deadline ] || { echo "examples were not scanned" >&2; exit 1; }
  sleep 3
done

node e2e/portal.e2e.mjs
