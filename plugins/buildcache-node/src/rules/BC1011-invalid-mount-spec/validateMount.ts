import type { MountOption, MountSpec } from '../../dockerfile/mountSpec';
import { resolveMountTarget } from '../../dockerfile/runAnalysis';

/** One problem BuildKit's `--mount` parser would reject. */
export interface MountProblem {
  /** The offending option; undefined when the problem is the whole mount (e.g. a missing target). */
  option?: MountOption;
  message: string;
  /** Replacement text for the option, when a correction is unambiguous. */
  replacement?: string;
}

const TYPES = ['bind', 'cache', 'tmpfs', 'secret', 'ssh'];
const SHARING = ['shared', 'private', 'locked'];
const KEYS = [
  'type',
  'from',
  'source',
  'src',
  'target',
  'dst',
  'destination',
  'readonly',
  'ro',
  'rw',
  'readwrite',
  'required',
  'size',
  'id',
  'sharing',
  'mode',
  'uid',
  'gid',
  'env',
];
const BOOL = /^(1|t|T|TRUE|true|True|0|f|F|FALSE|false|False)$/;
/** go-units RAMInBytes. */
const SIZE = /^\d+(\.\d+)*\s?[kKmMgGtTpP]?[iI]?[bB]?$/;
const UINT32 = 0xffffffff;

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j];
      row[j] = Math.min(
        row[j] + 1,
        row[j - 1] + 1,
        prev + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
      prev = tmp;
    }
  }
  return row[b.length];
}

/** The closest valid word (a prefix of it, or within edit distance 2), if unambiguous. */
export function suggest(
  value: string,
  candidates: readonly string[],
): string | undefined {
  const v = value.toLowerCase();
  if (v.length === 0) return undefined;
  const prefixed = candidates.filter(
    c => v.length >= 3 && (c.startsWith(v) || v.startsWith(c)),
  );
  if (prefixed.length === 1) return prefixed[0];
  const scored = candidates
    .map(c => ({ c, d: distance(v, c) }))
    .filter(x => x.d <= 2 && x.d < v.length)
    .sort((x, y) => x.d - y.d);
  if (scored.length === 0) return undefined;
  if (scored.length > 1 && scored[1].d === scored[0].d) return undefined;
  return scored[0].c;
}

const hint = (s: string | undefined) => (s ? `; did you mean ${s}?` : '');

/**
 * Validates a `--mount` value the way BuildKit's Dockerfile frontend does
 * (`parseMount` + `validateMount`). `expand` resolves ARG/ENV in a value
 * (null: unresolvable, so that value is not judged).
 */
export function validateMount(
  mount: MountSpec,
  expand: (value: string) => string | null,
  workdir: string | null,
): MountProblem[] {
  const problems: MountProblem[] = [];
  let type: string | null = 'bind';
  const seen = new Map<string, MountOption>();
  for (const option of mount.options) {
    const key = option.key;
    if (option.value === null) {
      if (['readonly', 'ro', 'readwrite', 'rw'].includes(key)) continue;
      if (key === 'required' && (type === 'secret' || type === 'ssh')) continue;
      if (key === 'required' && type === null) continue;
      problems.push({
        option,
        message:
          key === 'required'
            ? `'required' is only valid for secret and ssh mounts`
            : `'${key}' must be a key=value pair`,
      });
      continue;
    }
    const value = expand(option.value);
    seen.set(key, option);
    const bad = (message: string, replacement?: string) =>
      problems.push({ option, message, replacement });
    if (key === 'type') {
      if (value === null) {
        type = null;
        continue;
      }
      const t = value.toLowerCase();
      if (TYPES.includes(t)) type = t;
      else {
        const s = suggest(t, TYPES);
        bad(
          `unsupported mount type "${value}" (bind, cache, tmpfs, secret or ssh)${hint(
            s,
          )}`,
          s && `type=${s}`,
        );
        return problems; // the rest depends on the type
      }
      continue;
    }
    if (!KEYS.includes(key)) {
      const s = suggest(key, KEYS);
      bad(
        `unknown mount option '${key}'${hint(s)}`,
        s && `${s}=${option.value}`,
      );
      continue;
    }
    if (value === null) continue; // unresolvable variable: not judged
    switch (key) {
      case 'readonly':
      case 'ro':
      case 'readwrite':
      case 'rw':
        if (!BOOL.test(value)) bad(`invalid value for ${key}: ${value}`);
        break;
      case 'required':
        if (type !== null && type !== 'secret' && type !== 'ssh')
          bad(`'required' is not valid for ${type} mounts`);
        else if (!BOOL.test(value)) bad(`invalid value for ${key}: ${value}`);
        break;
      case 'size':
        if (type !== null && type !== 'tmpfs')
          bad(
            `'size' is only valid for tmpfs mounts (declare type=tmpfs first)`,
          );
        else if (!SIZE.test(value)) bad(`invalid value for size: ${value}`);
        break;
      case 'sharing':
        if (!SHARING.includes(value.toLowerCase())) {
          const s = suggest(value, SHARING);
          bad(
            `unsupported sharing value "${value}" (shared, private or locked)${hint(
              s,
            )}`,
            s && `sharing=${s}`,
          );
        }
        break;
      case 'mode':
        if (!/^[0-7]+$/.test(value) || parseInt(value, 8) > UINT32)
          bad(`invalid value ${value} for mode (an octal number, e.g. 0755)`);
        break;
      case 'uid':
      case 'gid':
        if (!/^\d+$/.test(value) || Number(value) > UINT32)
          bad(`invalid value ${value} for ${key} (a numeric id)`);
        break;
      case 'env':
        if (type !== null && type !== 'secret')
          bad(`'env' is only valid for secret mounts`);
        break;
      default:
        break;
    }
  }
  if (type === null) return problems;
  const fileInfo = type === 'cache' || type === 'secret' || type === 'ssh';
  for (const key of ['mode', 'uid', 'gid']) {
    const option = seen.get(key);
    if (option && !fileInfo)
      problems.push({
        option,
        message: `${key} is not allowed for ${type} mounts`,
      });
  }
  const sharing = seen.get('sharing');
  if (sharing && type !== 'cache')
    problems.push({
      option: sharing,
      message: `sharing is only valid for cache mounts, not ${type}`,
    });
  if (type === 'secret') {
    const from = seen.get('from');
    if (from)
      problems.push({
        option: from,
        message: 'a secret mount cannot have from',
      });
    const source = seen.get('source') ?? seen.get('src');
    const id = seen.get('id');
    if (source && id)
      problems.push({
        option: id,
        message: 'a secret mount cannot set both source and id',
      });
  }
  if (type === 'cache' && (mount.rawTarget === null || mount.rawTarget === ''))
    problems.push({
      message: 'a cache mount needs a target (target=, dst= or destination=)',
    });
  if (
    type !== 'secret' &&
    type !== 'ssh' &&
    mount.target !== null &&
    resolveMountTarget(mount.target, workdir) === '/'
  )
    problems.push({
      option: [...mount.options]
        .reverse()
        .find(o => ['target', 'dst', 'destination'].includes(o.key)),
      message: 'the mount target resolves to /, which BuildKit rejects',
    });
  return problems;
}
