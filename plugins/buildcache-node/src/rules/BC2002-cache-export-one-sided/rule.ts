import type { CacheSpecModel, ImageBuild } from '../../ci/model';
import type { Rule, RuleContext, RuleFinding } from '../../engine/ruleTypes';
import { addCacheOption, readSideOf, writeSideOf } from '../support/cacheEdits';
import {
  cacheLocation,
  effectiveSpecs,
  hasExpression,
  normalizeImageRef,
} from '../support/cacheSpecs';

const EXPORT_TYPES = new Set([
  'gha',
  'registry',
  'local',
  's3',
  'azblob',
  'inline',
]);

function describe(spec: CacheSpecModel): string {
  const where =
    spec.params.ref ?? spec.params.scope ?? spec.params.dest ?? spec.params.src;
  return `type=${spec.type}${where ? ` (${where})` : ''}`;
}

/** Everything in the repository that reads or writes caches, to tell whether a cache has the other side. */
interface CacheIndex {
  readers: Set<string>;
  writers: Set<string>;
  /** Image references pushed by some build (a cache-from may read an image's inline cache). */
  pushedImages: Set<string>;
  /** Some build's cache settings cannot be read (unresolved bake invocation, unknown spec). */
  unknownWriters: Set<string>;
  unknownReaders: Set<string>;
}

const SHELL_TOOLS = new Set([
  'docker-build',
  'buildx-build',
  'buildctl',
  'kaniko',
  'buildah',
  'circleci-dlc',
]);

/** A shell build whose options may come from a variable the analyzer cannot read (e.g. `$EXTRA_ARGS`). */
function optionsUnknown(b: ImageBuild): boolean {
  return (
    SHELL_TOOLS.has(b.tool) &&
    b.cacheSettingsExternal &&
    ![...b.cacheFrom, ...b.cacheTo].some(s => s.type === 'unknown')
  );
}

function indexCaches(builds: readonly ImageBuild[]): CacheIndex {
  const index: CacheIndex = {
    readers: new Set(),
    writers: new Set(),
    pushedImages: new Set(),
    unknownWriters: new Set(),
    unknownReaders: new Set(),
  };
  for (const b of builds) {
    for (const t of b.tags)
      if (!hasExpression(t)) index.pushedImages.add(normalizeImageRef(t));
    if ((b.bake && b.bake.resolved === null) || optionsUnknown(b)) {
      index.unknownWriters.add('*');
      index.unknownReaders.add('*');
    }
    for (const [side, set, unknown] of [
      ['from', index.readers, index.unknownReaders],
      ['to', index.writers, index.unknownWriters],
    ] as const) {
      for (const s of side === 'from' ? b.cacheFrom : b.cacheTo) {
        const loc = cacheLocation(s, side);
        if (s.type === 'unknown') unknown.add('*');
        else if (s.unresolved || loc === null) unknown.add(s.type);
        else {
          set.add(loc);
          // the documented rotation: write D-new, then move it over D
          const rotated = /^(local:.+)[-_.]new$/.exec(loc);
          if (side === 'to' && rotated) set.add(rotated[1]);
        }
      }
    }
  }
  return index;
}

function isReadOnlyElsewhere(
  spec: CacheSpecModel,
  build: ImageBuild,
  index: CacheIndex,
): boolean {
  if (spec.type === 'inline') {
    return build.tags.some(
      t =>
        hasExpression(t) ||
        index.readers.has(`registry:${normalizeImageRef(t)}`),
    );
  }
  const loc = cacheLocation(spec, 'to');
  if (loc === null) return true;
  return (
    index.readers.has(loc) ||
    index.unknownReaders.has(spec.type) ||
    index.unknownReaders.has('*')
  );
}

function hasWriter(spec: CacheSpecModel, index: CacheIndex): boolean {
  const loc = cacheLocation(spec, 'from');
  if (loc === null) return true;
  if (
    index.writers.has(loc) ||
    index.unknownWriters.has(spec.type) ||
    index.unknownWriters.has('*')
  )
    return true;
  // a registry cache-from may read the inline cache of an image some build pushes
  return (
    spec.type === 'registry' &&
    index.pushedImages.has(loc.slice('registry:'.length))
  );
}

function check(context: RuleContext): RuleFinding[] {
  const findings: RuleFinding[] = [];
  const index = indexCaches(context.imageBuilds);
  const setOverridden = new Set(
    context.imageBuilds
      .filter(
        b => b.bake?.resolved && b.cacheFrom.length + b.cacheTo.length > 0,
      )
      .flatMap(b => b.bake?.resolved ?? []),
  );
  for (const build of context.imageBuilds) {
    if (setOverridden.has(build)) continue;
    const from = effectiveSpecs(build, 'cacheFrom');
    const to = effectiveSpecs(build, 'cacheTo');
    if ([...from, ...to].some(s => s.spec.type === 'unknown')) continue;
    if (build.bake && build.bake.resolved === null) continue;
    if (optionsUnknown(build)) continue;
    const ownFrom = build.cacheFrom;
    const ownTo = build.cacheTo;
    // Specs of bake targets are checked on the targets themselves.
    if (from.length === 0) {
      for (const spec of ownTo) {
        if (
          !EXPORT_TYPES.has(spec.type) ||
          isReadOnlyElsewhere(spec, build, index)
        )
          continue;
        const read = readSideOf(spec, build.tags);
        const edit = read
          ? addCacheOption(
              context.files.get(build.path),
              build,
              spec,
              'cache-from',
              read,
            )
          : null;
        findings.push(
          context.reportBuild(
            build,
            `cache-to ${describe(
              spec,
            )} is written but nothing reads it: no cache-from of this build or any other build in the repository imports it`,
            {
              range: spec.range ?? undefined,
              fix: context.createFix(
                build.path,
                read
                  ? `Read the cache back with cache-from ${read}`
                  : 'Add a matching cache-from',
                edit ? [edit] : [],
              ),
            },
          ),
        );
      }
    }
    if (to.length === 0) {
      for (const spec of ownFrom) {
        if (spec.type === 'inline' || spec.unresolved || hasWriter(spec, index))
          continue;
        const write = writeSideOf(spec);
        const edit = write
          ? addCacheOption(
              context.files.get(build.path),
              build,
              spec,
              'cache-to',
              write,
            )
          : null;
        findings.push(
          context.reportBuild(
            build,
            `cache-from ${describe(
              spec,
            )} is read but no build in the repository writes it (no matching cache-to): the cache is never refreshed`,
            {
              range: spec.range ?? undefined,
              fix: context.createFix(
                build.path,
                write
                  ? `Refresh the cache with cache-to ${write}`
                  : 'Add a matching cache-to',
                edit ? [edit] : [],
              ),
            },
          ),
        );
      }
    }
  }
  return findings;
}

/** BC2002: an exported cache with only one side (written never read, or read never written). */
export const cacheExportOneSidedRule: Rule = {
  meta: {
    id: 'BC2002',
    target: 'build-config',
    name: 'cache-export-one-sided',
    severity: 'warning',
    summary:
      '`cache-to` without any `cache-from` reading it (written, never read), or `cache-from` of a cache that no build in the repository writes (read, never refreshed).',
    rationale:
      'An exported cache only helps when a later build imports it, and an imported cache only stays useful while some build keeps exporting it. A one-sided setup pays for the export (or the lookup) and gets no cache hits. A read-only pull-request job is fine as long as another job (e.g. on push) writes the same cache.',
    recommendedFix:
      'Add the missing side: `cache-from` with the same type and location as the `cache-to` (e.g. `type=gha,scope=api` for `type=gha,scope=api,mode=max`), or a `cache-to` (with `mode=max`) in the build that should refresh the cache.',
    sources: [
      'https://docs.docker.com/build/cache/backends/',
      'https://docs.docker.com/build/ci/github-actions/cache/',
    ],
    docsPath: 'rules/BC2002.md',
    fixable: true,
  },
  check,
};
