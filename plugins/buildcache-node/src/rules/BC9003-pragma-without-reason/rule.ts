import type { Rule } from '../../engine/ruleTypes';

/** BC9003: an ignore pragma without a reason (it still suppresses). */
export const pragmaWithoutReasonRule: Rule = {
  meta: {
    id: 'BC9003',
    target: 'analysis',
    name: 'pragma-without-reason',
    severity: 'info',
    summary: 'A `# buildcache-ignore` pragma has no `reason:`.',
    rationale:
      'A suppression without a reason cannot be reviewed later. The pragma still suppresses; this finding only asks for the why.',
    recommendedFix:
      'Write `# buildcache-ignore BCxxxx reason: <why> [until: YYYY-MM-DD]`.',
    sources: ['https://github.com/hadolint/hadolint#ignoring-rules'],
    docsPath: 'rules/BC9003.md',
    fixable: false,
  },
  check(context) {
    return context.pragmas
      .filter(p => p.reason === null)
      .map(p =>
        context.report(
          p.path,
          p.range,
          `ignore pragma${
            p.ruleIds.length ? ` for ${p.ruleIds.join(', ')}` : ''
          } has no reason: add "reason: …"`,
        ),
      );
  },
};
