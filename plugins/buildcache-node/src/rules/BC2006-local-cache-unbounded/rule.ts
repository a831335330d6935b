import { normalizeCachePath } from '../../ci/githubJob';
import type { CacheSpecModel, ImageBuild } from '../../ci/model';
import type {
  Rule,
  RuleContext,
  RuleFinding,
  TextEdit,
} from '../../engine/ruleTypes';
import { hasExpression, replaceSpec, setField } from '../support/cacheSpecs';

/** build-push-action: write to `D-new`, then a step moves it over `D`. */
function fixEdits(
  context: RuleContext,
  build: ImageBuild,
  spec: CacheSpecModel,
  dir: string,
): TextEdit[] {
  const file = context.files.get(build.path);
  const step = build.stepInsertion;
  if (build.tool !== 'build-push-action' || !file || !step || step.indent < 2)
    return [];
  const edit = replaceSpec(
    file,
    spec,
    setField(spec.raw, 'dest', `${dir}-new`),
  );
  if (!edit) return [];
  const pad = ' '.repeat(step.indent);
  const dash = `${' '.repeat(step.indent - 2)}- `;
  const needsNewline =
    step.offset === file.text.length && !file.text.endsWith('\n');
  const move = [
    `${dash}name: Replace the BuildKit cache with the new export`,
    `${pad}run: |`,
    `${pad}  rm -rf ${dir}`,
    `${pad}  mv ${dir}-new ${dir}`,
  ].join('\n');
  return [
    edit,
    {
      start: step.offset,
      end: step.offset,
      text: `${needsNewline ? '\n' : ''}${move}\n`,
    },
  ];
}

function check(context: RuleContext): RuleFinding[] {
  const findings: RuleFinding[] = [];
  for (const build of context.imageBuilds) {
    const persisted = new Set(build.persistedPaths ?? []);
    if (persisted.size === 0) continue;
    const sources = new Set(
      build.cacheFrom
        .filter(
          s =>
            s.type === 'local' && s.params.src && !hasExpression(s.params.src),
        )
        .map(s => normalizeCachePath(s.params.src)),
    );
    for (const spec of build.cacheTo) {
      const dest = spec.params.dest;
      if (spec.type !== 'local' || !dest || hasExpression(dest)) continue;
      if (spec.params.reset === 'true') continue;
      const dir = normalizeCachePath(dest);
      if (!sources.has(dir) || !persisted.has(dir)) continue;
      findings.push(
        context.reportBuild(
          build,
          `cache-to type=local,dest=${dest} exports into the directory cache-from reads and the CI cache saves, so old cache records are never dropped and the saved cache only grows`,
          {
            range: spec.range ?? undefined,
            fix: context.createFix(
              build.path,
              `Export to ${dest}-new and move it over ${dest} after the build`,
              fixEdits(context, build, spec, dest.replace(/\/+$/, '')),
            ),
          },
        ),
      );
    }
  }
  return findings;
}

/** BC2006: a local cache exported into the directory it is read from and saved by the CI cache. */
export const localCacheUnboundedRule: Rule = {
  meta: {
    id: 'BC2006',
    target: 'build-config',
    name: 'local-cache-unbounded',
    severity: 'warning',
    summary:
      '`cache-to type=local,dest=D` and `cache-from type=local,src=D` on the same directory D that a CI cache step (`actions/cache`, GitLab `cache:`, CircleCI `save_cache`) saves and restores.',
    rationale:
      'A local cache export adds new blobs to the directory but never removes the old ones. When the directory is also the import source and is carried between runs by the CI cache, it grows with every build until it hits the cache size limit and is evicted as a whole.',
    recommendedFix:
      "Export to a new directory (`dest=D-new`) and move it over `D` after the build, so each saved cache holds only the last build's records.",
    sources: [
      'https://docs.docker.com/build/cache/backends/local/',
      'https://docs.docker.com/build/ci/github-actions/cache/#local-cache',
      'https://github.com/moby/buildkit/issues/1896',
    ],
    docsPath: 'rules/BC2006.md',
    fixable: true,
  },
  check,
};
