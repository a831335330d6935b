import type {
  CombinedFix,
  CreateTicketRequest,
  ScorecardFile,
  ScorecardFinding,
  TicketKind,
} from '@buildcache/plugin-buildcache-common';

/** Open: neither suppressed inline nor waived (what tickets are filed for). */
export function isOpenFinding(finding: ScorecardFinding): boolean {
  return !finding.suppressed && !finding.waiver;
}

/**
 * What can be ticked in the ticket dialog: one rule in one file, the unit a
 * ticket covers (every finding of that rule in that file, at `lines`).
 */
export interface FindingChoice {
  key: string;
  ruleId: string;
  path: string;
  lines: number[];
  message: string;
}

/** The choices of one file, with its combined fix when it has one. */
export interface FileChoices {
  path: string;
  combinedFix: CombinedFix | null;
  choices: FindingChoice[];
}

/**
 * The open findings a ticket of `kind` can be filed for, by file then rule:
 * for a pull request only those in files with a combined fix.
 */
export function findingChoices(
  findings: ScorecardFinding[],
  files: ScorecardFile[],
  kind: TicketKind,
): FileChoices[] {
  const fixes = new Map(files.map(file => [file.path, file.combinedFix]));
  const byFile = new Map<string, Map<string, FindingChoice>>();
  const open = findings
    .filter(isOpenFinding)
    .filter(f => kind === 'issue' || fixes.get(f.path))
    .sort((a, b) => a.line - b.line);
  for (const finding of open) {
    const choices = byFile.get(finding.path) ?? new Map();
    byFile.set(finding.path, choices);
    const existing = choices.get(finding.ruleId);
    if (existing) {
      if (!existing.lines.includes(finding.line)) {
        existing.lines.push(finding.line);
      }
    } else {
      choices.set(finding.ruleId, {
        key: `${finding.ruleId}\n${finding.path}`,
        ruleId: finding.ruleId,
        path: finding.path,
        lines: [finding.line],
        message: finding.message,
      });
    }
  }
  return [...byFile.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([path, choices]) => ({
      path,
      combinedFix: fixes.get(path) ?? null,
      choices: [...choices.values()].sort(
        (a, b) => a.lines[0] - b.lines[0] || a.ruleId.localeCompare(b.ruleId),
      ),
    }));
}

/** `Dockerfile:4`, `Dockerfile:4, 12`. */
export function choiceLocation(choice: FindingChoice): string {
  return `${choice.path}:${choice.lines.join(', ')}`;
}

/** The request's finding selectors for the ticked choices. */
export function toSelectors(
  choices: FindingChoice[],
): NonNullable<CreateTicketRequest['findings']> {
  return choices.map(({ ruleId, path }) => ({ ruleId, path }));
}
