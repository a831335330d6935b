import type { SourceRange, TextFile } from '../model/text';

/** An inline `# buildcache-ignore …` / `# buildcache-ignore-file …` comment. @public */
export interface IgnorePragma {
  path: string;
  scope: 'line' | 'file';
  /** Rule ids it names; empty means every rule (only meaningful for `-file`). */
  ruleIds: string[];
  reason: string | null;
  /** `until:` date (YYYY-MM-DD), if given. */
  until: string | null;
  /** True when `until` lies in the past: the pragma no longer suppresses. */
  expired: boolean;
  range: SourceRange;
}

const PRAGMA = /(^|\s)(#|\/\/)\s*buildcache-ignore(-file)?(?=\s|$)(.*)$/;

/** Reads every ignore pragma of a file. `today` is YYYY-MM-DD (UTC). */
export function readPragmas(file: TextFile, today: string): IgnorePragma[] {
  const out: IgnorePragma[] = [];
  if (!file.text.includes('buildcache-ignore')) return out;
  for (let line = 1; line <= file.lineCount; line++) {
    const text = file.lineText(line);
    const m = PRAGMA.exec(text);
    if (!m) continue;
    let rest = m[4];
    const ruleIds: string[] = [];
    for (;;) {
      // any rule id (custom rules have their own prefix), not `reason:`
      const id = /^[\s,]*([A-Za-z][\w-]*\d)(?=[\s,]|$)/.exec(rest);
      if (!id) break;
      ruleIds.push(id[1].toUpperCase());
      rest = rest.slice(id[0].length);
    }
    let until: string | null = null;
    const u = /\s*\[?\s*until:\s*(\d{4}-\d{2}-\d{2})\s*\]?\s*$/i.exec(rest);
    if (u) {
      until = u[1];
      rest = rest.slice(0, u.index);
    }
    const r = /^[\s,]*reason:\s*(.*)$/i.exec(rest);
    const reason = r && r[1].trim() !== '' ? r[1].trim() : null;
    const column = m.index + m[1].length + 1;
    out.push({
      path: file.path,
      scope: m[3] ? 'file' : 'line',
      ruleIds,
      reason,
      until,
      expired: until !== null && today > until,
      range: { line, column, endLine: line, endColumn: text.length + 1 },
    });
  }
  return out;
}

function isCommentLine(text: string): boolean {
  const t = text.trim();
  return t.startsWith('#') || t.startsWith('//');
}

/** Lines of the comment block directly above `line` (nearest first), plus `line` itself. */
function pragmaLinesFor(file: TextFile, line: number): Set<number> {
  const lines = new Set<number>([line]);
  for (let l = line - 1; l >= 1 && isCommentLine(file.lineText(l)); l--)
    lines.add(l);
  return lines;
}

/** The pragma that suppresses a finding of `ruleId` at `line` (or its anchor line), if any. */
export function findSuppressingPragma(
  pragmas: readonly IgnorePragma[],
  file: TextFile | undefined,
  ruleId: string,
  lines: number[],
): IgnorePragma | null {
  const candidates = pragmas.filter(
    p =>
      !p.expired &&
      (p.ruleIds.includes(ruleId) ||
        (p.scope === 'file' && p.ruleIds.length === 0)),
  );
  if (candidates.length === 0) return null;
  const fileWide = candidates.find(p => p.scope === 'file');
  if (fileWide) return fileWide;
  if (!file) return null;
  const near = new Set<number>();
  for (const l of lines) for (const x of pragmaLinesFor(file, l)) near.add(x);
  return candidates.find(p => near.has(p.range.line)) ?? null;
}
