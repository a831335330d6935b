import type { CacheSpecModel, ImageBuild, MatrixValues } from '../../ci/model';
import { substituteMatrix, usesMatrix } from '../../ci/githubMatrix';
import { hasExpression } from '../support/cacheSpecs';

export const DEFAULT_SCOPE = 'buildkit';

/** One export to the GitHub Actions cache: the scope and the image it writes. */
export interface Writer {
  build: ImageBuild;
  spec: CacheSpecModel;
  scope: string;
  /** What the cache holds: Dockerfile, target and platforms. */
  image: string;
  /** The matrix combination the scope and image were evaluated for. */
  combination?: MatrixValues;
}

function imageKey(
  dockerfile: string,
  target: string | undefined,
  platforms: string[],
): string {
  return [dockerfile, target ?? '', [...platforms].sort().join(',')].join(
    '\u0000',
  );
}

/**
 * The writers of a build whose scope, link or platforms come from its job's
 * static matrix: one per combination, each evaluated with that combination's
 * values. Empty (the build abstains) when some combination leaves a value
 * unknown.
 */
function matrixWriters(
  build: ImageBuild,
  spec: CacheSpecModel,
  scopeText: string,
  matrix: readonly MatrixValues[],
): Writer[] {
  const out: Writer[] = [];
  for (const combination of matrix) {
    const scope = substituteMatrix(scopeText, combination);
    const platforms = build.platforms.map(p =>
      substituteMatrix(p, combination),
    );
    if (scope === null || hasExpression(scope)) return [];
    if (platforms.some(p => p === null)) return [];
    let link: Pick<ImageBuild, 'dockerfile' | 'target'> = build;
    if (build.matrixVariants) {
      const variant = build.matrixVariants.find(
        v => v.combination === combination,
      );
      if (!variant) return [];
      link = variant;
    }
    if (link.dockerfile === null || link.target === null) return [];
    const split = (platforms as string[]).flatMap(p =>
      p.split(',').map(s => s.trim()),
    );
    out.push({
      build,
      spec,
      scope,
      image: imageKey(link.dockerfile, link.target, split),
      combination,
    });
  }
  return out;
}

/**
 * Builds that export to the GitHub Actions cache, with the scope and image
 * they write. A `${{ matrix.… }}` scope is evaluated for every combination
 * of the job's static matrix; any other expression makes the build abstain.
 */
export function ghaWriters(builds: readonly ImageBuild[]): Writer[] {
  const out: Writer[] = [];
  for (const build of builds) {
    for (const spec of build.cacheTo) {
      if (spec.type !== 'gha') continue;
      const writers = writersOf(build, spec);
      if (writers.length === 0) continue;
      out.push(...writers);
      break;
    }
  }
  return out;
}

function writersOf(build: ImageBuild, spec: CacheSpecModel): Writer[] {
  const scope = spec.params.scope ?? DEFAULT_SCOPE;
  if (
    build.matrix !== undefined &&
    (usesMatrix(scope) ||
      build.matrixVariants !== undefined ||
      build.platforms.some(usesMatrix))
  )
    return matrixWriters(build, spec, scope, build.matrix);
  if (build.dockerfile === null || build.target === null) return [];
  if (build.platforms.some(hasExpression) || hasExpression(scope)) return [];
  const image = imageKey(build.dockerfile, build.target, build.platforms);
  return [{ build, spec, scope, image }];
}

/** A matrix combination as its values, e.g. `api, linux/amd64`. */
export function matrixText(combination: MatrixValues): string {
  return [...combination.values()].join(', ');
}

/** How a writer is named in a message: its step, and its matrix values when it has them. */
export function describeWriter(w: Writer): string {
  const where = `${w.build.path}:${w.build.range.line}`;
  return w.combination
    ? `${where} (matrix ${matrixText(w.combination)})`
    : where;
}
