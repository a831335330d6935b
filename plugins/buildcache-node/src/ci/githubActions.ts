import type { Node } from 'yaml';
import { parseShellScript } from '../shell/parseShell';
import {
  readShellBuilds,
  resolveScriptPath,
  type ShellBuild,
} from './buildCommands';
import { parseCacheSpec } from './cacheSpec';
import type { CacheSpecModel, ImageBuild } from './model';
import {
  getIn,
  insertionPointOf,
  mapEntries,
  nodeRange,
  scalarPositionMapper,
  scalarText,
  seqItems,
  type YamlSource,
} from './yamlDocument';

const HOSTED_LABEL =
  /^(ubuntu|windows|macos)-(latest|\d[\w.-]*)(-arm|-arm64|-xlarge|-large)?$/;

/** True / false / null (unknown) for a job's `runs-on`. */
function runsOnHosted(y: YamlSource, job: Node): boolean | null {
  const runsOn = getIn(y, job, 'runs-on');
  const labels: (string | null)[] = [];
  const s = scalarText(y, runsOn);
  if (s !== null) labels.push(s);
  else {
    const list = seqItems(y, runsOn);
    const fromMap = seqItems(y, getIn(y, runsOn, 'labels'));
    const single = scalarText(y, getIn(y, runsOn, 'labels'));
    for (const item of [...list, ...fromMap]) labels.push(scalarText(y, item));
    if (single !== null) labels.push(single);
    if (getIn(y, runsOn, 'group')) return null;
  }
  if (labels.length === 0 || labels.some(l => l === null || l.includes('${{')))
    return null;
  if (labels.includes('self-hosted')) return false;
  return labels.every(l => HOSTED_LABEL.test(l as string)) ? true : null;
}

/** Reads one input of a step's `with:` as a list (newline-separated, `#` lines skipped). */
function readList(
  y: YamlSource,
  withNode: Node | null,
  key: string,
): { text: string; offset: number; node: Node }[] {
  const node = getIn(y, withNode, key);
  const text = scalarText(y, node);
  if (node === null || text === null) return [];
  const out: { text: string; offset: number; node: Node }[] = [];
  let offset = 0;
  for (const line of text.split('\n')) {
    const lead = line.length - line.trimStart().length;
    const t = line.trim();
    if (t !== '' && !t.startsWith('#'))
      out.push({ text: t, offset: offset + lead, node });
    offset += line.length + 1;
  }
  return out;
}

function cacheSpecs(
  y: YamlSource,
  withNode: Node | null,
  key: string,
): CacheSpecModel[] {
  return readList(y, withNode, key).map(item => {
    const map = scalarPositionMapper(y, item.node);
    const s = map(item.offset);
    const e = map(item.offset + item.text.length);
    const exact =
      s.line === e.line &&
      y.file.lineText(s.line).slice(s.column - 1, e.column - 1) === item.text;
    return parseCacheSpec(
      item.text,
      exact
        ? {
            line: s.line,
            column: s.column,
            endLine: e.line,
            endColumn: e.column,
          }
        : null,
    );
  });
}

function splitCsvOrLines(value: string | null): string[] {
  if (value === null) return [];
  return value
    .split(/[\n,]/)
    .map(s => s.trim())
    .filter(s => s !== '' && !s.startsWith('#'));
}

/** `target` input: undefined when absent, null when an expression. */
function readTarget(value: string | null): string | null | undefined {
  if (value === null) return undefined;
  return value.includes('${{') ? null : value;
}

/** A boolean input: its default when absent, null when an expression. */
function readBoolean(value: string | null, fallback: boolean): boolean | null {
  if (value === null) return fallback;
  if (value === 'true' || value === 'false') return value === 'true';
  return null;
}

interface SetupBuildx {
  ephemeral: boolean | null;
}

function readSetupBuildx(
  y: YamlSource,
  step: Node,
  hosted: boolean | null,
): SetupBuildx {
  const w = getIn(y, step, 'with');
  const driver = scalarText(y, getIn(y, w, 'driver'));
  const endpoint = scalarText(y, getIn(y, w, 'endpoint'));
  const cleanup = scalarText(y, getIn(y, w, 'cleanup'));
  if (
    driver === 'cloud' ||
    driver === 'remote' ||
    (endpoint !== null && endpoint !== '')
  )
    return { ephemeral: false };
  if (hosted === true) return { ephemeral: true };
  if (cleanup === null || cleanup === 'true') return { ephemeral: true };
  return { ephemeral: cleanup === 'false' ? false : null };
}

/** The image builds of a GitHub Actions workflow. */
export function readGithubWorkflow(
  y: YamlSource,
  path: string,
): { builds: ImageBuild[]; usesSetupBuildx: boolean } {
  const builds: ImageBuild[] = [];
  let usesSetupBuildx = false;
  const root = y.doc.contents;
  const defaultsDir = scalarText(
    y,
    getIn(y, getIn(y, getIn(y, root, 'defaults'), 'run'), 'working-directory'),
  );
  for (const [jobId, job] of mapEntries(y, getIn(y, root, 'jobs'))) {
    if (!job) continue;
    const hosted = runsOnHosted(y, job);
    let setup: SetupBuildx | null = null;
    const jobDir =
      scalarText(
        y,
        getIn(
          y,
          getIn(y, getIn(y, job, 'defaults'), 'run'),
          'working-directory',
        ),
      ) ?? defaultsDir;
    for (const step of seqItems(y, getIn(y, job, 'steps'))) {
      const uses = scalarText(y, getIn(y, step, 'uses')) ?? '';
      const stepRange = nodeRange(y, step);
      const base = {
        path,
        kind: 'github-actions' as const,
        anchorLine: stepRange.line,
        job: jobId,
        linkedDockerfile: null,
      };
      let ephemeral: boolean | null = hosted === true ? true : null;
      if (setup) ephemeral = setup.ephemeral;
      if (/^docker\/setup-buildx-action@/.test(uses)) {
        usesSetupBuildx = true;
        setup = readSetupBuildx(y, step, hosted);
      } else if (/^docker\/build-push-action@/.test(uses)) {
        const w = getIn(y, step, 'with');
        const read = (k: string) => scalarText(y, getIn(y, w, k));
        const contextInput = read('context');
        const context =
          contextInput === null ? '' : resolveScriptPath(contextInput, '');
        const fileInput = read('file');
        let dockerfile: string | null = null;
        if (fileInput !== null) dockerfile = resolveScriptPath(fileInput, '');
        else if (context !== null)
          dockerfile = resolveScriptPath('Dockerfile', context);
        const cacheFrom = cacheSpecs(y, w, 'cache-from');
        const cacheTo = cacheSpecs(y, w, 'cache-to');
        const target = read('target');
        const buildArgs: Record<string, string> = {};
        for (const item of readList(y, w, 'build-args')) {
          const eq = item.text.indexOf('=');
          if (eq > 0)
            buildArgs[item.text.slice(0, eq)] = item.text.slice(eq + 1);
        }
        const push = read('push');
        builds.push({
          ...base,
          tool: 'build-push-action',
          range: stepRange,
          dockerfile,
          context,
          target: readTarget(target),
          cacheFrom,
          cacheTo,
          cacheSettingsExternal: [...cacheFrom, ...cacheTo].some(
            s => s.type === 'unknown',
          ),
          buildArgs,
          platforms: splitCsvOrLines(read('platforms')),
          push: readBoolean(push, false),
          tags: splitCsvOrLines(read('tags')),
          ephemeral,
          withInputs: w === null ? undefined : insertionPointOf(y, w),
          stepInsertion: insertionPointOf(y, step),
        });
      } else if (/^docker\/bake-action@/.test(uses)) {
        builds.push({
          ...base,
          tool: 'bake-action',
          range: stepRange,
          dockerfile: null,
          context: null,
          target: undefined,
          cacheFrom: [],
          cacheTo: [],
          cacheSettingsExternal: true,
          buildArgs: {},
          platforms: [],
          push: null,
          tags: [],
          ephemeral,
        });
      } else {
        const runNode = getIn(y, step, 'run');
        const script = scalarText(y, runNode);
        if (runNode === null || script === null) continue;
        if (/docker\s+buildx\s+create\b[^\n]*--use/.test(script))
          usesSetupBuildx = true;
        const dir =
          scalarText(y, getIn(y, step, 'working-directory')) ?? jobDir;
        const cwd = dir === null ? '' : resolveScriptPath(dir, '');
        const toPos = scalarPositionMapper(y, runNode);
        for (const sb of readShellBuilds(parseShellScript(script), cwd)) {
          builds.push(fromShellBuild(sb, base, toPos, y, ephemeral));
        }
      }
    }
  }
  return { builds, usesSetupBuildx };
}

/** Turns a shell build into an ImageBuild, mapping script offsets to file positions. */
export function fromShellBuild(
  sb: ShellBuild,
  base: Pick<
    ImageBuild,
    'path' | 'kind' | 'anchorLine' | 'job' | 'linkedDockerfile'
  >,
  toPos: (offset: number) => { line: number; column: number },
  y: YamlSource,
  ephemeral: boolean | null,
): ImageBuild {
  const s = toPos(sb.command.start);
  const e = toPos(sb.command.end);
  for (const spec of [...sb.cacheFrom, ...sb.cacheTo]) {
    const word = sb.cacheWords.get(spec);
    if (!word) continue;
    const line = y.file.lineText(toPos(word.start).line);
    const at = line.indexOf(spec.raw);
    if (at >= 0 && line.indexOf(spec.raw, at + 1) < 0) {
      const l = toPos(word.start).line;
      spec.range = {
        line: l,
        column: at + 1,
        endLine: l,
        endColumn: at + 1 + spec.raw.length,
      };
    }
  }
  return {
    ...base,
    tool: sb.tool,
    range: {
      line: s.line,
      column: s.column,
      endLine: e.line,
      endColumn: e.column,
    },
    dockerfile: sb.dockerfile,
    context: sb.context,
    target: sb.target,
    cacheFrom: sb.cacheFrom,
    cacheTo: sb.cacheTo,
    cacheSettingsExternal: sb.cacheSettingsExternal,
    buildArgs: sb.buildArgs,
    platforms: sb.platforms,
    push: sb.push,
    tags: sb.tags,
    ephemeral,
  };
}
