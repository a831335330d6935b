import type {
  AnalyzedFile,
  FileKind,
} from '@buildcache/plugin-buildcache-common';
import { toImageBuildFact, type CiConfigModel } from '../ci/model';
import { parseDockerfile } from '../dockerfile/parseDockerfile';
import type { DockerfileModel } from '../dockerfile/model';
import { classifyFile } from '../input/candidates';
import {
  decodeFileContent,
  describeSkip,
  type SkippedFile,
} from '../input/decodeFile';
import type { RepoFile } from '../input/repoFile';
import { normalizeRepoPath, type TextFile } from '../model/text';
import { loadCiConfigs, type PendingConfig } from './loadCiConfigs';
import { createParseCache, type ParseCache } from './parseCache';
import type { AnalysisProblem } from './ruleTypes';

/** Everything parsed from a repository's files. */
export interface LoadedRepository {
  files: Map<string, TextFile>;
  dockerfiles: DockerfileModel[];
  ciConfigs: CiConfigModel[];
  problems: AnalysisProblem[];
  analyzed: AnalyzedFile[];
}

/** Code-unit order, so the report is stable across locales. */
function comparePaths(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/**
 * Decodes and parses every file; bad files become problems, never
 * exceptions. Parses already in `parses` (an earlier analysis of the same
 * repository) are reused.
 */
export function loadRepository(
  input: readonly RepoFile[],
  maxFileBytes: number,
  skipped: readonly SkippedFile[],
  parses: ParseCache = createParseCache(),
): LoadedRepository {
  const repo: LoadedRepository = {
    files: new Map(),
    dockerfiles: [],
    ciConfigs: [],
    problems: [],
    analyzed: [],
  };
  const seen = new Set<string>();
  const pending: PendingConfig[] = [];
  for (const s of skipped) {
    const path = normalizeRepoPath(s.path) ?? s.path;
    const kind = classifyFile(path);
    if (!kind || seen.has(path)) continue;
    seen.add(path);
    repo.analyzed.push({ path, kind, facts: {} });
    repo.problems.push({
      kind: 'skipped',
      path,
      reason: s.reason,
      message: `${path} was skipped: ${
        s.detail ? `it ${s.detail}` : describeSkip(s.reason)
      }`,
    });
  }
  for (const f of input) {
    const path = normalizeRepoPath(String(f?.path ?? ''));
    if (!path || seen.has(path)) continue;
    seen.add(path);
    const kind = classifyFile(path);
    if (f.skippedReason) {
      if (kind) {
        repo.analyzed.push({ path, kind, facts: {} });
        repo.problems.push({
          kind: 'skipped',
          path,
          reason: f.skippedReason,
          message: `${path} was skipped: ${describeSkip(f.skippedReason)}`,
        });
      }
      continue;
    }
    const content = Buffer.isBuffer(f.content)
      ? f.content
      : Buffer.from(String(f.content ?? ''));
    const decoded = decodeFileContent(content, maxFileBytes);
    if (!decoded.ok) {
      if (kind) {
        repo.analyzed.push({ path, kind, facts: {} });
        repo.problems.push({
          kind: 'skipped',
          path,
          reason: decoded.reason,
          message: `${path} was skipped: it ${decoded.detail}`,
        });
      }
      continue;
    }
    const file = parses.textFile(path, decoded.text);
    repo.files.set(path, file);
    if (!kind) continue;
    const entry: AnalyzedFile = { path, kind, facts: {} };
    repo.analyzed.push(entry);
    try {
      parseFile(repo, file, kind, entry, pending, parses);
    } catch (e) {
      repo.problems.push({
        kind: 'parse-error',
        path,
        line: 1,
        column: 1,
        message: `${path} could not be parsed: ${errorMessage(e)}`,
      });
    }
  }
  try {
    loadCiConfigs(pending, {
      files: repo.files,
      dockerfilePaths: new Set(repo.dockerfiles.map(d => d.path)),
      problems: repo.problems,
      analyzed: repo.analyzed,
      ciConfigs: repo.ciConfigs,
      parses,
    });
  } catch (e) {
    for (const p of pending)
      repo.problems.push({
        kind: 'parse-error',
        path: p.file.path,
        line: 1,
        column: 1,
        message: `${p.file.path} could not be parsed: ${errorMessage(e)}`,
      });
  }
  repo.analyzed.sort((a, b) => comparePaths(a.path, b.path));
  return repo;
}

function parseFile(
  repo: LoadedRepository,
  file: TextFile,
  kind: FileKind,
  entry: AnalyzedFile,
  pending: PendingConfig[],
  parses: ParseCache,
): void {
  const path = file.path;
  if (kind !== 'dockerfile') {
    pending.push({ file, kind, entry });
    return;
  }
  const result = parses.parsed(file, 'dockerfile', f =>
    parseDockerfile(f.path, f.text, f),
  );
  if (result.ok) {
    repo.dockerfiles.push(result.model);
    entry.facts = result.model.facts;
  } else if (result.empty) {
    repo.problems.push({
      kind: 'skipped',
      path,
      reason: 'empty',
      message: `${path} was skipped: it has no instructions`,
    });
  } else {
    const p = result.problem;
    repo.problems.push({
      kind: 'parse-error',
      path,
      line: p.line,
      column: p.column,
      message: `${path} could not be parsed: ${p.message} (line ${p.line})`,
    });
  }
}

/** Links builds to Dockerfiles and fills the CI facts. */
export function linkBuilds(repo: LoadedRepository): void {
  const byPath = new Map(repo.dockerfiles.map(d => [d.path, d]));
  for (const config of repo.ciConfigs) {
    for (const build of config.builds) {
      build.linkedDockerfile =
        build.dockerfile !== null ? byPath.get(build.dockerfile) ?? null : null;
      for (const v of build.matrixVariants ?? [])
        v.linkedDockerfile =
          v.dockerfile !== null ? byPath.get(v.dockerfile) ?? null : null;
    }
    config.facts.imageBuilds = config.builds.map(toImageBuildFact);
  }
}
