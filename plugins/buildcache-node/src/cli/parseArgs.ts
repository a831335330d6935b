import type { Severity } from '@buildcache/plugin-buildcache-common';

export type OutputFormat = 'table' | 'json' | 'sarif';
export type FailOn = Severity | 'never';

/** Parsed `buildcache scan` arguments. */
export interface ScanArgs {
  command: 'scan';
  dir: string;
  format: OutputFormat;
  output: string | null;
  failOn: FailOn;
  config: string | null;
  /** Report only findings on lines changed since this git revision. */
  diffBase: string | null;
}

/** Parsed `buildcache fix` arguments. */
export interface FixArgs {
  command: 'fix';
  dir: string;
  /** Apply the patch instead of printing it. */
  write: boolean;
  /** Only fix findings of these rules (all when empty). */
  rules: string[];
  config: string | null;
}

export type CliArgs =
  | ScanArgs
  | FixArgs
  | { command: 'help' }
  | { command: 'version' };

export const USAGE = `Usage: buildcache scan <dir> [--format table|json|sarif] [--output FILE] [--fail-on error|warning|info|never] [--config FILE] [--diff-base REF]
       buildcache fix <dir> [--write] [--rule ID]... [--config FILE]

scan analyzes the Dockerfiles and CI configs under <dir> for Docker BuildKit cache practice.
fix prints one patch that applies every verified fix under <dir> (a dry run);
with --write it applies it. --rule limits it to findings of that rule
(repeatable); fixes other rules need alongside still apply.

Options:
  --format    table (default), json or sarif
  --output    write the report to FILE instead of stdout
  --fail-on   exit 1 when an unsuppressed finding is at or above this severity (default: error)
  --config    JSON or YAML file: { rules: { BC1005: { enabled, severity } }, weights, maxFileBytes }
  --diff-base report (and gate on) only findings on lines changed since this
              git revision, e.g. origin/main in a pull-request job

Exit codes of scan: 0 no finding at or above --fail-on, 1 some, 2 usage error.
Exit codes of fix: 0 patch printed or written (or nothing to fix), 2 usage
error or bad input (a file changed since it was read, a write failed): then
nothing is written.`;

/** A usage error: exit code 2. */
export class UsageError extends Error {}

const FORMATS: readonly string[] = ['table', 'json', 'sarif'];
const FAIL_ON: readonly string[] = ['error', 'warning', 'info', 'never'];

/** Parses `argv` (without node and script). Throws UsageError. */
export function parseCliArgs(argv: readonly string[]): CliArgs {
  if (
    argv.length === 0 ||
    argv.includes('--help') ||
    argv.includes('-h') ||
    argv[0] === 'help'
  ) {
    if (argv.length === 0) throw new UsageError('missing command');
    return { command: 'help' };
  }
  if (argv[0] === '--version' || argv[0] === 'version')
    return { command: 'version' };
  if (argv[0] === 'fix') return parseFixArgs(argv);
  if (argv[0] !== 'scan') throw new UsageError(`unknown command "${argv[0]}"`);
  const args: ScanArgs = {
    command: 'scan',
    dir: '',
    format: 'table',
    output: null,
    failOn: 'error',
    config: null,
    diffBase: null,
  };
  args.dir = readOptions(
    argv,
    ['format', 'output', 'fail-on', 'config', 'diff-base'],
    [],
    (name, value) => {
      if (name === 'format') {
        if (!FORMATS.includes(value))
          throw new UsageError(`--format must be one of ${FORMATS.join(', ')}`);
        args.format = value as OutputFormat;
      } else if (name === 'fail-on') {
        if (!FAIL_ON.includes(value))
          throw new UsageError(
            `--fail-on must be one of ${FAIL_ON.join(', ')}`,
          );
        args.failOn = value as FailOn;
      } else if (name === 'output') args.output = value;
      else if (name === 'diff-base') args.diffBase = value;
      else args.config = value;
    },
  );
  return args;
}

function parseFixArgs(argv: readonly string[]): FixArgs {
  const args: FixArgs = {
    command: 'fix',
    dir: '',
    write: false,
    rules: [],
    config: null,
  };
  args.dir = readOptions(
    argv,
    ['rule', 'config'],
    ['write'],
    (name, value) => {
      if (name === 'rule') args.rules.push(value);
      else if (name === 'config') args.config = value;
      else args.write = true;
    },
  );
  return args;
}

/**
 * Reads a command's options (`--name value`, `--name=value`, and bare
 * `flags`), handing each to `onOption` (flags with an empty value), and
 * returns its one `<dir>` operand. Throws UsageError naming what is wrong.
 */
function readOptions(
  argv: readonly string[],
  withValue: readonly string[],
  flags: readonly string[],
  onOption: (name: string, value: string) => void,
): string {
  const command = argv[0];
  const positional: string[] = [];
  for (let i = 1; i < argv.length; i++) {
    const arg = argv[i];
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    if (m && flags.includes(m[1]) && m[2] === undefined) onOption(m[1], '');
    else if (m && withValue.includes(m[1])) {
      const value = m[2] ?? argv[++i];
      if (value === undefined || value === '')
        throw new UsageError(`--${m[1]} needs a value`);
      onOption(m[1], value);
    } else if (arg.startsWith('-') && arg !== '-') {
      throw new UsageError(`unknown option ${arg}`);
    } else positional.push(arg);
  }
  if (positional.length !== 1)
    throw new UsageError(
      positional.length === 0
        ? `${command} needs a <dir>`
        : `${command} takes exactly one <dir>`,
    );
  return positional[0];
}
