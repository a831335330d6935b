#!/usr/bin/env bash
# Benchmarks with targets: `yarn bench [analyzer|backend]` (default: both).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$BUILDCACHE_ROOT"
what="${1:-all}"
status=0
if [ "$what" = all ] || [ "$what" = analyzer ]; then
  echo "== analyzer"; node plugins/buildcache-node/bench/analyzer.bench.js || status=1
fi
if [ "$what" = all ] || [ "$what" = backend ]; then
  echo "== backend"; node plugins/buildcache-backend/bench/scanCycle.bench.js || status=1
fi
exit $status
