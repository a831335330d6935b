#!/usr/bin/env bash
# Sets everything up (Node 22, dependencies) and starts the portal:
# frontend on http://localhost:3000, backend on http://localhost:7007,
# SQLite in .cache/sqlite, the examples/ services scanned on start-up.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$BUILDCACHE_ROOT"
bash scripts/bootstrap.sh
mkdir -p .cache/sqlite
exec node .yarn/releases/yarn-4.13.0.cjs start "$@"
