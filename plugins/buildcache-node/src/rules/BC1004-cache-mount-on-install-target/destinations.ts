import type { DockerInstruction } from '../../dockerfile/model';
import {
  cacheEnvironmentOf,
  packageManagerCallsOf,
  resolveMountTarget,
} from '../../dockerfile/runAnalysis';
import { expandVariables } from '../../dockerfile/variables';
import type { CacheEnvironment } from '../../shell/cacheDirectories';
import type {
  PackageManagerCall,
  PackageManagerId,
} from '../../shell/packageManagers';
import { isWithin } from '../support/mounts';
import { flagValue } from '../../shell/flagValue';

/** Where a command puts its result. */
export interface InstallDestination {
  /** E.g. `/app/node_modules`, `/usr/local/lib/python*`, `a site-packages directory`. */
  describe: string;
  /** The command, e.g. `npm ci`. */
  what: string;
  manager: PackageManagerId;
  /** Why covering it is wrong, when not "the command puts its result there". */
  reason?: string;
  /** True when a cache mount at `target` hides (part of) the destination. */
  conflicts(target: string): boolean;
}

const truthy = (v: string | null | undefined) =>
  v !== null && v !== undefined && /^(1|true|yes|on)$/i.test(v);
const falsy = (v: string | null | undefined) =>
  v !== null && v !== undefined && /^(0|false|no|off)$/i.test(v);

function pathDestination(
  path: string,
  what: string,
  manager: PackageManagerId,
): InstallDestination | null {
  if (path === '/') return null;
  return {
    describe: path,
    what,
    manager,
    conflicts: t => isWithin(t, path) || isWithin(path, t),
  };
}

/** `/usr/local/lib/python*`: any directory of `base` whose name starts with `prefix`. */
function prefixDestination(
  base: string,
  prefix: string,
  what: string,
  manager: PackageManagerId,
): InstallDestination {
  return {
    describe: `${base}/${prefix}*`,
    what,
    manager,
    conflicts: t => {
      if (isWithin(base, t)) return true;
      if (!t.startsWith(`${base}/`)) return false;
      return t.slice(base.length + 1).startsWith(prefix);
    },
  };
}

function segmentDestination(
  segment: string,
  what: string,
  manager: PackageManagerId,
): InstallDestination {
  return {
    describe: `a ${segment} directory`,
    what,
    manager,
    conflicts: t => t.split('/').includes(segment),
  };
}

const hasFlag = (call: PackageManagerCall, ...names: string[]) =>
  call.args.some(a => names.includes(a.text));

/** Destinations of one package-manager call. */
function destinationsOfCall(
  call: PackageManagerCall,
  ins: DockerInstruction,
  env: CacheEnvironment,
): InstallDestination[] {
  const out: InstallDestination[] = [];
  const inline = new Map(
    call.command.assignments.map(a => [a.name, a.value] as const),
  );
  const v = (name: string): string | null | undefined =>
    inline.has(name) ? inline.get(name) : env.lookup(name);
  const resolve = (p: string | null | undefined): string | null => {
    if (p === null || p === undefined || p === '') return null;
    const expanded = expandVariables(p, ins.scope);
    if (expanded === null || expanded.includes('$')) return null;
    return resolveMountTarget(expanded, ins.workdir);
  };
  const what = `${call.command.program ?? call.manager}${
    call.subcommand ? ` ${call.subcommand}` : ''
  }`;
  const m = call.manager;
  const add = (p: string | null | undefined, sub = '') => {
    const r = resolve(p);
    const d = r === null ? null : pathDestination(`${r}${sub}`, what, m);
    if (d) out.push(d);
    return r !== null;
  };
  const python = () => {
    out.push(prefixDestination('/usr/local/lib', 'python', what, m));
    add('/usr/lib/python3/dist-packages');
    add('/usr/local/bin');
  };
  const venvInProject = () => add(ins.workdir === null ? null : '.venv');
  const sub = call.subcommand ?? '';
  const pythonInstall =
    (m === 'pip' && sub === 'install') ||
    (m === 'uv' && ['pip install', 'pip sync', 'sync'].includes(sub)) ||
    ((m === 'poetry' || m === 'pipenv') && ['install', 'sync'].includes(sub));
  if (pythonInstall) {
    out.push(segmentDestination('site-packages', what, m));
    out.push(segmentDestination('dist-packages', what, m));
    out.push(segmentDestination('.venv', what, m));
  }
  switch (m) {
    case 'pip': {
      if (sub !== 'install') break;
      const explicit = [
        flagValue(call, '--target', '-t'),
        flagValue(call, '--prefix'),
        flagValue(call, '--root'),
      ].filter(x => x !== undefined);
      if (explicit.length > 0) {
        explicit.forEach(x => add(x));
        break;
      }
      if (hasFlag(call, '--user')) {
        if (env.home) add(`${env.home}/.local`);
        break;
      }
      const prog = call.command.words[0]?.text ?? '';
      const bin = prog.lastIndexOf('/bin/');
      if (bin > 0) add(prog.slice(0, bin));
      else {
        // pip installs into the interpreter found on PATH; VIRTUAL_ENV alone
        // does not switch it, so both places count
        if (v('VIRTUAL_ENV') !== undefined) add(v('VIRTUAL_ENV'));
        python();
      }
      break;
    }
    case 'uv':
      if (sub === 'pip install' || sub === 'pip sync') {
        const t =
          flagValue(call, '--target', '-t') ?? flagValue(call, '--prefix');
        if (t !== undefined) add(t);
        else if (hasFlag(call, '--system') || truthy(v('UV_SYSTEM_PYTHON')))
          python();
        else if (v('VIRTUAL_ENV') !== undefined) add(v('VIRTUAL_ENV'));
        else venvInProject();
      } else if (sub === 'sync') {
        if (v('UV_PROJECT_ENVIRONMENT') !== undefined)
          add(v('UV_PROJECT_ENVIRONMENT'));
        else if (!hasFlag(call, '--project', '--directory')) venvInProject();
      }
      break;
    case 'poetry':
      if (sub !== 'install') break;
      if (truthy(v('POETRY_VIRTUALENVS_IN_PROJECT'))) venvInProject();
      else if (falsy(v('POETRY_VIRTUALENVS_CREATE'))) python();
      break;
    case 'pipenv':
      if (sub !== 'install' && sub !== 'sync') break;
      if (hasFlag(call, '--system')) python();
      else if (truthy(v('PIPENV_VENV_IN_PROJECT'))) venvInProject();
      break;
    case 'npm':
      if (!call.downloads) break;
      if (hasFlag(call, '-g', '--global')) {
        add('/usr/local/lib/node_modules');
        add('/usr/local/bin');
      } else if (flagValue(call, '--prefix') !== undefined)
        add(flagValue(call, '--prefix'), '/node_modules');
      else add(ins.workdir === null ? null : 'node_modules');
      break;
    case 'yarn':
      if (!call.downloads) break;
      add(
        flagValue(call, '--modules-folder') ??
          (ins.workdir === null ? null : 'node_modules'),
      );
      break;
    case 'pnpm':
      if (!['install', 'i', 'add'].includes(sub)) break;
      if (!hasFlag(call, '-g', '--global'))
        add(ins.workdir === null ? null : 'node_modules');
      break;
    case 'go':
      // GOPATH itself (`/go`): its bin/ and src/ are results, only pkg/mod is a cache
      if (sub === 'build' || sub === 'install') add(v('GOPATH') ?? '/go');
      if (sub === 'build') add(flagValue(call, '-o'));
      if (sub === 'install' && v('GOBIN') !== undefined) add(v('GOBIN'));
      if (sub === 'mod vendor') add(ins.workdir === null ? null : 'vendor');
      break;
    case 'cargo': {
      const home = pathDestination('/usr/local/cargo', what, m);
      if (home)
        out.push({
          ...home,
          describe: 'CARGO_HOME /usr/local/cargo',
          reason:
            'it holds cargo and rustc themselves (bin/): the mount hides the toolchain, and what is installed there is missing from the image',
        });
      if (sub === 'install') {
        const root = flagValue(call, '--root');
        if (root !== undefined) add(root);
        else add(v('CARGO_HOME') ?? '/usr/local/cargo', '/bin');
      }
      break;
    }
    case 'bundler':
      if (!call.downloads) break;
      if (flagValue(call, '--path') !== undefined)
        add(flagValue(call, '--path'));
      else if (v('BUNDLE_PATH') !== undefined) add(v('BUNDLE_PATH'));
      else if (truthy(v('BUNDLE_DEPLOYMENT')) || hasFlag(call, '--deployment'))
        add(ins.workdir === null ? null : 'vendor/bundle');
      else add(v('GEM_HOME') ?? '/usr/local/bundle');
      break;
    case 'gem':
      if (sub !== 'install') break;
      add(
        flagValue(call, '--install-dir', '-i') ??
          v('GEM_HOME') ??
          '/usr/local/bundle',
      );
      break;
    case 'composer':
      if (!call.downloads) break;
      add(v('COMPOSER_VENDOR_DIR') ?? (ins.workdir === null ? null : 'vendor'));
      break;
    case 'dotnet':
      if (sub === 'build' || sub === 'publish')
        add(flagValue(call, '-o', '--output'));
      break;
    case 'conda':
      if (!call.downloads) break;
      if (flagValue(call, '-p', '--prefix') !== undefined)
        add(flagValue(call, '-p', '--prefix'));
      else if (call.command.program === 'micromamba')
        add(v('MAMBA_ROOT_PREFIX'));
      else add('/opt/conda');
      break;
    default:
      break;
  }
  return out;
}

/** Every place the commands of a RUN put their results, per the catalogue's BC1004 list. */
export function installDestinations(
  ins: DockerInstruction,
): InstallDestination[] {
  const env = cacheEnvironmentOf(ins);
  return packageManagerCallsOf(ins).flatMap(c =>
    destinationsOfCall(c, ins, env),
  );
}
