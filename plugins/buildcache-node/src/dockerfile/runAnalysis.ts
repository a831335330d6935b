import { normalizeRepoPath } from '../model/text';
import type { CacheEnvironment } from '../shell/cacheDirectories';
import {
  detectPackageManagerCalls,
  type PackageManagerCall,
} from '../shell/packageManagers';
import type { ShellCommand } from '../shell/parseShell';
import type { DockerInstruction } from './model';
import type { MountSpec } from './mountSpec';

/** A cache mount with its target resolved against WORKDIR. @public */
export interface ResolvedCacheMount {
  mount: MountSpec;
  /** Absolute normalised target, or null when it cannot be resolved. */
  target: string | null;
}

/** Resolves a mount target: absolute as is, relative against the WORKDIR (null when unknown). @public */
export function resolveMountTarget(
  target: string | null,
  workdir: string | null,
): string | null {
  if (target === null || target === '') return null;
  if (target.startsWith('/')) return `/${normalizeRepoPath(target) ?? ''}`;
  if (workdir === null) return null;
  return `/${normalizeRepoPath(`${workdir}/${target}`) ?? ''}`;
}

/** The `type=cache` mounts of a RUN. @public */
export function cacheMountsOf(
  instruction: DockerInstruction,
): ResolvedCacheMount[] {
  return instruction.mounts
    .filter(m => m.type === 'cache')
    .map(m => ({
      mount: m,
      target: resolveMountTarget(m.target, instruction.workdir),
    }));
}

/** The calls found in a RUN's commands, by its commands array. */
const callsOfCommands = new WeakMap<
  readonly ShellCommand[],
  { count: number; calls: readonly PackageManagerCall[] }
>();

/** Package-manager calls in a RUN's commands. @public */
export function packageManagerCallsOf(
  instruction: DockerInstruction,
): PackageManagerCall[] {
  // the facts and a dozen rules ask for every RUN: found once per RUN, each
  // caller gets its own array
  const commands = instruction.commands;
  const known = callsOfCommands.get(commands);
  if (known && known.count === commands.length) return known.calls.slice();
  const calls = commands.flatMap(c => detectPackageManagerCalls(c));
  callsOfCommands.set(commands, { count: commands.length, calls });
  return calls.slice();
}

const ROOT_USERS = new Set(['root', '0']);

/** The environment (ENV, `export`s in the RUN, user home) cache-directory lookups need. @public */
export function cacheEnvironmentOf(
  instruction: DockerInstruction,
): CacheEnvironment {
  const exported = new Map<string, string | null>();
  for (const c of instruction.commands) {
    if (c.program !== 'export') continue;
    for (const w of c.words.slice(1)) {
      const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(w.text);
      if (m) exported.set(m[1], m[2].includes('$') ? null : m[2]);
    }
  }
  const lookup = (name: string): string | null | undefined => {
    if (exported.has(name)) return exported.get(name);
    return instruction.scope.get(name);
  };
  const isRoot = instruction.user !== null && ROOT_USERS.has(instruction.user);
  const envHome = lookup('HOME');
  let home: string | null;
  if (envHome !== undefined) home = envHome;
  else home = isRoot ? '/root' : null;
  return { lookup, home, isRoot };
}
