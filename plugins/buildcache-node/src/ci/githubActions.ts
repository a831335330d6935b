import type { Node } from 'yaml';
import { parseShellScript } from '../shell/parseShell';
import { readShellBuilds, resolveScriptPath } from './buildCommands';
import {
  bakeActionBuild,
  buildPushActionBuild,
  type StepContext,
} from './githubBuildSteps';
import { checkoutPathOf, relocateShellBuild } from './githubCheckout';
import {
  buildkitDisabledIn,
  jobCacheSteps,
  runsOnHosted,
  stepRange,
  workflowTriggers,
} from './githubJob';
import { matrixCombinations } from './githubMatrix';
import type { BuilderSetup, ImageBuild } from './model';
import { ShellJobState } from './shellJobState';
import { ShellVariables } from './shellVariables';
import {
  fromShellBuild,
  imageDriverOpt,
  scalarLocator,
  versionPinOf,
} from './yamlInputs';
import {
  getIn,
  mapEntries,
  nodeRange,
  scalarPositionMapper,
  scalarText,
  seqItems,
  type YamlSource,
} from './yamlDocument';

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
    const checkout = checkoutPathOf(y, steps);
    let runtimeExposed = false;
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
        checkout,
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
      } else if (/^crazy-max\/ghaction-github-runtime@/.test(uses)) {
        runtimeExposed = true;
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
          builds.push({
            ...fromShellBuild(
              relocateShellBuild(sb, checkout),
              ctx.base,
              toPos,
              y.file,
              ctx.ephemeral,
            ),
            actionsRuntimeExposed: runtimeExposed,
          });
        }
        // `env:` of a step and exports in its script end with the step
        state.buildkitDisabled = saved;
      }
      const conditional = jobConditional || getIn(y, step, 'if') !== null;
      for (const b of builds.slice(before)) {
        b.conditional = conditional;
        if (matrix) b.matrix = matrix;
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
