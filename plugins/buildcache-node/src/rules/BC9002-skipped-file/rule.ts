import type { Rule } from '../../engine/ruleTypes';

/** BC9002: a file was skipped (empty, too large, binary, not UTF-8, symlink leaving the repo, over a limit). */
export const skippedFileRule: Rule = {
  meta: {
    id: 'BC9002',
    target: 'analysis',
    name: 'skipped-file',
    severity: 'warning',
    summary:
      'A Dockerfile or CI config was skipped: empty, too large, binary, not UTF-8, a symlink leaving the repository, or over a nesting/alias limit.',
    rationale:
      'Skipped files are not analyzed, so the score may miss problems in them. Limits keep a scan bounded in time and memory (YAML aliases are counted, never expanded).',
    recommendedFix:
      'Remove the empty or stray file, or keep build files small, UTF-8 and inside the repository.',
    sources: ['https://docs.docker.com/reference/dockerfile/'],
    docsPath: 'rules/BC9002.md',
    fixable: false,
  },
  check(context) {
    return context.problems.flatMap(p =>
      p.kind === 'skipped'
        ? [
            context.report(
              p.path,
              { line: 1, column: 1, endLine: 1, endColumn: 1 },
              p.message,
            ),
          ]
        : [],
    );
  },
};
