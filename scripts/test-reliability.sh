#!/usr/bin/env bash
# The reliability and security suites (docs/reliability.md) on their own:
# hostile repositories and SCM faults through the real scan path, replicas,
# ticket deduplication, the consistency of what counts, the permission
# matrix. They also run as part of scripts/test.sh.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$BUILDCACHE_ROOT"
export CI=true BACKSTAGE_TEST_DISABLE_DOCKER=1
: "${BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING:=postgresql://postgres@127.0.0.1:5432}"
export BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING
cd plugins/buildcache-backend
yarn_cmd backstage-cli package test \
  src/scanning/hostileRepositories.test.ts \
  src/scanning/scmFaults.test.ts \
  src/scanning/readRetry.test.ts \
  src/scanning/killedBackend.test.ts \
  src/scanning/replicas.test.ts \
  src/database/ScanStore.test.ts \
  src/tickets/tickets.test.ts \
  src/tickets/ticketsThroughScm.test.ts \
  src/tickets/providers \
  src/consistency.test.ts \
  src/permissions.matrix.test.ts "$@"
