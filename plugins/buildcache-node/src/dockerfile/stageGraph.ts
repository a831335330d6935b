import type { DockerfileModel } from './model';

/**
 * Stages needed to build `target` (a stage name; undefined = the last stage),
 * following FROM <stage>, COPY --from and RUN --mount from. Returns null when
 * the target does not exist. Unresolvable references are not followed, so the
 * result is a lower bound.
 * @public
 */
export function stagesInBuildGraph(
  model: DockerfileModel,
  target?: string,
): Set<number> | null {
  if (model.stages.length === 0) return null;
  let start = model.stages.length - 1;
  if (target !== undefined) {
    const t = target.toLowerCase();
    start = model.stages.findIndex(
      s => s.name !== null && s.name.toLowerCase() === t,
    );
    if (start < 0 && /^\d+$/.test(t) && Number(t) < model.stages.length)
      start = Number(t);
    if (start < 0) return null;
  }
  const seen = new Set<number>();
  const queue = [start];
  while (queue.length > 0) {
    const i = queue.pop() as number;
    if (seen.has(i)) continue;
    seen.add(i);
    for (const dep of model.stages[i].dependencies) {
      if (dep.stage !== null && !seen.has(dep.stage)) queue.push(dep.stage);
    }
  }
  return seen;
}
