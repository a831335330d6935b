import { expandVariables } from '../../dockerfile/variables';
import type { Rule } from '../../engine/ruleTypes';
import { validateMount } from './validateMount';
import { checkEachRun } from '../support/eachRun';

/** BC1011: a `--mount` option BuildKit rejects. */
export const invalidMountSpecRule: Rule = {
  meta: {
    id: 'BC1011',
    target: 'dockerfile',
    name: 'invalid-mount-spec',
    severity: 'error',
    summary:
      'A `RUN --mount` option is malformed: unknown `type`, a cache mount without `target`, a key not valid for that mount type, a bad `sharing` value, a non-octal `mode`, a non-numeric `uid`/`gid`.',
    rationale:
      "BuildKit's Dockerfile frontend rejects the whole build when a mount option does not parse, so the image cannot be built at all (and the cache never used). A relative target is valid: it is resolved against the WORKDIR.",
    recommendedFix:
      'Fix the option named in the message (e.g. `sharing=locked`, `mode=0755`, `target=/root/.cache/pip`).',
    sources: [
      'https://docs.docker.com/reference/dockerfile/#run---mount',
      'https://github.com/moby/buildkit/blob/master/frontend/dockerfile/instructions/commands_runmount.go',
    ],
    docsPath: 'rules/BC1011.md',
    fixable: true,
  },
  check(context) {
    return checkEachRun(context, (_context, model, ins, findings) => {
      const expand = (v: string) =>
        expandVariables(v, ins.scope, model.escapeChar);
      for (const mount of ins.mounts) {
        for (const problem of validateMount(mount, expand, ins.workdir)) {
          const option = problem.option;
          const edits = [];
          if (option && problem.replacement) {
            const file = model.file;
            edits.push({
              start: file.offsetAt(option.range.line, option.range.column),
              end: file.offsetAt(option.range.endLine, option.range.endColumn),
              text: problem.replacement,
            });
          }
          findings.push(
            context.reportInstruction(
              model,
              ins,
              `--mount ${option ? `option '${option.key}'` : 'flag'}: ${
                problem.message
              }`,
              {
                range: option?.range ?? mount.range,
                fix: context.createFix(
                  model.path,
                  problem.replacement
                    ? `Write ${problem.replacement}`
                    : 'Fix the mount option',
                  edits,
                ),
              },
            ),
          );
        }
      }
    });
  },
};
