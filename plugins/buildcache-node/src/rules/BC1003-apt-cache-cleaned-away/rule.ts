import type {
  DockerfileModel,
  DockerInstruction,
} from '../../dockerfile/model';
import {
  cacheMountsOf,
  packageManagerCallsOf,
  type ResolvedCacheMount,
} from '../../dockerfile/runAnalysis';
import { expandVariables } from '../../dockerfile/variables';
import type { Rule, RuleContext, RuleFinding } from '../../engine/ruleTypes';
import { mountCoversDirectory } from '../../shell/cacheDirectories';
import type { ShellCommand } from '../../shell/parseShell';
import {
  commandRemovesDockerClean,
  DOCKER_CLEAN,
  dockerCleanRemovedBefore,
  keepCacheLineFor,
} from '../support/aptHygiene';
import { isKnownNonDebianImage, rootBaseImage } from '../support/baseImage';
import {
  insertLinesBefore,
  removeCommand,
  removeWord,
  wordRange,
} from '../support/dockerfileEdits';
import { checkEachRun } from '../support/eachRun';

const APT_CACHE = '/var/cache/apt';
const APT_DIRS = [APT_CACHE, '/var/lib/apt'];
/** apt subcommands after which dpkg / the update hook runs docker-clean. */
const APT_FETCHING = new Set([
  'update',
  'install',
  'upgrade',
  'dist-upgrade',
  'full-upgrade',
  'build-dep',
  'reinstall',
  'download',
  'source',
]);
const APT_CLEAN = new Set(['clean', 'dist-clean', 'distclean']);

const isAptRun = (ins: DockerInstruction) =>
  ins.keyword === 'RUN' &&
  packageManagerCallsOf(ins).some(c => c.manager === 'apt');

/** The path an `rm` operand deletes, cut before its first glob segment. */
function deletedPath(word: string, ins: DockerInstruction): string | null {
  const expanded = expandVariables(word, ins.scope, '\\');
  if (expanded === null || !expanded.startsWith('/')) return null;
  const parts: string[] = [];
  for (const part of expanded.split('/')) {
    if (/[*?[]/.test(part)) break;
    if (part !== '' && part !== '.') parts.push(part);
  }
  return `/${parts.join('/')}`;
}

/** What a command of the RUN deletes from a mounted apt directory, if anything. */
function mountedCleanup(
  ins: DockerInstruction,
  cmd: ShellCommand,
  aptMounts: ResolvedCacheMount[],
): { what: string; words: ShellCommand['words'] } | null {
  const covers = (p: string) =>
    aptMounts.some(m => mountCoversDirectory(m.target as string, p));
  const apt = packageManagerCallsOf(ins).find(
    c => c.command === cmd && c.manager === 'apt',
  );
  if (apt && APT_CLEAN.has(apt.subcommand ?? '')) {
    return covers(`${APT_CACHE}/archives`)
      ? { what: `${cmd.program} ${apt.subcommand}`, words: [] }
      : null;
  }
  if (cmd.program !== 'rm') return null;
  const operands = cmd.words.slice(1).filter(w => !w.text.startsWith('-'));
  const hit = operands.filter(w => {
    const p = deletedPath(w.text, ins);
    return p !== null && p.startsWith('/var/') && covers(p);
  });
  if (hit.length === 0) return null;
  return {
    what: `rm ${hit.map(w => w.text).join(' ')}`,
    words: hit.length === operands.length ? [] : hit,
  };
}

function checkRun(
  context: RuleContext,
  model: DockerfileModel,
  ins: DockerInstruction,
  findings: RuleFinding[],
): void {
  const aptCalls = packageManagerCallsOf(ins).filter(c => c.manager === 'apt');
  if (aptCalls.length === 0 || ins.stage === null) return;
  const mounts = cacheMountsOf(ins).filter(m => m.target !== null);
  const aptMounts = mounts.filter(m =>
    APT_DIRS.some(d => mountCoversDirectory(m.target as string, d)),
  );
  if (aptMounts.length === 0) return;

  // (a) the docker-clean hook is still in place
  const fetching = aptCalls.find(c => APT_FETCHING.has(c.subcommand ?? ''));
  const cacheMounted = aptMounts.some(m =>
    mountCoversDirectory(m.target as string, APT_CACHE),
  );
  if (fetching && cacheMounted) {
    const before = ins.commands.slice(
      0,
      Math.max(0, ins.commands.indexOf(fetching.command)),
    );
    const base = rootBaseImage(model, model.stages[ins.stage]);
    const nonDebian = base !== null && isKnownNonDebianImage(base);
    if (
      !nonDebian &&
      !before.some(commandRemovesDockerClean) &&
      !dockerCleanRemovedBefore(model, ins, { includeSelf: false })
    ) {
      const stage = model.stages[ins.stage];
      const firstAptRun =
        stage.instructions.find(i => i.index <= ins.index && isAptRun(i)) ??
        ins;
      const firstApt =
        packageManagerCallsOf(firstAptRun).find(c => c.manager === 'apt') ??
        fetching;
      const keep = keepCacheLineFor(firstAptRun, firstApt);
      const description =
        'Remove the docker-clean hook and keep downloaded packages before the first apt RUN';
      findings.push(
        context.reportInstruction(
          model,
          ins,
          `apt runs with a cache mount on ${APT_CACHE}, but ${DOCKER_CLEAN} (shipped by Debian and Ubuntu images) is not removed first: it deletes the downloaded .debs after every dpkg run, so the cache mount stays empty`,
          {
            fix:
              'line' in keep
                ? context.createFix(model.path, description, [
                    insertLinesBefore(model, firstAptRun, [keep.line]),
                  ])
                : {
                    description: `${description}. No diff: ${keep.reason}`,
                    diff: null,
                  },
          },
        ),
      );
    }
  }

  // (b) the same RUN empties a directory it cache-mounts
  for (const cmd of ins.commands) {
    const cleanup = mountedCleanup(ins, cmd, aptMounts);
    if (!cleanup) continue;
    const edits =
      cleanup.words.length > 0
        ? cleanup.words.map(w => removeWord(model, ins, w))
        : [removeCommand(model, ins, cmd)];
    const complete = edits.every(e => e !== null);
    const range = wordRange(model, ins, cmd.words[0]) ?? undefined;
    findings.push(
      context.reportInstruction(
        model,
        ins,
        `${cleanup.what} deletes the contents of an apt directory that this RUN cache-mounts: the cache is emptied on every build (the mount never ends up in the image anyway)`,
        {
          range,
          fix: context.createFix(
            model.path,
            `Drop ${cleanup.what}: the cache mount keeps it out of the image`,
            complete ? edits.filter(e => e !== null) : [],
          ),
        },
      ),
    );
  }
}

/** BC1003: apt's downloads are cleaned away from a /var/cache/apt cache mount. */
export const aptCacheCleanedAwayRule: Rule = {
  meta: {
    id: 'BC1003',
    target: 'dockerfile',
    name: 'apt-cache-cleaned-away',
    severity: 'warning',
    summary:
      'A RUN mounts a cache on `/var/cache/apt` and runs apt, but the `docker-clean` hook is still in place, or the same RUN deletes the contents of a mounted apt directory (`apt-get clean`, `rm -rf /var/lib/apt/lists/*`).',
    rationale:
      'Debian and Ubuntu official images, and every image built on them (python, node, golang, rust, ruby, php, temurin…), ship `/etc/apt/apt.conf.d/docker-clean`, which deletes downloaded .deb files after every dpkg run; `Keep-Downloaded-Packages "true"` alone does not stop it. Cleaning a mounted directory in the RUN that mounts it also empties the cache. Either way the cache mount stays empty and packages are downloaded on every build.',
    recommendedFix:
      'Before the first apt RUN: `RUN rm -f /etc/apt/apt.conf.d/docker-clean; echo \'Binary::apt::APT::Keep-Downloaded-Packages "true";\' > /etc/apt/apt.conf.d/keep-cache`. Drop `apt-get clean` and `rm -rf /var/lib/apt/lists/*` from RUNs that mount those directories.',
    sources: [
      'https://docs.docker.com/reference/dockerfile/#example-cache-apt-packages',
      'https://docs.docker.com/build/cache/optimize/#use-cache-mounts',
    ],
    docsPath: 'rules/BC1003.md',
    fixable: true,
  },
  check(context) {
    return checkEachRun(context, checkRun);
  },
};
