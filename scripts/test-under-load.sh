#!/usr/bin/env bash
# Runs the README's test command (scripts/test.sh) several times in a row while
# CPU-bound processes compete for every core, the way a busy CI machine does.
# A test that passes alone but fails here depends on machine speed: fix it.
#
#   bash scripts/test-under-load.sh              # 5 runs, 2 busy processes
#   RUNS=3 HOGS=4 bash scripts/test-under-load.sh
#   bash scripts/test-under-load.sh --only-unit  # just the jest suites
#
# Extra arguments after --only-unit go to `backstage-cli repo test`.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$BUILDCACHE_ROOT"

RUNS="${RUNS:-5}"
HOGS="${HOGS:-2}"
only_unit=false
if [ "${1:-}" = "--only-unit" ]; then
  only_unit=true
  shift
fi

hog_pids=()
stop_hogs() { for pid in "${hog_pids[@]}"; do kill "$pid" 2>/dev/null || true; done; }
trap stop_hogs EXIT
cpus="$(nproc)"
for i in $(seq 0 $((HOGS - 1))); do
  # a pure busy loop, pinned to one core each (round robin) when taskset exists
  if command -v taskset >/dev/null 2>&1; then
    taskset -c $((i % cpus)) sh -c 'while :; do :; done' &
  else
    sh -c 'while :; do :; done' &
  fi
  hog_pids+=("$!")
done
echo "[buildcache] $HOGS CPU-bound processes running (pids ${hog_pids[*]})" >&2

for run in $(seq 1 "$RUNS"); do
  echo "[buildcache] run $run of $RUNS under load" >&2
  started=$SECONDS
  if $only_unit; then
    export CI=true BACKSTAGE_TEST_DISABLE_DOCKER=1
    : "${BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING:=postgresql://postgres@127.0.0.1:5432}"
    export BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING
    mkdir -p .cache
    if ! yarn_cmd backstage-cli repo test --json --outputFile="$BUILDCACHE_ROOT/.cache/jest-results.json" "$@"; then
      node scripts/print-test-summary.mjs .cache/jest-results.json || true
      echo "[buildcache] run $run FAILED under load after $((SECONDS - started)) s" >&2
      exit 1
    fi
    node scripts/print-test-summary.mjs .cache/jest-results.json
  elif ! bash scripts/test.sh "$@"; then
    echo "[buildcache] run $run FAILED under load after $((SECONDS - started)) s" >&2
    exit 1
  fi
  echo "[buildcache] run $run passed in $((SECONDS - started)) s" >&2
done
echo "[buildcache] $RUNS of $RUNS runs passed under load" >&2
