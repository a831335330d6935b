import type { Node } from 'yaml';
import { parseShellScript } from '../shell/parseShell';
import { readShellBuilds, resolveScriptPath } from './buildCommands';
import { ShellVariables } from './shellVariables';
import {
  buildkitDisabledIn,
  jobCacheSteps,
  runsOnHosted,
  stepRange,
  workflowTriggers,
} from './githubJob';
import { parseCacheSpec } from './cacheSpec';
import {
  matrixCombinations,
  substituteMatrix,
  usesMatrix,
  type MatrixCombination,
} from './githubMatrix';
import type {
  BuilderSetup,
  CacheSpecModel,
  ImageBuild,
  MatrixVariant,
} from './model';
import { ShellJobState } from './shellJobState';
import {
  cacheSpecsOf,
  exactRange,
  fromShellBuild,
  imageDriverOpt,
  readList,
  readListOrSeq,
  scalarLocator,
  versionPinOf,
} from './yamlInputs';
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

/** Ephemeral-ness and the builder that docker/setup-buildx-action creates. */
function readSetupBuildx(
  y: YamlSource,
  step: Node,
  hosted: boolean | null,
  path: string,
): { ephemeral: boolean | null; builder: BuilderSetup } {
  const w = getIn(y, step, 'with');
  const line = stepRange(y, step).line;
  const driver = scalarText(y, getIn(y, w, 'driver')) ?? 'docker-container';
  const endpoint = scalarText(y, getIn(y, w, 'endpoint'));
  const cleanup = scalarText(y, getIn(y, w, 'cleanup'));
  const builder: BuilderSetup = {
    driver: driver.includes('${{') ? 'unknown' : driver,
    buildkitImage: imageDriverOpt(y, w, 'driver-opts', path, line),
    buildxVersion: versionPinOf(y, w, 'version', path, line),
  };
  let ephemeral: boolean | null;
  if (
    driver === 'cloud' ||
    driver === 'remote' ||
    (endpoint !== null && endpoint !== '')
  )
    ephemeral = false;
  else if (hosted === true) ephemeral = true;
  else if (cleanup === null || cleanup === 'true') ephemeral = true;
  else ephemeral = cleanup === 'false' ? false : null;
  return { ephemeral, builder };
}

/** `set:` entries of a bake-action step that carry cache settings. */
function bakeSetSpecs(
  y: YamlSource,
  w: Node | null,
): { from: CacheSpecModel[]; to: CacheSpecModel[] } {
  const from: CacheSpecModel[] = [];
  const to: CacheSpecModel[] = [];
  for (const item of readList(y, getIn(y, w, 'set'))) {
    const m = /^([^=]*?)\.(cache-from|cache-to)=/.exec(item.text);
    if (!m) continue;
    const value = item.text.slice(m[0].length);
    const offset = item.offset + m[0].length;
    const spec = parseCacheSpec(value, exactRange(y, item.node, offset, value));
    (m[2] === 'cache-from' ? from : to).push(spec);
  }
  return { from, to };
}

interface StepContext {
  y: YamlSource;
  path: string;
  step: Node;
  base: Pick<
    ImageBuild,
    'path' | 'kind' | 'anchorLine' | 'job' | 'linkedDockerfile'
  >;
  ephemeral: boolean | null;
  builder: BuilderSetup | null | undefined;
  /** The job's static matrix combinations, when it has one. */
  matrix: MatrixCombination[] | null;
}

/** Dockerfile, context and target of a build-push-action step for given inputs. */
function buildLink(
  fileInput: string | null,
  contextInput: string | null,
  targetInput: string | null,
): Pick<ImageBuild, 'dockerfile' | 'context' | 'target'> {
  const context =
    contextInput === null ? '' : resolveScriptPath(contextInput, '');
  let dockerfile: string | null = null;
  if (fileInput !== null) dockerfile = resolveScriptPath(fileInput, '');
  else if (context !== null)
    dockerfile = resolveScriptPath('Dockerfile', context);
  return { dockerfile, context, target: readTarget(targetInput) };
}

/** One link per matrix combination, when the link inputs use the matrix. */
function matrixVariantsOf(
  matrix: MatrixCombination[] | null,
  inputs: (string | null)[],
): MatrixVariant[] | undefined {
  if (!matrix || !inputs.some(usesMatrix)) return undefined;
  const variants: MatrixVariant[] = [];
  for (const combo of matrix) {
    const [file, context, target] = inputs.map(v =>
      v === null ? null : substituteMatrix(v, combo),
    );
    if (
      inputs.some((v, i) => v !== null && [file, context, target][i] === null)
    )
      continue;
    variants.push({
      ...buildLink(file, context, target),
      linkedDockerfile: null,
    });
  }
  return variants.length > 0 ? variants : undefined;
}

function buildPushActionBuild(c: StepContext): ImageBuild {
  const { y, step } = c;
  const w = getIn(y, step, 'with');
  const read = (k: string) => scalarText(y, getIn(y, w, k));
  const linkInputs = [read('file'), read('context'), read('target')];
  const link = buildLink(linkInputs[0], linkInputs[1], linkInputs[2]);
  const cacheFrom = cacheSpecsOf(y, w, 'cache-from');
  const cacheTo = cacheSpecsOf(y, w, 'cache-to');
  const buildArgs: Record<string, string> = {};
  for (const item of readList(y, getIn(y, w, 'build-args'))) {
    const eq = item.text.indexOf('=');
    if (eq > 0) buildArgs[item.text.slice(0, eq)] = item.text.slice(eq + 1);
  }
  return {
    ...c.base,
    tool: 'build-push-action',
    range: stepRange(y, step),
    ...link,
    matrixVariants: matrixVariantsOf(c.matrix, linkInputs),
    cacheFrom,
    cacheTo,
    cacheSettingsExternal: [...cacheFrom, ...cacheTo].some(
      s => s.type === 'unknown',
    ),
    buildArgs,
    platforms: splitCsvOrLines(read('platforms')),
    push: readBoolean(read('push'), false),
    tags: splitCsvOrLines(read('tags')),
    ephemeral: c.ephemeral,
    builder: c.builder,
    buildkitDisabled: null,
    withInputs: w === null ? undefined : insertionPointOf(y, w),
    stepInsertion: insertionPointOf(y, step),
  };
}

function bakeActionBuild(c: StepContext): ImageBuild {
  const { y, step } = c;
  const w = getIn(y, step, 'with');
  const workdir = scalarText(y, getIn(y, w, 'workdir'));
  const cwd = workdir === null ? '' : resolveScriptPath(workdir, '');
  const files = readListOrSeq(y, getIn(y, w, 'files'));
  const { from, to } = bakeSetSpecs(y, w);
  const push = scalarText(y, getIn(y, w, 'push'));
  return {
    ...c.base,
    tool: 'bake-action',
    range: stepRange(y, step),
    dockerfile: null,
    context: null,
    target: undefined,
    cacheFrom: from,
    cacheTo: to,
    cacheSettingsExternal: true,
    buildArgs: {},
    platforms: [],
    push: readBoolean(push, false),
    tags: [],
    ephemeral: c.ephemeral,
    builder: c.builder,
    buildkitDisabled: null,
    bake: {
      files:
        files.length === 0
          ? null
          : files.map(f => (cwd === null ? f : resolveScriptPath(f, cwd) ?? f)),
      cwd,
      targets: readListOrSeq(y, getIn(y, w, 'targets')),
      resolved: null,
    },
  };
}

/** The image builds of a GitHub Actions workflow. */
export function readGithubWorkflow(
  y: YamlSource,
  path: string,
): { builds: ImageBuild[]; usesSetupBuildx: boolean } {
  const builds: ImageBuild[] = [];
  let usesSetupBuildx = false;
  const root = y.doc.contents;
  const triggers = workflowTriggers(y);
  const defaultsDir = scalarText(
    y,
    getIn(y, getIn(y, getIn(y, root, 'defaults'), 'run'), 'working-directory'),
  );
  const workflowBuildkit = buildkitDisabledIn(y, root, 'env', path, 1);
  for (const [jobId, job] of mapEntries(
    y,
    root === null ? null : getIn(y, root, 'jobs'),
  )) {
    if (!job) continue;
    const jobBuilds: ImageBuild[] = [];
    const hosted = runsOnHosted(y, job);
    const jobConditional = getIn(y, job, 'if') !== null;
    const jobLine = nodeRange(y, job).line;
    const jobBuildkit =
      buildkitDisabledIn(y, job, 'env', path, jobLine) ?? workflowBuildkit;
    const state = new ShellJobState(null);
    state.buildkitDisabled = jobBuildkit ?? null;
    const engine: ImageBuild['toolchainPins'] = [];
    let setupEphemeral: boolean | null | undefined;
    const jobDir =
      scalarText(
        y,
        getIn(
          y,
          getIn(y, getIn(y, job, 'defaults'), 'run'),
          'working-directory',
        ),
      ) ?? defaultsDir;
    const steps = seqItems(y, getIn(y, job, 'steps'));
    const matrix = matrixCombinations(y, job);
    for (const step of steps) {
      const uses = scalarText(y, getIn(y, step, 'uses')) ?? '';
      const range = stepRange(y, step);
      const ctx: StepContext = {
        y,
        path,
        step,
        base: {
          path,
          kind: 'github-actions' as const,
          anchorLine: range.line,
          job: jobId,
          linkedDockerfile: null,
        },
        ephemeral:
          setupEphemeral !== undefined ? setupEphemeral : hosted || null,
        builder: state.builder,
        matrix,
      };
      const before = builds.length;
      if (/^docker\/setup-buildx-action@/.test(uses)) {
        usesSetupBuildx = true;
        const setup = readSetupBuildx(y, step, hosted, path);
        setupEphemeral = setup.ephemeral;
        state.builder = setup.builder;
      } else if (
        /^(docker\/setup-docker-action|crazy-max\/ghaction-setup-docker)@/.test(
          uses,
        )
      ) {
        const pin = versionPinOf(
          y,
          getIn(y, step, 'with'),
          'version',
          path,
          range.line,
        );
        if (pin) engine.push({ tool: 'engine', pin });
        if (state.builder === null) state.builder = undefined;
      } else if (/^docker\/setup-compose-action@/.test(uses)) {
        const pin = versionPinOf(
          y,
          getIn(y, step, 'with'),
          'version',
          path,
          range.line,
        );
        if (pin) engine.push({ tool: 'compose', pin });
      } else if (/^docker\/build-push-action@/.test(uses)) {
        builds.push(buildPushActionBuild(ctx));
      } else if (/^docker\/bake-action@/.test(uses)) {
        builds.push(bakeActionBuild(ctx));
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
        const stepBuildkit = buildkitDisabledIn(
          y,
          step,
          'env',
          path,
          range.line,
        );
        const saved = state.buildkitDisabled;
        if (stepBuildkit !== undefined) state.buildkitDisabled = stepBuildkit;
        const locate = scalarLocator(y, runNode, path, range.line);
        const env = [step, job, root];
        const variables = new ShellVariables(name => {
          for (const owner of env) {
            const node = getIn(y, getIn(y, owner, 'env'), name);
            if (node === null) continue;
            const value = scalarText(y, node);
            return value === null || value.includes('${{') ? null : value;
          }
          return undefined;
        });
        for (const sb of readShellBuilds(
          parseShellScript(script),
          cwd,
          state,
          script,
          locate,
          variables,
        )) {
          builds.push(
            fromShellBuild(sb, ctx.base, toPos, y.file, ctx.ephemeral),
          );
        }
        // `env:` of a step and exports in its script end with the step
        state.buildkitDisabled = saved;
      }
      const conditional = jobConditional || getIn(y, step, 'if') !== null;
      for (const b of builds.slice(before)) {
        b.conditional = conditional;
        jobBuilds.push(b);
      }
    }
    const caches = jobCacheSteps(y, steps);
    for (const b of jobBuilds) {
      b.triggers = triggers;
      b.persistedPaths = caches.persistedPaths;
      b.mountsPersisted = caches.mountsPersisted;
      b.toolchainPins = engine;
    }
  }
  return { builds, usesSetupBuildx };
}
