import {
  cacheEnvironmentOf,
  cacheMountsOf,
  packageManagerCallsOf,
} from '../../dockerfile/runAnalysis';
import type { Rule } from '../../engine/ruleTypes';
import { cacheDirectoriesFor } from '../../shell/cacheDirectories';
import { findCacheDisabling } from '../support/cacheDisabling';
import { removeWord, wordRange } from '../support/dockerfileEdits';
import { anyMountCovers } from '../support/mounts';
import { checkEachRun } from '../support/eachRun';

/** BC1006: a RUN mounts a manager's cache and disables that cache. */
export const cacheDisabledWithMountRule: Rule = {
  meta: {
    id: 'BC1006',
    target: 'dockerfile',
    name: 'cache-disabled-with-mount',
    severity: 'warning',
    summary:
      "A RUN has a cache mount for a package manager and disables that manager's cache (`pip --no-cache-dir`, `PIP_NO_CACHE_DIR`, `uv --no-cache`, `npm cache clean`, `yarn cache clean`, `apk --no-cache`, `dnf/yum clean all`).",
    rationale:
      'The flag keeps caches out of the image, but a cache mount never is in the image: with both, the mount stays empty and every build downloads again. hadolint DL3042/DL3019/DL3060/DL3040 ask for these flags but exempt cache mounts only on default paths.',
    recommendedFix:
      'Drop the flag, variable or clean command: the mount already keeps the cache out of the image.',
    sources: [
      'https://docs.docker.com/build/cache/optimize/#use-cache-mounts',
      'https://github.com/hadolint/hadolint/wiki/DL3042',
      'https://pip.pypa.io/en/stable/topics/caching/',
    ],
    docsPath: 'rules/BC1006.md',
    fixable: true,
  },
  check(context) {
    return checkEachRun(context, (_context, model, ins, findings) => {
      const mounts = cacheMountsOf(ins);
      if (mounts.length === 0) return;
      const env = cacheEnvironmentOf(ins);
      const seen = new Set<string>();
      for (const call of packageManagerCallsOf(ins)) {
        const { dirs } = cacheDirectoriesFor(call, env);
        if (!anyMountCovers(mounts, dirs)) continue;
        for (const d of findCacheDisabling(ins, call)) {
          const word = d.flag ?? d.word;
          const key = `${d.what}@${word?.start ?? -1}`;
          if (seen.has(key)) continue;
          seen.add(key);
          const range = (word && wordRange(model, ins, word)) ?? undefined;
          const removal = d.flag ? removeWord(model, ins, d.flag) : null;
          findings.push(
            context.reportInstruction(
              model,
              ins,
              `${d.what} disables the cache that this RUN mounts: the mount stays empty and packages are downloaded on every build`,
              {
                range,
                fix: context.createFix(
                  model.path,
                  `Remove ${d.what}; the cache mount keeps the cache out of the image`,
                  removal ? [removal] : [],
                ),
              },
            ),
          );
        }
      }
    });
  },
};
