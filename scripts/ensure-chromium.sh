#!/usr/bin/env bash
# Installs Debian's chromium (the browser of scripts/e2e.sh and of the page
# bench, driven by playwright-core) when /usr/bin/chromium is missing.
set -euo pipefail
if [ ! -x /usr/bin/chromium ]; then
  echo "[buildcache] installing Debian's chromium (apt-get install chromium)" >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
