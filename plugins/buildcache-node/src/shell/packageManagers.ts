import { firstOperand, type ShellCommand, type ShellWord } from './parseShell';

/** Package managers (and ccache) the rules know the cache directories of. @public */
export type PackageManagerId =
  | 'apt'
  | 'pip'
  | 'uv'
  | 'poetry'
  | 'pipenv'
  | 'npm'
  | 'yarn'
  | 'pnpm'
  | 'go'
  | 'cargo'
  | 'maven'
  | 'gradle'
  | 'bundler'
  | 'gem'
  | 'composer'
  | 'dotnet'
  | 'conda'
  | 'apk'
  | 'dnf'
  | 'yum'
  | 'zypper'
  | 'ccache';

/** One invocation of a package manager found in a shell command. @public */
export interface PackageManagerCall {
  manager: PackageManagerId;
  /** E.g. `install`, `mod download`, `cache clean`; null when bare (`yarn`). */
  subcommand: string | null;
  /** True when the call downloads packages (BC1005's list). */
  downloads: boolean;
  /** The arguments after the program (after `-m pip` for `python -m pip`). */
  args: ShellWord[];
  command: ShellCommand;
}

/** zypper subcommands (and aliases) that download packages. */
const ZYPPER_DOWNLOADING = new Set([
  'install',
  'in',
  'update',
  'up',
  'dist-upgrade',
  'dup',
  'patch',
  'source-install',
  'si',
]);

const APT_OPTS = new Set([
  '-o',
  '-t',
  '-c',
  '--option',
  '--target-release',
  '--config-file',
  '--default-release',
]);
const hasFlag = (args: ShellWord[], ...flags: string[]) =>
  args.some(
    a =>
      flags.includes(a.text) ||
      flags.some(f => f.startsWith('--') && a.text.startsWith(`${f}=`)),
  );

function operands(
  args: ShellWord[],
  optsWithValue?: ReadonlySet<string>,
): string[] {
  const out: string[] = [];
  let rest = args;
  for (let k = 0; k < 2; k++) {
    const op = firstOperand(rest, optsWithValue);
    if (!op) break;
    out.push(op.word.text);
    rest = rest.slice(op.index + 1);
  }
  return out;
}

type Detector = (
  program: string,
  args: ShellWord[],
  cmd: ShellCommand,
) => Omit<PackageManagerCall, 'command'> | null;

const call = (
  manager: PackageManagerId,
  subcommand: string | null,
  downloads: boolean,
  args: ShellWord[],
) => ({
  manager,
  subcommand,
  downloads,
  args,
});

const DETECTORS: Detector[] = [
  (p, args) => {
    if (p !== 'apt-get' && p !== 'apt') return null;
    const [sub] = operands(args, APT_OPTS);
    return call(
      'apt',
      sub ?? null,
      sub === 'update' || sub === 'install',
      args,
    );
  },
  (p, args) => {
    let a = args;
    if (/^python(\d(\.\d+)?)?$/.test(p)) {
      const m = a.findIndex(w => w.text === '-m');
      if (m < 0 || a[m + 1]?.text !== 'pip') return null;
      a = a.slice(m + 2);
    } else if (!/^pip(\d(\.\d+)?)?$/.test(p)) return null;
    const [sub, ...packages] = operands(
      a,
      new Set([
        '--cache-dir',
        '-r',
        '--requirement',
        '-c',
        '--constraint',
        '-i',
        '--index-url',
        '--target',
        '-t',
        '--prefix',
        '--root',
      ]),
    );
    // local wheels without their dependencies (--no-deps, or pip,
    // setuptools and wheel themselves, which have none): nothing to download
    const local = /^(\/|\.\.?\/)\S*$/;
    const dependencyFree = /(^|\/)(pip|setuptools|wheel)-[^/]*$/;
    const localOnly =
      !hasFlag(a, '-r', '--requirement', '-e', '--editable') &&
      packages.length > 0 &&
      packages.every(
        pkg =>
          local.test(pkg) &&
          (dependencyFree.test(pkg) ||
            (hasFlag(a, '--no-deps') && /\.whl$/.test(pkg))),
      );
    return call(
      'pip',
      sub ?? null,
      sub === 'install' && !hasFlag(a, '--no-index') && !localOnly,
      a,
    );
  },
  (p, args) => {
    if (p !== 'uv') return null;
    const [sub, sub2] = operands(
      args,
      new Set(['--cache-dir', '--directory', '--project', '-p', '--python']),
    );
    const name = sub === 'pip' ? `pip ${sub2 ?? ''}`.trim() : sub ?? null;
    const downloads =
      (name === 'pip install' || name === 'pip sync' || name === 'sync') &&
      !hasFlag(args, '--offline');
    return call('uv', name, downloads, args);
  },
  (p, args) => {
    if (p !== 'poetry' && p !== 'pipenv') return null;
    const [sub] = operands(args);
    const downloads = sub === 'install' || (p === 'pipenv' && sub === 'sync');
    return call(p, sub ?? null, downloads, args);
  },
  (p, args) => {
    if (p !== 'npm') return null;
    const [sub, sub2] = operands(
      args,
      new Set(['--cache', '--prefix', '-w', '--workspace']),
    );
    const name = sub === 'cache' ? `cache ${sub2 ?? ''}`.trim() : sub ?? null;
    return call(
      'npm',
      name,
      ['ci', 'install', 'i', 'add', 'isntall', 'in'].includes(sub ?? ''),
      args,
    );
  },
  (p, args) => {
    if (p !== 'yarn') return null;
    const [sub, sub2] = operands(
      args,
      new Set([
        '--cache-folder',
        '--cwd',
        '--modules-folder',
        '--network-timeout',
        '--network-concurrency',
        '--mutex',
        '--registry',
        '--proxy',
        '--https-proxy',
        '--global-folder',
        '--link-folder',
        '--preferred-cache-folder',
        '--use-yarnrc',
        '--otp',
      ]),
    );
    // `yarn --version` / `yarn --help` only print: not the bare `yarn` install
    const infoOnly =
      sub === undefined && hasFlag(args, '--version', '-v', '--help', '-h');
    let name = sub === 'cache' ? `cache ${sub2 ?? ''}`.trim() : sub ?? null;
    if (infoOnly) name = 'version';
    return call(
      'yarn',
      name,
      (sub === undefined && !infoOnly) || sub === 'install' || sub === 'add',
      args,
    );
  },
  (p, args) => {
    if (p !== 'pnpm') return null;
    const [sub] = operands(
      args,
      new Set(['--store-dir', '-C', '--dir', '--filter', '-F']),
    );
    return call(
      'pnpm',
      sub ?? null,
      ['install', 'i', 'add', 'fetch'].includes(sub ?? '') &&
        !hasFlag(args, '--offline'),
      args,
    );
  },
  (p, args) => {
    if (p !== 'go') return null;
    const [sub, sub2] = operands(args);
    const name = sub === 'mod' ? `mod ${sub2 ?? ''}`.trim() : sub ?? null;
    return call(
      'go',
      name,
      name === 'mod download' || name === 'build' || name === 'install',
      args,
    );
  },
  (p, args) => {
    if (p !== 'cargo') return null;
    const [sub] = operands(args);
    return call(
      'cargo',
      sub ?? null,
      ['build', 'b', 'fetch', 'install'].includes(sub ?? '') &&
        !hasFlag(args, '--offline'),
      args,
    );
  },
  (p, args) => {
    if (p !== 'mvn' && p !== 'mvnw') return null;
    const goals = args.filter(a => !a.text.startsWith('-'));
    return call(
      'maven',
      goals[0]?.text ?? null,
      goals.length > 0 && !hasFlag(args, '-o', '--offline'),
      args,
    );
  },
  (p, args) => {
    if (p !== 'gradle' && p !== 'gradlew') return null;
    const tasks = args.filter(a => !a.text.startsWith('-'));
    return call(
      'gradle',
      tasks[0]?.text ?? null,
      tasks.length > 0 && !hasFlag(args, '--offline'),
      args,
    );
  },
  (p, args) => {
    if (p !== 'bundle' && p !== 'bundler') return null;
    const [sub] = operands(args);
    return call(
      'bundler',
      sub ?? null,
      sub === undefined || sub === 'install',
      args,
    );
  },
  (p, args) => {
    if (p !== 'gem') return null;
    const [sub] = operands(args);
    return call('gem', sub ?? null, sub === 'install', args);
  },
  (p, args) => {
    if (p !== 'composer' && p !== 'composer.phar') return null;
    const [sub] = operands(args, new Set(['-d', '--working-dir']));
    return call(
      'composer',
      sub ?? null,
      ['install', 'require', 'update'].includes(sub ?? ''),
      args,
    );
  },
  (p, args) => {
    if (p !== 'dotnet') return null;
    const [sub] = operands(args);
    const downloads =
      sub === 'restore' ||
      ((sub === 'build' || sub === 'publish') &&
        !hasFlag(args, '--no-restore'));
    return call('dotnet', sub ?? null, downloads, args);
  },
  (p, args) => {
    if (!['conda', 'mamba', 'micromamba'].includes(p)) return null;
    const [sub, sub2] = operands(
      args,
      new Set([
        '-n',
        '--name',
        '-p',
        '--prefix',
        '-c',
        '--channel',
        '-f',
        '--file',
      ]),
    );
    const name = sub === 'env' ? `env ${sub2 ?? ''}`.trim() : sub ?? null;
    return call(
      'conda',
      name,
      ['install', 'create', 'env create', 'update', 'env update'].includes(
        name ?? '',
      ),
      args,
    );
  },
  (p, args) => {
    if (p !== 'apk') return null;
    const [sub] = operands(
      args,
      new Set(['--cache-dir', '-X', '--repository', '--root', '-p']),
    );
    return call('apk', sub ?? null, sub === 'add', args);
  },
  (p, args) => {
    if (!['dnf', 'dnf5', 'yum', 'microdnf', 'tdnf'].includes(p)) return null;
    const [sub, sub2] = operands(
      args,
      new Set(['--setopt', '--installroot', '--releasever', '-c', '--config']),
    );
    const name = sub === 'clean' ? `clean ${sub2 ?? ''}`.trim() : sub ?? null;
    return call(p === 'yum' ? 'yum' : 'dnf', name, sub === 'install', args);
  },
  (p, args) => {
    if (p !== 'zypper') return null;
    const [sub] = operands(
      args,
      new Set([
        '--root',
        '-R',
        '--config',
        '-c',
        '--cache-dir',
        '-C',
        '--pkg-cache-dir',
        '--raw-cache-dir',
        '--solv-cache-dir',
        '--reposd-dir',
        '-D',
      ]),
    );
    return call(
      'zypper',
      sub ?? null,
      ZYPPER_DOWNLOADING.has(sub ?? ''),
      args,
    );
  },
];


const CCACHE = /(^|[\s=/])ccache(\s|$)/;

/** Finds package-manager calls in one simple command. @public */
const detected = new WeakMap<ShellCommand, PackageManagerCall[]>();

export function detectPackageManagerCalls(
  command: ShellCommand,
): PackageManagerCall[] {
  // every rule asks about the same parsed commands (and fix verification
  // asks again): detect once per command object
  const known = detected.get(command);
  if (known) return known;
  const calls = detectUncached(command);
  detected.set(command, calls);
  return calls;
}


function detectUncached(command: ShellCommand): PackageManagerCall[] {
  const calls: PackageManagerCall[] = [];
  const program = command.program;
  if (program) {
    const args = command.words.slice(1);
    const p = program.replace(/^\.\//, '');
    for (const detect of DETECTORS) {
      const found = detect(p, args, command);
      if (found) {
        calls.push({ ...found, command });
        break;
      }
    }
  }
  const usesCcache =
    calls.length === 0 &&
    (command.words.some(w => CCACHE.test(w.text)) ||
      command.assignments.some(
        a => CCACHE.test(a.value) || a.name === 'CCACHE_DIR',
      ));
  if (usesCcache)
    calls.push({
      manager: 'ccache',
      subcommand: null,
      downloads: true,
      args: command.words.slice(1),
      command,
    });
  return calls;
}
