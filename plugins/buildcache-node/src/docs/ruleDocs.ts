import type { RuleMeta } from '../engine/ruleTypes';
import { renderRuleDoc } from './renderRuleDoc';
import type { RuleExample } from './ruleExamples';

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
}

/** A markdown table with columns padded the way prettier formats them. */
export function markdownTable(header: string[], rows: string[][]): string {
  const cells = [header, ...rows].map(r => r.map(cell));
  const widths = header.map((_, i) =>
    Math.max(3, ...cells.map(r => [...r[i]].length)),
  );
  const line = (r: string[]) =>
    `| ${r
      .map((c, i) => c + ' '.repeat(widths[i] - [...c].length))
      .join(' | ')} |`;
  return [
    line(cells[0]),
    `| ${widths.map(w => '-'.repeat(w)).join(' | ')} |`,
    ...cells.slice(1).map(line),
  ].join('\n');
}

/** The rule index page (docs/rules/README.md). */
export function renderRuleIndex(rules: readonly RuleMeta[]): string {
  const sorted = [...rules].sort((a, b) => a.id.localeCompare(b.id));
  const table = markdownTable(
    ['Rule', 'Name', 'Severity', 'Fix', 'Fires when'],
    sorted.map(m => [
      `[${m.id}](${m.id}.md)`,
      m.name,
      m.severity,
      m.fixable ? 'diff' : '',
      m.summary,
    ]),
  );
  return [
    '# buildcache rules',
    '',
    'Generated from the rule metadata by `yarn workspace @buildcache/plugin-buildcache-node docs:generate`; do not edit by hand.',
    '',
    '`BC1xxx` rules check Dockerfiles, `BC2xxx` rules check CI and build configs, `BC9xxx` report files that could not be analyzed. Rule ids never change meaning and are never reused.',
    '',
    table,
    '',
  ].join('\n');
}

/** Every generated docs file, by path relative to the docs folder. */
export function ruleDocFiles(
  rules: readonly RuleMeta[],
  examples?: Record<string, RuleExample>,
): Map<string, string> {
  const files = new Map<string, string>();
  for (const meta of rules)
    files.set(
      meta.docsPath ?? `rules/${meta.id}.md`,
      examples
        ? renderRuleDoc(meta, examples[meta.id] ?? null)
        : renderRuleDoc(meta),
    );
  files.set('rules/README.md', renderRuleIndex(rules));
  return files;
}

/** Differences between the generated docs and what is on disk. */
export function staleDocs(
  expected: ReadonlyMap<string, string>,
  actual: ReadonlyMap<string, string | null>,
): { path: string; problem: 'missing' | 'stale' | 'not generated' }[] {
  const out: {
    path: string;
    problem: 'missing' | 'stale' | 'not generated';
  }[] = [];
  for (const [path, text] of expected) {
    const current = actual.get(path) ?? null;
    if (current === null) out.push({ path, problem: 'missing' });
    else if (current !== text) out.push({ path, problem: 'stale' });
  }
  for (const path of actual.keys())
    if (!expected.has(path) && /^rules\/BC\d{4}\.md$/.test(path))
      out.push({ path, problem: 'not generated' });
  return out.sort((a, b) => a.path.localeCompare(b.path));
}
