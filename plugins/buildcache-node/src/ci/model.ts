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
}

/** A parsed CI / build config. @public */
export interface CiConfigModel {
  path: string;
  kind: FileKind;
  file: TextFile;
  builds: ImageBuild[];
  usesSetupBuildx: boolean;
  facts: CiFacts;
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
