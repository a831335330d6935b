import type {
  Finding,
  Report,
  Severity,
} from '@buildcache/plugin-buildcache-common';
import type { Fix, Log, ReportingDescriptor, Result } from 'sarif';
import type { RuleMeta } from '../engine/ruleTypes';
import { diffToReplacements } from './diffToReplacements';

/** The SARIF tag of each rule target. */
const SARIF_TAG: Record<RuleMeta['target'], string> = {
  dockerfile: 'dockerfile',
  'build-config': 'ci',
  analysis: 'analysis',
};

/** Options of {@link formatSarif}. @public */
export interface SarifOptions {
  /** Every rule that may appear in the report (listed in `tool.driver.rules`). */
  rules: readonly RuleMeta[];
  /** Absolute URL of the docs folder; `helpUri` is `<docsBaseUrl>rules/<ID>.md`. */
  docsBaseUrl: string;
  /** Absolute `file://` URI of the scanned directory (with a trailing slash), recorded as `%SRCROOT%`. */
  rootUri?: string;
}

export const SARIF_SCHEMA =
  'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

const LEVEL: Record<Severity, Result.level> = {
  error: 'error',
  warning: 'warning',
  info: 'note',
};

const SRCROOT = 'SRCROOT';

function helpUri(meta: RuleMeta, base: string): string {
  const page = meta.docsPath ?? `rules/${meta.id}.md`;
  return new URL(page, base.endsWith('/') ? base : `${base}/`).href;
}

function descriptor(meta: RuleMeta, base: string): ReportingDescriptor {
  return {
    id: meta.id,
    name: meta.name,
    shortDescription: { text: meta.summary },
    fullDescription: { text: meta.rationale },
    help: { text: meta.recommendedFix, markdown: meta.recommendedFix },
    helpUri: helpUri(meta, base),
    defaultConfiguration: { level: LEVEL[meta.severity] },
    properties: { tags: [SARIF_TAG[meta.target]] },
  };
}

function artifact(path: string) {
  return { uri: encodeURI(path), uriBaseId: SRCROOT };
}

function fixesOf(finding: Finding): Fix[] | undefined {
  const diff = finding.fix?.diff;
  if (!finding.fix || !diff) return undefined;
  const replacements = diffToReplacements(diff);
  if (replacements.length === 0) return undefined;
  return [
    {
      description: { text: finding.fix.description },
      artifactChanges: [
        { artifactLocation: artifact(finding.path), replacements },
      ],
    },
  ];
}

function result(finding: Finding, ruleIndex: number): Result {
  const r: Result = {
    ruleId: finding.ruleId,
    level: LEVEL[finding.severity],
    message: { text: finding.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: artifact(finding.path),
          region: {
            startLine: Math.max(1, finding.line),
            startColumn: Math.max(1, finding.column),
            endLine: Math.max(finding.line, finding.endLine),
            endColumn: Math.max(1, finding.endColumn),
          },
        },
      },
    ],
  };
  if (ruleIndex >= 0) r.ruleIndex = ruleIndex;
  if (finding.suppressed) {
    r.suppressions = [
      { kind: 'inSource', justification: finding.suppressionReason ?? '' },
    ];
  }
  const fixes = fixesOf(finding);
  if (fixes) r.fixes = fixes;
  return r;
}

/**
 * Renders a report as SARIF 2.1.0: one run, every rule in
 * `tool.driver.rules`, one result per finding with its region, in-source
 * suppressions for ignored findings and `fixes` built from the diffs.
 * @public
 */
export function formatSarif(report: Report, options: SarifOptions): Log {
  const rules = [...new Map(options.rules.map(m => [m.id, m])).values()].sort(
    (a, b) => a.id.localeCompare(b.id),
  );
  const index = new Map(rules.map((m, i) => [m.id, i]));
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: report.tool.name,
            version: report.tool.version,
            semanticVersion: report.tool.version,
            informationUri: new URL(
              'rules/README.md',
              options.docsBaseUrl.endsWith('/')
                ? options.docsBaseUrl
                : `${options.docsBaseUrl}/`,
            ).href,
            rules: rules.map(m => descriptor(m, options.docsBaseUrl)),
          },
        },
        ...(options.rootUri
          ? { originalUriBaseIds: { [SRCROOT]: { uri: options.rootUri } } }
          : {}),
        columnKind: 'utf16CodeUnits',
        results: report.findings.map(f => result(f, index.get(f.ruleId) ?? -1)),
      },
    ],
  };
}
