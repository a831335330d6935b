import type { TextFile } from '../model/text';
import { parseShellScript } from '../shell/parseShell';
import { readShellBuilds } from './buildCommands';
import { matchBraces, tokenizeGroovy, type GroovyToken } from './groovyLexer';
import type { ImageBuild, SettingLocation } from './model';
import { disablesBuildkit, ShellJobState } from './shellJobState';
import { fromShellBuild } from './yamlInputs';

type StringToken = Extract<GroovyToken, { kind: 'string' }>;

interface Scope {
  open: number;
  close: number;
}

interface Script {
  token: StringToken;
  /** Token index of the `sh` / `docker.build` call. */
  at: number;
  /** For `docker.build(name, args)`: the synthetic command. */
  synthetic?: string;
}

const isPunct = (t: GroovyToken | undefined, text: string) =>
  t?.kind === 'punct' && t.text === text;
const isIdent = (t: GroovyToken | undefined, text?: string) =>
  t?.kind === 'ident' && (text === undefined || t.text === text);

/** The string argument of `sh '…'`, `sh("…")`, `sh script: '…'`, `sh(script: '…', …)`. */
function shArgument(tokens: GroovyToken[], i: number): StringToken | null {
  let j = i + 1;
  const paren = isPunct(tokens[j], '(');
  if (paren) j++;
  const first = tokens[j];
  if (first?.kind === 'string' && !isPunct(tokens[j + 1], ':')) return first;
  // named arguments: look for `script: '…'` within the call
  let depth = 0;
  for (let k = j; k < Math.min(tokens.length, j + 40); k++) {
    const t = tokens[k];
    if (isPunct(t, '(') || isPunct(t, '[')) depth++;
    if (isPunct(t, ')') || isPunct(t, ']')) {
      if (depth === 0) break;
      depth--;
    }
    if (!paren && (isPunct(t, '{') || isPunct(t, '}'))) break;
    if (
      depth === 0 &&
      isIdent(t, 'script') &&
      isPunct(tokens[k + 1], ':') &&
      tokens[k + 2]?.kind === 'string'
    )
      return tokens[k + 2] as StringToken;
  }
  return null;
}

function locatorFor(file: TextFile, token: StringToken) {
  const toOffset = (offset: number) =>
    token.offsets[Math.min(Math.max(offset, 0), token.offsets.length - 1)];
  return (offset: number) => file.positionAt(toOffset(offset));
}

/** `DOCKER_BUILDKIT = '0'` in `environment { }` blocks and `withEnv([...])`, with the block each applies to. */
function buildkitSettings(
  file: TextFile,
  tokens: GroovyToken[],
  braces: Map<number, number>,
): { scope: Scope; location: SettingLocation | null }[] {
  const enclosing = (index: number): Scope => {
    let best: Scope = { open: -1, close: tokens.length };
    for (const [open, close] of braces)
      if (open < index && close > index && open > best.open)
        best = { open, close };
    return best;
  };
  const out: { scope: Scope; location: SettingLocation | null }[] = [];
  tokens.forEach((t, i) => {
    if (isIdent(t, 'environment') && isPunct(tokens[i + 1], '{')) {
      const close = braces.get(i + 1) ?? tokens.length;
      for (let k = i + 2; k < close; k++) {
        const v = tokens[k + 2];
        if (
          isIdent(tokens[k], 'DOCKER_BUILDKIT') &&
          isPunct(tokens[k + 1], '=') &&
          v
        ) {
          let digits = '';
          if (v.kind === 'string') digits = v.value;
          else if (v.kind === 'ident') digits = v.text;
          const range = file.rangeOfOffsets(v.start, v.end);
          out.push({
            scope: enclosing(i),
            location: disablesBuildkit(digits)
              ? { path: file.path, range, anchorLine: range.line }
              : null,
          });
        }
      }
    }
    if (isIdent(t, 'withEnv') && isPunct(tokens[i + 1], '(')) {
      let k = i + 2;
      for (; k < tokens.length && !isPunct(tokens[k], ')'); k++) {
        const s = tokens[k];
        const m =
          s.kind === 'string' ? /^DOCKER_BUILDKIT=(.*)$/.exec(s.value) : null;
        if (!m || s.kind !== 'string') continue;
        const after = k;
        const open = tokens.findIndex(
          (x, idx) => idx > after && isPunct(x, '{'),
        );
        if (open < 0) continue;
        const range = file.rangeOfOffsets(s.start, s.end);
        out.push({
          scope: { open, close: braces.get(open) ?? tokens.length },
          location: disablesBuildkit(m[1])
            ? { path: file.path, range, anchorLine: range.line }
            : null,
        });
      }
    }
  });
  return out;
}

/** The image builds of a Jenkinsfile's `sh` steps and `docker.build(…)` calls. Jenkins agents are never known to be ephemeral. */
export function readJenkinsfile(file: TextFile): {
  builds: ImageBuild[];
  usesSetupBuildx: boolean;
} {
  const tokens = tokenizeGroovy(file.text);
  const braces = matchBraces(tokens);
  const stages: (Scope & { name: string })[] = [];
  const scripts: Script[] = [];
  tokens.forEach((t, i) => {
    if (isIdent(t, 'stage') && isPunct(tokens[i + 1], '(')) {
      const name = tokens[i + 2];
      const open = tokens.findIndex((x, k) => k > i && isPunct(x, '{'));
      if (name?.kind === 'string' && open > 0 && isPunct(tokens[open - 1], ')'))
        stages.push({
          name: name.value,
          open,
          close: braces.get(open) ?? tokens.length,
        });
    }
    if (isIdent(t, 'sh') && !isPunct(tokens[i - 1], '.')) {
      const arg = shArgument(tokens, i);
      if (arg) scripts.push({ token: arg, at: i });
    }
    if (
      isIdent(t, 'docker') &&
      isPunct(tokens[i + 1], '.') &&
      isIdent(tokens[i + 2], 'build') &&
      isPunct(tokens[i + 3], '(')
    ) {
      const name = tokens[i + 4];
      const args = isPunct(tokens[i + 5], ',') ? tokens[i + 6] : undefined;
      if (name?.kind === 'string') {
        const argText = args?.kind === 'string' ? args.value : '.';
        scripts.push({
          token: args?.kind === 'string' ? args : name,
          at: i,
          synthetic: `docker build -t ${name.value} ${argText}`,
        });
      }
    }
  });
  const settings = buildkitSettings(file, tokens, braces);
  const states = new Map<number, ShellJobState>();
  const builds: ImageBuild[] = [];
  let usesSetupBuildx = false;
  for (const s of scripts) {
    const stage = stages
      .filter(st => st.open < s.at && st.close > s.at)
      .sort((a, b) => b.open - a.open)[0];
    const key = stage?.open ?? -1;
    const state = states.get(key) ?? new ShellJobState(null);
    states.set(key, state);
    const applicable = settings
      .filter(x => x.scope.open < s.at && x.scope.close > s.at)
      .sort((a, b) => b.scope.open - a.scope.open)[0];
    const saved = state.buildkitDisabled;
    if (applicable) state.buildkitDisabled = applicable.location;
    const script = s.synthetic ?? s.token.value;
    if (/docker\s+buildx\s+create\b[^\n]*--use/.test(script))
      usesSetupBuildx = true;
    const base = locatorFor(file, s.token);
    const callPos = file.positionAt(tokens[s.at].start);
    const toPos = s.synthetic ? () => callPos : base;
    const locate = (start: number, end: number): SettingLocation => {
      const a = toPos(start);
      const b = toPos(end);
      return {
        path: file.path,
        anchorLine: callPos.line,
        range: {
          line: a.line,
          column: a.column,
          endLine: b.line,
          endColumn: b.column,
        },
      };
    };
    for (const sb of readShellBuilds(
      parseShellScript(script),
      '',
      state,
      script,
      locate,
    )) {
      const build = fromShellBuild(
        sb,
        {
          path: file.path,
          kind: 'jenkinsfile',
          anchorLine: callPos.line,
          job: stage?.name ?? null,
          linkedDockerfile: null,
        },
        toPos,
        file,
        null,
      );
      build.conditional = false;
      builds.push(build);
    }
    state.buildkitDisabled = saved;
  }
  return { builds, usesSetupBuildx };
}
