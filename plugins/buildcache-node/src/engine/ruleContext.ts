import type { CiConfigModel, ImageBuild } from '../ci/model';
import type { DockerfileModel } from '../dockerfile/model';
import type { TextFile } from '../model/text';
import { createFixFromEdits } from './fixes';
import type { IgnorePragma } from './pragmas';
import type { AnalysisProblem, RuleContext, RuleFinding } from './ruleTypes';

/** The shared, rule-independent part of a context. */
export interface ContextData {
  files: ReadonlyMap<string, TextFile>;
  dockerfiles: readonly DockerfileModel[];
  ciConfigs: readonly CiConfigModel[];
  presentDirectories: readonly string[];
  problems: readonly AnalysisProblem[];
  pragmas: readonly IgnorePragma[];
}

/** Creates the context handed to one rule's `check`. */
export function createRuleContext(
  ruleId: string,
  data: ContextData,
): RuleContext {
  const imageBuilds = data.ciConfigs.flatMap(c => c.builds);
  const byPath = new Map(data.dockerfiles.map(d => [d.path, d]));
  const report: RuleContext['report'] = (
    path,
    range,
    message,
    options = {},
  ) => {
    const f: RuleFinding = { path, ...range, message };
    if (options.severity) f.severity = options.severity;
    if (options.fix !== undefined) f.fix = options.fix;
    return f;
  };
  return {
    ruleId,
    files: data.files,
    dockerfiles: data.dockerfiles,
    ciConfigs: data.ciConfigs,
    imageBuilds,
    presentDirectories: data.presentDirectories,
    problems: data.problems,
    pragmas: data.pragmas,
    dockerfile: path => byPath.get(path),
    buildsOf: dockerfile =>
      imageBuilds.filter(b => b.linkedDockerfile === dockerfile),
    report,
    reportInstruction(dockerfile, instruction, message, options = {}) {
      const f = report(
        dockerfile.path,
        options.range ?? instruction.range,
        message,
        options,
      );
      f.anchorLine = instruction.range.line;
      return f;
    },
    reportBuild(build: ImageBuild, message, options = {}) {
      const f = report(
        build.path,
        options.range ?? build.range,
        message,
        options,
      );
      f.anchorLine = build.anchorLine;
      return f;
    },
    createFix(path, description, edits) {
      const file = data.files.get(path);
      if (!file) return { description, diff: null };
      try {
        return createFixFromEdits(path, file.text, description, edits);
      } catch {
        return { description, diff: null };
      }
    },
  };
}
