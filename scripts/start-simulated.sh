#!/usr/bin/env bash
# Starts the portal against the loopback SCM simulator: the simulator on
# http://127.0.0.1:7070 serving examples/* as GitHub repositories acme/<name>
# (token simulator-token), then the portal with app-config.simulated.yaml on
# top of app-config.yaml. Tickets and fix pull requests land in the
# simulator: open http://127.0.0.1:7070/acme/<name>/issues/1 to see one.
# Stopping the script (Ctrl-C) stops both.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$BUILDCACHE_ROOT"
bash scripts/bootstrap.sh
SIMULATOR_URL=http://127.0.0.1:7070
mkdir -p .cache/simulator
rm -rf .cache/sqlite-simulated && mkdir -p .cache/sqlite-simulated
node scripts/simulated-catalog.mjs "$SIMULATOR_URL" .cache/simulator/catalog.yaml

node packages/scm-simulator/bin/scm-simulator --port 7070 --seed-dir examples \
  --owner acme --token simulator-token > .cache/simulator/simulator.log 2>&1 &
simulator=$!
trap 'kill "$simulator" 2>/dev/null || true' EXIT
until curl -sf -o /dev/null -H 'Authorization: token simulator-token' "$SIMULATOR_URL/api/v3/rate_limit"; do
  kill -0 "$simulator" 2>/dev/null || { cat .cache/simulator/simulator.log >&2; exit 1; }
  sleep 0.5
done
echo "[buildcache] SCM simulator on $SIMULATOR_URL (log: .cache/simulator/simulator.log)" >&2

node .yarn/releases/yarn-4.13.0.cjs start \
  --config ../../app-config.yaml --config ../../app-config.simulated.yaml "$@"
