import type { ImageBuildFact } from '@buildcache/plugin-buildcache-common';
import { joinRepoPath } from '../model/text';
import type { ShellCommand, ShellWord } from '../shell/parseShell';
import { parseCacheSpec } from './cacheSpec';
import type { CacheSpecModel } from './model';

/** An image build read from one shell command line. */
export interface ShellBuild {
  tool: ImageBuildFact['tool'];
  command: ShellCommand;
  dockerfile: string | null;
  context: string | null;
  target: string | null | undefined;
  cacheFrom: CacheSpecModel[];
  cacheTo: CacheSpecModel[];
  cacheSettingsExternal: boolean;
  buildArgs: Record<string, string>;
  platforms: string[];
  push: boolean | null;
  tags: string[];
  /** Word holding each cache spec, to locate it in the file. */
  cacheWords: Map<CacheSpecModel, ShellWord>;
}

const DOCKER_BUILD_VALUE_OPTIONS = new Set([
  '-f',
  '--file',
  '-t',
  '--tag',
  '--target',
  '--cache-from',
  '--cache-to',
  '--build-arg',
  '--platform',
  '--builder',
  '-o',
  '--output',
  '--secret',
  '--ssh',
  '--label',
  '--network',
  '--progress',
  '--iidfile',
  '--metadata-file',
  '--add-host',
  '--build-context',
  '--allow',
  '--attest',
  '--annotation',
  '--shm-size',
  '--ulimit',
  '--cgroup-parent',
  '--call',
  '-m',
  '--memory',
  '--memory-swap',
  '--cpu-shares',
  '--cpuset-cpus',
  '--cpu-period',
  '--cpu-quota',
  '--isolation',
  '--no-cache-filter',
  '--security-opt',
  '--config',
  '--context',
  '-c',
  '--log-level',
  // buildctl / kaniko / buildah
  '--frontend',
  '--local',
  '--opt',
  '--export-cache',
  '--import-cache',
  '--destination',
  '--dockerfile',
  '--cache-repo',
  '--cache-dir',
]);

/** Normalises `--opt=value` / `--opt value` into pairs and operands. */
function readOptions(args: ShellWord[], valueOptions: ReadonlySet<string>) {
  const options: { name: string; value: string | null; word: ShellWord }[] = [];
  const operands: ShellWord[] = [];
  for (let i = 0; i < args.length; i++) {
    const t = args[i].text;
    if (t.startsWith('-') && t.length > 1) {
      const eq = t.indexOf('=');
      if (t.startsWith('--') && eq > 0) {
        options.push({
          name: t.slice(0, eq),
          value: t.slice(eq + 1),
          word: args[i],
        });
      } else if (valueOptions.has(t) && i + 1 < args.length) {
        options.push({ name: t, value: args[i + 1].text, word: args[i + 1] });
        i++;
      } else options.push({ name: t, value: null, word: args[i] });
    } else operands.push(args[i]);
  }
  return { options, operands };
}

const UNRESOLVED_PATH = /\$|\{\{/;

/** Resolves a path written in a CI script against the working directory (repo-relative). */
export function resolveScriptPath(
  path: string,
  cwd: string | null,
): string | null {
  let p = path
    .replace(/^\$\{\{\s*github\.workspace\s*\}\}\/?/, '')
    .replace(/^\$\{?CI_PROJECT_DIR\}?\/?/, '');
  if (p === '') p = '.';
  if (
    UNRESOLVED_PATH.test(p) ||
    cwd === null ||
    p.startsWith('/') ||
    /^[a-z]+:\/\//i.test(p) ||
    p === '-'
  )
    return null;
  return joinRepoPath(cwd, p);
}

function isBuildCommand(
  cmd: ShellCommand,
): { tool: ImageBuildFact['tool']; args: ShellWord[] } | null {
  const w = cmd.words;
  const p = cmd.program;
  if (!p) return null;
  const t = (i: number) => w[i]?.text;
  if (p === 'docker' || p === 'podman') {
    // global options such as `--context x` / `-H host` before the subcommand
    let i = 1;
    while (i < w.length && w[i].text.startsWith('-'))
      i += /^(-H|--host|-c|--context|--config|-l|--log-level)$/.test(w[i].text)
        ? 2
        : 1;
    if (
      t(i) === 'build' ||
      (t(i) === 'image' && t(i + 1) === 'build') ||
      (t(i) === 'builder' && t(i + 1) === 'build')
    ) {
      return {
        tool: 'docker-build',
        args: w.slice(t(i) === 'build' ? i + 1 : i + 2),
      };
    }
    if (t(i) === 'buildx') {
      let j = i + 1;
      while (j < w.length && w[j].text.startsWith('-'))
        j += /^(--builder)$/.test(w[j].text) ? 2 : 1;
      if (t(j) === 'build' || t(j) === 'b')
        return { tool: 'buildx-build', args: w.slice(j + 1) };
      if (t(j) === 'bake') return { tool: 'buildx-bake', args: w.slice(j + 1) };
    }
    return null;
  }
  if (p === 'buildctl' || p === 'buildctl-daemonless.sh') {
    const i = w.findIndex(x => x.text === 'build');
    return i > 0 ? { tool: 'buildctl', args: w.slice(i + 1) } : null;
  }
  if (p === 'executor' && w[0].text.includes('kaniko'))
    return { tool: 'kaniko', args: w.slice(1) };
  if (p === 'buildah' && (t(1) === 'bud' || t(1) === 'build'))
    return { tool: 'buildah', args: w.slice(2) };
  return null;
}

/** Reads image builds from shell commands; `cwdAt(i)` is the working directory of command i (null = unknown). */
export function readShellBuilds(
  commands: ShellCommand[],
  initialCwd: string | null,
): ShellBuild[] {
  const builds: ShellBuild[] = [];
  let cwd = initialCwd;
  for (const cmd of commands) {
    if (cmd.program === 'cd') {
      const dir = cmd.words[1]?.text;
      cwd = dir === undefined ? null : resolveScriptPath(dir, cwd);
      continue;
    }
    const found = isBuildCommand(cmd);
    if (!found) continue;
    builds.push(readBuild(found.tool, found.args, cmd, cwd));
  }
  return builds;
}

function readBuild(
  tool: ImageBuildFact['tool'],
  args: ShellWord[],
  cmd: ShellCommand,
  cwd: string | null,
): ShellBuild {
  const { options, operands } = readOptions(args, DOCKER_BUILD_VALUE_OPTIONS);
  const cacheWords = new Map<CacheSpecModel, ShellWord>();
  const cacheFrom: CacheSpecModel[] = [];
  const cacheTo: CacheSpecModel[] = [];
  const buildArgs: Record<string, string> = {};
  const tags: string[] = [];
  const platforms: string[] = [];
  let file: string | null | undefined;
  let context: string | null | undefined;
  let target: string | null | undefined;
  let dockerfileDir: string | undefined;
  let push: boolean | null = null;
  let external = tool === 'buildx-bake';
  for (const o of options) {
    const v = o.value;
    switch (o.name) {
      case '-f':
      case '--file':
      case '--dockerfile':
        file = v;
        break;
      case '--target':
        target = v === null || /\$/.test(v) ? null : v;
        break;
      case '--cache-from':
      case '--cache-to':
      case '--import-cache':
      case '--export-cache': {
        if (v === null) break;
        const spec = parseCacheSpec(v);
        cacheWords.set(spec, o.word);
        (o.name === '--cache-from' || o.name === '--import-cache'
          ? cacheFrom
          : cacheTo
        ).push(spec);
        break;
      }
      case '--cache':
        if (tool === 'kaniko' && (v === null || v === 'true')) {
          const spec = parseCacheSpec('type=registry');
          cacheFrom.push(spec);
          cacheTo.push(spec);
          cacheWords.set(spec, o.word);
        }
        break;
      case '--build-arg':
        if (v) {
          const eq = v.indexOf('=');
          if (eq > 0) buildArgs[v.slice(0, eq)] = v.slice(eq + 1);
        }
        break;
      case '-t':
      case '--tag':
      case '--destination':
        if (v) tags.push(v);
        break;
      case '--platform':
        if (v)
          platforms.push(
            ...v
              .split(',')
              .map(s => s.trim())
              .filter(Boolean),
          );
        break;
      case '--push':
        push = v === null || v === 'true';
        break;
      case '--context':
        if (tool === 'kaniko' && v) context = v.replace(/^dir:\/\//, '');
        break;
      case '--set':
        if (tool === 'buildx-bake') external = true;
        break;
      default:
        if (
          tool === 'buildctl' &&
          o.name === '--opt' &&
          v?.startsWith('target=')
        )
          target = v.slice(7);
        if (
          tool === 'buildctl' &&
          o.name === '--opt' &&
          v?.startsWith('filename=')
        )
          file = v.slice(9);
        if (
          tool === 'buildctl' &&
          o.name === '--local' &&
          v?.startsWith('context=')
        )
          context = v.slice(8);
        if (
          tool === 'buildctl' &&
          o.name === '--local' &&
          v?.startsWith('dockerfile=')
        )
          dockerfileDir = v.slice(11);
        break;
    }
  }
  if (context === undefined) {
    // One positional is allowed, so an unquoted `$VAR` beside a literal must expand to options.
    const literal = operands.filter(o => o.quoted || !o.text.startsWith('$'));
    const chosen =
      operands.length > 1 && literal.length > 0
        ? literal[literal.length - 1]
        : operands[0];
    context = chosen?.text ?? (tool === 'kaniko' ? '.' : undefined);
  }
  const contextPath =
    context === undefined || context === null
      ? null
      : resolveScriptPath(context, cwd);
  let dockerfile: string | null = null;
  if (tool !== 'buildx-bake') {
    if (file !== undefined && file !== null) {
      dockerfile =
        tool === 'kaniko'
          ? resolveScriptPath(file, contextPath)
          : resolveScriptPath(file, cwd);
    } else if (dockerfileDir !== undefined) {
      const dir = resolveScriptPath(dockerfileDir, cwd);
      dockerfile = dir === null ? null : joinRepoPath(dir, 'Dockerfile');
    } else if (contextPath !== null)
      dockerfile = joinRepoPath(contextPath, 'Dockerfile');
  }
  return {
    tool,
    command: cmd,
    dockerfile,
    context: contextPath,
    target,
    cacheFrom,
    cacheTo,
    cacheSettingsExternal:
      external || [...cacheFrom, ...cacheTo].some(s => s.type === 'unknown'),
    buildArgs,
    platforms,
    push,
    tags,
    cacheWords,
  };
}
