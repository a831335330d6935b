import type { Rule } from '../../engine/ruleTypes';

/** BC9001: a Dockerfile or CI config could not be parsed. */
export const unparseableFileRule: Rule = {
  meta: {
    id: 'BC9001',
    target: 'analysis',
    name: 'unparseable-file',
    severity: 'error',
    summary: 'A file matched as Dockerfile or CI config could not be parsed.',
    rationale:
      'The analyzer cannot judge a file it cannot read, so a parse error hides every other finding in it. Other files and services are still analyzed.',
    recommendedFix:
      'Fix the syntax error at the reported line (the message says what and where).',
    sources: [
      'https://docs.docker.com/reference/dockerfile/',
      'https://yaml.org/spec/1.2.2/',
    ],
    docsPath: 'rules/BC9001.md',
    fixable: false,
  },
  check(context) {
    return context.problems.flatMap(p =>
      p.kind === 'parse-error'
        ? [
            context.report(
              p.path,
              {
                line: p.line,
                column: p.column,
                endLine: p.line,
                endColumn: p.column,
              },
              p.message,
            ),
          ]
        : [],
    );
  },
};
