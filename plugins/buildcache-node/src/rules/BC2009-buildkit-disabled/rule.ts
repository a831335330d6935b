import type { SettingLocation } from '../../ci/model';
import type {
  DockerfileModel,
  DockerInstruction,
} from '../../dockerfile/model';
import { everyGraphHas, stagesInAnyGraph } from '../support/buildGraph';
import type {
  Rule,
  RuleContext,
  RuleFinding,
  TextEdit,
} from '../../engine/ruleTypes';

/** Only the classic `docker build` CLI honours DOCKER_BUILDKIT; buildx and the actions always use BuildKit. */
const LEGACY_CAPABLE = new Set(['docker-build']);

/** The first RUN with a `--mount` in the build graph of the target (every possible graph has one). */
function firstMount(
  df: DockerfileModel,
  target: string | undefined,
): DockerInstruction | null {
  const hasMount = (stage: number) =>
    df.stages[stage].instructions.some(
      i => i.keyword === 'RUN' && i.mounts.length > 0,
    );
  if (!everyGraphHas(df, target, hasMount)) return null;
  const any = stagesInAnyGraph(df, target) ?? new Set<number>();
  return (
    df.instructions.find(
      i =>
        i.keyword === 'RUN' &&
        i.stage !== null &&
        any.has(i.stage) &&
        i.mounts.length > 0,
    ) ?? null
  );
}

/** Turns `DOCKER_BUILDKIT=0` / `: '0'` / `= 'false'` into 1 within the setting's range. */
function enableEdit(
  context: RuleContext,
  at: SettingLocation,
): TextEdit | null {
  const file = context.files.get(at.path);
  if (!file) return null;
  const start = file.offsetAt(at.range.line, at.range.column);
  const end = file.offsetAt(at.range.endLine, at.range.endColumn);
  const text = file.text.slice(start, end);
  const m = /(0|false|no|off)(['"]?)$/i.exec(text);
  if (!m) return null;
  return {
    start: start + m.index,
    end: start + m.index + m[1].length,
    text: '1',
  };
}

function check(context: RuleContext): RuleFinding[] {
  const findings: RuleFinding[] = [];
  const seen = new Set<string>();
  for (const build of context.imageBuilds) {
    const at = build.buildkitDisabled;
    const df = build.linkedDockerfile;
    if (!at || !df || build.target === null) continue;
    if (!LEGACY_CAPABLE.has(build.commandTool ?? build.tool)) continue;
    const run = firstMount(df, build.target);
    if (!run) continue;
    const key = `${at.path}:${at.range.line}:${at.range.column}:${df.path}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const edit = enableEdit(context, at);
    const finding = context.report(
      at.path,
      at.range,
      `DOCKER_BUILDKIT is turned off for the docker build at ${build.path}:${build.range.line}, but ${df.path} uses RUN --mount (line ${run.range.line}): the legacy builder cannot run it and has no cache mounts`,
      {
        fix: context.createFix(
          at.path,
          'Turn BuildKit back on (DOCKER_BUILDKIT=1)',
          edit ? [edit] : [],
        ),
      },
    );
    finding.anchorLine = at.anchorLine;
    findings.push(finding);
  }
  return findings;
}

/** BC2009: the legacy builder is forced for a Dockerfile that needs BuildKit. */
export const buildkitDisabledRule: Rule = {
  meta: {
    id: 'BC2009',
    target: 'build-config',
    name: 'buildkit-disabled',
    severity: 'error',
    summary:
      '`DOCKER_BUILDKIT=0` (or another false value) is in effect for a `docker build` whose Dockerfile uses `RUN --mount`.',
    rationale:
      "The legacy builder does not understand `RUN --mount`: the build fails, or — with older engines — the cache mounts are ignored. It also has none of BuildKit's cache export. Setting DOCKER_BUILDKIT=0 is usually a leftover from an old workaround.",
    recommendedFix: 'Remove `DOCKER_BUILDKIT=0` (or set it to 1).',
    sources: [
      'https://docs.docker.com/build/buildkit/#getting-started',
      'https://docs.docker.com/reference/dockerfile/#run---mount',
    ],
    docsPath: 'rules/BC2009.md',
    fixable: true,
  },
  check,
};
