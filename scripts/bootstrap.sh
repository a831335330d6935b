#!/usr/bin/env bash
# Installs everything the project needs from nothing: Node 22 (when the system
# Node is older) and every workspace dependency, native modules included.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$BUILDCACHE_ROOT"
echo "[buildcache] node $(node -v), yarn $(yarn_cmd --version)" >&2
export YARN_ENABLE_PROGRESS_BARS=false
if [ "${CI:-}" = "true" ]; then
  yarn_cmd install --immutable
else
  yarn_cmd install
fi
