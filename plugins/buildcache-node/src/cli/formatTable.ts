import type { Finding, Report } from '@buildcache/plugin-buildcache-common';

/** Human-readable report: findings grouped by file, then a summary line. */
export function formatTable(report: Report): string {
  const out: string[] = [];
  const byPath = new Map<string, Finding[]>();
  for (const f of report.findings) {
    const list = byPath.get(f.path) ?? [];
    list.push(f);
    byPath.set(f.path, list);
  }
  for (const [path, findings] of byPath) {
    out.push(path);
    const pos = findings.map(f => `${f.line}:${f.column}`);
    const width = Math.max(...pos.map(p => p.length));
    findings.forEach((f, i) => {
      const suppressed = f.suppressed
        ? ` (suppressed${
            f.suppressionReason ? `: ${f.suppressionReason}` : ''
          })`
        : '';
      out.push(
        `  ${pos[i].padEnd(width)}  ${f.severity.padEnd(7)}  ${f.ruleId}  ${
          f.message
        }${suppressed}`,
      );
      if (f.fix && !f.suppressed)
        out.push(
          `  ${''.padEnd(width)}  ${''.padEnd(7)}  fix: ${f.fix.description}${
            f.fix.diff ? ' (diff in --format json)' : ''
          }`,
        );
    });
    out.push('');
  }
  const active = report.findings.filter(f => !f.suppressed);
  const count = (s: string) => active.filter(f => f.severity === s).length;
  const suppressed = report.findings.length - active.length;
  const score =
    report.score.level === 'NotApplicable'
      ? 'score n/a · NotApplicable'
      : `score ${report.score.value} · ${report.score.level}`;
  out.push(
    `${report.files.length} file${
      report.files.length === 1 ? '' : 's'
    } analyzed, ${active.length} finding${active.length === 1 ? '' : 's'} ` +
      `(${count('error')} error, ${count('warning')} warning, ${count(
        'info',
      )} info)` +
      `${suppressed ? `, ${suppressed} suppressed` : ''} · ${score}`,
  );
  return `${out.join('\n')}\n`;
}
