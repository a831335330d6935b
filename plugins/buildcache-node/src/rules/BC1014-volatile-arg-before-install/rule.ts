import type { ImageBuild } from '../../ci/model';
import type {
  DockerfileModel,
  DockerInstruction,
  DockerStage,
} from '../../dockerfile/model';
import { stagesInBuildGraph } from '../../dockerfile/stageGraph';
import type { Rule, RuleFinding, TextEdit } from '../../engine/ruleTypes';
import { dependencyInstallsOf } from '../support/dependencyInstalls';
import { moveInstructionBelow } from '../support/dockerfileEdits';

/** Build-arg values that change on every build or commit. */
const VOLATILE_VALUE =
  /github\.(sha|run_number|run_id|run_attempt)\b|\bGITHUB_(SHA|RUN_NUMBER|RUN_ID)\b|\bCI_COMMIT_(SHORT_)?SHA\b|\bCI_PIPELINE_I?ID\b|\bCI_JOB_ID\b|\bBUILD_NUMBER\b|\bBUILD_ID\b|\bCIRCLE_SHA1\b|\bCIRCLE_BUILD_NUM\b|\$\(\s*date\b|`\s*date\b|\$\(\s*git\s+rev-parse\b/;
/** ARG names that by convention carry a per-build value. */
const VOLATILE_NAME =
  /(^|_)SHA$|(^|_)COMMIT$|^BUILD_DATE$|^BUILD_NUMBER$|^CACHE_?BUST$/i;

/** Names declared by an ARG instruction. */
export function argNames(ins: DockerInstruction): string[] {
  const names: string[] = [];
  const re =
    /(?:^|\s)([A-Za-z_][A-Za-z0-9_]*)(?:=(?:"(?:[^"\\]|\\.)*"|'[^']*'|\S*))?/g;
  for (const m of ins.arguments.matchAll(re)) names.push(m[1]);
  return names;
}

function references(
  model: DockerfileModel,
  ins: DockerInstruction,
  name: string,
): boolean {
  const start = model.file.offsetAt(ins.range.line, ins.range.column);
  const end = model.file.offsetAt(ins.range.endLine, ins.range.endColumn);
  const text = model.file.text.slice(start, end);
  return new RegExp(`\\$(\\{${name}\\b|${name}(?![A-Za-z0-9_]))`).test(text);
}

/** Builds whose graph includes the stage (an unresolvable target counts). */
function buildsOfStage(
  model: DockerfileModel,
  stage: DockerStage,
  builds: readonly ImageBuild[],
): ImageBuild[] {
  return builds.filter(b => {
    if (b.target === null) return true;
    return stagesInBuildGraph(model, b.target)?.has(stage.index) ?? false;
  });
}

/** BC1014: an ARG with a per-build value is declared before dependency installs. */
export const volatileArgBeforeInstallRule: Rule = {
  meta: {
    id: 'BC1014',
    target: 'dockerfile',
    name: 'volatile-arg-before-install',
    severity: 'warning',
    summary:
      'An `ARG` is declared in a stage before a dependency install, and a linked CI build passes it a per-build value (`github.sha`, `CI_COMMIT_SHA`, `BUILD_NUMBER`, `$(date …)`…); without a CI link, an ARG with a volatile name (`*_SHA`, `COMMIT`, `BUILD_DATE`, `BUILD_NUMBER`, `CACHEBUST`) is reported as info.',
    rationale:
      'Every RUN after an `ARG` gets it as an environment variable, so a value that changes on every build invalidates the layer cache of every later step: dependencies are downloaded and installed on every commit.',
    recommendedFix:
      'Move the ARG below the dependency installs (just before the step that uses it, e.g. a LABEL or the final build).',
    sources: [
      'https://docs.docker.com/reference/dockerfile/#impact-on-build-caching',
      'https://docs.docker.com/build/cache/optimize/#order-your-layers',
    ],
    docsPath: 'rules/BC1014.md',
    fixable: true,
  },
  check(context) {
    const findings: RuleFinding[] = [];
    for (const model of context.dockerfiles) {
      const linked = context.buildsOf(model);
      for (const stage of model.stages) {
        const installs = stage.instructions.filter(
          i => dependencyInstallsOf(i).length > 0,
        );
        if (installs.length === 0) continue;
        const last = installs[installs.length - 1];
        const builds = buildsOfStage(model, stage, linked);
        for (const arg of stage.instructions) {
          if (arg.keyword !== 'ARG' || arg.index > last.index) continue;
          const names = argNames(arg);
          const fromCi = names.flatMap(n => {
            const build = builds.find(b =>
              VOLATILE_VALUE.test(b.buildArgs[n] ?? ''),
            );
            return build ? [{ name: n, build }] : [];
          });
          const byName =
            linked.length === 0 ? names.filter(n => VOLATILE_NAME.test(n)) : [];
          if (fromCi.length === 0 && byName.length === 0) continue;
          const first = installs.find(
            i => i.index > arg.index,
          ) as DockerInstruction;
          const install = dependencyInstallsOf(first)[0].what;
          const between = stage.instructions.filter(
            i => i.index > arg.index && i.index <= last.index,
          );
          const movable = !between.some(i =>
            names.some(n => references(model, i, n)),
          );
          // take the instruction's own ignore pragmas along
          let from = arg.range.line;
          while (
            from > 1 &&
            /^\s*#\s*buildcache-ignore\s+BC1014\b/.test(
              model.file.lineText(from - 1),
            )
          )
            from--;
          const edits: TextEdit[] = movable
            ? moveInstructionBelow(model, arg, last, from)
            : [];
          const message =
            fromCi.length > 0
              ? `ARG ${fromCi
                  .map(f => f.name)
                  .join(', ')} gets a per-build value from ${
                  fromCi[0].build.path
                }:${fromCi[0].build.range.line} (${
                  fromCi[0].build.buildArgs[fromCi[0].name]
                }) and is declared before ${install} (line ${
                  first.range.line
                }): every build invalidates the install steps`
              : `ARG ${byName.join(
                  ', ',
                )} looks like a per-build value and is declared before ${install} (line ${
                  first.range.line
                }): if it changes on every build, so does every step after it`;
          findings.push(
            context.reportInstruction(model, arg, message, {
              severity: fromCi.length > 0 ? undefined : 'info',
              fix: context.createFix(
                model.path,
                `Move the ARG below the dependency installs (after line ${last.range.endLine})`,
                edits,
              ),
            }),
          );
        }
      }
    }
    return findings;
  },
};
