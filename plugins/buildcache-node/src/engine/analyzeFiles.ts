import type {
  Finding,
  Report,
  Severity,
} from '@buildcache/plugin-buildcache-common';
import { DEFAULT_MAX_FILE_BYTES, type SkippedFile } from '../input/decodeFile';
import type { RepoFile } from '../input/repoFile';
import { coreRules, defaultRules } from '../rules';
import { ANALYZER_VERSION } from '../version';
import { linkBuilds, loadRepository } from './loadRepository';
import { createParseCache, type ParseCache } from './parseCache';
import {
  findSuppressingPragma,
  readPragmas,
  type IgnorePragma,
} from './pragmas';
import { createRuleContext } from './ruleContext';
import type { Rule, RuleFinding } from './ruleTypes';
import { computeScore } from './scoring';
import { type Analysis, verifyFixes } from './verifyFixes';

/** Per-rule configuration (from app-config or the CLI's --config). @public */
export type RuleConfig = Record<
  string,
  { enabled?: boolean; severity?: Severity }
>;

/** Options of {@link analyzeFiles}. @public */
export interface AnalyzeOptions {
  /** Shown as `root` in the report. */
  root?: string;
  /** Rules to run; defaults to {@link defaultRules}. The BC9xxx analysis-problem rules are always added. */
  rules?: Rule[];
  ruleConfig?: RuleConfig;
  weights?: Partial<Record<Severity, number>>;
  /** Files larger than this are skipped (BC9002). Default 1 MiB. */
  maxFileBytes?: number;
  /** "Today" for pragma `until:` dates. */
  now?: Date;
  /** Top-level directory names that exist in the repository (for BC1013), e.g. `.git`. */
  presentDirectories?: string[];
  /** Files found but not read (e.g. symlinks leaving the root), reported as BC9002. */
  skippedFiles?: SkippedFile[];
  /**
   * Receives notes that are not findings, e.g. a GitLab `include:` that
   * could not be resolved in the repository (its jobs are not analyzed).
   */
  onNotice?: (message: string) => void;
  /**
   * Check every fix by applying it and analyzing again (see fixClosure.ts):
   * a fix is kept only when it removes its finding and adds none, with the
   * companion fixes it needs. Default true.
   */
  verifyFixes?: boolean;
}

const SEVERITY_ORDER: Record<Severity, number> = {
  error: 0,
  warning: 1,
  info: 2,
};

function uniqueRules(rules: readonly Rule[]): Rule[] {
  const byId = new Map<string, Rule>();
  for (const r of rules)
    if (r?.meta?.id && !byId.has(r.meta.id)) byId.set(r.meta.id, r);
  for (const r of coreRules) if (!byId.has(r.meta.id)) byId.set(r.meta.id, r);
  return [...byId.values()];
}

function validDate(d: Date | undefined): Date {
  return d instanceof Date && !Number.isNaN(d.getTime()) ? d : new Date();
}

/**
 * Analyzes a repository's files. Pure and synchronous; never throws: files
 * that cannot be read or parsed become BC9002/BC9001 findings. Every fix it
 * offers has been applied and checked (unless `verifyFixes` is false).
 * @public
 */
export function analyzeFiles(
  files: RepoFile[],
  options: AnalyzeOptions = {},
): Report {
  const input = Array.isArray(files) ? files : [];
  const parses = createParseCache();
  const first = analyzeOnce(input, options, parses);
  if (options.verifyFixes === false) return first.report;
  return verifyFixes(first, input, replaced =>
    analyzeOnce(replaced, { ...options, onNotice: undefined }, parses),
  );
}

/** One analysis, and the decoded text of every file it read. */
export function analyzeOnce(
  files: readonly RepoFile[],
  options: AnalyzeOptions,
  parses: ParseCache = createParseCache(),
): Analysis {
  const maxFileBytes =
    options.maxFileBytes && options.maxFileBytes > 0
      ? options.maxFileBytes
      : DEFAULT_MAX_FILE_BYTES;
  const today = validDate(options.now).toISOString().slice(0, 10);
  const repo = loadRepository(
    files,
    maxFileBytes,
    options.skippedFiles ?? [],
    parses,
  );
  linkBuilds(repo);
  if (options.onNotice) {
    for (const config of repo.ciConfigs)
      for (const r of config.unresolvedReferences ?? [])
        options.onNotice(
          `${r.path}:${r.line}:${r.column}: unresolved ${r.reference}`,
        );
  }
  const analyzedPaths = new Set(repo.analyzed.map(a => a.path));
  const pragmas: IgnorePragma[] = [];
  for (const [path, file] of repo.files)
    if (analyzedPaths.has(path)) pragmas.push(...readPragmas(file, today));

  const data = {
    files: repo.files,
    dockerfiles: repo.dockerfiles,
    ciConfigs: repo.ciConfigs,
    presentDirectories: options.presentDirectories ?? [],
    problems: repo.problems,
    pragmas,
  };
  const findings: Finding[] = [];
  const config = options.ruleConfig ?? {};
  for (const rule of uniqueRules(options.rules ?? defaultRules)) {
    const id = rule.meta.id;
    if (config[id]?.enabled === false) continue;
    let produced: RuleFinding[];
    try {
      produced = rule.check(createRuleContext(id, data)) ?? [];
    } catch (e) {
      produced = [];
      findings.push(internalError(id, e));
    }
    for (const rf of produced) {
      const severity =
        config[id]?.severity ?? rf.severity ?? rule.meta.severity;
      const lines = [rf.line, rf.anchorLine ?? rf.line];
      const pragma = findSuppressingPragma(
        pragmas.filter(p => p.path === rf.path),
        repo.files.get(rf.path),
        id,
        lines,
      );
      const finding: Finding = {
        ruleId: id,
        severity,
        message: rf.message,
        path: rf.path,
        line: rf.line,
        column: rf.column,
        endLine: rf.endLine,
        endColumn: rf.endColumn,
        suppressed: pragma !== null,
        fix: rf.fix ?? null,
      };
      if (pragma) finding.suppressionReason = pragma.reason ?? '';
      findings.push(finding);
    }
  }
  const deduped = dedupe(findings).sort(compareFindings);
  const hasTargets =
    repo.analyzed.some(a => a.kind === 'dockerfile') ||
    repo.ciConfigs.some(c => c.builds.length > 0);
  const texts = new Map<string, string>();
  for (const [path, file] of repo.files) texts.set(path, file.text);
  return {
    texts,
    report: {
      version: 1,
      tool: { name: 'buildcache', version: ANALYZER_VERSION },
      root: options.root ?? '.',
      files: repo.analyzed,
      findings: deduped,
      score: computeScore(deduped, hasTargets, options.weights),
    },
  };
}

function internalError(ruleId: string, e: unknown): Finding {
  const message = e instanceof Error ? e.message : String(e);
  return {
    ruleId: 'BC9001',
    severity: 'error',
    message: `internal error in rule ${ruleId}: ${message}`,
    path: '.',
    line: 1,
    column: 1,
    endLine: 1,
    endColumn: 1,
    suppressed: false,
    fix: null,
  };
}

function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter(f => {
    const key = [f.ruleId, f.path, f.line, f.column, f.message].join('\u0000');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function compareFindings(a: Finding, b: Finding): number {
  if (a.path !== b.path) return a.path < b.path ? -1 : 1;
  return (
    a.line - b.line ||
    a.column - b.column ||
    SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
    a.ruleId.localeCompare(b.ruleId)
  );
}
