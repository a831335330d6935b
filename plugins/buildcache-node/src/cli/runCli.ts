import { promises as fs } from 'node:fs';
import * as nodePath from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Report, Severity } from '@buildcache/plugin-buildcache-common';
import { analyzeFiles } from '../engine/analyzeFiles';
import { readRepositoryFiles } from '../input/readRepositoryFiles';
import { defaultDocsBaseUrl } from '../docs/docsBaseUrl';
import { defaultRules } from '../rules';
import { formatSarif } from '../sarif/formatSarif';
import { ANALYZER_VERSION } from '../version';
import {
  changedLinesSince,
  DiffBaseError,
  touchesChange,
} from './changedLines';
import { formatTable } from './formatTable';
import { runFix } from './runFix';
import { isAbsoluteUrl, parseCliConfig, type CliConfig } from './loadConfig';
import {
  parseCliArgs,
  USAGE,
  UsageError,
  type FailOn,
  type ScanArgs,
} from './parseArgs';

/** Where the CLI writes; injectable for tests. @public */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
}

function envDocsBaseUrl(): string | undefined {
  const v = process.env.BUILDCACHE_DOCS_BASE_URL;
  return v && isAbsoluteUrl(v) ? v : undefined;
}

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** True when some unsuppressed finding is at or above `failOn`. */
export function failsOn(report: Report, failOn: FailOn): boolean {
  if (failOn === 'never') return false;
  return report.findings.some(
    f => !f.suppressed && RANK[f.severity] <= RANK[failOn],
  );
}

function render(
  report: Report,
  format: ScanArgs['format'],
  sarif: { docsBaseUrl: string; rootUri: string },
): string {
  if (format === 'json') return `${JSON.stringify(report, null, 2)}\n`;
  if (format === 'sarif') {
    const log = formatSarif(report, {
      rules: defaultRules.map(r => r.meta),
      ...sarif,
    });
    return `${JSON.stringify(log, null, 2)}\n`;
  }
  return formatTable(report);
}

async function loadConfig(
  path: string | null,
  cwd: string,
): Promise<CliConfig> {
  if (path === null) return {};
  let text: string;
  try {
    text = await fs.readFile(nodePath.resolve(cwd, path), 'utf8');
  } catch {
    throw new UsageError(`cannot read config file ${path}`);
  }
  return parseCliConfig(text, new Set(defaultRules.map(r => r.meta.id)));
}

/**
 * Runs `buildcache <argv…>` and returns the exit code (0 ok, 1 findings at
 * or above --fail-on, 2 usage error). Only the report goes to stdout.
 * @public
 */
export async function runCli(
  argv: readonly string[],
  io: CliIo,
): Promise<number> {
  let args;
  try {
    args = parseCliArgs(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`buildcache: ${e.message}\n\n${USAGE}\n`);
      return 2;
    }
    throw e;
  }
  if (args.command === 'help') {
    io.stdout(`${USAGE}\n`);
    return 0;
  }
  if (args.command === 'version') {
    io.stdout(`${ANALYZER_VERSION}\n`);
    return 0;
  }
  let config: CliConfig;
  try {
    config = await loadConfig(args.config, io.cwd);
  } catch (e) {
    io.stderr(`buildcache: ${e instanceof Error ? e.message : String(e)}\n`);
    return 2;
  }
  const dir = nodePath.resolve(io.cwd, args.dir);
  const stat = await fs.stat(dir).catch(() => null);
  if (!stat?.isDirectory()) {
    io.stderr(`buildcache: ${args.dir} is not a directory\n`);
    return 2;
  }
  io.stderr(`buildcache ${ANALYZER_VERSION}: scanning ${args.dir}\n`);
  const tree = await readRepositoryFiles(dir, {
    maxFileBytes: config.maxFileBytes,
  });
  io.stderr(`buildcache: read ${tree.files.length} candidate files\n`);
  if (args.command === 'fix') {
    const known = new Set(defaultRules.map(r => r.meta.id));
    const unknown = args.rules.filter(id => !known.has(id));
    if (unknown.length > 0) {
      io.stderr(`buildcache: unknown rule ${unknown.join(', ')} (--rule)\n`);
      return 2;
    }
    return runFix(args, config, dir, tree, io);
  }
  const report = analyzeFiles(tree.files, {
    root: args.dir,
    ruleConfig: config.rules,
    weights: config.weights,
    maxFileBytes: config.maxFileBytes,
    presentDirectories: tree.presentDirectories,
    skippedFiles: tree.skippedFiles,
    onNotice: message => io.stderr(`buildcache: ${message}\n`),
  });
  let shown = report;
  if (args.diffBase !== null) {
    let changed;
    try {
      changed = await changedLinesSince(dir, args.diffBase);
    } catch (e) {
      if (!(e instanceof DiffBaseError)) throw e;
      io.stderr(`buildcache: --diff-base ${args.diffBase}: ${e.message}\n`);
      return 2;
    }
    shown = {
      ...report,
      findings: report.findings.filter(f => touchesChange(changed, f)),
    };
    io.stderr(
      `buildcache: ${shown.findings.length} of ${report.findings.length} findings are on lines changed since ${args.diffBase}\n`,
    );
  }
  const text = render(shown, args.format, {
    docsBaseUrl:
      config.docsBaseUrl ?? envDocsBaseUrl() ?? defaultDocsBaseUrl(io.cwd),
    rootUri: pathToFileURL(`${dir}/`).href,
  });
  if (args.output) {
    await fs.writeFile(nodePath.resolve(io.cwd, args.output), text, 'utf8');
    io.stderr(`buildcache: wrote ${args.format} report to ${args.output}\n`);
  } else io.stdout(text);
  io.stderr(
    `buildcache: score ${report.score.value} (${report.score.level}), ${
      shown.findings.filter(f => !f.suppressed).length
    } findings\n`,
  );
  return failsOn(shown, args.failOn) ? 1 : 0;
}
