import type { CacheSpecModel, ImageBuild } from '../../ci/model';
import type { Rule, RuleContext, RuleFinding } from '../../engine/ruleTypes';
import { replaceSpec } from '../support/cacheSpecs';

const WRITES_WITH_TOKEN = new Set(['gha', 'registry']);
/** Inputs whose values GitHub evaluates as expressions, so `${{ … }}` can switch the export off. */
const EXPRESSION_INPUTS = new Set(['build-push-action', 'bake-action']);

/** Contexts that tell a fork's run from the repository's own (event, head repository, secrets…). */
const FORK_AWARE =
  /\b(event_name|pull_request|fork|head\.repo|github\.repository|github\.ref|github\.head_ref|github\.actor|secrets\.)/;
const CONDITIONAL = /&&|\|\||[!=]=|\?/;

/**
 * True when an expression in the spec is a condition on where the run
 * comes from (`${{ !github.event.pull_request.head.repo.fork && … || '' }}`).
 * An expression inside a parameter's value (`scope=${{ github.ref_name }}`,
 * `ref=${{ secrets.REGISTRY }}/app:cache`, even a conditional scope) does
 * not switch the export off: it is not fork exclusion.
 */
function mayExcludeForks(raw: string): boolean {
  for (const m of raw.matchAll(/\$\{\{([\s\S]*?)\}\}/g)) {
    // inside a parameter's value (`scope=${{ … }}`) it only picks that value
    const inValue = /[\w-]=[^,]*$/.test(raw.slice(0, m.index));
    if (!inValue && CONDITIONAL.test(m[1]) && FORK_AWARE.test(m[1]))
      return true;
  }
  return false;
}

const NOT_FORK = '!github.event.pull_request.head.repo.fork';

function conditionalEdit(
  context: RuleContext,
  build: ImageBuild,
  spec: CacheSpecModel,
) {
  if (!EXPRESSION_INPUTS.has(build.tool) || /['\n]|\$\{\{/.test(spec.raw))
    return null;
  const file = context.files.get(build.path);
  if (build.tool === 'bake-action') return null;
  return replaceSpec(file, spec, `\${{ ${NOT_FORK} && '${spec.raw}' || '' }}`);
}

function check(context: RuleContext): RuleFinding[] {
  const findings: RuleFinding[] = [];
  for (const build of context.imageBuilds) {
    if (build.kind !== 'github-actions' || build.conditional !== false)
      continue;
    if (!(build.triggers ?? []).includes('pull_request')) continue;
    for (const spec of build.cacheTo) {
      if (!WRITES_WITH_TOKEN.has(spec.type) || mayExcludeForks(spec.raw))
        continue;
      const edit = conditionalEdit(context, build, spec);
      findings.push(
        context.reportBuild(
          build,
          `cache-to type=${spec.type} runs unconditionally in a workflow triggered by pull_request: pull requests from forks get a read-only token, so the cache export fails there`,
          {
            range: spec.range ?? undefined,
            fix: context.createFix(
              build.path,
              'Export the cache only when the pull request is not from a fork (keep cache-from)',
              edit ? [edit] : [],
            ),
          },
        ),
      );
    }
  }
  return findings;
}

/** BC2011: unconditional cache export in pull-request builds. */
export const forkPrCacheWriteRule: Rule = {
  meta: {
    id: 'BC2011',
    target: 'build-config',
    name: 'fork-pr-cache-write',
    severity: 'warning',
    summary:
      'A `pull_request`-triggered build has an unconditional `cache-to` of type gha or registry (no fork-excluding expression in the value and no `if:` on the step or job).',
    rationale:
      'Workflows run for pull requests from forks get a read-only `GITHUB_TOKEN` and no secrets: pushing a registry cache or writing the Actions cache fails there, which either fails the build or wastes time on an export that cannot succeed.',
    recommendedFix:
      "Make `cache-to` conditional on non-fork events, e.g. `cache-to: ${{ !github.event.pull_request.head.repo.fork && 'type=gha,mode=max' || '' }}`, and keep `cache-from` so pull requests still read the cache.",
    sources: [
      'https://docs.github.com/en/actions/security-for-github-actions/security-guides/automatic-token-authentication#permissions-for-the-github_token',
      'https://docs.docker.com/build/ci/github-actions/cache/',
    ],
    docsPath: 'rules/BC2011.md',
    fixable: true,
  },
  check,
};
