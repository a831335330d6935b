import type { RuleMetadata } from '@buildcache/plugin-buildcache-common';

/** Renders a rule's docs page (markdown) from its metadata. @public */
export function renderRuleDoc(
  meta: RuleMetadata & { fixable?: boolean },
): string {
  const lines = [
    `# ${meta.id}: ${meta.name}`,
    '',
    `**Severity:** ${meta.severity}${
      meta.fixable ? ' · **Fix:** a unified diff is offered' : ''
    }`,
    '',
    meta.summary,
    '',
    '## Why',
    '',
    meta.rationale,
    '',
    '## How to fix',
    '',
    meta.recommendedFix,
    '',
    '## Ignoring',
    '',
    `Put \`# buildcache-ignore ${meta.id} reason: <why> [until: YYYY-MM-DD]\` on the line above the instruction or step, or \`# buildcache-ignore-file ${meta.id} reason: <why>\` anywhere in the file.`,
    '',
  ];
  if (meta.sources.length > 0) {
    lines.push('## Sources', '', ...meta.sources.map(s => `- ${s}`), '');
  }
  return lines.join('\n');
}
