import { linkBuilds, loadRepository } from '../../engine/loadRepository';
import type { CiConfigModel, ImageBuild } from '../model';

/** Parses an in-memory repository (path → text) for parser tests. */
export function loadConfigs(files: Record<string, string>): {
  configs: CiConfigModel[];
  builds: ImageBuild[];
  problems: ReturnType<typeof loadRepository>['problems'];
  analyzed: ReturnType<typeof loadRepository>['analyzed'];
} {
  const repo = loadRepository(
    Object.entries(files).map(([path, text]) => ({
      path,
      content: Buffer.from(text, 'utf8'),
    })),
    1024 * 1024,
    [],
  );
  linkBuilds(repo);
  return {
    configs: repo.ciConfigs,
    builds: repo.ciConfigs.flatMap(c => c.builds),
    problems: repo.problems,
    analyzed: repo.analyzed,
  };
}

/** The compact shape most parser tests compare. */
export function summary(b: ImageBuild) {
  return {
    path: b.path,
    line: b.range.line,
    column: b.range.column,
    tool: b.tool,
    dockerfile: b.dockerfile,
    ephemeral: b.ephemeral,
    job: b.job,
    from: b.cacheFrom.map(s => s.raw),
    to: b.cacheTo.map(s => s.raw),
  };
}
