import type {
  DockerfileModel,
  DockerInstruction,
} from '../../dockerfile/model';
import type { MountSpec } from '../../dockerfile/mountSpec';
import { cacheMountsOf } from '../../dockerfile/runAnalysis';
import { expandVariables } from '../../dockerfile/variables';
import type { Rule, RuleFinding } from '../../engine/ruleTypes';
import { stageAncestry } from '../support/aptHygiene';
import { imageDefaultsOf } from '../../dockerfile/imageDefaults';
import { rootBaseImage, splitImageReference } from '../support/baseImage';
import { setMountOptions } from '../support/dockerfileEdits';

const ROOT_USERS = new Set(['root', '0']);
const NUMERIC = /^\d+$/;

/** Instructions before `ins` in its stage and the stages it is built FROM, latest first. */
function earlierInstructions(
  model: DockerfileModel,
  ins: DockerInstruction,
): DockerInstruction[] {
  if (ins.stage === null) return [];
  return stageAncestry(model, model.stages[ins.stage]).flatMap(s =>
    s.instructions.filter(i => i.index < ins.index).reverse(),
  );
}

function optionValue(words: string[], ...names: string[]): string | null {
  for (let i = 0; i < words.length; i++) {
    for (const n of names) {
      if (words[i] === n && i + 1 < words.length) return words[i + 1];
      if (n.startsWith('--') && words[i].startsWith(`${n}=`))
        return words[i].slice(n.length + 1);
    }
  }
  return null;
}

/** Numeric uid/gid of the RUN's user, when the Dockerfile (or the official node image) tells. */
function userIds(
  model: DockerfileModel,
  ins: DockerInstruction,
): { uid: string; gid: string | null } | null {
  const earlier = earlierInstructions(model, ins);
  const userIns = earlier.find(i => i.keyword === 'USER');
  if (!userIns && ins.stage !== null) {
    // no USER: the base image's own user, when the analyzer knows its ids
    const base = rootBaseImage(model, model.stages[ins.stage]);
    const image = base ? imageDefaultsOf(base) : null;
    return image && image.user === ins.user
      ? { uid: image.uid, gid: image.gid }
      : null;
  }
  const written = userIns
    ? expandVariables(userIns.arguments.trim(), userIns.scope)
    : null;
  if (!written) return null;
  const [user, group] = written.split(':');
  let uid: string | null = NUMERIC.test(user) ? user : null;
  let gid: string | null = group && NUMERIC.test(group) ? group : null;
  if (uid === null) {
    for (const run of earlier.filter(i => i.keyword === 'RUN')) {
      for (const c of run.commands) {
        if (c.program !== 'useradd' && c.program !== 'adduser') continue;
        const words = c.words.map(w => w.text);
        if (words[words.length - 1] !== user) continue;
        uid = optionValue(words, '-u', '--uid');
        gid ??= optionValue(words, '-g', '--gid');
      }
      if (uid !== null) break;
    }
  }
  if (uid === null && user === 'node' && ins.stage !== null) {
    const base = rootBaseImage(model, model.stages[ins.stage]);
    if (base && splitImageReference(base).repository === 'node') {
      uid = '1000';
      gid ??= '1000';
    }
  }
  if (uid === null || !NUMERIC.test(uid)) return null;
  return { uid, gid: gid !== null && NUMERIC.test(gid) ? gid : null };
}

const isReadonly = (m: MountSpec) =>
  m.options.some(
    o =>
      (o.key === 'ro' || o.key === 'readonly') &&
      (o.value === null || /^(1|t|true)$/i.test(o.value)),
  );

/** Null when an ownership option is written but cannot be resolved (then abstain). */
function isWritable(m: MountSpec): boolean | null {
  const written = (key: string) => m.options.some(o => o.key === key);
  if (
    (written('uid') && m.uid === null) ||
    (written('gid') && m.gid === null) ||
    (written('mode') && m.mode === null)
  )
    return null;
  const mode = m.mode === null ? 0o755 : parseInt(m.mode, 8);
  if (Number.isNaN(mode)) return null;
  const owner = m.uid !== null && m.uid !== '0' && (mode & 0o200) !== 0;
  const group = m.gid !== null && m.gid !== '0' && (mode & 0o020) !== 0;
  return owner || group || (mode & 0o002) !== 0;
}

/** BC1008: a non-root RUN uses a cache mount it cannot write to. */
export const cacheMountUnwritableForUserRule: Rule = {
  meta: {
    id: 'BC1008',
    target: 'dockerfile',
    name: 'cache-mount-unwritable-for-user',
    severity: 'warning',
    summary:
      'A RUN executes as a non-root `USER` and uses a cache mount without `uid`/`gid` (or a `mode` granting write), or a cache mount under `/root` while the user is not root.',
    rationale:
      "BuildKit creates a new cache directory as `uid=0,gid=0,mode=0755`: a non-root user cannot write to it, so the tool fails or silently skips its cache. A mount under `/root` is not where a non-root user's tools look, and `/root` itself is usually not accessible to them.",
    recommendedFix:
      "Set `uid`/`gid` on the mount to the user's ids (e.g. `uid=1000,gid=1000` for `node`) and target that user's home (e.g. `/home/node/.npm`).",
    sources: [
      'https://docs.docker.com/reference/dockerfile/#run---mounttypecache',
    ],
    docsPath: 'rules/BC1008.md',
    fixable: true,
  },
  check(context) {
    const findings: RuleFinding[] = [];
    for (const model of context.dockerfiles) {
      for (const ins of model.instructions) {
        if (ins.keyword !== 'RUN' || ins.user === null) continue;
        if (ROOT_USERS.has(ins.user)) continue;
        for (const { mount, target } of cacheMountsOf(ins)) {
          if (isReadonly(mount)) continue;
          const writable = isWritable(mount);
          if (writable === null) continue;
          const underRoot =
            target !== null &&
            (target === '/root' || target.startsWith('/root/'));
          if (writable && !underRoot) continue;
          const problems: string[] = [];
          if (!writable)
            problems.push(
              'is not writable for it (BuildKit creates cache directories owned by root with mode 0755 unless uid/gid/mode say otherwise)',
            );
          if (underRoot)
            problems.push(
              `is under /root, which is not the home of user ${ins.user}: its tools do not look there`,
            );
          const ids = !writable && !underRoot ? userIds(model, ins) : null;
          const entries: [string, string][] = ids
            ? [
                ['uid', ids.uid],
                ...(ids.gid !== null
                  ? [['gid', ids.gid] as [string, string]]
                  : []),
              ]
            : [];
          findings.push(
            context.reportInstruction(
              model,
              ins,
              `this RUN executes as user ${ins.user} but the cache mount on ${
                target ?? mount.rawTarget ?? '(no target)'
              } ${problems.join(', and ')}`,
              {
                range: mount.range,
                fix: context.createFix(
                  model.path,
                  ids
                    ? `Own the cache mount by the user (${entries
                        .map(([k, v]) => `${k}=${v}`)
                        .join(',')})`
                    : "Set uid/gid to the user's ids and target the user's home",
                  ids ? setMountOptions(model, mount, entries) : [],
                ),
              },
            ),
          );
        }
      }
    }
    return findings;
  },
};
