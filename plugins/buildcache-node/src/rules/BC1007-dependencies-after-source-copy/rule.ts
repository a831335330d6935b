import type { Rule, RuleFinding } from '../../engine/ruleTypes';
import { stageAncestry } from '../support/aptHygiene';
import {
  dependencyInstallsOf,
  firstWholeContextCopy,
} from '../support/dependencyInstalls';

/** BC1007: a dependency install runs after the whole build context was copied. */
export const dependenciesAfterSourceCopyRule: Rule = {
  meta: {
    id: 'BC1007',
    target: 'dockerfile',
    name: 'dependencies-after-source-copy',
    severity: 'warning',
    summary:
      'A dependency install (`npm ci`, `pip install -r`, `uv sync`, `go mod download`, `bundle install`…) runs after `COPY . …` of the whole context in the same stage, with no install by the same manager before the copy.',
    rationale:
      'The layer cache reuses a step only while everything before it is unchanged. After `COPY .`, any source change invalidates the install step, so every commit downloads and installs all dependencies again. Copying just the manifest and lock file, installing, then copying the source keeps the install cached until the dependencies change.',
    recommendedFix:
      'Copy the manifest and lock file (or bind-mount them), install, then copy the source; for the project itself use a second step (`uv sync --no-install-project` / `poetry install --no-root` first).',
    sources: [
      'https://docs.docker.com/build/cache/optimize/#order-your-layers',
      'https://docs.docker.com/build/building/best-practices/#leverage-build-cache',
    ],
    docsPath: 'rules/BC1007.md',
    fixable: false,
  },
  check(context) {
    const findings: RuleFinding[] = [];
    for (const model of context.dockerfiles) {
      for (const stage of model.stages) {
        const copy = firstWholeContextCopy(stage);
        if (!copy) continue;
        // installs before the copy, in this stage or a stage it is built FROM
        const before = new Set(
          stageAncestry(model, stage)
            .flatMap(s => s.instructions)
            .filter(i => i.index < copy.index)
            .flatMap(i => dependencyInstallsOf(i, true))
            .map(d => d.manager),
        );
        for (const ins of stage.instructions) {
          if (ins.index <= copy.index) continue;
          const install = dependencyInstallsOf(ins).find(
            d => !before.has(d.manager),
          );
          if (!install) continue;
          findings.push(
            context.reportInstruction(
              model,
              ins,
              `${install.what} runs after the whole build context is copied (line ${copy.range.line}): every source change re-installs all dependencies; copy the manifest and lock file and install before copying the source`,
              {
                fix: {
                  description:
                    'Copy the dependency manifest and lock file, install, then copy the rest of the source',
                  diff: null,
                },
              },
            ),
          );
        }
      }
    }
    return findings;
  },
};
