import type { DockerfileModel } from '../../dockerfile/model';
import { stagesInBuildGraph } from '../../dockerfile/stageGraph';

const MAX_ALTERNATIVES = 64;
/** A reference that names an image rather than a stage. */
const EXTERNAL = -1;

function targetIndex(df: DockerfileModel, target: string | undefined): number {
  if (target === undefined) return df.stages.length - 1;
  const t = target.toLowerCase();
  const i = df.stages.findIndex(
    s => s.name !== null && s.name.toLowerCase() === t,
  );
  if (i < 0 && /^\d+$/.test(t) && Number(t) < df.stages.length)
    return Number(t);
  return i;
}

/** Earlier stages whose names a reference with variables (`binaries-$TARGETOS`) may name. */
function candidates(
  df: DockerfileModel,
  reference: string,
  before: number,
): number[] {
  if (!/\$/.test(reference)) return [];
  const pattern = reference
    .split(/\$\{[^}]*\}|\$[A-Za-z_][A-Za-z0-9_]*/)
    .map(part => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('[A-Za-z0-9_.-]*');
  const re = new RegExp(`^${pattern}$`, 'i');
  const stages = df.stages
    .filter(s => s.index < before && s.name !== null && re.test(s.name))
    .map(s => s.index);
  // `FROM $BASE` or `FROM ${REGISTRY}/img:${TAG}` may just as well name an image
  const literal = reference.replace(
    /\$\{[^}]*\}|\$[A-Za-z_][A-Za-z0-9_]*/g,
    '',
  );
  if (stages.length > 0 && (literal.length < 2 || /[/:@]/.test(literal)))
    stages.push(EXTERNAL);
  return stages;
}

/**
 * Every build graph a target may have: like {@link stagesInBuildGraph}, but
 * a stage reference with a variable (`FROM binaries-$TARGETOS`) branches
 * into each earlier stage it can name. Null when the target does not exist
 * or there are too many alternatives to tell.
 */
export function possibleBuildGraphs(
  df: DockerfileModel,
  target: string | undefined,
): Set<number>[] | null {
  const start = targetIndex(df, target);
  if (df.stages.length === 0 || start < 0) return null;
  let done: Set<number>[] = [];
  let pending: { seen: Set<number>; queue: number[] }[] = [
    { seen: new Set(), queue: [start] },
  ];
  while (pending.length > 0) {
    const next: typeof pending = [];
    for (const alt of pending) {
      let branched = false;
      while (alt.queue.length > 0 && !branched) {
        const i = alt.queue.pop() as number;
        if (alt.seen.has(i)) continue;
        alt.seen.add(i);
        const groups: number[][] = [];
        for (const dep of df.stages[i].dependencies) {
          if (dep.stage !== null) {
            if (!alt.seen.has(dep.stage)) alt.queue.push(dep.stage);
            continue;
          }
          const options = candidates(df, dep.reference, i);
          if (options.length > 0) groups.push(options);
        }
        if (groups.length === 0) continue;
        let combos: number[][] = [[]];
        for (const g of groups) {
          combos = combos.flatMap(c => g.map(o => [...c, o]));
          if (combos.length > MAX_ALTERNATIVES) return null;
        }
        branched = true;
        for (const c of combos)
          next.push({
            seen: new Set(alt.seen),
            queue: [...alt.queue, ...c.filter(x => x !== EXTERNAL)],
          });
      }
      if (!branched) done.push(alt.seen);
    }
    if (done.length + next.length > MAX_ALTERNATIVES) return null;
    pending = next;
  }
  done = done.filter(
    (g, i) =>
      done.findIndex(o => o.size === g.size && [...g].every(x => o.has(x))) ===
      i,
  );
  return done.length > 0
    ? done
    : [stagesInBuildGraph(df, target) ?? new Set([start])];
}

/** The smallest number of stages the target's build graph can have (null: unknown target). */
export function minBuildGraphSize(
  df: DockerfileModel,
  target: string | undefined,
): number | null {
  const graphs = possibleBuildGraphs(df, target);
  if (graphs) return Math.min(...graphs.map(g => g.size));
  return stagesInBuildGraph(df, target)?.size ?? null;
}

/** True when every possible build graph of the target has a stage satisfying `test`. */
export function everyGraphHas(
  df: DockerfileModel,
  target: string | undefined,
  test: (stage: number) => boolean,
): boolean {
  const graphs = possibleBuildGraphs(df, target);
  if (graphs) return graphs.every(g => [...g].some(test));
  const lower = stagesInBuildGraph(df, target);
  return !!lower && [...lower].some(test);
}

/** Stages in at least one possible build graph of the target (null: unknown target). */
export function stagesInAnyGraph(
  df: DockerfileModel,
  target: string | undefined,
): Set<number> | null {
  const graphs = possibleBuildGraphs(df, target);
  if (!graphs) return stagesInBuildGraph(df, target);
  return new Set(graphs.flatMap(g => [...g]));
}
