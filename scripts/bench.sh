#!/usr/bin/env bash
# Benchmarks with targets, see docs/performance.md:
#   yarn bench            full run: analyzer, backend, org scan of 5,000 repositories
#   yarn bench --quick    the same with 500 repositories (under 10 minutes)
#   yarn bench --smoke    org scan of 20 repositories, functional checks (CI)
#   yarn bench [--quick] analyzer|backend|org|api   only those benches
# Writes bench/results/latest.json (smoke: smoke.json) and prints a table.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$BUILDCACHE_ROOT"
exec node bench/run.js "$@"
