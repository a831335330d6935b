import { cacheMountsOf } from '../../dockerfile/runAnalysis';
import type { Rule } from '../../engine/ruleTypes';
import { setMountOption } from '../support/dockerfileEdits';
import { checkEachRun } from '../support/eachRun';

const APT_DIRS = ['/var/cache/apt', '/var/lib/apt'];

function isAptDir(target: string): boolean {
  return APT_DIRS.some(d => target === d || target.startsWith(`${d}/`));
}

/** BC1002: a cache mount on an apt directory without sharing=locked (or private). */
export const aptCacheMountNotLockedRule: Rule = {
  meta: {
    id: 'BC1002',
    target: 'dockerfile',
    name: 'apt-cache-mount-not-locked',
    severity: 'warning',
    summary:
      'A cache mount on `/var/cache/apt`, `/var/lib/apt` or `/var/lib/apt/lists` has no `sharing` or `sharing=shared`.',
    rationale:
      'apt takes exclusive locks in these directories. With the default `sharing=shared`, concurrent builds (parallel stages, several platforms) using the same cache fail to get the lock or corrupt it. `sharing=locked` serialises them; `private` gives each its own copy.',
    recommendedFix: 'Add `sharing=locked` to the mount.',
    sources: [
      'https://docs.docker.com/reference/dockerfile/#run---mounttypecache',
      'https://docs.docker.com/reference/dockerfile/#example-cache-apt-packages',
    ],
    docsPath: 'rules/BC1002.md',
    fixable: true,
  },
  check(context) {
    return checkEachRun(context, (_context, model, ins, findings) => {
      for (const { mount, target } of cacheMountsOf(ins)) {
        if (target === null || !isAptDir(target)) continue;
        const written = mount.options.some(o => o.key === 'sharing');
        if (written && mount.sharing === null) continue; // unresolvable variable
        if (mount.sharing !== null && mount.sharing !== 'shared') continue;
        const how =
          mount.sharing === null
            ? 'has no sharing option (default shared)'
            : 'uses sharing=shared';
        findings.push(
          context.reportInstruction(
            model,
            ins,
            `cache mount on ${target} ${how}: apt needs exclusive access, use sharing=locked`,
            {
              range: mount.range,
              fix: context.createFix(
                model.path,
                'Set sharing=locked on the apt cache mount',
                [setMountOption(model, mount, 'sharing', 'locked')],
              ),
            },
          ),
        );
      }
    });
  },
};
