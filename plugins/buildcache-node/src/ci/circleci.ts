import { isMap, isScalar, type Node } from 'yaml';
import { parseShellScript } from '../shell/parseShell';
import { readShellBuilds, resolveScriptPath } from './buildCommands';
import { ShellVariables } from './shellVariables';
import { normalizeCachePath } from './githubJob';
import type { ImageBuild, VersionPin } from './model';
import { disablesBuildkit, ShellJobState } from './shellJobState';
import { fromShellBuild, readListOrSeq, scalarLocator } from './yamlInputs';
import {
  getIn,
  mapEntries,
  nodeRange,
  scalarPositionMapper,
  scalarText,
  seqItems,
  type YamlSource,
} from './yamlDocument';

/** `true`, `"true"` → true. */
function isTrue(y: YamlSource, node: Node | null): boolean {
  const s = scalarText(y, node);
  return s === 'true';
}

interface Executor {
  machine: boolean;
  dlc: boolean;
}

/** The executor of a job: inline `machine:`/`docker:` or a named `executor:`. */
function executorOf(y: YamlSource, job: Node): Executor {
  const root = y.doc.contents;
  let holder: Node | null = job;
  const ref = getIn(y, job, 'executor');
  if (ref !== null) {
    const name = scalarText(y, ref) ?? scalarText(y, getIn(y, ref, 'name'));
    holder = name === null ? null : getIn(y, getIn(y, root, 'executors'), name);
  }
  const machine = holder === null ? null : getIn(y, holder, 'machine');
  if (machine === null) return { machine: false, dlc: false };
  return {
    machine: true,
    dlc: isTrue(y, getIn(y, machine, 'docker_layer_caching')),
  };
}

interface Step {
  name: string;
  body: Node | null;
  item: Node;
}

/** A step's name and body (`- checkout`, `- run: …`, `- my-command: {…}`). */
function stepOf(y: YamlSource, item: Node): Step | null {
  const s = scalarText(y, item);
  if (s !== null) return { name: s, body: null, item };
  if (!isMap(item)) return null;
  const entries = mapEntries(y, item);
  if (entries.length !== 1) return null;
  return { name: entries[0][0], body: entries[0][1], item };
}

/** Steps of a job with reusable `commands:` expanded (one level deep per call, bounded). */
function expandSteps(y: YamlSource, steps: Node[], depth = 0): Step[] {
  const commands = getIn(y, y.doc.contents, 'commands');
  const out: Step[] = [];
  for (const item of steps) {
    const step = stepOf(y, item);
    if (!step) continue;
    const command = getIn(y, commands, step.name);
    if (command !== null && depth < 4)
      out.push(
        ...expandSteps(y, seqItems(y, getIn(y, command, 'steps')), depth + 1),
      );
    else out.push(step);
  }
  return out;
}

/** The image builds of a CircleCI config. */
export function readCircleci(
  y: YamlSource,
  path: string,
): { builds: ImageBuild[]; usesSetupBuildx: boolean } {
  const builds: ImageBuild[] = [];
  let usesSetupBuildx = false;
  const root = y.doc.contents;
  for (const [jobName, job] of mapEntries(y, getIn(y, root, 'jobs'))) {
    if (!job) continue;
    const exec = executorOf(y, job);
    // null until the job has a Docker engine to build on
    let ephemeral: boolean | null = exec.machine ? !exec.dlc : null;
    let dlc = exec.dlc;
    const pins: ImageBuild['toolchainPins'] = [];
    const state = new ShellJobState(null);
    const jobEnv = getIn(y, getIn(y, job, 'environment'), 'DOCKER_BUILDKIT');
    if (jobEnv && isScalar(jobEnv) && disablesBuildkit(String(jobEnv.value)))
      state.buildkitDisabled = {
        path,
        range: nodeRange(y, jobEnv),
        anchorLine: nodeRange(y, jobEnv).line,
      };
    const persistedPaths: string[] = [];
    const jobBuilds: ImageBuild[] = [];
    for (const step of expandSteps(y, seqItems(y, getIn(y, job, 'steps')))) {
      const line = nodeRange(y, step.item).line;
      if (step.name === 'setup_remote_docker') {
        dlc = isTrue(y, getIn(y, step.body, 'docker_layer_caching'));
        ephemeral = !dlc;
        const version = getIn(y, step.body, 'version');
        const v = scalarText(y, version);
        if (version !== null && v !== null && v !== 'default') {
          const pin: VersionPin = {
            value: v,
            path,
            range: nodeRange(y, version),
            anchorLine: line,
          };
          pins.push({ tool: 'engine', pin });
        }
        continue;
      }
      if (step.name === 'save_cache' || step.name === 'restore_cache') {
        persistedPaths.push(
          ...readListOrSeq(y, getIn(y, step.body, 'paths'), false).map(
            normalizeCachePath,
          ),
        );
        continue;
      }
      if (step.name !== 'run' || step.body === null) continue;
      const commandNode =
        scalarText(y, step.body) !== null
          ? step.body
          : getIn(y, step.body, 'command');
      const script = scalarText(y, commandNode);
      if (commandNode === null || script === null) continue;
      if (/docker\s+buildx\s+create\b[^\n]*--use/.test(script))
        usesSetupBuildx = true;
      const dir = scalarText(y, getIn(y, step.body, 'working_directory'));
      let cwd: string | null = '';
      if (dir !== null)
        cwd = /^[/~]/.test(dir) ? null : resolveScriptPath(dir, '');
      const stepEnv = getIn(
        y,
        getIn(y, step.body, 'environment'),
        'DOCKER_BUILDKIT',
      );
      const saved = state.buildkitDisabled;
      if (stepEnv && isScalar(stepEnv))
        state.buildkitDisabled = disablesBuildkit(String(stepEnv.value))
          ? { path, range: nodeRange(y, stepEnv), anchorLine: line }
          : null;
      const toPos = scalarPositionMapper(y, commandNode);
      const locate = scalarLocator(y, commandNode, path, line);
      const variables = new ShellVariables(name => {
        for (const owner of [step.body, job]) {
          const node = getIn(y, getIn(y, owner, 'environment'), name);
          if (node !== null) return scalarText(y, node);
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
        const build = fromShellBuild(
          sb,
          {
            path,
            kind: 'circleci',
            anchorLine: line,
            job: jobName,
            linkedDockerfile: null,
          },
          toPos,
          y.file,
          ephemeral,
        );
        if (dlc && ephemeral === false) {
          build.commandTool = build.tool;
          build.tool = 'circleci-dlc';
        }
        build.conditional = false;
        builds.push(build);
        jobBuilds.push(build);
      }
      state.buildkitDisabled = saved;
    }
    for (const b of jobBuilds) {
      b.persistedPaths = persistedPaths;
      b.mountsPersisted = false;
      b.toolchainPins = pins;
    }
  }
  return { builds, usesSetupBuildx };
}
