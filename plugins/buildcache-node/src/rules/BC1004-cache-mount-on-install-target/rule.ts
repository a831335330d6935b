import type {
  DockerfileModel,
  DockerInstruction,
} from '../../dockerfile/model';
import {
  cacheEnvironmentOf,
  cacheMountsOf,
  resolveMountTarget,
  type ResolvedCacheMount,
} from '../../dockerfile/runAnalysis';
import { expandVariables } from '../../dockerfile/variables';
import type {
  Rule,
  RuleContext,
  RuleFinding,
  TextEdit,
} from '../../engine/ruleTypes';
import { mountCoversDirectory } from '../../shell/cacheDirectories';
import {
  cacheDirectoriesOfManager,
  knownCacheDirectories,
} from '../support/cacheDirs';
import {
  insertFlagsAfterKeyword,
  replaceMountOptionValue,
} from '../support/dockerfileEdits';
import { stageAncestry } from '../support/aptHygiene';
import { cacheIdOf, isWithin } from '../support/mounts';
import { installDestinations, type InstallDestination } from './destinations';
import { checkEachRun } from '../support/eachRun';

const BUILD_DIRS = new Set(['target', 'dist', 'build']);
const BUILD_TOOLS = new Set([
  'cargo',
  'go',
  'npm',
  'npx',
  'yarn',
  'pnpm',
  'bun',
  'node',
  'tsc',
  'vite',
  'webpack',
  'esbuild',
  'rollup',
  'parcel',
  'next',
  'nuxt',
  'make',
  'cmake',
  'ninja',
  'meson',
  'mvn',
  'mvnw',
  'gradle',
  'gradlew',
  'dotnet',
  'bazel',
  'bazelisk',
  'python',
  'python3',
  'uv',
  'poetry',
  'hatch',
  'sbt',
  'ant',
  'zig',
  'rustc',
]);
const COPY_PROGRAMS = new Set(['cp', 'mv', 'install', 'rsync', 'tar', 'cpio']);
const INSTALLING_BUILD_TOOLS = new Set(['cmake', 'make', 'ninja', 'meson']);
const OUTPUT_FLAGS = new Set([
  '--out',
  '--out-dir',
  '--outdir',
  '--outDir',
  '--output',
  '--output-dir',
  '--artifact-dir',
  '--dist-dir',
  '--dest',
  '--destination',
]);
const TARGET_KEYS = ['target', 'dst', 'destination'];

/** A build-output dir (`target`, `dist`, `build`) mounted while the RUN builds, with nothing copied out. */
function buildDirWithoutCopyOut(
  ins: DockerInstruction,
  target: string,
): boolean {
  const env = cacheEnvironmentOf(ins);
  const cargoTarget = env.lookup('CARGO_TARGET_DIR');
  const resolvedCargoTarget =
    typeof cargoTarget === 'string'
      ? resolveMountTarget(cargoTarget, ins.workdir)
      : null;
  const name = target.slice(target.lastIndexOf('/') + 1);
  const isBuildDir =
    target === resolvedCargoTarget ||
    (BUILD_DIRS.has(name) &&
      ins.workdir !== null &&
      isWithin(target, ins.workdir) &&
      target !== ins.workdir);
  if (!isBuildDir) return false;
  const program = (p: string | null) => (p ?? '').replace(/^\.\//, '');
  if (!ins.commands.some(c => BUILD_TOOLS.has(program(c.program))))
    return false;
  const outside = (word: string): boolean => {
    const expanded = expandVariables(word, ins.scope);
    if (expanded === null) return true; // unknown: assume it is elsewhere
    const path = resolveMountTarget(expanded, ins.workdir);
    return path === null || !isWithin(path, target);
  };
  // `maturin build --out /wheels`, `vite build --outDir /srv`: written elsewhere
  const writesElsewhere = ins.commands.some(c =>
    c.words.some((w, i) => {
      const eq = w.text.indexOf('=');
      const flag = eq > 0 ? w.text.slice(0, eq) : w.text;
      if (!OUTPUT_FLAGS.has(flag)) return false;
      const value = eq > 0 ? w.text.slice(eq + 1) : c.words[i + 1]?.text;
      return value !== undefined && outside(value);
    }),
  );
  if (writesElsewhere) return false;
  const copiesOut = ins.commands.some(c => {
    const p = program(c.program);
    const words = c.words.map(w => w.text);
    // `cmake --install build`, `make -C build install`: installs out of the build dir
    if (
      INSTALLING_BUILD_TOOLS.has(p) &&
      words.some(w => w === 'install' || w === '--install')
    )
      return true;
    const copies =
      COPY_PROGRAMS.has(p) ||
      (p === 'find' && words.some(w => COPY_PROGRAMS.has(w)));
    if (!copies) return false;
    return c.words.slice(1).some(w => {
      const expanded = expandVariables(w.text, ins.scope);
      if (expanded === null) return true; // unknown: assume it copies out
      const path = resolveMountTarget(
        expanded.replace(/^-\w+=/, ''),
        ins.workdir,
      );
      return path !== null && isWithin(path, target);
    });
  });
  return !copiesOut;
}

/** The fix: mount the manager's cache directory instead of the install destination. */
function retargetFix(
  model: DockerfileModel,
  ins: DockerInstruction,
  mount: ResolvedCacheMount,
  others: ResolvedCacheMount[],
  destination: InstallDestination,
): { edits: TextEdit[]; description: string } | null {
  const dirs = cacheDirectoriesOfManager(ins, destination.manager);
  if (!dirs) return null;
  const wanted =
    destination.manager === 'cargo'
      ? dirs.filter(d => d.startsWith('/usr/local/cargo/'))
      : [dirs[0]];
  if (wanted.length === 0) return null;
  if (
    others.some(
      o =>
        o.target !== null &&
        wanted.some(d => mountCoversDirectory(o.target as string, d)),
    )
  )
    return null;
  const option = [...mount.mount.options]
    .reverse()
    .find(o => TARGET_KEYS.includes(o.key));
  if (!option) return null;
  const edits: TextEdit[] = [replaceMountOptionValue(model, option, wanted[0])];
  if (wanted.length > 1)
    edits.push(
      insertFlagsAfterKeyword(
        model,
        ins,
        wanted.slice(1).map(d => `--mount=type=cache,target=${d}`),
      ),
    );
  return {
    edits,
    description: `Mount ${destination.manager}'s cache (${wanted.join(
      ', ',
    )}) instead of where it installs`,
  };
}

/**
 * True when a later RUN of this stage, or of a stage built FROM it, mounts
 * the same cache: the directory is then deliberately shared between steps
 * (e.g. `cargo chef cook` then `cargo build && cp …`), and each step is
 * judged on its own.
 */
function sharedWithLaterRun(
  model: DockerfileModel,
  ins: DockerInstruction,
  mount: ResolvedCacheMount,
): boolean {
  const id = cacheIdOf(mount.mount);
  if (id === null || ins.stage === null) return false;
  const own = ins.stage;
  return model.instructions.some(
    other =>
      other.index > ins.index &&
      other.keyword === 'RUN' &&
      other.stage !== null &&
      stageAncestry(model, model.stages[other.stage]).some(
        s => s.index === own,
      ) &&
      cacheMountsOf(other).some(m => cacheIdOf(m.mount) === id),
  );
}

function checkRun(
  context: RuleContext,
  model: DockerfileModel,
  ins: DockerInstruction,
  findings: RuleFinding[],
): void {
  const mounts = cacheMountsOf(ins);
  if (mounts.length === 0) return;
  const caches = knownCacheDirectories(ins);
  const destinations = installDestinations(ins);
  for (const mount of mounts) {
    const t = mount.target;
    if (t === null || caches.some(c => isWithin(t, c))) continue;
    const others = mounts.filter(o => o !== mount);
    const shared = sharedWithLaterRun(model, ins, mount);
    const destination = destinations.find(
      d => d.conflicts(t) && (d.reason !== undefined || !shared),
    );
    let message: string;
    let fix: { edits: TextEdit[]; description: string } | null = null;
    if (destination) {
      message = destination.reason
        ? `cache mount on ${t} covers ${destination.describe}: ${destination.reason}`
        : `cache mount on ${t} covers ${destination.describe}, where ${destination.what} puts its result: the result stays in the cache and is missing from the image`;
      fix = retargetFix(model, ins, mount, others, destination);
    } else if (ins.workdir !== null && isWithin(ins.workdir, t)) {
      message = `cache mount on ${t} covers the WORKDIR ${ins.workdir}: what this RUN writes there is missing from the image, and earlier files there are hidden`;
    } else if (!shared && buildDirWithoutCopyOut(ins, t)) {
      message = `cache mount on the build output directory ${t}, and nothing copies the output out of it in this RUN: the build result is missing from the image`;
    } else continue;
    findings.push(
      context.reportInstruction(model, ins, message, {
        range: mount.mount.range,
        fix: context.createFix(
          model.path,
          fix?.description ??
            'Mount the download/build cache instead, or copy the output out of the mount within the same RUN',
          fix?.edits ?? [],
        ),
      }),
    );
  }
}

/** BC1004: a cache mount covers where a command installs or builds its result. */
export const cacheMountOnInstallTargetRule: Rule = {
  meta: {
    id: 'BC1004',
    target: 'dockerfile',
    name: 'cache-mount-on-install-target',
    severity: 'error',
    summary:
      "A cache mount covers a command's install destination or build output (site-packages, a virtualenv, node_modules, `/usr/local/cargo`, GEM_HOME, `vendor/`, a `target`/`dist`/`build` dir with no copy out, the WORKDIR…).",
    rationale:
      'A cache mount exists only while its RUN runs and is never part of the image. When it covers the place where the command puts its result, the installed packages or built binaries stay in the cache and the image (and every later step) does not have them — sometimes the mount even hides the tool itself, as with `CARGO_HOME` `/usr/local/cargo`. The default cache directories (`/go/pkg/mod`, `/usr/local/cargo/registry`, `/root/.npm`…) are caches, never install destinations.',
    recommendedFix:
      "Mount the manager's download/build cache instead (e.g. `/root/.cache/pip`, `/root/.npm`, `/usr/local/cargo/registry` + `/usr/local/cargo/git`); copy build outputs out of a mounted build directory within the same RUN.",
    sources: [
      'https://docs.docker.com/reference/dockerfile/#run---mounttypecache',
      'https://docs.docker.com/build/cache/optimize/#use-cache-mounts',
    ],
    docsPath: 'rules/BC1004.md',
    fixable: true,
  },
  check(context) {
    return checkEachRun(context, checkRun);
  },
};
