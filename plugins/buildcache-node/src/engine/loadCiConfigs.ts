import type {
  AnalyzedFile,
  FileKind,
} from '@buildcache/plugin-buildcache-common';
import { bakeTargetBuilds, templateTargets } from '../ci/bake';
import {
  readBakeHcl,
  readBakeJson,
  type BakeDefinition,
} from '../ci/bakeDefinition';
import { readCircleci } from '../ci/circleci';
import { readCompose } from '../ci/compose';
import { readGithubWorkflow } from '../ci/githubActions';
import { readGitlabPipeline } from '../ci/gitlabCi';
import { resolveIncludes, type RepoLookup } from '../ci/gitlabPipeline';
import { HclSyntaxError } from '../ci/hcl';
import { readJenkinsfile } from '../ci/jenkinsfile';
import type { CiConfigModel, UnresolvedReference } from '../ci/model';
import { parseYaml, type YamlSource } from '../ci/yamlDocument';
import type { TextFile } from '../model/text';
import { linkBakeInvocations, type BakeFileIndex } from './linkBake';
import type { ParseCache } from './parseCache';
import type { AnalysisProblem } from './ruleTypes';

/** A CI/build config waiting to be parsed, with its report entry. */
export interface PendingConfig {
  file: TextFile;
  kind: FileKind;
  entry: AnalyzedFile;
}

interface Output {
  files: ReadonlyMap<string, TextFile>;
  dockerfilePaths: ReadonlySet<string>;
  problems: AnalysisProblem[];
  analyzed: AnalyzedFile[];
  ciConfigs: CiConfigModel[];
  /** YAML documents of an earlier analysis of the same repository. */
  parses: ParseCache;
}

/** Parses every CI/build config (after all files are decoded, so includes and bake files resolve). */
export function loadCiConfigs(
  pending: readonly PendingConfig[],
  out: Output,
): void {
  const yamlResults = new Map<string, ReturnType<typeof parseYaml>>();
  const reported = new Set<string>();
  const entries = new Map(pending.map(p => [p.file.path, p.entry]));
  const report = (path: string, result: ReturnType<typeof parseYaml>) => {
    if (result.ok || reported.has(path)) return;
    reported.add(path);
    if (result.skip)
      out.problems.push({
        kind: 'skipped',
        path,
        reason: result.skip,
        message: `${path} was skipped: it ${result.detail}`,
      });
    else
      out.problems.push({
        kind: 'parse-error',
        path,
        line: result.line,
        column: result.column,
        message: `${path} could not be parsed: ${result.message} (line ${result.line})`,
      });
  };
  const yamlOf = (path: string): YamlSource | null => {
    const file = out.files.get(path);
    if (!file) return null;
    let result = yamlResults.get(path);
    if (!result) {
      result = out.parses.parsed(file, 'yaml', parseYaml);
      yamlResults.set(path, result);
    }
    if (!result.ok) return null;
    return result.yaml.doc.contents === null ? null : result.yaml;
  };
  /** Parsed YAML of a pending file, or null after recording why not. */
  const parsedPending = (p: PendingConfig): YamlSource | null => {
    const y = yamlOf(p.file.path);
    const result = yamlResults.get(p.file.path);
    if (result && !result.ok) report(p.file.path, result);
    else if (!y && !reported.has(p.file.path)) {
      reported.add(p.file.path);
      out.problems.push({
        kind: 'skipped',
        path: p.file.path,
        reason: 'empty',
        message: `${p.file.path} was skipped: it has no content`,
      });
    }
    return y;
  };
  const configs = new Map<string, CiConfigModel>();
  const configOf = (path: string, kind: FileKind): CiConfigModel => {
    let c = configs.get(path);
    if (!c) {
      const file = out.files.get(path) as TextFile;
      c = {
        path,
        kind,
        file,
        builds: [],
        usesSetupBuildx: false,
        facts: { imageBuilds: [], usesSetupBuildx: false },
      };
      configs.set(path, c);
    }
    return c;
  };
  const bakeIndex: BakeFileIndex = new Map();
  const exists = (p: string) => out.dockerfilePaths.has(p) || out.files.has(p);

  for (const p of pending) {
    const path = p.file.path;
    if (p.kind === 'github-actions' || p.kind === 'circleci') {
      const y = parsedPending(p);
      if (!y) continue;
      const r =
        p.kind === 'github-actions'
          ? readGithubWorkflow(y, path)
          : readCircleci(y, path);
      Object.assign(configOf(path, p.kind), {
        builds: r.builds,
        usesSetupBuildx: r.usesSetupBuildx,
      });
    } else if (p.kind === 'jenkinsfile') {
      const r = readJenkinsfile(p.file);
      Object.assign(configOf(path, p.kind), {
        builds: r.builds,
        usesSetupBuildx: r.usesSetupBuildx,
      });
    } else if (p.kind === 'compose') {
      const y = parsedPending(p);
      if (!y) continue;
      const targets = readCompose(y, path);
      bakeIndex.set(path, { targets, groups: new Map() });
      configOf(path, p.kind).builds = [...targets.values()];
    } else if (p.kind === 'bake') {
      let def: BakeDefinition;
      if (/\.json$/i.test(path)) {
        const y = parsedPending(p);
        if (!y) continue;
        def = readBakeJson(y);
      } else {
        try {
          def = readBakeHcl(p.file);
        } catch (e) {
          if (!(e instanceof HclSyntaxError)) throw e;
          const pos = p.file.positionAt(e.offset);
          out.problems.push({
            kind: 'parse-error',
            path,
            line: pos.line,
            column: pos.column,
            message: `${path} could not be parsed: ${e.message} (line ${pos.line})`,
          });
          continue;
        }
      }
      const targets = bakeTargetBuilds(path, def, exists);
      bakeIndex.set(path, { targets, groups: def.groups });
      const templates = templateTargets(def);
      configOf(path, p.kind).builds = [...targets.values()].filter(
        b => !templates.has(b.bakeTarget ?? ''),
      );
    }
  }
  const includeYaml = (path: string): YamlSource | null => {
    const y = yamlOf(path);
    const result = yamlResults.get(path);
    if (result && !result.ok && !reported.has(path)) {
      report(path, result);
      if (!entries.has(path))
        out.analyzed.push({ path, kind: 'gitlab-ci', facts: {} });
    }
    return y;
  };
  loadGitlab(pending, out, configOf, includeYaml, parsedPending);
  linkBakeInvocations([...configs.values()], bakeIndex, out.files, configOf);
  for (const c of configs.values()) {
    c.facts = { imageBuilds: [], usesSetupBuildx: c.usesSetupBuildx };
    out.ciConfigs.push(c);
    const entry = entries.get(c.path);
    if (entry) entry.facts = c.facts;
    else out.analyzed.push({ path: c.path, kind: c.kind, facts: c.facts });
  }
}

function loadGitlab(
  pending: readonly PendingConfig[],
  out: Output,
  configOf: (path: string, kind: FileKind) => CiConfigModel,
  yamlOf: (path: string) => YamlSource | null,
  parsedPending: (p: PendingConfig) => YamlSource | null,
): void {
  const gitlab = pending.filter(
    p => p.kind === 'gitlab-ci' && parsedPending(p) !== null,
  );
  const allPaths = [...out.files.keys()];
  const lookup: RepoLookup = { yaml: yamlOf, paths: () => allPaths };
  const includedBy = new Map<string, string>();
  for (const p of gitlab) {
    for (const s of resolveIncludes(p.file.path, lookup).sources)
      if (s.path !== p.file.path) includedBy.set(s.path, p.file.path);
  }
  let roots = gitlab.filter(p => !includedBy.has(p.file.path));
  if (roots.length === 0) roots = gitlab.slice(0, 1);
  const seenBuild = new Set<string>();
  for (const root of roots) {
    const r = readGitlabPipeline(root.file.path, lookup);
    for (const [path, buildx] of r.files) {
      const c = configOf(path, 'gitlab-ci');
      c.usesSetupBuildx = c.usesSetupBuildx || buildx;
    }
    for (const b of r.builds) {
      const key = `${b.path}:${b.job}:${b.range.line}:${b.range.column}`;
      if (seenBuild.has(key)) continue;
      seenBuild.add(key);
      configOf(b.path, 'gitlab-ci').builds.push(b);
    }
    addUnresolved(configOf(root.file.path, 'gitlab-ci'), r.unresolved);
  }
}

function addUnresolved(
  config: CiConfigModel,
  refs: UnresolvedReference[],
): void {
  const list = config.unresolvedReferences ?? [];
  for (const r of refs)
    if (
      !list.some(
        x => x.path === r.path && x.line === r.line && x.column === r.column,
      )
    )
      list.push(r);
  config.unresolvedReferences = list;
}
