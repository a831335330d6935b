/*
 * The peers the analyzer bench compares against (dockerfile-utils,
 * dockerfilelint) are not dependencies of the project: they are installed
 * for the bench only, with plain npm, into a git-ignored folder at the repo
 * root (.cache/bench-peers/), and required from there.
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const { createRequire } = require('node:module');
const path = require('node:path');

const repoRoot = path.resolve(__dirname, '../../..');
const PEER_DIR = path.join(repoRoot, '.cache/bench-peers');
const PEERS = ['dockerfile-utils', 'dockerfilelint'];

function installedVersion(name) {
  try {
    const manifest = path.join(PEER_DIR, 'node_modules', name, 'package.json');
    return JSON.parse(fs.readFileSync(manifest, 'utf8')).version;
  } catch {
    return null;
  }
}

/**
 * Installs the missing peers (unless `install` is false) and loads them.
 * Returns `{ name: { module, version } | { error } }`; never throws.
 */
function loadPeers({ install = true } = {}) {
  const missing = PEERS.filter(name => !installedVersion(name));
  let installError = null;
  if (missing.length > 0) {
    if (!install) {
      installError = 'not installed (run without --no-install to install)';
    } else {
      fs.mkdirSync(PEER_DIR, { recursive: true });
      console.log(
        `installing ${missing.join(', ')} into ${PEER_DIR} (bench only)`,
      );
      const npm = spawnSync(
        'npm',
        [
          'install',
          '--prefix',
          PEER_DIR,
          '--no-save',
          '--no-package-lock',
          '--no-audit',
          '--no-fund',
          ...PEERS,
        ],
        { encoding: 'utf8', timeout: 180_000 },
      );
      if (npm.error || npm.status !== 0) {
        const detail =
          npm.error?.message ??
          (npm.stderr || npm.stdout || '')
            .trim()
            .split('\n')
            .slice(-3)
            .join(' ');
        installError = `npm install failed: ${
          detail || `exit ${npm.status ?? npm.signal}`
        }`;
      }
    }
  }
  const requireFromPeers = createRequire(path.join(PEER_DIR, 'noop.js'));
  const peers = {};
  for (const name of PEERS) {
    const version = installedVersion(name);
    if (!version) {
      peers[name] = { error: installError ?? 'not installed' };
      continue;
    }
    try {
      peers[name] = { module: requireFromPeers(name), version };
    } catch (e) {
      peers[name] = {
        error: `cannot be loaded: ${
          e instanceof Error ? e.message : String(e)
        }`,
      };
    }
  }
  return peers;
}

module.exports = { loadPeers, PEER_DIR };
