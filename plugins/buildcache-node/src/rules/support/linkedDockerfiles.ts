import type { ImageBuild } from '../../ci/model';
import type { DockerfileModel } from '../../dockerfile/model';

/** A Dockerfile a build uses, with the stage it builds (undefined: the last; null: unknown). */
export interface LinkedDockerfile {
  df: DockerfileModel;
  target: string | null | undefined;
}

/**
 * The Dockerfiles a build uses: those of the bake targets it runs, of each
 * combination of its static matrix, or its own. Unlinked ones are left out,
 * so a rule that fires when *some* of them qualifies stays precise.
 */
export function linkedDockerfiles(build: ImageBuild): LinkedDockerfile[] {
  const out: LinkedDockerfile[] = [];
  const add = (
    df: DockerfileModel | null,
    target: string | null | undefined,
  ) => {
    if (df && !out.some(o => o.df === df && o.target === target))
      out.push({ df, target });
  };
  if (build.bake)
    for (const t of build.bake.resolved ?? [])
      add(t.linkedDockerfile, t.target);
  else if (build.matrixVariants)
    for (const v of build.matrixVariants) add(v.linkedDockerfile, v.target);
  else add(build.linkedDockerfile, build.target);
  return out;
}
