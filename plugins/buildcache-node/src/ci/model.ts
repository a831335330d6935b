import type {
  CacheSpec,
  CiFacts,
  FileKind,
  ImageBuildFact,
} from '@buildcache/plugin-buildcache-common';
import type { DockerfileModel } from '../dockerfile/model';
import type { SourceRange, TextFile } from '../model/text';

/** A cache import/export spec with where it is written. @public */
export interface CacheSpecModel extends CacheSpec {
  /** The spec as written, e.g. `type=gha,mode=max`. */
  raw: string;
  /** Location of `raw` in the file, when it could be found. */
  range: SourceRange | null;
  /** True when the spec is (or contains) an expression/variable we cannot evaluate. */
  unresolved: boolean;
}

/** A YAML mapping the fixes can append keys to (e.g. a step's `with:`). @public */
export interface YamlInsertionPoint {
  /** Offset right after the last line of the mapping (start of the next line). */
  offset: number;
  /** Indentation of the mapping's keys, in spaces. */
  indent: number;
}

/** A pinned toolchain version and where it is written. @public */
export interface VersionPin {
  /** The version as written, e.g. `v0.12.5`. */
  value: string;
  path: string;
  /** Range of `value` in `path`. */
  range: SourceRange;
  /** Line of the step/command that pins it (for ignore pragmas). */
  anchorLine: number;
}

/** Where a setting (e.g. `DOCKER_BUILDKIT=0`) is written. @public */
export interface SettingLocation {
  path: string;
  range: SourceRange;
  anchorLine: number;
}

/** The BuildKit builder a job set up before a build. @public */
export interface BuilderSetup {
  /** `docker-container`, `kubernetes`, `remote`, `cloud` or `docker`. */
  driver: string;
  /** `image=moby/buildkit:…` of the builder, when pinned. */
  buildkitImage: VersionPin | null;
  /** setup-buildx-action `version:` (the buildx release), when pinned. */
  buildxVersion: VersionPin | null;
}

/** A bake invocation (bake-action step or `docker buildx bake`) and the targets it builds. @public */
export interface BakeInvocation {
  /** Bake files given explicitly (repo-relative), or null for the default lookup. */
  files: string[] | null;
  /** Directory the default lookup runs in (repo-relative), null when unknown. */
  cwd: string | null;
  /** Targets/groups as given; empty means `default`. */
  targets: string[];
  /** The bake-target builds resolved from the repo's bake files; null when some could not be resolved. */
  resolved: ImageBuild[] | null;
  /** True when the targets were expanded from `${{ matrix.… }}` (each job runs one of them). */
  fromMatrix?: boolean;
}

/** One combination of a static job matrix: `axis.key` → value (GitHub Actions). @public */
export type MatrixValues = ReadonlyMap<string, string>;

/** What one combination of a static job matrix builds (GitHub Actions). @public */
export interface MatrixVariant {
  /** The combination this variant is built from. */
  combination: MatrixValues;
  dockerfile: string | null;
  context: string | null;
  target: string | null | undefined;
  /** Set by the engine. */
  linkedDockerfile: DockerfileModel | null;
}

/** One image build found in a CI/build config, linked to the Dockerfile it builds. @public */
export interface ImageBuild {
  /** File the build is declared in. */
  path: string;
  kind: FileKind;
  tool: ImageBuildFact['tool'];
  /** The step (GitHub: the `- uses:`/`- run:` item) or the shell command. */
  range: SourceRange;
  /** Line whose preceding comment lines may hold an ignore pragma (the step line). */
  anchorLine: number;
  /** Repo-relative Dockerfile path; null when it cannot be resolved. */
  dockerfile: string | null;
  /** Repo-relative build context; null when unknown (remote or unresolvable). */
  context: string | null;
  /** Build target: undefined when not given (last stage), null when unresolvable. */
  target: string | null | undefined;
  cacheFrom: CacheSpecModel[];
  cacheTo: CacheSpecModel[];
  /** True when cache settings may come from elsewhere (a bake file, an unresolved expression). */
  cacheSettingsExternal: boolean;
  buildArgs: Record<string, string>;
  platforms: string[];
  push: boolean | null;
  tags: string[];
  /** True on ephemeral builders, false on persistent ones, null when unknown. */
  ephemeral: boolean | null;
  /** The CI job (GitHub job id, GitLab job name). */
  job: string | null;
  /** GitHub build-push-action: the step's `with:` mapping for fixes (undefined: no `with:`; null: not editable). */
  withInputs?: YamlInsertionPoint | null;
  /** The step's list-item line start offset and indentation, for fixes that add `with:`. */
  stepInsertion?: YamlInsertionPoint | null;
  /** Set by the engine: the parsed Dockerfile this build uses, when found. */
  linkedDockerfile: DockerfileModel | null;
  /**
   * The builder the job set up before this build: null when none was (the
   * default `docker` driver), undefined when unknown (e.g. Jenkins agents,
   * compose files, bake files).
   */
  builder?: BuilderSetup | null;
  /** Docker Engine / Compose versions pinned in the job (setup-docker-action, setup-compose-action). */
  toolchainPins?: { tool: 'engine' | 'compose'; pin: VersionPin }[];
  /** Where `DOCKER_BUILDKIT=0` (or false) is in effect for this build; null when not. */
  buildkitDisabled?: SettingLocation | null;
  /** Paths the job saves/restores with a CI cache (actions/cache, GitLab `cache:`, CircleCI save_cache). */
  persistedPaths?: string[];
  /** True when the job persists BuildKit cache mounts (e.g. buildkit-cache-dance). */
  mountsPersisted?: boolean;
  /** Workflow events that run this build (GitHub Actions). */
  triggers?: string[];
  /**
   * GitHub `run:` builds: true when an earlier step of the job exposes the
   * Actions runtime to the shell (crazy-max/ghaction-github-runtime), which
   * `type=gha` needs outside the docker actions.
   */
  actionsRuntimeExposed?: boolean;
  /** True when the step or job has an `if:` condition. */
  conditional?: boolean;
  /** Bake invocations: the files and targets they build. */
  bake?: BakeInvocation;
  /** Bake targets: the target's name. */
  bakeTarget?: string;
  /**
   * When `file`/`context`/`target` come from a static matrix: what each
   * combination builds (the build's own fields are then null).
   */
  matrixVariants?: MatrixVariant[];
  /** The combinations of the job's static matrix (GitHub Actions), when it has one. */
  matrix?: readonly MatrixValues[];
  /** CircleCI builds reported as `circleci-dlc`: the command's own tool. */
  commandTool?: ImageBuildFact['tool'];
}

/** A parsed CI / build config. @public */
export interface CiConfigModel {
  path: string;
  kind: FileKind;
  file: TextFile;
  builds: ImageBuild[];
  usesSetupBuildx: boolean;
  facts: CiFacts;
  /** Local references (GitLab `include:`, bake `inherits`…) that could not be resolved in the repository. */
  unresolvedReferences?: UnresolvedReference[];
}

/** A reference in a CI config to something not in the repository. @public */
export interface UnresolvedReference {
  /** File the reference is written in. */
  path: string;
  line: number;
  column: number;
  /** What is referenced, e.g. `include: local /ci/build.yml`. */
  reference: string;
}

export function toImageBuildFact(build: ImageBuild): ImageBuildFact {
  const spec = (s: CacheSpecModel, to: boolean): CacheSpec => {
    const out: CacheSpec = { type: s.type, params: { ...s.params } };
    if (to) out.mode = s.mode ?? 'min';
    else if (s.mode) out.mode = s.mode;
    return out;
  };
  return {
    line: build.range.line,
    tool: build.tool,
    dockerfile: build.dockerfile,
    cacheFrom: build.cacheFrom.map(s => spec(s, false)),
    cacheTo: build.cacheTo.map(s => spec(s, true)),
  };
}
