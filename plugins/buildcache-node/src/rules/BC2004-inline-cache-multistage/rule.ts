import type { ImageBuild } from '../../ci/model';
import type {
  Rule,
  RuleContext,
  RuleFinding,
  TextEdit,
} from '../../engine/ruleTypes';
import type { DockerfileModel } from '../../dockerfile/model';
import { minBuildGraphSize } from '../support/buildGraph';
import { linkedDockerfiles } from '../support/linkedDockerfiles';
import {
  hasExpression,
  imageRepository,
  normalizeImageRef,
  replaceSpec,
} from '../support/cacheSpecs';

const TRUE = /^(1|true)$/i;

/** The replacement exports: gha on GitHub Actions, else a registry cache beside the first tag. */
function replacement(build: ImageBuild): { to: string; from: string } | null {
  if (build.kind === 'github-actions')
    return { to: 'type=gha,mode=max', from: 'type=gha' };
  const tag = build.tags[0];
  if (!tag) return null;
  const ref = `${imageRepository(tag)}:buildcache`;
  return {
    to: `type=registry,ref=${ref},mode=max`,
    from: `type=registry,ref=${ref}`,
  };
}

/** Edits switching inline cache to a max-mode export, also retargeting cache-from that read the inline cache of the build's own tags. */
function fixEdits(context: RuleContext, build: ImageBuild): TextEdit[] {
  const r = replacement(build);
  const file = context.files.get(build.path);
  if (!r || !file) return [];
  const inline = build.cacheTo.filter(s => s.type === 'inline');
  if (inline.length !== 1 || build.cacheTo.length !== 1) return [];
  const tags = new Set(
    build.tags.filter(t => !hasExpression(t)).map(normalizeImageRef),
  );
  const readsOwnImage = build.cacheFrom.every(
    s =>
      s.type === 'registry' &&
      !!s.params.ref &&
      tags.has(normalizeImageRef(s.params.ref)),
  );
  if (!readsOwnImage || build.cacheFrom.length > 1) return [];
  const edits = [
    replaceSpec(file, inline[0], r.to),
    ...build.cacheFrom.map(s => replaceSpec(file, s, r.from)),
  ];
  if (edits.some(e => e === null)) return [];
  return edits as TextEdit[];
}

/** The first Dockerfile of the build whose build graph has at least two stages. */
function multiStage(
  build: ImageBuild,
): { df: DockerfileModel; size: number } | null {
  for (const { df, target } of linkedDockerfiles(build)) {
    if (target === null) continue;
    const size = minBuildGraphSize(df, target);
    if (size !== null && size >= 2) return { df, size };
  }
  return null;
}

function check(context: RuleContext): RuleFinding[] {
  const findings: RuleFinding[] = [];
  for (const build of context.imageBuilds) {
    const multi = multiStage(build);
    if (!multi) continue;
    const { df, size } = multi;
    const inline = build.cacheTo.filter(s => s.type === 'inline');
    const arg = Object.entries(build.buildArgs).find(
      ([k, v]) => k === 'BUILDKIT_INLINE_CACHE' && TRUE.test(v.trim()),
    );
    if (inline.length === 0 && !arg) continue;
    const what =
      inline.length > 0 ? 'cache-to type=inline' : 'BUILDKIT_INLINE_CACHE=1';
    findings.push(
      context.reportBuild(
        build,
        `${what} only records the final image's layers (mode=min), but ${size} stages of ${df.path} are in the build graph: the builder stages are never cached`,
        {
          range: inline[0]?.range ?? undefined,
          fix: context.createFix(
            build.path,
            build.kind === 'github-actions'
              ? 'Export the cache to GitHub Actions with type=gha,mode=max'
              : 'Export a registry cache with mode=max under a separate :buildcache tag',
            inline.length > 0 ? fixEdits(context, build) : [],
          ),
        },
      ),
    );
  }
  return findings;
}

/** BC2004: inline cache on a multi-stage build. */
export const inlineCacheMultistageRule: Rule = {
  meta: {
    id: 'BC2004',
    target: 'build-config',
    name: 'inline-cache-multistage',
    severity: 'warning',
    summary:
      '`type=inline` cache (or `BUILDKIT_INLINE_CACHE=1` as a build argument, in bake or compose) for a Dockerfile with two or more stages in the build graph of the selected target.',
    rationale:
      'Inline cache embeds cache metadata in the pushed image and only supports `mode=min`: just the layers of the final stage are recorded. The builder stages — dependency installs and compilation — are not, so every fresh builder rebuilds them.',
    recommendedFix:
      'Export a separate cache with `mode=max`: `type=gha,mode=max` on GitHub Actions, `type=registry,ref=<image>:buildcache,mode=max` elsewhere, and read it back with the matching `cache-from`.',
    sources: [
      'https://docs.docker.com/build/cache/backends/inline/',
      'https://docs.docker.com/build/cache/backends/#cache-mode',
    ],
    docsPath: 'rules/BC2004.md',
    fixable: true,
  },
  check,
};
