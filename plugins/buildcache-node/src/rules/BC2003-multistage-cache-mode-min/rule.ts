import type { ImageBuild } from '../../ci/model';
import type { DockerfileModel } from '../../dockerfile/model';
import { minBuildGraphSize } from '../support/buildGraph';
import { linkedDockerfiles } from '../support/linkedDockerfiles';
import type { Rule, RuleFinding, TextEdit } from '../../engine/ruleTypes';

const EXPORT_TYPES = new Set(['registry', 'local', 'gha', 's3', 'azblob']);

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

/** BC2003: cache-to without mode=max for a multi-stage build graph. */
export const multistageCacheModeMinRule: Rule = {
  meta: {
    id: 'BC2003',
    target: 'build-config',
    name: 'multistage-cache-mode-min',
    severity: 'warning',
    summary:
      '`cache-to` of type registry/local/gha/s3/azblob without `mode=max` while two or more stages are in the build graph of the selected target.',
    rationale:
      '`mode=min` (the default) exports only the layers of the final image. The steps of builder stages — usually the expensive ones: dependency installs and compilation — are not exported, so the next CI run rebuilds them.',
    recommendedFix: 'Add `mode=max` to the cache-to spec.',
    sources: [
      'https://docs.docker.com/build/cache/backends/#cache-mode',
      'https://docs.docker.com/build/ci/github-actions/cache/',
    ],
    docsPath: 'rules/BC2003.md',
    fixable: true,
  },
  check(context) {
    const findings: RuleFinding[] = [];
    for (const build of context.imageBuilds) {
      const multi = multiStage(build);
      if (!multi) continue;
      const { df, size } = multi;
      const file = context.files.get(build.path);
      for (const spec of build.cacheTo) {
        if (!EXPORT_TYPES.has(spec.type) || spec.mode === 'max') continue;
        if (spec.mode === undefined && 'mode' in spec.params) continue; // mode is an expression
        const edits: TextEdit[] = [];
        if (spec.range && file) {
          const start = file.offsetAt(spec.range.line, spec.range.column);
          const end = file.offsetAt(spec.range.endLine, spec.range.endColumn);
          const written = file.text.slice(start, end);
          const m = /(^|,)\s*mode\s*=\s*min\b/.exec(written);
          if (m) {
            const at = start + m.index + m[1].length;
            edits.push({
              start: at,
              end: start + m.index + m[0].length,
              text: 'mode=max',
            });
          } else if (written === spec.raw)
            edits.push({ start: end, end, text: ',mode=max' });
        }
        findings.push(
          context.reportBuild(
            build,
            `cache-to type=${spec.type} exports with mode=min while ${size} stages of ${df.path} are in the build graph: intermediate stages are not cached`,
            {
              range: spec.range ?? undefined,
              fix: context.createFix(
                build.path,
                'Export all stages with mode=max',
                edits,
              ),
            },
          ),
        );
      }
    }
    return findings;
  },
};
