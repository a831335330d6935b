import type { RuleMetadata } from '@buildcache/plugin-buildcache-common';
import generatedExamples from './generated/ruleExamples.json';
import type { RuleExample } from './ruleExamples';

const EXAMPLES: Record<string, RuleExample | undefined> = generatedExamples;

/** The generated example of a built-in rule (none for rules added by modules). @public */
export function builtInRuleExample(ruleId: string): RuleExample | undefined {
  return EXAMPLES[ruleId];
}

/** A fenced block that no backtick run in `text` can close early. */
function fenced(language: string, text: string): string[] {
  const longest = Math.max(
    2,
    ...[...text.matchAll(/`+/g)].map(m => m[0].length),
  );
  const fence = '`'.repeat(longest + 1);
  return [`${fence}${language}`, text.replace(/\n$/, ''), fence];
}

function exampleLines(example: RuleExample): string[] {
  const lines = [
    '## Example',
    '',
    `\`${example.path}\`:`,
    '',
    ...fenced(
      /Dockerfile$/.test(example.path) ? 'dockerfile' : 'yaml',
      example.text,
    ),
    '',
    `buildcache reports: ${example.message}`,
    '',
  ];
  if (example.diff) {
    lines.push('The fix it offers:', '', ...fenced('diff', example.diff), '');
  }
  return lines;
}

/**
 * Renders a rule's docs page (markdown) from its metadata, with an example
 * from its fixtures (generated into generated/ruleExamples.json; rules added
 * by modules have none unless given; `null` leaves it out). @public
 */
export function renderRuleDoc(
  meta: RuleMetadata & { fixable?: boolean },
  example: RuleExample | null | undefined = EXAMPLES[meta.id],
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
  if (example) {
    lines.push(...exampleLines(example));
  }
  if (meta.sources.length > 0) {
    lines.push('## Sources', '', ...meta.sources.map(s => `- ${s}`), '');
  }
  return lines.join('\n');
}
