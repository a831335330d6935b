import type { Node } from 'yaml';
import { resolveScriptPath } from './buildCommands';
import { parseCacheSpec } from './cacheSpec';
import { workspaceToRepo } from './githubCheckout';
import { stepRange } from './githubJob';
import {
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
import {
  cacheSpecsOf,
  exactRange,
  readList,
  readListOrSeq,
} from './yamlInputs';
import {
  getIn,
  insertionPointOf,
  scalarText,
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

/** A build step of a job and what the job set up before it. */
export interface StepContext {
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
  /** Where the job checks the repository out in the workspace (see {@link checkoutPathOf}). */
  checkout: string | null;
}

/**
 * Dockerfile, context and target of a build-push-action step for given
 * inputs. Without `context` the action builds the Git context, whose paths
 * are the repository's; a path context and its `file` are in the workspace,
 * where the repository lives at the checkout path.
 */
function buildLink(
  fileInput: string | null,
  contextInput: string | null,
  targetInput: string | null,
  checkout: string | null,
): Pick<ImageBuild, 'dockerfile' | 'context' | 'target'> {
  const target = readTarget(targetInput);
  if (contextInput === null) {
    const dockerfile =
      fileInput === null ? 'Dockerfile' : resolveScriptPath(fileInput, '');
    return { dockerfile, context: '', target };
  }
  const context = workspaceToRepo(
    resolveScriptPath(contextInput, ''),
    checkout,
  );
  const dockerfile =
    fileInput === null
      ? context !== null && resolveScriptPath('Dockerfile', context)
      : workspaceToRepo(resolveScriptPath(fileInput, ''), checkout);
  return { dockerfile: dockerfile || null, context, target };
}

/** One link per matrix combination, when the link inputs use the matrix. */
function matrixVariantsOf(
  matrix: MatrixCombination[] | null,
  inputs: (string | null)[],
  checkout: string | null,
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
      combination: combo,
      ...buildLink(file, context, target, checkout),
      linkedDockerfile: null,
    });
  }
  return variants.length > 0 ? variants : undefined;
}

/** The build of a docker/build-push-action step. */
export function buildPushActionBuild(c: StepContext): ImageBuild {
  const { y, step } = c;
  const w = getIn(y, step, 'with');
  const read = (k: string) => scalarText(y, getIn(y, w, k));
  const linkInputs: [string | null, string | null, string | null] = [
    read('file'),
    read('context'),
    read('target'),
  ];
  const link = buildLink(...linkInputs, c.checkout);
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
    matrixVariants: matrixVariantsOf(c.matrix, linkInputs, c.checkout),
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

/**
 * bake-action `targets`, with `${{ matrix.… }}` expanded to every value the
 * job's static matrix gives it: the step builds each of them in some
 * combination. Left as written (so unresolved) when a combination has no value.
 */
function bakeTargetsOf(
  targets: string[],
  matrix: MatrixCombination[] | null,
): string[] {
  if (!matrix || !targets.some(usesMatrix)) return targets;
  const expanded = new Set<string>();
  for (const combo of matrix)
    for (const t of targets) {
      const value = substituteMatrix(t, combo);
      if (value === null) return targets;
      for (const name of value.split(',').map(n => n.trim()))
        if (name !== '') expanded.add(name);
    }
  return [...expanded];
}

/** The bake invocation of a docker/bake-action step. */
export function bakeActionBuild(c: StepContext): ImageBuild {
  const { y, step } = c;
  const w = getIn(y, step, 'with');
  const workdir = scalarText(y, getIn(y, w, 'workdir'));
  const cwd = workdir === null ? '' : resolveScriptPath(workdir, '');
  const files = readListOrSeq(y, getIn(y, w, 'files'));
  // bake-action v6+ reads the Git context (repository paths) unless `source` is a local path
  const uses = scalarText(y, getIn(y, step, 'uses')) ?? '';
  const source = scalarText(y, getIn(y, w, 'source'));
  const major = /@v(\d+)/.exec(uses);
  const inWorkspace =
    (source !== null && !/^[a-z]+:\/\/|\$\{\{/i.test(source)) ||
    (major !== null && Number(major[1]) < 6);
  const toRepo = (p: string | null) =>
    inWorkspace ? workspaceToRepo(p, c.checkout) : p;
  const { from, to } = bakeSetSpecs(y, w);
  const push = scalarText(y, getIn(y, w, 'push'));
  const written = readListOrSeq(y, getIn(y, w, 'targets'));
  const targets = bakeTargetsOf(written, c.matrix);
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
    withInputs: w === null ? undefined : insertionPointOf(y, w),
    stepInsertion: insertionPointOf(y, step),
    bake: {
      files:
        files.length === 0
          ? null
          : files.map(f =>
              cwd === null ? f : toRepo(resolveScriptPath(f, cwd)) ?? f,
            ),
      cwd: toRepo(cwd),
      targets,
      resolved: null,
      fromMatrix: targets !== written,
    },
  };
}
