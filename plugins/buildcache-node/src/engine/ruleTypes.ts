import type {
  FindingFix,
  RuleMetadata,
  Severity,
} from '@buildcache/plugin-buildcache-common';
import type { CiConfigModel, ImageBuild } from '../ci/model';
import type { DockerfileModel, DockerInstruction } from '../dockerfile/model';
import type { SkipReason } from '../input/decodeFile';
import type { SourceRange, TextFile } from '../model/text';
import type { IgnorePragma } from './pragmas';

/** Rule metadata plus what the engine and docs need. @public */
export interface RuleMeta extends RuleMetadata {
  /** Path of the rule's docs page relative to the docs root, e.g. `rules/BC1001.md`. */
  docsPath?: string;
  /** True when the rule can offer a mechanical fix (a diff). */
  fixable: boolean;
}

/** A finding as a rule reports it; the engine adds the rule id, suppression and final severity. @public */
export interface RuleFinding extends SourceRange {
  path: string;
  message: string;
  /** Overrides `meta.severity` for this finding (e.g. an error variant). */
  severity?: Severity;
  /**
   * Line whose preceding comment block may hold a `# buildcache-ignore`
   * pragma (the instruction's or step's first line). Defaults to `line`.
   */
  anchorLine?: number;
  fix?: FindingFix | null;
}

/** A text replacement: `[start, end)` offsets in the file's text. @public */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

/** A file that could not be analyzed (BC9001 parse error, BC9002 skipped). @public */
export type AnalysisProblem =
  | {
      kind: 'parse-error';
      path: string;
      message: string;
      line: number;
      column: number;
    }
  | { kind: 'skipped'; path: string; reason: SkipReason; message: string };

/** What a rule sees: every parsed input of one repository, plus helpers. @public */
export interface RuleContext {
  /** Id of the rule being run. */
  readonly ruleId: string;
  /** Every decoded text file by repo-relative path (Dockerfiles, CI configs, .dockerignore files…). */
  readonly files: ReadonlyMap<string, TextFile>;
  readonly dockerfiles: readonly DockerfileModel[];
  readonly ciConfigs: readonly CiConfigModel[];
  /** All image builds of all CI/build configs, each linked to its Dockerfile when found. */
  readonly imageBuilds: readonly ImageBuild[];
  /** Top-level directory names present in the repository (e.g. `.git`, `node_modules`). */
  readonly presentDirectories: readonly string[];
  readonly problems: readonly AnalysisProblem[];
  readonly pragmas: readonly IgnorePragma[];
  /** The parsed Dockerfile at a repo-relative path. */
  dockerfile(path: string): DockerfileModel | undefined;
  /** Image builds linked to a Dockerfile. */
  buildsOf(dockerfile: DockerfileModel): ImageBuild[];
  /** A finding at a range of a file. */
  report(
    path: string,
    range: SourceRange,
    message: string,
    options?: ReportOptions,
  ): RuleFinding;
  /** A finding on an instruction (anchor for pragmas: the instruction's first line). */
  reportInstruction(
    dockerfile: DockerfileModel,
    instruction: DockerInstruction,
    message: string,
    options?: ReportOptions,
  ): RuleFinding;
  /** A finding on an image build (anchor for pragmas: the step). */
  reportBuild(
    build: ImageBuild,
    message: string,
    options?: ReportOptions,
  ): RuleFinding;
  /** A fix whose diff applies `edits` to the file; `diff` is null when `edits` is empty. */
  createFix(
    path: string,
    description: string,
    edits: readonly TextEdit[],
  ): FindingFix;
}

/** Options of the `report*` helpers. @public */
export interface ReportOptions {
  /** A narrower range than the default (the instruction or step). */
  range?: SourceRange;
  severity?: Severity;
  fix?: FindingFix | null;
}

/** A buildcache rule. @public */
export interface Rule {
  meta: RuleMeta;
  check(context: RuleContext): RuleFinding[];
}
