import type { ImageBuild } from '../../ci/model';
import type {
  Rule,
  RuleContext,
  RuleFinding,
  TextEdit,
} from '../../engine/ruleTypes';
import { basenameOf, dirnameOf } from '../../model/text';
import {
  hasExpression,
  imageRepository,
  replaceSpec,
  setField,
} from '../support/cacheSpecs';
import {
  DEFAULT_SCOPE,
  describeWriter,
  ghaWriters,
  matrixText,
  type Writer,
} from './ghaWriters';

/** A scope name for a build: the image name of its first tag, else its Dockerfile's folder, else its job. */
function scopeFor(build: ImageBuild, taken: Set<string>): string {
  const tag = build.tags.find(t => !hasExpression(t));
  const fromTag = tag ? basenameOf(imageRepository(tag)) : '';
  const dir = build.dockerfile ? basenameOf(dirnameOf(build.dockerfile)) : '';
  const df = build.dockerfile
    ? basenameOf(build.dockerfile)
        .replace(/\.?Dockerfile$/i, '')
        .replace(/^Dockerfile\.?/i, '')
    : '';
  const candidates = [
    fromTag,
    dir,
    df,
    build.target ?? '',
    build.job ?? '',
    'image',
  ]
    .map(s =>
      s
        .toLowerCase()
        .replace(/[^a-z0-9_.-]+/g, '-')
        .replace(/^-+|-+$/g, ''),
    )
    .filter(s => s !== '' && s !== DEFAULT_SCOPE);
  const base = candidates.find(c => !taken.has(c)) ?? candidates[0] ?? 'image';
  let name = base;
  for (let i = 2; taken.has(name); i++) name = `${base}-${i}`;
  taken.add(name);
  return name;
}

/** Sets `scope=` on every gha spec of the build that shares the colliding scope. */
function scopeEdits(
  context: RuleContext,
  build: ImageBuild,
  scope: string,
  name: string,
): TextEdit[] {
  const file = context.files.get(build.path);
  const specs = [...build.cacheFrom, ...build.cacheTo].filter(
    s => s.type === 'gha' && (s.params.scope ?? DEFAULT_SCOPE) === scope,
  );
  const edits = specs.map(s =>
    replaceSpec(file, s, setField(s.raw, 'scope', name)),
  );
  return edits.some(e => e === null) ? [] : (edits as TextEdit[]);
}

/** The fix of one writer: a literal scope gets its own name; a matrix-made one has no mechanical fix. */
function fixFor(
  context: RuleContext,
  w: Writer,
  taken: Set<string>,
): RuleFinding['fix'] {
  if (w.combination)
    return {
      description:
        'No mechanical fix: the scope comes from the job matrix; make it differ for every image this step builds (e.g. include the matrix value that selects the Dockerfile, target or platform)',
      diff: null,
    };
  const name = scopeFor(w.build, taken);
  return context.createFix(
    w.build.path,
    `Give this image its own scope (scope=${name})`,
    scopeEdits(context, w.build, w.scope, name),
  );
}

function check(context: RuleContext): RuleFinding[] {
  const findings: RuleFinding[] = [];
  const writers = ghaWriters(context.imageBuilds);
  const byScope = new Map<string, Writer[]>();
  for (const w of writers)
    byScope.set(w.scope, [...(byScope.get(w.scope) ?? []), w]);
  const taken = new Set(writers.map(w => w.scope));
  const reported = new Set<ImageBuild>();
  for (const [scope, group] of byScope) {
    if (new Set(group.map(w => w.image)).size < 2) continue;
    for (const w of group) {
      if (reported.has(w.build)) continue;
      reported.add(w.build);
      const others = [
        ...new Set(group.filter(o => o.image !== w.image).map(describeWriter)),
      ];
      findings.push(
        context.reportBuild(
          w.build,
          `type=gha cache scope "${scope}"${
            w.spec.params.scope === undefined ? ' (the default)' : ''
          }${
            w.combination ? ` (matrix ${matrixText(w.combination)})` : ''
          } is also written by ${others.join(
            ', ',
          )} for a different image (Dockerfile, target or platform): the builds evict each other's cache`,
          {
            range: w.spec.range ?? undefined,
            fix: fixFor(context, w, taken),
          },
        ),
      );
    }
  }
  return findings;
}

/** BC2005: several images share one GitHub Actions cache scope. */
export const ghaCacheScopeCollisionRule: Rule = {
  meta: {
    id: 'BC2005',
    target: 'build-config',
    name: 'gha-cache-scope-collision',
    severity: 'warning',
    summary:
      'Two or more builds in the repository export `type=gha` cache to the same `scope` (or the default `buildkit`) while building a different Dockerfile, target or platform.',
    rationale:
      "Each gha cache export replaces the scope's cache index with its own: builds of different images sharing a scope overwrite each other's index, so each run finds the other image's cache and misses. The repository's 10 GB Actions cache limit evicts the rest.",
    recommendedFix:
      'Give every image its own `scope=` (the same in `cache-from` and `cache-to`).',
    sources: [
      'https://docs.docker.com/build/cache/backends/gha/#scope',
      'https://docs.docker.com/build/ci/github-actions/cache/',
    ],
    docsPath: 'rules/BC2005.md',
    fixable: true,
  },
  check,
};
