import { buildkitImageVersion, compareVersions } from '../../ci/shellJobState';
import type { Rule, RuleContext, RuleFinding } from '../../engine/ruleTypes';
import { replaceSpec, setField } from '../support/cacheSpecs';

/** Amazon ECR (and ECR-like) registry hosts. */
const ECR_HOST =
  /^(?:[^/]*\.)?dkr\.ecr\.[a-z0-9-]+\.amazonaws\.com(\.cn)?(?::\d+)?\//i;
const FIXED_IN = 'v0.21.0';

/** Tools whose cache export goes through a BuildKit builder we may know the version of. */
const BUILDKIT_TOOLS = new Set([
  'build-push-action',
  'bake-action',
  'buildx-build',
  'buildx-bake',
  'docker-build',
  'circleci-dlc',
  'buildctl',
  'compose',
]);

function check(context: RuleContext): RuleFinding[] {
  const findings: RuleFinding[] = [];
  for (const build of context.imageBuilds) {
    if (!BUILDKIT_TOOLS.has(build.tool)) continue;
    const pinned = build.builder?.buildkitImage ?? null;
    const version = pinned ? buildkitImageVersion(pinned.value) : null;
    const old =
      version !== null && (compareVersions(version, FIXED_IN) ?? 0) < 0;
    for (const spec of build.cacheTo) {
      const ref = spec.params.ref;
      if (spec.type !== 'registry' || !ref || !ECR_HOST.test(ref)) continue;
      const manifest = spec.params['image-manifest'];
      const oci = spec.params['oci-mediatypes'];
      const explicitFalse = manifest === 'false' || oci === 'false';
      const missing = old && !(manifest === 'true' && oci === 'true');
      if (!explicitFalse && !missing) continue;
      const why = explicitFalse
        ? `sets ${
            manifest === 'false'
              ? 'image-manifest=false'
              : 'oci-mediatypes=false'
          }`
        : `runs on BuildKit ${version} (pinned by ${pinned?.value}), older than ${FIXED_IN}, without image-manifest=true,oci-mediatypes=true`;
      const file = context.files.get(build.path);
      const edit = replaceSpec(
        file,
        spec,
        setField(
          setField(spec.raw, 'image-manifest', 'true'),
          'oci-mediatypes',
          'true',
        ),
      );
      findings.push(
        context.reportBuild(
          build,
          `registry cache export to Amazon ECR (${ref}) ${why}: ECR rejects the cache manifest, so the export fails`,
          {
            range: spec.range ?? undefined,
            fix: context.createFix(
              build.path,
              'Export the cache as an OCI image manifest (image-manifest=true,oci-mediatypes=true)',
              edit ? [edit] : [],
            ),
          },
        ),
      );
    }
  }
  return findings;
}

/** BC2007: registry cache export to ECR in a form ECR rejects. */
export const registryCacheManifestUnsupportedRule: Rule = {
  meta: {
    id: 'BC2007',
    target: 'build-config',
    name: 'registry-cache-manifest-unsupported',
    severity: 'error',
    summary:
      'Registry cache export to an ECR-like registry (`*.dkr.ecr.*.amazonaws.com`) with `image-manifest=false` or `oci-mediatypes=false`, or from a pinned BuildKit older than v0.21 without `image-manifest=true,oci-mediatypes=true`.',
    rationale:
      'By default older BuildKit exports registry cache as a manifest list whose entries are not images, which Amazon ECR refuses. Only an OCI image manifest (`image-manifest=true` with `oci-mediatypes=true`) is accepted, so the cache export fails and every build starts cold.',
    recommendedFix:
      'Add `image-manifest=true,oci-mediatypes=true` to the `cache-to` spec (or raise the BuildKit pin).',
    sources: [
      'https://docs.docker.com/build/cache/backends/registry/',
      'https://aws.amazon.com/blogs/containers/announcing-remote-cache-support-in-amazon-ecr-for-buildkit-clients/',
      'https://github.com/moby/buildkit/releases',
    ],
    docsPath: 'rules/BC2007.md',
    fixable: true,
  },
  check,
};
