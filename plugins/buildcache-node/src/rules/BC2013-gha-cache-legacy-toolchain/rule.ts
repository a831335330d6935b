import type { ImageBuild, VersionPin } from '../../ci/model';
import { buildkitImageVersion, compareVersions } from '../../ci/shellJobState';
import type {
  Rule,
  RuleContext,
  RuleFinding,
  TextEdit,
} from '../../engine/ruleTypes';
import { effectiveSpecs } from '../support/cacheSpecs';

interface Legacy {
  pin: VersionPin;
  what: string;
  version: string;
  minimum: string;
  /** What the pin is raised to by the fix. */
  raiseTo: string;
}

function below(version: string | null, minimum: string): boolean {
  if (version === null) return false;
  const c = compareVersions(version, minimum);
  return c !== null && c < 0;
}

/** The pins of a build's toolchain that are older than the cache v2 API minimums. */
function legacyPins(build: ImageBuild): Legacy[] {
  const out: Legacy[] = [];
  const b = build.builder;
  if (b?.buildxVersion && below(b.buildxVersion.value, 'v0.21.0'))
    out.push({
      pin: b.buildxVersion,
      what: 'buildx',
      version: b.buildxVersion.value,
      minimum: 'v0.21.0',
      raiseTo: 'latest',
    });
  const image = b?.buildkitImage ?? null;
  const bk = image ? buildkitImageVersion(image.value) : null;
  if (image && bk && below(bk, 'v0.20.0'))
    out.push({
      pin: image,
      what: 'BuildKit',
      version: bk,
      minimum: 'v0.20.0',
      raiseTo: image.value.replace(/:[^:@]+$/, ':buildx-stable-1'),
    });
  for (const { tool, pin } of build.toolchainPins ?? []) {
    if (
      tool === 'engine' &&
      (!b || b.driver === 'docker') &&
      below(pin.value, '28.0.0')
    )
      out.push({
        pin,
        what: 'Docker Engine',
        version: pin.value,
        minimum: '28.0.0',
        raiseTo: 'latest',
      });
    if (
      tool === 'compose' &&
      build.tool === 'compose' &&
      below(pin.value, '2.33.1')
    )
      out.push({
        pin,
        what: 'Docker Compose',
        version: pin.value,
        minimum: 'v2.33.1',
        raiseTo: 'latest',
      });
  }
  return out;
}

/** Replaces the pinned value, keeping any quotes around it. */
function raiseEdit(context: RuleContext, legacy: Legacy): TextEdit | null {
  const file = context.files.get(legacy.pin.path);
  if (!file) return null;
  const r = legacy.pin.range;
  const start = file.offsetAt(r.line, r.column);
  const end = file.offsetAt(r.endLine, r.endColumn);
  const at = file.text.slice(start, end).indexOf(legacy.pin.value);
  if (at < 0) return null;
  return {
    start: start + at,
    end: start + at + legacy.pin.value.length,
    text: legacy.raiseTo,
  };
}

function check(context: RuleContext): RuleFinding[] {
  const findings: RuleFinding[] = [];
  const reported = new Set<string>();
  for (const build of context.imageBuilds) {
    const gha = [
      ...effectiveSpecs(build, 'cacheFrom'),
      ...effectiveSpecs(build, 'cacheTo'),
    ].some(s => s.spec.type === 'gha');
    if (!gha) continue;
    for (const legacy of legacyPins(build)) {
      const p = legacy.pin;
      const key = `${p.path}:${p.range.line}:${p.range.column}`;
      if (reported.has(key)) continue;
      reported.add(key);
      const edit = raiseEdit(context, legacy);
      const finding = context.report(
        p.path,
        p.range,
        `type=gha cache (build at ${build.path}:${build.range.line}) needs the GitHub Actions cache v2 API, but ${legacy.what} is pinned to ${legacy.version}, older than ${legacy.minimum}: the v1 API it speaks was shut down on 2025-04-15, so cache import and export fail`,
        {
          fix: context.createFix(
            p.path,
            `Raise the ${legacy.what} pin to ${legacy.raiseTo}`,
            edit ? [edit] : [],
          ),
        },
      );
      finding.anchorLine = p.anchorLine;
      findings.push(finding);
    }
  }
  return findings;
}

/** BC2013: type=gha with a toolchain that only speaks the retired cache v1 API. */
export const ghaCacheLegacyToolchainRule: Rule = {
  meta: {
    id: 'BC2013',
    target: 'build-config',
    name: 'gha-cache-legacy-toolchain',
    severity: 'error',
    summary:
      '`type=gha` cache with a pinned toolchain older than the cache v2 API minimums: setup-buildx `version` < v0.21.0, `driver-opts: image=moby/buildkit` < v0.20.0, Docker Compose < 2.33.1, Docker Engine < 28.',
    rationale:
      'GitHub shut down the Actions cache v1 API on 2025-04-15. Older buildx and BuildKit releases only speak v1, so every `type=gha` import and export fails (the build continues without cache, or fails when errors are not ignored).',
    recommendedFix: 'Drop the version pin or raise it to at least the minimum.',
    sources: [
      'https://docs.docker.com/build/cache/backends/gha/',
      'https://github.com/docker/setup-buildx-action#inputs',
      'https://github.blog/changelog/2024-09-16-notice-of-upcoming-deprecations-and-changes-in-github-actions-services/',
    ],
    docsPath: 'rules/BC2013.md',
    fixable: true,
  },
  check,
};
