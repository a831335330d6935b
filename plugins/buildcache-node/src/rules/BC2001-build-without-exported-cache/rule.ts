import type { ImageBuild } from '../../ci/model';
import type { Rule, RuleContext, RuleFinding } from '../../engine/ruleTypes';
import { bakeActionFix, githubShellFix, type CacheFix } from './fixes';
import { addStepInputs } from '../support/yamlEdits';

function scopeName(build: ImageBuild, all: readonly ImageBuild[]): string {
  const base = (build.job ?? 'image').replace(/[^A-Za-z0-9_.-]+/g, '-');
  const sameJob = all.filter(b => b.path === build.path && b.job === build.job);
  return sameJob.length > 1 ? `${base}-${sameJob.indexOf(build) + 1}` : base;
}

/** The fix of a build other than build-push-action: a diff where one is mechanical, else text saying why not. */
function otherFix(
  context: RuleContext,
  build: ImageBuild,
  scope: string,
): RuleFinding['fix'] {
  let fix: CacheFix | null = null;
  if (build.kind === 'github-actions' && build.tool === 'bake-action')
    fix = bakeActionFix(context, build);
  else if (
    build.kind === 'github-actions' &&
    (build.tool === 'docker-build' || build.tool === 'buildx-build')
  )
    fix = githubShellFix(context, build, scope);
  if (fix && 'edits' in fix)
    return context.createFix(build.path, fix.description, fix.edits);
  const reason =
    fix?.reason ??
    'the build is not a GitHub build-push-action, bake-action or run-step docker build';
  return {
    description: `Add ${recommendation(build)}. No mechanical fix: ${reason}`,
    diff: null,
  };
}

function recommendation(build: ImageBuild): string {
  if (build.kind === 'github-actions')
    return '--cache-from type=gha --cache-to type=gha,mode=max (on GitHub Actions)';
  return '--cache-from type=registry,ref=<image>:buildcache --cache-to type=registry,ref=<image>:buildcache,mode=max';
}

/** BC2001: an image build on an ephemeral builder exports and imports no cache. */
export const buildWithoutExportedCacheRule: Rule = {
  meta: {
    id: 'BC2001',
    target: 'build-config',
    name: 'build-without-exported-cache',
    severity: 'warning',
    summary:
      'An image build on an ephemeral builder (GitHub-hosted runner, setup-buildx-action with default cleanup, GitLab docker:dind, kaniko) has neither `cache-from` nor `cache-to`.',
    rationale:
      'An ephemeral builder starts empty, so its layer cache is gone after every run: without an exported cache each CI run rebuilds every step from scratch. `--cache-to`/`--cache-from` (gha, registry, s3, …) carry the layer cache from one run to the next.',
    recommendedFix:
      '`type=gha` (with a `scope` per image) on GitHub Actions; `type=registry,ref=<image>:buildcache,mode=max` elsewhere.',
    sources: [
      'https://docs.docker.com/build/cache/backends/',
      'https://docs.docker.com/build/ci/github-actions/cache/',
      'https://docs.docker.com/build/cache/backends/registry/',
    ],
    docsPath: 'rules/BC2001.md',
    fixable: true,
  },
  check(context) {
    const findings: RuleFinding[] = [];
    for (const build of context.imageBuilds) {
      if (build.ephemeral !== true || build.cacheSettingsExternal) continue;
      if (build.cacheFrom.length > 0 || build.cacheTo.length > 0) continue;
      let fix = null;
      if (build.tool === 'build-push-action') {
        const file = context.files.get(build.path);
        const scope = scopeName(build, context.imageBuilds);
        const edit = file
          ? addStepInputs(file, build, [
              ['cache-from', `type=gha,scope=${scope}`],
              ['cache-to', `type=gha,scope=${scope},mode=max`],
            ])
          : null;
        fix = context.createFix(
          build.path,
          `Export and import the layer cache with type=gha (scope ${scope})`,
          edit ? [edit] : [],
        );
      } else {
        fix = otherFix(context, build, scopeName(build, context.imageBuilds));
      }
      const what =
        build.tool === 'build-push-action'
          ? 'docker/build-push-action'
          : build.tool;
      findings.push(
        context.reportBuild(
          build,
          `image build (${what}${
            build.dockerfile ? ` of ${build.dockerfile}` : ''
          }) runs on an ephemeral builder with neither cache-from nor cache-to: every run rebuilds from scratch`,
          { fix },
        ),
      );
    }
    return findings;
  },
};
