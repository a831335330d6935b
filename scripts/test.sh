#!/usr/bin/env bash
# Runs every check CI runs: type check, lint, generated-docs check, the
# unit tests of every package, including the PostgreSQL variants of the
# database tests when PostgreSQL 15 is reachable on 127.0.0.1:5432, and the
# bench smoke run (bench/run.js --smoke, docs/performance.md).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$BUILDCACHE_ROOT"

export CI=true
export BACKSTAGE_TEST_DISABLE_DOCKER=1
: "${BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING:=postgresql://postgres@127.0.0.1:5432}"
export BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING

if ! node -e "require('pg');const c=new (require('pg').Client)(process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING);c.connect().then(()=>c.end()).catch(()=>process.exit(1))" 2>/dev/null; then
  if command -v pg_ctlcluster >/dev/null 2>&1; then
    echo "[buildcache] starting the local PostgreSQL cluster" >&2
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start || true
  fi
fi

step() { echo; echo "== $*" >&2; }

step "type check"
yarn_cmd tsc

step "build the plugin packages"
for dir in plugins/*/; do
  (cd "$dir" && yarn_cmd backstage-cli package build)
done

step "lint"
yarn_cmd lint:all

step "generated files are current (rule docs, OpenAPI router)"
yarn_cmd workspace @buildcache/plugin-buildcache-node docs:check
yarn_cmd workspace @buildcache/plugin-buildcache-backend openapi:check

step "unit tests"
mkdir -p .cache
set +e
yarn_cmd backstage-cli repo test --json --outputFile="$BUILDCACHE_ROOT/.cache/jest-results.json" "$@"
status=$?
set -e
node scripts/print-test-summary.mjs .cache/jest-results.json

step "bench smoke: the backend scans a 20-repository synthetic org through the GitHub and GitLab URL readers (SCM simulator)"
set +e
node bench/run.js --smoke
smoke=$?
set -e
if [ "$status" -eq 0 ]; then status=$smoke; fi
exit $status
