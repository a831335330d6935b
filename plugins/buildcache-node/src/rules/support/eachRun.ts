import type {
  DockerfileModel,
  DockerInstruction,
} from '../../dockerfile/model';
import type { RuleContext, RuleFinding } from '../../engine/ruleTypes';

/** Per-RUN check of a rule: pushes its findings for one RUN instruction. */
export type RunCheck = (
  context: RuleContext,
  model: DockerfileModel,
  ins: DockerInstruction,
  findings: RuleFinding[],
) => void;

/** Runs `checkRun` on every RUN instruction of every Dockerfile. */
export function checkEachRun(
  context: RuleContext,
  checkRun: RunCheck,
): RuleFinding[] {
  const findings: RuleFinding[] = [];
  for (const model of context.dockerfiles) {
    for (const ins of model.instructions) {
      if (ins.keyword === 'RUN') checkRun(context, model, ins, findings);
    }
  }
  return findings;
}
