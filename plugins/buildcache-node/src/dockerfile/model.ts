import type { DockerfileFacts } from '@buildcache/plugin-buildcache-common';
import type { SourceRange, TextFile } from '../model/text';
import type { ShellCommand } from '../shell/parseShell';
import type { MountSpec } from './mountSpec';
import type { VariableScope } from './variables';

/** A `--name=value` flag of an instruction. @public */
export interface InstructionFlag {
  name: string;
  value: string | null;
  range: SourceRange;
  valueRange: SourceRange | null;
}

/** A heredoc of a RUN/COPY instruction. @public */
export interface HeredocModel {
  name: string;
  content: string;
  range: SourceRange;
}

/** One Dockerfile instruction, with positions and the state it runs in. @public */
export interface DockerInstruction {
  /** Index in {@link DockerfileModel.instructions}. */
  index: number;
  /** Upper-case keyword, e.g. `RUN`. */
  keyword: string;
  range: SourceRange;
  keywordRange: SourceRange;
  /** Stage index, or null for ARGs before the first FROM. */
  stage: number | null;
  /** Argument text with flags removed and continuations joined. */
  arguments: string;
  /** Offset in the file where the (raw) arguments start, after the flags. */
  argumentsOffset: number;
  flags: InstructionFlag[];
  heredocs: HeredocModel[];
  /** ARG/ENV visible to this instruction. */
  scope: VariableScope;
  /** The user the instruction runs as: `root` by default; null when unresolvable. */
  user: string | null;
  /** Absolute WORKDIR, or null when unknown (base image default or unresolvable). */
  workdir: string | null;
  /** RUN only: parsed `--mount` flags. */
  mounts: MountSpec[];
  /** RUN only: the shell commands (heredoc bodies included). */
  commands: ShellCommand[];
  /**
   * True when `ShellWord` offsets of {@link commands} plus
   * {@link argumentsOffset} are exact file offsets (shell form, `\` escape).
   */
  commandOffsetsExact: boolean;
  /** True for the JSON (exec) form `["…"]`. */
  jsonForm: boolean;
}

/** How one stage uses another stage or image. @public */
export interface StageDependency {
  kind: 'from' | 'copy-from' | 'mount-from';
  /** Index of the referenced stage, or null for an external image / unresolvable name. */
  stage: number | null;
  /** Reference as written. */
  reference: string;
  unresolved: boolean;
  line: number;
}

/** A build stage (`FROM … [AS name]`). @public */
export interface DockerStage {
  index: number;
  name: string | null;
  line: number;
  range: SourceRange;
  /** Base image as written. */
  baseImage: string;
  /** Base image after expansion of global ARGs, null when unresolvable. */
  baseImageExpanded: string | null;
  /** Index of the stage this one is built FROM, when it is a stage. */
  baseStage: number | null;
  instructions: DockerInstruction[];
  dependencies: StageDependency[];
}

/** A parser directive (`# syntax=…`, `# escape=…`). @public */
export interface ParserDirectiveModel {
  name: string;
  value: string;
  line: number;
  /** False when it appears after another line, so BuildKit reads it as a comment. */
  effective: boolean;
}

/** Everything the rules know about one Dockerfile. @public */
export interface DockerfileModel {
  path: string;
  file: TextFile;
  escapeChar: string;
  directives: ParserDirectiveModel[];
  /** Value of the effective `syntax` directive. */
  syntax: string | null;
  stages: DockerStage[];
  /** All instructions in file order, global ARGs included. */
  instructions: DockerInstruction[];
  /** ARG instructions before the first FROM. */
  globalArgs: DockerInstruction[];
  facts: DockerfileFacts;
}
