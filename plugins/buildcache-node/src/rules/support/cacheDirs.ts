import type { DockerInstruction } from '../../dockerfile/model';
import {
  cacheEnvironmentOf,
  packageManagerCallsOf,
} from '../../dockerfile/runAnalysis';
import { cacheDirectoriesFor } from '../../shell/cacheDirectories';
import type {
  PackageManagerCall,
  PackageManagerId,
} from '../../shell/packageManagers';

const ALL_MANAGERS: PackageManagerId[] = [
  'apt',
  'pip',
  'uv',
  'poetry',
  'pipenv',
  'npm',
  'yarn',
  'pnpm',
  'go',
  'cargo',
  'maven',
  'gradle',
  'bundler',
  'gem',
  'composer',
  'dotnet',
  'conda',
  'apk',
  'dnf',
  'yum',
  'zypper',
  'ccache',
];

function syntheticCall(manager: PackageManagerId): PackageManagerCall {
  return {
    manager,
    subcommand: null,
    downloads: false,
    args: [],
    command: {
      assignments: [],
      redirects: [],
      words: [],
      program: null,
      start: 0,
      end: 0,
      terminator: '',
    },
  };
}

/**
 * Every default cache directory of the catalogue's table for the
 * environment of a RUN (all managers, the RUN's own calls with their flags
 * and inline variables included), plus the documented alternatives
 * (`~/.cache`, `~/.m2`, `~/.gradle`). These are caches, never install
 * destinations.
 */
export function knownCacheDirectories(ins: DockerInstruction): string[] {
  const env = cacheEnvironmentOf(ins);
  const dirs = new Set<string>();
  const calls = [
    ...ALL_MANAGERS.map(syntheticCall),
    ...packageManagerCallsOf(ins),
  ];
  for (const call of calls)
    for (const d of cacheDirectoriesFor(call, env).dirs) dirs.add(d);
  const homes = new Set(['/root']);
  if (env.home) homes.add(env.home);
  for (const h of homes)
    for (const sub of ['.cache', '.m2', '.gradle']) dirs.add(`${h}/${sub}`);
  // the composer image's cache (COMPOSER_HOME=/tmp there)
  dirs.add('/tmp/cache');
  return [...dirs];
}

/** The cache directories of one manager for a RUN (null when incomplete). */
export function cacheDirectoriesOfManager(
  ins: DockerInstruction,
  manager: PackageManagerId,
): string[] | null {
  const call =
    packageManagerCallsOf(ins).find(c => c.manager === manager) ??
    syntheticCall(manager);
  const { dirs, incomplete } = cacheDirectoriesFor(
    call,
    cacheEnvironmentOf(ins),
  );
  return incomplete || dirs.length === 0 ? null : dirs;
}
