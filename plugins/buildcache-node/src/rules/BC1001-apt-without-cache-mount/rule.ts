import {
  cacheMountsOf,
  packageManagerCallsOf,
} from '../../dockerfile/runAnalysis';
import type { Rule, TextEdit } from '../../engine/ruleTypes';
import {
  dockerCleanRemovedBefore,
  keepCacheLineFor,
} from '../support/aptHygiene';
import {
  insertFlagsAfterKeyword,
  insertLinesBefore,
} from '../support/dockerfileEdits';
import { anyMountCovers, hasUnresolvedMount } from '../support/mounts';
import { checkEachRun } from '../support/eachRun';

const APT_CACHE = '/var/cache/apt';
const APT_LISTS = '/var/lib/apt';

/** BC1001: apt-get/apt update or install without cache mounts on /var/cache/apt and /var/lib/apt. */
export const aptWithoutCacheMountRule: Rule = {
  meta: {
    id: 'BC1001',
    target: 'dockerfile',
    name: 'apt-without-cache-mount',
    severity: 'warning',
    summary:
      'A RUN runs `apt-get`/`apt` `update` or `install` without cache mounts on `/var/cache/apt` and `/var/lib/apt`.',
    rationale:
      'Without cache mounts every rebuild of the step downloads the package lists and all .deb files again. BuildKit cache mounts keep both directories across builds on the same builder, outside the image. apt needs exclusive access, hence `sharing=locked`, and Debian-family images delete downloaded packages through the docker-clean hook unless it is removed.',
    recommendedFix:
      'Add `--mount=type=cache,target=/var/cache/apt,sharing=locked --mount=type=cache,target=/var/lib/apt,sharing=locked` and, before the first apt RUN, remove `/etc/apt/apt.conf.d/docker-clean` and set `Keep-Downloaded-Packages "true"`.',
    sources: [
      'https://docs.docker.com/reference/dockerfile/#example-cache-apt-packages',
      'https://docs.docker.com/build/cache/optimize/#use-cache-mounts',
    ],
    docsPath: 'rules/BC1001.md',
    fixable: true,
  },
  check(context) {
    return checkEachRun(context, (_context, model, ins, findings) => {
      if (ins.stage === null) return;
      const apt = packageManagerCallsOf(ins).find(
        c => c.manager === 'apt' && c.downloads,
      );
      if (!apt) return;
      const mounts = cacheMountsOf(ins);
      if (hasUnresolvedMount(mounts)) return;
      const missing = [APT_CACHE, APT_LISTS].filter(
        d => !anyMountCovers(mounts, [d]),
      );
      if (missing.length === 0) return;
      const edits: TextEdit[] = [
        insertFlagsAfterKeyword(
          model,
          ins,
          missing.map(d => `--mount=type=cache,target=${d},sharing=locked`),
        ),
      ];
      let unsafe: string | null = null;
      if (!dockerCleanRemovedBefore(model, ins)) {
        const keep = keepCacheLineFor(ins, apt);
        if ('line' in keep)
          edits.push(insertLinesBefore(model, ins, [keep.line]));
        else unsafe = keep.reason;
      }
      const program = apt.command.program ?? 'apt-get';
      const description = `Add locked cache mounts on ${missing.join(' and ')}`;
      findings.push(
        context.reportInstruction(
          model,
          ins,
          `${program} ${
            apt.subcommand
          } runs without a cache mount on ${missing.join(
            ' and ',
          )}: packages are downloaded again on every rebuild`,
          {
            fix:
              unsafe === null
                ? context.createFix(model.path, description, edits)
                : {
                    description: `${description}, and remove the docker-clean hook as root. No diff: ${unsafe}`,
                    diff: null,
                  },
          },
        ),
      );
    });
  },
};
