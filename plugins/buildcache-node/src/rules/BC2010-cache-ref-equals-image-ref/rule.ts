import type {
  Rule,
  RuleContext,
  RuleFinding,
  TextEdit,
} from '../../engine/ruleTypes';
import {
  hasExpression,
  imageRepository,
  normalizeImageRef,
  replaceSpec,
  setField,
} from '../support/cacheSpecs';

/** Registry cache writers whose ref could be one of the build's image tags. */
const SKIP_TOOLS = new Set(['kaniko', 'buildah']);

/** CI variables that hold an image repository without a tag (GitLab's registry image, GitHub's owner/repo). */
const REPOSITORY_VARIABLES =
  /\$\{?CI_REGISTRY(_IMAGE)?\}?|\$\{\{\s*github\.repository\s*\}\}/g;

/**
 * A ref in a form that compares equal for the same image. A ref holding a
 * variable or template placeholder (`${IMAGE}`, `{{ registry }}/app`) is
 * compared as written: `${IMAGE}` may already carry a registry and a tag,
 * so it is not normalised like a literal (the CI's own repository variables
 * are).
 */
function comparableRef(ref: string): string {
  const placeholders = ref.replace(REPOSITORY_VARIABLES, 'repository');
  return hasExpression(placeholders)
    ? `verbatim:${ref.trim()}`
    : normalizeImageRef(ref);
}

function check(context: RuleContext): RuleFinding[] {
  const findings: RuleFinding[] = [];
  for (const build of context.imageBuilds) {
    if (build.push === false || SKIP_TOOLS.has(build.tool)) continue;
    const tags = new Map(build.tags.map(t => [comparableRef(t), t]));
    for (const spec of build.cacheTo) {
      const ref = spec.params.ref;
      if (spec.type !== 'registry' || !ref) continue;
      const normalized = comparableRef(ref);
      const tag = tags.get(normalized);
      if (tag === undefined) continue;
      const newRef = `${imageRepository(ref)}:buildcache`;
      const file = context.files.get(build.path);
      const edits = [spec, ...build.cacheFrom]
        .filter(
          s =>
            s.type === 'registry' &&
            s.params.ref &&
            comparableRef(s.params.ref) === normalized,
        )
        .map(s => replaceSpec(file, s, setField(s.raw, 'ref', newRef)));
      const ok =
        edits.length > 0 &&
        edits.every(e => e !== null) &&
        !tags.has(comparableRef(newRef));
      findings.push(
        context.reportBuild(
          build,
          `registry cache-to ref ${ref} is the image's own tag ${tag}: the cache manifest overwrites the pushed image (or the image push overwrites the cache)`,
          {
            range: spec.range ?? undefined,
            fix: context.createFix(
              build.path,
              `Store the cache under a separate tag (${newRef})`,
              ok ? (edits as TextEdit[]) : [],
            ),
          },
        ),
      );
    }
  }
  return findings;
}

/** BC2010: registry cache written to the image's own tag. */
export const cacheRefEqualsImageRefRule: Rule = {
  meta: {
    id: 'BC2010',
    target: 'build-config',
    name: 'cache-ref-equals-image-ref',
    severity: 'error',
    summary:
      'A registry `cache-to` ref equals (after normalising the registry and the `latest` tag) one of the tags the build pushes.',
    rationale:
      "A registry cache export is its own manifest. Written to the image's tag it replaces the image that was just pushed (or is replaced by it), so either the image cannot be pulled or the cache is gone on the next run.",
    recommendedFix:
      'Use a separate tag for the cache, such as `<image>:buildcache`.',
    sources: [
      'https://docs.docker.com/build/cache/backends/registry/',
      'https://docs.docker.com/build/ci/github-actions/cache/#registry-cache',
    ],
    docsPath: 'rules/BC2010.md',
    fixable: true,
  },
  check,
};
