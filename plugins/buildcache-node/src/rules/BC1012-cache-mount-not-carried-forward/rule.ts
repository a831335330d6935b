import type {
  DockerfileModel,
  DockerInstruction,
} from '../../dockerfile/model';
import {
  cacheEnvironmentOf,
  cacheMountsOf,
  packageManagerCallsOf,
  type ResolvedCacheMount,
} from '../../dockerfile/runAnalysis';
import { expandVariables } from '../../dockerfile/variables';
import type { Rule, RuleFinding } from '../../engine/ruleTypes';
import {
  cacheDirectoriesFor,
  mountCoversDirectory,
} from '../../shell/cacheDirectories';
import type {
  PackageManagerCall,
  PackageManagerId,
} from '../../shell/packageManagers';
import { stageAncestry } from '../support/aptHygiene';
import { insertFlagsAfterKeyword } from '../support/dockerfileEdits';
import { cacheIdOf } from '../support/mounts';

const MAVEN_PHASES = new Set([
  'compile',
  'test-compile',
  'test',
  'package',
  'verify',
  'install',
  'deploy',
  'integration-test',
]);
const words = (call: PackageManagerCall) => call.args.map(a => a.text);
const has = (call: PackageManagerCall, ...flags: string[]) =>
  words(call).some(w => flags.includes(w));

/** The fetch-only commands of BC1012. */
function isFetchOnly(call: PackageManagerCall): boolean {
  const sub = call.subcommand ?? '';
  switch (call.manager) {
    case 'go':
      return sub === 'mod download';
    case 'cargo':
      return sub === 'fetch';
    case 'maven':
      return words(call).some(w =>
        /^dependency:(go-offline|resolve|resolve-plugins)$/.test(w),
      );
    case 'dotnet':
      return sub === 'restore';
    case 'pnpm':
      return sub === 'fetch';
    default:
      return false;
  }
}

/** The consumers of what a fetch-only command downloaded. */
function isConsumer(call: PackageManagerCall): boolean {
  const sub = call.subcommand ?? '';
  switch (call.manager) {
    case 'go':
      return ['build', 'test', 'install', 'run'].includes(sub);
    case 'cargo':
      return [
        'build',
        'b',
        'test',
        't',
        'run',
        'r',
        'check',
        'c',
        'install',
      ].includes(sub);
    case 'maven':
      return words(call).some(
        w =>
          MAVEN_PHASES.has(w) ||
          (/^[\w.-]+:[\w.-]+$/.test(w) && !w.startsWith('dependency:')),
      );
    case 'dotnet':
      return ['build', 'publish', 'test', 'run', 'pack'].includes(sub);
    case 'pnpm':
      return sub === 'install' || sub === 'i';
    default:
      return false;
  }
}

/** How the consumer is told to stay offline, if it is. */
function offlineFlag(
  call: PackageManagerCall,
  ins: DockerInstruction,
): string | null {
  switch (call.manager) {
    case 'maven':
      return has(call, '-o', '--offline') ? 'mvn -o' : null;
    case 'cargo':
      if (has(call, '--offline')) return 'cargo --offline';
      return has(call, '--frozen') ? 'cargo --frozen' : null;
    case 'dotnet':
      return has(call, '--no-restore') ? 'dotnet --no-restore' : null;
    case 'pnpm':
      return has(call, '--offline') ? 'pnpm --offline' : null;
    case 'go': {
      const inline = call.command.assignments.find(a => a.name === 'GOPROXY');
      const proxy = inline ? inline.value : ins.scope.get('GOPROXY');
      return proxy === 'off' ? 'GOPROXY=off' : null;
    }
    default:
      return null;
  }
}

interface Fetch {
  ins: DockerInstruction;
  call: PackageManagerCall;
  mount: ResolvedCacheMount;
  id: string;
}

/** The mount of a RUN that keeps `call`'s cache. */
function managerMount(
  ins: DockerInstruction,
  call: PackageManagerCall,
): ResolvedCacheMount | undefined {
  const { dirs } = cacheDirectoriesFor(call, cacheEnvironmentOf(ins));
  return cacheMountsOf(ins).find(
    m =>
      m.target !== null &&
      dirs.some(d => mountCoversDirectory(m.target as string, d)),
  );
}

function carried(ins: DockerInstruction, fetch: Fetch): boolean | null {
  const mounts = cacheMountsOf(ins);
  if (mounts.some(m => m.target === null)) return null; // cannot tell
  return mounts.some(
    m => cacheIdOf(m.mount) === fetch.id && m.target === fetch.mount.target,
  );
}

function carryFix(model: DockerfileModel, to: DockerInstruction, fetch: Fetch) {
  const raw = fetch.mount.mount.raw;
  const here = expandVariables(raw, to.scope, model.escapeChar);
  const there = expandVariables(raw, fetch.ins.scope, model.escapeChar);
  const relative = !(fetch.mount.mount.target ?? '').startsWith('/');
  if (here === null || here !== there) return [];
  if (relative && to.workdir !== fetch.ins.workdir) return [];
  return [insertFlagsAfterKeyword(model, to, [`--mount=${raw}`])];
}

/** BC1012: a fetch-only step fills a cache mount that the later consumer does not mount. */
export const cacheMountNotCarriedForwardRule: Rule = {
  meta: {
    id: 'BC1012',
    target: 'dockerfile',
    name: 'cache-mount-not-carried-forward',
    severity: 'warning',
    summary:
      "A RUN fills a package manager's cache mount with a fetch-only command (`go mod download`, `cargo fetch`, `mvn dependency:go-offline`, `dotnet restore`, `pnpm fetch`), and a later RUN of the stage runs the manager's build/install without the same mount.",
    rationale:
      'What a fetch-only command downloads into a cache mount is not in the image. A later step without the same mount (same id and target) finds nothing and downloads everything again; when it is offline-only (`--offline`, `--frozen`, `-o`, `--no-restore`) it fails.',
    recommendedFix:
      'Add the same `--mount=type=cache,…` (same id and target) to the later RUN.',
    sources: [
      'https://docs.docker.com/reference/dockerfile/#run---mounttypecache',
      'https://pnpm.io/cli/fetch',
    ],
    docsPath: 'rules/BC1012.md',
    fixable: true,
  },
  check(context) {
    const findings: RuleFinding[] = [];
    for (const model of context.dockerfiles) {
      for (const stage of model.stages) {
        const fetched = new Map<PackageManagerId, Fetch>();
        // fetches of the stages this one is built FROM count too: their mounts are not in the image either
        const chain = stageAncestry(model, stage).reverse();
        for (const ins of chain.flatMap(s => s.instructions)) {
          if (ins.keyword !== 'RUN') continue;
          const calls = packageManagerCallsOf(ins);
          const inThisStage = ins.stage === stage.index;
          const reported = new Set<PackageManagerId>();
          for (const call of calls) {
            const fetch = fetched.get(call.manager);
            if (!inThisStage || !fetch || reported.has(call.manager)) continue;
            if (fetch.ins === ins || !isConsumer(call)) continue;
            const isCarried = carried(ins, fetch);
            if (isCarried !== false) continue;
            reported.add(call.manager);
            const offline = offlineFlag(call, ins);
            const what = `${call.command.program ?? call.manager}${
              call.subcommand ? ` ${call.subcommand}` : ''
            }`;
            findings.push(
              context.reportInstruction(
                model,
                ins,
                `${what} runs without the cache mount on ${
                  fetch.mount.target
                } that ${fetch.call.command.program ?? fetch.call.manager} ${
                  fetch.call.subcommand ?? ''
                } filled on line ${fetch.ins.range.line}: ${
                  offline
                    ? `the downloads are only in that cache, and ${offline} forbids fetching them, so this step fails`
                    : 'the downloads are only in that cache, so this step fetches everything again'
                }`,
                {
                  severity: offline ? 'error' : undefined,
                  fix: context.createFix(
                    model.path,
                    `Add the same cache mount (${fetch.mount.mount.raw})`,
                    carryFix(model, ins, fetch),
                  ),
                },
              ),
            );
          }
          for (const call of calls) {
            if (!isFetchOnly(call)) continue;
            const mount = managerMount(ins, call);
            const id = mount ? cacheIdOf(mount.mount) : null;
            if (mount && id !== null)
              fetched.set(call.manager, { ins, call, mount, id });
          }
        }
      }
    }
    return findings;
  },
};
