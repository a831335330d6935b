import type { DockerfileModel } from '../../dockerfile/model';
import type { Rule, RuleFinding } from '../../engine/ruleTypes';
import { dirnameOf } from '../../model/text';
import { firstWholeContextCopy } from '../support/dependencyInstalls';

/** Directories whose changes bust the layer cache of `COPY .`. */
const HEAVY_DIRECTORIES = ['.git', 'node_modules', 'target', 'dist', '.venv'];

/**
 * Build contexts of a Dockerfile (repo-relative, '' = root): those of the
 * builds linked to it; without any, the repository root for a root
 * Dockerfile (plain `docker build .`). Unknown contexts are left out.
 */
function contextsOf(
  model: DockerfileModel,
  builds: readonly { context: string | null }[],
): string[] {
  if (builds.length === 0) return dirnameOf(model.path) === '' ? [''] : [];
  return [
    ...new Set(
      builds.map(b => b.context).filter((c): c is string => c !== null),
    ),
  ];
}

/** BC1013: `COPY .` of a context with heavy directories and no .dockerignore. */
export const wholeContextCopyWithoutDockerignoreRule: Rule = {
  meta: {
    id: 'BC1013',
    target: 'dockerfile',
    name: 'whole-context-copy-without-dockerignore',
    severity: 'warning',
    summary:
      'A stage copies the whole build context (`COPY .` / `ADD .`) while the context root has no `.dockerignore` (nor `<Dockerfile>.dockerignore`) and contains `.git/`, `node_modules/`, `target/`, `dist/` or `.venv/`.',
    rationale:
      "Everything in the context is part of the `COPY .` layer's cache key. Without a `.dockerignore`, every commit (`.git`), local install (`node_modules`, `.venv`) or local build (`target`, `dist`) changes the context, so the copy and every step after it are rebuilt — and the context upload gets large.",
    recommendedFix:
      'Add a `.dockerignore` at the context root listing at least `.git`, `node_modules`, `target`, `dist` and `.venv`.',
    sources: [
      'https://docs.docker.com/build/concepts/context/#dockerignore-files',
      'https://docs.docker.com/build/cache/optimize/#keep-the-context-small',
    ],
    docsPath: 'rules/BC1013.md',
    fixable: false,
  },
  check(context) {
    const findings: RuleFinding[] = [];
    const heavy = HEAVY_DIRECTORIES.filter(d =>
      context.presentDirectories.includes(d),
    );
    if (heavy.length === 0) return findings;
    for (const model of context.dockerfiles) {
      // only the repository root's directories are known
      if (!contextsOf(model, context.buildsOf(model)).includes('')) continue;
      if (
        context.files.has('.dockerignore') ||
        context.files.has(`${model.path}.dockerignore`)
      )
        continue;
      for (const stage of model.stages) {
        const copy = firstWholeContextCopy(stage);
        if (!copy) continue;
        findings.push(
          context.reportInstruction(
            model,
            copy,
            `${
              copy.keyword
            } copies the whole build context, which has no .dockerignore and contains ${heavy
              .map(d => `${d}/`)
              .join(
                ', ',
              )}: any change there invalidates this layer and every step after it`,
            {
              fix: {
                description: `Add a .dockerignore at the context root listing ${heavy.join(
                  ', ',
                )}`,
                diff: null,
              },
            },
          ),
        );
      }
    }
    return findings;
  },
};
