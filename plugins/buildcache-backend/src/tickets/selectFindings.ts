import { InputError } from '@backstage/errors';
import type {
  Scorecard,
  ScorecardFinding,
  TicketFinding,
  TicketKind,
} from '@buildcache/plugin-buildcache-common';
import { findingFingerprint } from './fingerprint';

/** Findings a request names: a rule, in one file or in every file. */
export interface FindingSelector {
  ruleId: string;
  path?: string;
}

/** What one ticket request is about. */
export interface TicketSelection {
  /** The open findings it covers. */
  findings: ScorecardFinding[];
  /** Its dedup units: (rule, file) for issues, (file) for pull requests. */
  subjects: TicketFinding[];
  /** Files whose combined fix a pull request commits. */
  files: string[];
}

/** Open: neither suppressed by a pragma nor waived. */
export function isOpenFinding(f: ScorecardFinding): boolean {
  return !f.suppressed && !f.waiver;
}

/**
 * The findings of a scorecard a ticket of `kind` covers: those `selectors`
 * name (every open one when there are none). A pull request covers only
 * findings whose file has a combined fix, and commits each such file whole.
 * Throws InputError naming a selector that matches nothing, or saying why
 * nothing can be filed.
 */
export function selectFindings(
  scorecard: Scorecard,
  kind: TicketKind,
  selectors: FindingSelector[] | undefined,
): TicketSelection {
  const open = scorecard.findings.filter(isOpenFinding);
  const fixable = new Set(
    scorecard.files.filter(f => f.combinedFix).map(f => f.path),
  );
  const matches = (s: FindingSelector) => (f: ScorecardFinding) =>
    f.ruleId === s.ruleId && (s.path === undefined || f.path === s.path);
  let findings: ScorecardFinding[];
  if (selectors?.length) {
    const chosen = new Set<ScorecardFinding>();
    for (const selector of selectors) {
      const hits = open.filter(matches(selector));
      const where = `${selector.ruleId}${
        selector.path ? ` in ${selector.path}` : ''
      }`;
      if (!hits.length) {
        throw new InputError(
          `${scorecard.entityRef} has no open finding of ${where} (it may be fixed, waived or suppressed since the page was loaded)`,
        );
      }
      if (kind === 'pull-request' && !hits.some(f => fixable.has(f.path))) {
        throw new InputError(
          `No fix of ${where} in ${scorecard.entityRef} can be applied mechanically, so there is nothing to put in a pull request; file an issue instead`,
        );
      }
      hits.forEach(f => chosen.add(f));
    }
    findings = open.filter(f => chosen.has(f));
  } else {
    findings = open;
  }
  if (kind === 'pull-request') {
    findings = findings.filter(f => fixable.has(f.path));
  }
  if (!findings.length) {
    throw new InputError(
      kind === 'pull-request'
        ? `${scorecard.entityRef} has no open finding with a fix that can be applied as a pull request`
        : `${scorecard.entityRef} has no open findings to file`,
    );
  }
  const files = [...new Set(findings.map(f => f.path))].sort();
  const units =
    kind === 'pull-request'
      ? files.map(path => ({ ruleId: '*', path }))
      : uniqueBy(
          findings.map(f => ({ ruleId: f.ruleId, path: f.path })),
          u => `${u.ruleId}\n${u.path}`,
        );
  const subjects = units.map(u => ({
    ...u,
    fingerprint: findingFingerprint({
      kind,
      entityRef: scorecard.entityRef,
      ...u,
    }),
  }));
  return { findings, subjects, files };
}

function uniqueBy<T>(items: T[], key: (item: T) => string): T[] {
  const seen = new Map<string, T>();
  for (const item of items) {
    if (!seen.has(key(item))) seen.set(key(item), item);
  }
  return [...seen.values()];
}
