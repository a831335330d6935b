import { DockerfileParser, type Instruction } from 'dockerfile-ast';
import { TextFile } from '../model/text';
import { readParserDirectives } from './directives';
import { memoizeArguments } from './argumentsMemo';
import { buildInstruction, type InstructionState } from './instructionModel';
import { imageDefaultsOf, type ImageDefaults } from './imageDefaults';
import type {
  DockerfileModel,
  DockerInstruction,
  DockerStage,
  StageDependency,
} from './model';
import { maskEscapedLineEnds, unmaskerFor } from './escapedLineEnds';
import { collectDockerfileFacts } from './facts';
import { expandVariables } from './variables';

/** A reason a Dockerfile cannot be analyzed, with where. @public */
export interface ParseProblem {
  message: string;
  line: number;
  column: number;
}

export type DockerfileParseResult =
  | { ok: true; model: DockerfileModel }
  | { ok: false; empty: true }
  | { ok: false; empty: false; problem: ParseProblem };

const KEYWORDS = new Set([
  'ADD',
  'ARG',
  'CMD',
  'COPY',
  'ENTRYPOINT',
  'ENV',
  'EXPOSE',
  'FROM',
  'HEALTHCHECK',
  'LABEL',
  'MAINTAINER',
  'ONBUILD',
  'RUN',
  'SHELL',
  'STOPSIGNAL',
  'USER',
  'VOLUME',
  'WORKDIR',
]);

/** Platform ARGs BuildKit predefines for FROM lines; their values depend on the build. */
const PREDEFINED_GLOBAL_ARGS = [
  'BUILDPLATFORM',
  'BUILDOS',
  'BUILDARCH',
  'BUILDVARIANT',
  'TARGETPLATFORM',
  'TARGETOS',
  'TARGETARCH',
  'TARGETVARIANT',
];

/**
 * Parses a Dockerfile into the instruction-level model the rules use. Never
 * throws. `file`: the TextFile of `path` and `text` when there is one.
 */
export function parseDockerfile(
  path: string,
  text: string,
  file: TextFile = new TextFile(path, text),
): DockerfileParseResult {
  const directives = readParserDirectives(file);
  // The escape character is read from the parser directives, which masking
  // never changes (it replaces an escape character, no space, `#`, `=` or
  // line end, and no valid escape value ends with two escape characters):
  // the text masked for the usual `\\` is parsed first, and parsed again
  // only when the directives name another escape character that masks
  // differently.
  const maskedForBackslash = maskEscapedLineEnds(text, '\\');
  let ast = DockerfileParser.parse(maskedForBackslash);
  const escapeChar = ast.getEscapeCharacter();
  if (escapeChar !== '\\') {
    const masked = maskEscapedLineEnds(text, escapeChar);
    if (masked !== maskedForBackslash) ast = DockerfileParser.parse(masked);
  }
  const unmask = unmaskerFor(text, escapeChar);
  const astInstructions = ast.getInstructions();
  if (astInstructions.length === 0) return { ok: false, empty: true };
  for (const node of astInstructions) memoizeArguments(node);

  // the arguments' content is read once, for validation and model
  const argumentContents = astInstructions.map(n => n.getArgumentsContent());
  const problem = validate(astInstructions, argumentContents);
  if (problem) return { ok: false, empty: false, problem };

  const globalScope = new Map<string, string | null>(
    PREDEFINED_GLOBAL_ARGS.map(n => [n, null]),
  );
  const stages: DockerStage[] = [];
  const instructions: DockerInstruction[] = [];
  const globalArgs: DockerInstruction[] = [];
  const finalState: InstructionState[] = [];
  let state: InstructionState | null = null;

  for (const [astIndex, node] of astInstructions.entries()) {
    const keyword = node.getKeyword().toUpperCase();
    if (keyword === 'FROM') {
      if (state) finalState[stages.length - 1] = state;
      const stage = createStage(node, stages, globalScope, unmask);
      stages.push(stage);
      const parent: InstructionState | undefined =
        stage.baseStage !== null ? finalState[stage.baseStage] : undefined;
      // an external image starts with its own user and environment
      const image = parent
        ? null
        : imageDefaultsOf(stage.baseImageExpanded ?? stage.baseImage) ??
          sharedStageDefaults(stage.baseImage, stages, finalState);
      const imageEnv = image?.env ?? [];
      state = {
        scope: new Map(
          parent
            ? [...parent.scope].filter(([k]) => parent.envNames.has(k))
            : imageEnv,
        ),
        envNames: new Set(parent?.envNames ?? imageEnv.map(([k]) => k)),
        user: parent ? parent.user : image?.user ?? null,
        workdir: parent ? parent.workdir : null,
        globalScope,
      };
    }
    const stageIndex = stages.length === 0 ? null : stages.length - 1;
    const effectiveState: InstructionState = state ?? {
      scope: globalScope,
      envNames: new Set(),
      user: 'root',
      workdir: null,
      globalScope,
    };
    const instruction = buildInstruction(
      node,
      instructions.length,
      stageIndex,
      effectiveState,
      file,
      escapeChar,
      unmask,
      argumentContents[astIndex],
    );
    instructions.push(instruction);
    if (stageIndex === null) {
      globalArgs.push(instruction);
    } else {
      stages[stageIndex].instructions.push(instruction);
    }
  }
  for (const stage of stages) collectDependencies(stage, stages);

  const syntax =
    directives.find(d => d.name === 'syntax' && d.effective)?.value ?? null;
  const model: DockerfileModel = {
    path,
    file,
    escapeChar,
    directives,
    syntax,
    stages,
    instructions,
    globalArgs,
    facts: {
      syntaxDirective: syntax,
      stages: [],
      cacheMounts: [],
      packageManagers: [],
    },
  };
  model.facts = collectDockerfileFacts(model);
  return { ok: true, model };
}

/**
 * Errors BuildKit's parser itself reports. A file without FROM still parses
 * (BuildKit's parser test files have none); only building it fails.
 */
function validate(
  nodes: Instruction[],
  argumentContents: (string | null)[],
): ParseProblem | null {
  for (const [i, node] of nodes.entries()) {
    const keyword = node.getKeyword().toUpperCase();
    const start = node.getRange().start;
    const at = { line: start.line + 1, column: start.character + 1 };
    if (!KEYWORDS.has(keyword)) {
      return { ...at, message: `unknown instruction "${node.getKeyword()}"` };
    }
    if (keyword === 'FROM' && node.getArguments().length === 0) {
      return { ...at, message: 'FROM needs an image' };
    }
    const args = argumentContents[i] ?? '';
    if (
      keyword === 'ENV' &&
      node.getArguments().length < 2 &&
      !args.includes('=')
    ) {
      return { ...at, message: 'ENV needs a name and a value' };
    }
    if (
      (keyword === 'RUN' || keyword === 'CMD' || keyword === 'ENTRYPOINT') &&
      isNonStringJsonArray(args)
    ) {
      return {
        ...at,
        message: `${keyword} has a JSON array whose elements are not all strings`,
      };
    }
  }
  return null;
}

/** BuildKit rejects valid JSON arrays with non-string elements (other non-JSON falls back to shell form). */
function isNonStringJsonArray(args: string): boolean {
  const t = args.trim();
  if (!t.startsWith('[')) return false;
  try {
    const parsed: unknown = JSON.parse(t);
    return Array.isArray(parsed) && parsed.some(x => typeof x !== 'string');
  } catch {
    return false;
  }
}

function createStage(
  node: Instruction,
  stages: DockerStage[],
  globalScope: ReadonlyMap<string, string | null>,
  unmask: (value: string) => string,
): DockerStage {
  const args = node.getArguments().map(a => unmask(a.getValue()));
  const baseImage = args[0] ?? '';
  const asIndex = args.findIndex(a => a.toLowerCase() === 'as');
  const name = asIndex >= 0 && args[asIndex + 1] ? args[asIndex + 1] : null;
  const baseImageExpanded = expandVariables(baseImage, globalScope);
  const ref = (baseImageExpanded ?? baseImage).toLowerCase();
  const baseStage = stages.findIndex(
    s => s.name !== null && s.name.toLowerCase() === ref,
  );
  const r = node.getRange();
  const range = {
    line: r.start.line + 1,
    column: r.start.character + 1,
    endLine: r.end.line + 1,
    endColumn: r.end.character + 1,
  };
  return {
    index: stages.length,
    name,
    line: range.line,
    range,
    baseImage,
    baseImageExpanded,
    baseStage: baseStage >= 0 ? baseStage : null,
    instructions: [],
    dependencies: [],
  };
}

/** Resolves a `--from` reference to a stage index (by name or number). */
export function resolveStageReference(
  reference: string | null,
  stages: readonly DockerStage[],
  self: number,
): { stage: number | null; unresolved: boolean } {
  if (reference === null) return { stage: null, unresolved: true };
  const ref = reference.toLowerCase();
  if (/^\d+$/.test(ref)) {
    const n = Number(ref);
    return n < stages.length && n !== self
      ? { stage: n, unresolved: false }
      : { stage: null, unresolved: true };
  }
  const found = stages.findIndex(
    s => s.name !== null && s.name.toLowerCase() === ref,
  );
  if (found >= 0 && found !== self) return { stage: found, unresolved: false };
  return { stage: null, unresolved: false };
}

function collectDependencies(
  stage: DockerStage,
  stages: readonly DockerStage[],
): void {
  const deps: StageDependency[] = [];
  deps.push({
    kind: 'from',
    stage: stage.baseStage,
    reference: stage.baseImage,
    unresolved: stage.baseImageExpanded === null,
    line: stage.line,
  });
  for (const ins of stage.instructions) {
    if (ins.keyword === 'COPY' || ins.keyword === 'ADD') {
      for (const flag of ins.flags) {
        if (flag.name !== 'from' || flag.value === null) continue;
        const expanded = expandVariables(flag.value, ins.scope);
        const r = resolveStageReference(expanded, stages, stage.index);
        deps.push({
          kind: 'copy-from',
          stage: r.stage,
          reference: flag.value,
          unresolved: r.unresolved,
          line: ins.range.line,
        });
      }
    }
    for (const mount of ins.mounts) {
      const rawFrom = mount.options.find(o => o.key === 'from')?.value ?? null;
      if (rawFrom === null) continue;
      const r = resolveStageReference(mount.from, stages, stage.index);
      deps.push({
        kind: 'mount-from',
        stage: r.stage,
        reference: rawFrom,
        unresolved: r.unresolved,
        line: ins.range.line,
      });
    }
  }
  stage.dependencies = deps;
}

/**
 * `FROM base-${TARGETARCH}` names one of the earlier stages matching the
 * pattern: when every such stage ends as the same user (and HOME), that
 * user is known whichever is chosen.
 */
function sharedStageDefaults(
  reference: string,
  stages: readonly DockerStage[],
  finalState: readonly InstructionState[],
): ImageDefaults | null {
  if (!reference.includes('$')) return null;
  const pattern = new RegExp(
    `^${reference
      .split(/\$\{[^}]*\}|\$\w+/)
      .map(part => part.replace(/[.*+?^()|[\]\\{}]/g, '\\$&'))
      .join('.+')}$`,
    'i',
  );
  const states = stages
    .map((s, i) => (s.name && pattern.test(s.name) ? finalState[i] : null))
    .filter((s): s is InstructionState => s !== null && s !== undefined);
  if (states.length === 0) return null;
  const [first] = states;
  const home = (st: InstructionState) =>
    st.envNames.has('HOME') ? st.scope.get('HOME') : undefined;
  if (
    first.user === null ||
    states.some(st => st.user !== first.user || home(st) !== home(first))
  )
    return null;
  const h = home(first);
  return {
    user: first.user,
    uid: first.user === 'root' ? '0' : '',
    gid: first.user === 'root' ? '0' : '',
    env: typeof h === 'string' ? [['HOME', h]] : [],
  };
}
