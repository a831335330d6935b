import type { DockerfileModel } from '../../dockerfile/model';
import { cacheMountsOf } from '../../dockerfile/runAnalysis';
import { everyGraphHas, stagesInAnyGraph } from '../support/buildGraph';
import { linkedDockerfiles } from '../support/linkedDockerfiles';
import type { Rule, RuleContext, RuleFinding } from '../../engine/ruleTypes';

/** Tools whose builds can use cache mounts (kaniko ignores them). */
const SKIP_TOOLS = new Set(['kaniko']);

/**
 * Cache mount targets used in the build graph of `target` (null target:
 * every stage); empty unless every possible graph uses a cache mount.
 */
function mountTargets(
  df: DockerfileModel,
  target: string | null | undefined,
): string[] {
  const usesMount = (stage: number) =>
    df.stages[stage].instructions.some(i => cacheMountsOf(i).length > 0);
  if (target !== null && !everyGraphHas(df, target, usesMount)) return [];
  const graph = target === null ? null : stagesInAnyGraph(df, target);
  const out = new Set<string>();
  for (const i of df.instructions) {
    if (i.keyword !== 'RUN' || i.stage === null) continue;
    if (graph && !graph.has(i.stage)) continue;
    for (const m of cacheMountsOf(i))
      out.add(m.target ?? m.mount.target ?? '?');
  }
  return [...out];
}

function check(context: RuleContext): RuleFinding[] {
  const findings: RuleFinding[] = [];
  for (const build of context.imageBuilds) {
    if (
      build.ephemeral !== true ||
      build.mountsPersisted ||
      SKIP_TOOLS.has(build.tool)
    )
      continue;
    // the legacy builder has no cache mounts at all: BC2009's business
    if (
      build.buildkitDisabled &&
      (build.commandTool ?? build.tool) === 'docker-build'
    )
      continue;
    if (build.bake && build.bake.resolved === null) continue;
    const used = linkedDockerfiles(build).flatMap(({ df, target }) =>
      mountTargets(df, target).map(t => ({ df, t })),
    );
    if (used.length === 0) continue;
    const files = [...new Set(used.map(u => u.df.path))].join(', ');
    const targets = [...new Set(used.map(u => u.t))].join(', ');
    findings.push(
      context.reportBuild(
        build,
        `${files} uses cache mounts (${targets}), but this build runs on an ephemeral builder and nothing persists them: every run starts with empty cache mounts`,
        {
          fix: {
            description:
              'Accept it knowingly (exported layer cache with mode=max covers unchanged steps), or persist the mounts, e.g. with actions/cache and reproducible-containers/buildkit-cache-dance',
            diff: null,
          },
        },
      ),
    );
  }
  return findings;
}

/** BC2012: cache mounts on a builder that is thrown away after every run. */
export const cacheMountsLostOnEphemeralBuilderRule: Rule = {
  meta: {
    id: 'BC2012',
    target: 'build-config',
    name: 'cache-mounts-lost-on-ephemeral-builder',
    severity: 'info',
    summary:
      'The linked Dockerfile uses `RUN --mount=type=cache`, the build runs on an ephemeral builder (GitHub-hosted runner, default setup-buildx cleanup, GitLab dind, CircleCI without DLC) and nothing persists the cache mounts.',
    rationale:
      "Cache mounts live in the builder's local storage and are never exported with `--cache-to`. On a builder that is created for one run and then deleted they start empty every time, so the package-manager caches they hold never help across CI runs. `mode=max` layer export helps when inputs are unchanged but does not restore the mounts.",
    recommendedFix:
      'Accept it knowingly, or persist the mounts between runs (e.g. `actions/cache` with `reproducible-containers/buildkit-cache-dance`, or a persistent/remote builder).',
    sources: [
      'https://docs.docker.com/build/cache/optimize/#use-cache-mounts',
      'https://docs.docker.com/build/ci/github-actions/cache/#cache-mounts',
      'https://github.com/reproducible-containers/buildkit-cache-dance',
    ],
    docsPath: 'rules/BC2012.md',
    fixable: false,
  },
  check,
};
