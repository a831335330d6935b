import type { ComplianceService } from '@buildcache/plugin-buildcache-common';

const COLUMNS: Array<[string, (s: ComplianceService) => unknown]> = [
  ['entityRef', s => s.entityRef],
  ['title', s => s.title],
  ['owner', s => s.owner],
  ['system', s => s.system],
  ['score', s => s.score],
  ['level', s => s.level],
  ['errors', s => s.counts.error],
  ['warnings', s => s.counts.warning],
  ['infos', s => s.counts.info],
  ['stale', s => s.stale],
  ['scannedAt', s => s.scannedAt],
];

/**
 * RFC 4180 CSV. Cells that a spreadsheet would run as a formula are prefixed
 * with a quote, since titles come from catalog data.
 */
export function toCsv(services: ComplianceService[]): string {
  const lines = [COLUMNS.map(([name]) => name).join(',')];
  for (const service of services) {
    lines.push(COLUMNS.map(([, get]) => csvCell(get(service))).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** One CSV record (with its line break), each cell escaped by {@link csvCell}. */
export function csvRow(values: unknown[]): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}

/** One escaped CSV cell: formula-looking text is prefixed with a quote. */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) {
    return '';
  }
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) {
    text = `'${text}`;
  }
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
