import type {
  DockerfileModel,
  DockerInstruction,
} from '../../dockerfile/model';
import type { Rule, RuleFinding, TextEdit } from '../../engine/ruleTypes';
import type { SourceRange } from '../../model/text';

const NEW_RUN_FLAGS = new Set(['mount', 'network', 'security', 'device']);
const NEW_COPY_FLAGS = new Set([
  'link',
  'chmod',
  'parents',
  'exclude',
  'checksum',
  'keep-git-dir',
]);
const NEW_FLAGS: Record<string, ReadonlySet<string> | undefined> = {
  RUN: NEW_RUN_FLAGS,
  COPY: NEW_COPY_FLAGS,
  ADD: NEW_COPY_FLAGS,
};

/** The first use of a Dockerfile ≥ 1.2 feature: what and where. */
function firstNewFeature(
  model: DockerfileModel,
): { what: string; ins: DockerInstruction; range: SourceRange } | null {
  for (const ins of model.instructions) {
    const flags = NEW_FLAGS[ins.keyword];
    if (!flags) continue;
    const flag = ins.flags.find(f => flags.has(f.name));
    if (flag)
      return { what: `${ins.keyword} --${flag.name}`, ins, range: flag.range };
    if (ins.heredocs.length > 0)
      return {
        what: `a heredoc in ${ins.keyword}`,
        ins,
        range: ins.heredocs[0].range,
      };
  }
  return null;
}

/** BC1010: ≥ 1.2 features without an effective `# syntax=` directive. */
export const missingSyntaxDirectiveRule: Rule = {
  meta: {
    id: 'BC1010',
    target: 'dockerfile',
    name: 'missing-syntax-directive',
    severity: 'info',
    summary:
      'The file uses `RUN --mount`, heredocs or other Dockerfile ≥ 1.2 features without a `# syntax=docker/dockerfile:1` directive on its first line.',
    rationale:
      'Without the directive the build uses whatever frontend is built into the builder, which may be too old for these features (or silently differ between machines). A directive that is not before every other line is just a comment.',
    recommendedFix: 'Put `# syntax=docker/dockerfile:1` on line 1.',
    sources: [
      'https://docs.docker.com/reference/dockerfile/#syntax',
      'https://docs.docker.com/build/buildkit/frontend/',
    ],
    docsPath: 'rules/BC1010.md',
    fixable: true,
  },
  check(context) {
    const findings: RuleFinding[] = [];
    for (const model of context.dockerfiles) {
      if (model.syntax !== null) continue;
      const feature = firstNewFeature(model);
      if (!feature) continue;
      const misplaced = model.directives.find(
        d => d.name === 'syntax' && !d.effective,
      );
      const edits: TextEdit[] = [];
      if (misplaced) {
        const start = model.file.offsetAt(misplaced.line, 1);
        const end =
          misplaced.line < model.file.lineCount
            ? model.file.offsetAt(misplaced.line + 1, 1)
            : model.file.text.length;
        edits.push({ start, end, text: '' });
        edits.push({ start: 0, end: 0, text: `# syntax=${misplaced.value}\n` });
      } else {
        edits.push({
          start: 0,
          end: 0,
          text: '# syntax=docker/dockerfile:1\n',
        });
      }
      const fix = context.createFix(
        model.path,
        'Put the syntax directive on line 1',
        edits,
      );
      if (misplaced) {
        findings.push(
          context.report(
            model.path,
            model.file.rangeOfLines(misplaced.line),
            `the syntax directive on line ${misplaced.line} is not before every other line, so it is a comment; the file uses ${feature.what}`,
            { fix },
          ),
        );
      } else {
        findings.push(
          context.reportInstruction(
            model,
            feature.ins,
            `the file uses ${feature.what} without a # syntax=docker/dockerfile:1 directive`,
            {
              range: feature.range,
              fix,
            },
          ),
        );
      }
    }
    return findings;
  },
};
