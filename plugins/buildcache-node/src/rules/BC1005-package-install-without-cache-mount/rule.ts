import {
  cacheEnvironmentOf,
  cacheMountsOf,
  packageManagerCallsOf,
} from '../../dockerfile/runAnalysis';
import type { Rule, TextEdit } from '../../engine/ruleTypes';
import { cacheDirectoriesFor } from '../../shell/cacheDirectories';
import type { PackageManagerId } from '../../shell/packageManagers';
import { withBaseImageEnvironment } from '../support/baseImage';
import { findCacheDisabling } from '../support/cacheDisabling';
import {
  insertFlagsAfterKeyword,
  removeWord,
} from '../support/dockerfileEdits';
import { anyMountCovers, hasUnresolvedMount } from '../support/mounts';
import { checkEachRun } from '../support/eachRun';

/** Mount targets for the fix: the module and build caches for go, registry and git for cargo, both default homes of composer. */
function fixTargets(manager: PackageManagerId, dirs: string[]): string[] {
  if (manager === 'go') {
    const build = dirs.find(d => d.endsWith('/go-build'));
    return build && build !== dirs[0] ? [dirs[0], build] : [dirs[0]];
  }
  if (manager === 'cargo') return dirs.slice(0, 2);
  // composer uses ~/.cache/composer instead of ~/.composer/cache when it finds an XDG environment
  if (manager === 'composer' && dirs.length > 1) return dirs.slice(0, 2);
  return [dirs[0]];
}

/** BC1005: a downloading package-manager command without a cache mount on its cache dir. */
export const packageInstallWithoutCacheMountRule: Rule = {
  meta: {
    id: 'BC1005',
    target: 'dockerfile',
    name: 'package-install-without-cache-mount',
    severity: 'warning',
    summary:
      "A RUN runs a downloading package-manager command (pip, uv, npm, yarn, pnpm, go, cargo, maven, gradle, bundler, composer, dotnet, conda, apk, dnf…) without a cache mount on that manager's cache directory.",
    rationale:
      "When the layer cache misses (any change to the step or an earlier one), every package is downloaded again. A cache mount on the manager's cache directory keeps downloads across builds on the same builder, and never ends up in the image.",
    recommendedFix:
      'Add `--mount=type=cache,target=<cache dir>` for the manager (e.g. `/root/.cache/pip`, `/root/.npm`, `/go/pkg/mod` + `/root/.cache/go-build`).',
    sources: [
      'https://docs.docker.com/build/cache/optimize/#use-cache-mounts',
      'https://docs.docker.com/reference/dockerfile/#run---mounttypecache',
    ],
    docsPath: 'rules/BC1005.md',
    fixable: true,
  },
  check(context) {
    return checkEachRun(context, (_context, model, ins, findings) => {
      if (ins.stage === null) return;
      const calls = packageManagerCallsOf(ins).filter(
        c => c.downloads && c.manager !== 'apt',
      );
      if (calls.length === 0) return;
      const mounts = cacheMountsOf(ins);
      if (hasUnresolvedMount(mounts)) return;
      const env = withBaseImageEnvironment(
        cacheEnvironmentOf(ins),
        model,
        ins.stage,
      );
      const reported = new Set<PackageManagerId>();
      for (const call of calls) {
        if (reported.has(call.manager)) continue;
        const { dirs, incomplete } = cacheDirectoriesFor(call, env);
        if (incomplete || dirs.length === 0 || anyMountCovers(mounts, dirs))
          continue;
        reported.add(call.manager);
        const targets = fixTargets(call.manager, dirs);
        const edits: TextEdit[] = [
          insertFlagsAfterKeyword(
            model,
            ins,
            targets.map(t => `--mount=type=cache,target=${t}`),
          ),
        ];
        for (const d of findCacheDisabling(ins, call)) {
          const removal = d.flag ? removeWord(model, ins, d.flag) : null;
          if (removal) edits.push(removal);
        }
        const name = `${call.command.program ?? call.manager}${
          call.subcommand ? ` ${call.subcommand}` : ''
        }`;
        findings.push(
          context.reportInstruction(
            model,
            ins,
            `${name} runs without a cache mount on ${targets.join(
              ' or ',
            )}: downloads are repeated on every rebuild of this step`,
            {
              fix: context.createFix(
                model.path,
                `Add a cache mount on ${targets.join(' and ')}${
                  call.manager === 'uv' ? ' (and set UV_LINK_MODE=copy)' : ''
                }`,
                edits,
              ),
            },
          ),
        );
      }
    });
  },
};
