import type {
  DockerfileModel,
  DockerInstruction,
} from '../../dockerfile/model';
import type { MountSpec } from '../../dockerfile/mountSpec';
import {
  cacheEnvironmentOf,
  cacheMountsOf,
  packageManagerCallsOf,
} from '../../dockerfile/runAnalysis';
import type { Rule, RuleFinding } from '../../engine/ruleTypes';
import { cacheDirectoriesFor } from '../../shell/cacheDirectories';
import { setMountOptions } from '../support/dockerfileEdits';
import { cacheIdOf, isWithin } from '../support/mounts';

type Attribute = 'uid' | 'gid' | 'mode' | 'sharing' | 'from';
const ATTRIBUTES: Attribute[] = ['uid', 'gid', 'mode', 'sharing', 'from'];
const STRICTNESS: Record<string, number> = { shared: 0, private: 1, locked: 2 };
const SAME_TOOL: Record<string, string> = { yum: 'dnf', gem: 'bundler' };

/** One use of a cache (a cache mount of a RUN). */
interface CacheUse {
  model: DockerfileModel;
  ins: DockerInstruction;
  mount: MountSpec;
  id: string;
  attrs: Record<Attribute, string>;
  /** Managers whose cache directory the mount is (null when unknown). */
  tool: string | null;
}

function attributesOf(m: MountSpec): Record<Attribute, string> | null {
  const written = (key: string) => m.options.some(o => o.key === key);
  const num = (v: string | null, key: string, radix: number, dflt: string) => {
    if (v === null) return written(key) ? null : dflt;
    const ok = radix === 8 ? /^[0-7]+$/.test(v) : /^\d+$/.test(v);
    return ok ? parseInt(v, radix).toString(radix) : null;
  };
  const uid = num(m.uid, 'uid', 10, '0');
  const gid = num(m.gid, 'gid', 10, '0');
  const mode = num(m.mode, 'mode', 8, '755');
  // a written option that did not resolve (null) makes the use unknown
  if (
    uid === null ||
    gid === null ||
    mode === null ||
    (m.sharing === null && written('sharing')) ||
    (m.from === null && written('from'))
  )
    return null;
  const sharing = m.sharing?.toLowerCase() ?? 'shared';
  if (!(sharing in STRICTNESS)) return null;
  return { uid, gid, mode, sharing, from: m.from ?? '' };
}

/** The tool a mount serves: the manager in the RUN whose cache dir the mount is (or lies in). */
function toolOf(ins: DockerInstruction, target: string | null): string | null {
  if (target === null) return null;
  const env = cacheEnvironmentOf(ins);
  const tools = new Set<string>();
  for (const call of packageManagerCallsOf(ins)) {
    const { dirs } = cacheDirectoriesFor(call, env);
    if (dirs.some(d => isWithin(target, d)))
      tools.add(SAME_TOOL[call.manager] ?? call.manager);
  }
  return tools.size === 1 ? [...tools][0] : null;
}

function collectUses(dockerfiles: readonly DockerfileModel[]): CacheUse[] {
  const uses: CacheUse[] = [];
  for (const model of dockerfiles) {
    for (const ins of model.instructions) {
      if (ins.keyword !== 'RUN') continue;
      for (const { mount, target } of cacheMountsOf(ins)) {
        const id = cacheIdOf(mount);
        const attrs = attributesOf(mount);
        if (id === null || attrs === null) continue;
        uses.push({ model, ins, mount, id, attrs, tool: toolOf(ins, target) });
      }
    }
  }
  return uses;
}

const show = (a: Attribute, v: string) => (a === 'mode' ? `0${v}` : v);
const describeAttrs = (use: CacheUse, attrs: Attribute[]) =>
  attrs.map(a => `${a}=${show(a, use.attrs[a]) || '(none)'}`).join(',');

/** BC1009: one cache id used with different ownership, sharing, source or tools. */
export const cacheIdConflictRule: Rule = {
  meta: {
    id: 'BC1009',
    target: 'dockerfile',
    name: 'cache-id-conflict',
    severity: 'warning',
    summary:
      'The same cache `id` (or the same target when no id is given) is used across stages or Dockerfiles of a repository with different `uid`/`gid`/`mode`/`sharing`/`from`, or by different tools.',
    rationale:
      'Cache mounts with the same id share one directory on the builder. Ownership and mode are applied when the cache is created, so whichever RUN comes first decides them and the other use may not be able to write; mixed `sharing` lets a `shared` use write while a `locked` one expects exclusive access; different tools in one cache evict and corrupt each other.',
    recommendedFix:
      'Use a distinct `id` per tool, the same `uid`/`gid`/`mode`/`sharing` for every use of one cache, and `BUILDKIT_CACHE_MOUNT_NS` to separate projects sharing a builder.',
    sources: [
      'https://docs.docker.com/reference/dockerfile/#run---mounttypecache',
    ],
    docsPath: 'rules/BC1009.md',
    fixable: true,
  },
  check(context) {
    const findings: RuleFinding[] = [];
    const groups = new Map<string, CacheUse[]>();
    for (const use of collectUses(context.dockerfiles)) {
      const group = groups.get(use.id) ?? [];
      group.push(use);
      groups.set(use.id, group);
    }
    for (const [id, group] of groups) {
      if (group.length < 2) continue;
      const reference = group.reduce((best, u) =>
        STRICTNESS[u.attrs.sharing] > STRICTNESS[best.attrs.sharing] ? u : best,
      );
      for (const use of group) {
        if (use === reference) continue;
        const differing = ATTRIBUTES.filter(
          a => use.attrs[a] !== reference.attrs[a],
        );
        const otherTool =
          use.tool !== null &&
          reference.tool !== null &&
          use.tool !== reference.tool;
        if (differing.length === 0 && !otherTool) continue;
        const where = `${reference.model.path}:${reference.ins.range.line}`;
        const name = use.mount.options.some(o => o.key === 'id')
          ? `cache id=${id}`
          : `cache ${id} (no id: the target is the id)`;
        const parts: string[] = [];
        if (differing.length > 0)
          parts.push(
            `uses ${describeAttrs(use, differing)} here but ${describeAttrs(
              reference,
              differing,
            )} at ${where}`,
          );
        if (otherTool)
          parts.push(
            `serves ${use.tool} here but ${reference.tool} at ${where}`,
          );
        const entries: [string, string][] = otherTool
          ? [
              [
                'id',
                `${id.replace(/^\/+/, '').replace(/[/]/g, '-')}-${use.tool}`,
              ],
            ]
          : differing
              .filter(a => a !== 'from')
              .map(a => [a, show(a, reference.attrs[a])]);
        const mechanical = otherTool || !differing.includes('from');
        findings.push(
          context.reportInstruction(
            use.model,
            use.ins,
            `${name} ${parts.join(
              ', and ',
            )}: every use of one cache must agree`,
            {
              range: use.mount.range,
              fix: context.createFix(
                use.model.path,
                otherTool
                  ? `Give the ${use.tool} cache its own id`
                  : `Use the same ${differing.join('/')} as ${where}`,
                mechanical
                  ? setMountOptions(use.model, use.mount, entries)
                  : [],
              ),
            },
          ),
        );
      }
    }
    return findings;
  },
};
