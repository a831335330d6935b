import type { ImageBuildFact } from '@buildcache/plugin-buildcache-common';
import { joinRepoPath } from '../model/text';
import type { ShellCommand, ShellWord } from '../shell/parseShell';
import { parseCacheSpec } from './cacheSpec';
import type { BuilderSetup, CacheSpecModel, SettingLocation } from './model';
import { ShellJobState, type ScriptLocator } from './shellJobState';
import { ShellVariables } from './shellVariables';
import {
  DOCKER_BUILD_VALUE_OPTIONS,
  isBuildCommand,
  readOptions,
} from './buildCommandLine';

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
  /** Builder set up by earlier commands of the job (see {@link ShellJobState}). */
  builder: BuilderSetup | null | undefined;
  buildkitDisabled: SettingLocation | null;
  /** `docker buildx bake`: files (`-f`) and targets. */
  bake?: { files: string[] | null; targets: string[]; cwd: string | null };
}

const UNRESOLVED_PATH = /\$|\{\{|<</;

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

const NO_LOCATION: ScriptLocator = () => ({
  path: '',
  range: { line: 1, column: 1, endLine: 1, endColumn: 1 },
  anchorLine: 1,
});

/**
 * Reads image builds from shell commands run in `initialCwd` (null =
 * unknown). `state` carries the job's builder and `DOCKER_BUILDKIT` across
 * scripts; `locate` maps script offsets to file locations for it;
 * `variables` holds what the script (and the CI file around it) assigns,
 * so `docker buildx build $cache .` reads the flags `cache` holds.
 */
export function readShellBuilds(
  commands: ShellCommand[],
  initialCwd: string | null,
  state: ShellJobState = new ShellJobState(),
  script = '',
  locate: ScriptLocator = NO_LOCATION,
  variables: ShellVariables = new ShellVariables(),
): ShellBuild[] {
  const builds: ShellBuild[] = [];
  let cwd = initialCwd;
  for (const cmd of commands) {
    if (cmd.program === 'cd') {
      const dir = cmd.words[1]?.text;
      const expanded = dir === undefined ? null : variables.expandText(dir);
      cwd = expanded === null ? null : resolveScriptPath(expanded, cwd);
      continue;
    }
    const found = isBuildCommand(cmd);
    if (!found) {
      variables.observe(cmd);
      state.observe(cmd, locate);
      continue;
    }
    const build = readBuild(
      found.tool,
      variables.expandWords(found.args),
      cmd,
      cwd,
    );
    build.builder = state.builder;
    build.buildkitDisabled = state.buildkitFor(cmd, script, locate);
    builds.push(build);
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
  const external = tool === 'buildx-bake';
  let cacheRepo: string | null = null;
  const bakeFiles: string[] = [];
  for (const o of options) {
    const v = o.value;
    switch (o.name) {
      case '-f':
      case '--file':
      case '--dockerfile':
        if (tool === 'buildx-bake' && v) bakeFiles.push(v);
        else file = v;
        break;
      case '--cache-repo':
        cacheRepo = v;
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
          spec.raw = o.word.text;
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
        if (tool === 'buildx-bake' && v) {
          const m = /^[^.=]+\.(cache-from|cache-to)=(.*)$/s.exec(v);
          if (m) {
            const spec = parseCacheSpec(m[2]);
            cacheWords.set(spec, o.word);
            (m[1] === 'cache-from' ? cacheFrom : cacheTo).push(spec);
          }
        }
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
  if (tool === 'kaniko') {
    // kaniko's cache repo defaults to <first destination>/cache
    const repo =
      cacheRepo ??
      (tags[0] ? `${tags[0].replace(/(:[^/:@]+)?(@.*)?$/, '')}/cache` : null);
    for (const spec of cacheTo)
      if (repo !== null && !('ref' in spec.params)) {
        spec.params.ref = repo;
        if (/\$/.test(repo)) spec.unresolved = true;
      }
  }
  if (tool === 'buildah' && cacheFrom.length + cacheTo.length > 0) {
    for (const spec of [...cacheFrom, ...cacheTo]) spec.type = 'registry';
  }
  // One positional is allowed, so an unquoted `$VAR` beside a literal must expand to options.
  const literal = operands.filter(o => o.quoted || !o.text.startsWith('$'));
  const chosen =
    operands.length > 1 && literal.length > 0
      ? literal[literal.length - 1]
      : operands[0];
  if (context === undefined)
    context = chosen?.text ?? (tool === 'kaniko' ? '.' : undefined);
  // An unquoted variable that is not the context may hold any options, cache flags included.
  const optionsUnknown =
    tool !== 'buildx-bake' &&
    operands.some(
      o =>
        o !== chosen &&
        !o.quoted &&
        /^\$(\w+|\{\w+\})$/.test(o.text),
    );
  const contextPath =
    context === undefined || context === null || tool === 'buildx-bake'
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
    builder: null,
    buildkitDisabled: null,
    bake:
      tool === 'buildx-bake'
        ? {
            files:
              bakeFiles.length > 0
                ? bakeFiles.map(f => resolveScriptPath(f, cwd) ?? f)
                : null,
            targets: operands.map(o => o.text),
            cwd,
          }
        : undefined,
    dockerfile,
    context: contextPath,
    target,
    cacheFrom,
    cacheTo,
    cacheSettingsExternal:
      external ||
      optionsUnknown ||
      [...cacheFrom, ...cacheTo].some(s => s.type === 'unknown'),
    buildArgs,
    platforms,
    push,
    tags,
    cacheWords,
  };
}
