import type { DockerInstruction } from '../../dockerfile/model';
import type {
  PackageManagerCall,
  PackageManagerId,
} from '../../shell/packageManagers';
import type { ShellWord } from '../../shell/parseShell';

/** Something in a RUN that turns a manager's cache off. */
export interface CacheDisabling {
  manager: PackageManagerId;
  /** Human text, e.g. `pip --no-cache-dir`. */
  what: string;
  /** The flag word, when removing it is the fix. */
  flag?: ShellWord;
  /** The command word (e.g. `clean` of `npm cache clean`) to point at. */
  word?: ShellWord;
}

const hasEnv = (
  ins: DockerInstruction,
  call: PackageManagerCall,
  name: string,
) =>
  call.command.assignments.some(a => a.name === name) ||
  ins.commands.some(
    c =>
      c.program === 'export' &&
      c.words.some(w => w.text.startsWith(`${name}=`)),
  ) ||
  ins.scope.has(name);

/** Flags, variables and clean commands in a RUN that disable the cache of `call`'s manager. */
export function findCacheDisabling(
  ins: DockerInstruction,
  call: PackageManagerCall,
): CacheDisabling[] {
  const out: CacheDisabling[] = [];
  const flag = (...names: string[]) =>
    call.args.filter(a =>
      names.some(n => a.text === n || a.text.startsWith(`${n}=`)),
    );
  switch (call.manager) {
    case 'pip':
      for (const w of flag('--no-cache-dir'))
        out.push({ manager: 'pip', what: 'pip --no-cache-dir', flag: w });
      if (hasEnv(ins, call, 'PIP_NO_CACHE_DIR'))
        out.push({
          manager: 'pip',
          what: 'PIP_NO_CACHE_DIR (any value disables the cache)',
        });
      break;
    case 'uv':
      for (const w of flag('--no-cache', '-n'))
        out.push({ manager: 'uv', what: 'uv --no-cache', flag: w });
      if (hasEnv(ins, call, 'UV_NO_CACHE'))
        out.push({ manager: 'uv', what: 'UV_NO_CACHE' });
      break;
    case 'npm':
    case 'yarn':
      if (call.subcommand === 'cache clean') {
        out.push({
          manager: call.manager,
          what: `${call.manager} cache clean`,
          word: call.command.words[0],
        });
      }
      break;
    case 'apk':
      for (const w of flag('--no-cache'))
        out.push({ manager: 'apk', what: 'apk --no-cache', flag: w });
      break;
    case 'dnf':
    case 'yum':
      if (call.subcommand === 'clean all')
        out.push({
          manager: call.manager,
          what: `${call.command.program ?? call.manager} clean all`,
          word: call.command.words[0],
        });
      break;
    default:
      break;
  }
  return out;
}
