import type { ImageBuild } from '../../ci/model';
import type {
  Rule,
  RuleContext,
  RuleFinding,
  TextEdit,
} from '../../engine/ruleTypes';
import { effectiveSpecs } from '../support/cacheSpecs';

/** Builds that use the docker CLI's current builder (the default `docker` driver unless one is set up). */
const DOCKER_CLI_TOOLS = new Set([
  'build-push-action',
  'bake-action',
  'docker-build',
  'buildx-build',
  'buildx-bake',
]);

const ERROR_TYPES = new Set(['s3', 'azblob']);

/** A step (GitHub) or script line (GitLab) inserted before the build that creates a docker-container builder. */
function setupEdit(context: RuleContext, build: ImageBuild): TextEdit | null {
  const file = context.files.get(build.path);
  if (!file) return null;
  const line = file.lineText(build.anchorLine);
  if (build.kind === 'github-actions') {
    const m = /^(\s*)- /.exec(line);
    if (!m) return null;
    const at = file.offsetAt(build.anchorLine, 1);
    return {
      start: at,
      end: at,
      text: `${m[1]}- uses: docker/setup-buildx-action@v3\n`,
    };
  }
  if (build.kind === 'gitlab-ci') {
    const own = file.lineText(build.range.line);
    const m = /^(\s*)- /.exec(own);
    if (!m || m[0].length !== build.range.column - 1) return null;
    const at = file.offsetAt(build.range.line, 1);
    return {
      start: at,
      end: at,
      text: `${m[1]}- docker buildx create --use --driver docker-container\n`,
    };
  }
  return null;
}

function check(context: RuleContext): RuleFinding[] {
  const findings: RuleFinding[] = [];
  for (const build of context.imageBuilds) {
    const tool = build.commandTool ?? build.tool;
    if (!DOCKER_CLI_TOOLS.has(tool)) continue;
    // Only where the environment is known to start with the default builder.
    if (build.builder !== null || build.ephemeral !== true) continue;
    if (
      build.kind !== 'github-actions' &&
      build.kind !== 'gitlab-ci' &&
      build.kind !== 'circleci'
    )
      continue;
    const exports = effectiveSpecs(build, 'cacheTo').filter(
      s => s.spec.type !== 'inline' && s.spec.type !== 'unknown',
    );
    if (exports.length === 0) continue;
    const first = exports.find(s => s.build === build) ?? null;
    const severe = exports.find(s => ERROR_TYPES.has(s.spec.type));
    const types = [...new Set(exports.map(s => s.spec.type))].join(', ');
    const edit = setupEdit(context, build);
    findings.push(
      context.reportBuild(
        build,
        `cache-to type=${types} needs a docker-container (or remote) builder, but this job never sets one up (docker/setup-buildx-action or docker buildx create --use): the default docker driver rejects cache export`,
        {
          range: first?.spec.range ?? undefined,
          severity: severe ? 'error' : 'warning',
          fix: context.createFix(
            build.path,
            build.kind === 'github-actions'
              ? 'Set up a BuildKit container builder with docker/setup-buildx-action before the build'
              : 'Create and use a docker-container builder (docker buildx create --use) before the build',
            edit ? [edit] : [],
          ),
        },
      ),
    );
  }
  return findings;
}

/** BC2008: cache export on the default docker driver. */
export const cacheExportNeedsContainerBuilderRule: Rule = {
  meta: {
    id: 'BC2008',
    target: 'build-config',
    name: 'cache-export-needs-container-builder',
    severity: 'warning',
    summary:
      '`cache-to` other than `inline` in a job that never sets up a `docker-container` or remote builder (`docker/setup-buildx-action`, `docker buildx create --use`). Error for s3/azblob exports, warning for local/registry/gha.',
    rationale:
      'The default `docker` driver of a fresh CI machine cannot export cache (`Cache export is not supported for the docker driver`) unless the containerd image store is enabled. The build then fails, or the export is lost, and the next run starts cold.',
    recommendedFix:
      'Add `docker/setup-buildx-action` before the build on GitHub Actions, or run `docker buildx create --use --driver docker-container` before building elsewhere.',
    sources: [
      'https://docs.docker.com/build/builders/drivers/',
      'https://docs.docker.com/build/cache/backends/',
      'https://github.com/docker/setup-buildx-action',
    ],
    docsPath: 'rules/BC2008.md',
    fixable: true,
  },
  check,
};
