import type { Instruction } from 'dockerfile-ast';
import {
  normalizeRepoPath,
  type SourceRange,
  type TextFile,
} from '../model/text';
import { parseShellScript, type ShellCommand } from '../shell/parseShell';
import { offsetOfPosition, toSourceRange, type LspRange } from './astPositions';
import type { DockerInstruction, HeredocModel, InstructionFlag } from './model';
import { parseMountSpec, type MountSpec } from './mountSpec';
import { expandVariables } from './variables';

/** Mutable state while walking a stage. */
export interface InstructionState {
  scope: Map<string, string | null>;
  envNames: Set<string>;
  user: string | null;
  workdir: string | null;
  globalScope: ReadonlyMap<string, string | null>;
}

interface AstFlag {
  getName(): string;
  getValue(): string | null;
  getRange(): LspRange;
  getValueRange(): LspRange | null;
}
interface AstProperty {
  getName(): string;
  getValue(): string | null;
}
interface AstHeredoc {
  getName(): string;
  getStartRange(): LspRange;
  getContentRange(): LspRange | null;
  getDelimiterRange(): LspRange | null;
}

function callOptional<T>(node: Instruction, method: string): T | undefined {
  const fn = (node as unknown as Record<string, unknown>)[method];
  return typeof fn === 'function' ? (fn.call(node) as T) : undefined;
}

/** Builds the model of one instruction and applies its effect (ARG/ENV/USER/WORKDIR) to `state`. */
export function buildInstruction(
  node: Instruction,
  index: number,
  stage: number | null,
  state: InstructionState,
  file: TextFile,
  escapeChar: string,
  unmask: (value: string) => string = v => v,
  argumentsContent: string | null = node.getArgumentsContent(),
): DockerInstruction {
  const keyword = node.getKeyword().toUpperCase();
  const scope = scopeSnapshot(state.scope);
  const astFlags = callOptional<AstFlag[]>(node, 'getFlags') ?? [];
  const flags: InstructionFlag[] = astFlags.map(f => {
    const valueRange = f.getValueRange();
    return {
      name: f.getName().toLowerCase(),
      value: nullableUnmask(f.getValue(), unmask),
      range: toSourceRange(f.getRange()),
      valueRange: valueRange ? toSourceRange(valueRange) : null,
    };
  });
  const argsRange = node.getArgumentsRange();
  const range = node.getRange();
  const argumentsOffset = argsRange
    ? offsetOfPosition(file, argsRange.start)
    : offsetOfPosition(file, range.end);
  const endOffset = offsetOfPosition(file, range.end);
  // a heredoc starts with `<<`: reading them costs another scan of the text
  const heredocs = file.text
    .slice(offsetOfPosition(file, range.start), endOffset)
    .includes('<<')
    ? readHeredocs(node, file)
    : [];
  const expand = (v: string) => expandVariables(v, scope, escapeChar);

  const instruction: DockerInstruction = {
    index,
    keyword,
    range: toSourceRange(range),
    keywordRange: toSourceRange(node.getInstructionRange()),
    stage,
    arguments: unmask(argumentsContent ?? ''),
    argumentsOffset,
    flags,
    heredocs,
    scope,
    user: state.user,
    workdir: state.workdir,
    mounts: [],
    commands: [],
    commandOffsetsExact: false,
    jsonForm: false,
  };

  if (keyword === 'RUN') {
    instruction.mounts = astFlags
      .filter(
        f => f.getName().toLowerCase() === 'mount' && f.getValue() !== null,
      )
      .map(f => buildMount(f, file, expand, unmask));
    const raw = file.text.slice(argumentsOffset, endOffset);
    const json = parseJsonForm(raw);
    if (json) {
      instruction.jsonForm = true;
      instruction.commands = parseShellScript(
        json.map(quoteForShell).join(' '),
      );
    } else if (escapeChar === '\\') {
      instruction.commands = parseShellScript(blankContinuationComments(raw));
      instruction.commandOffsetsExact = true;
    } else {
      instruction.commands = parseShellScript(instruction.arguments);
    }
  } else if (stage !== null) {
    applyStateChange(node, keyword, state, expand, unmask);
  } else if (keyword === 'ARG') {
    for (const p of properties(node, unmask)) {
      const v = p.getValue();
      setVariable(
        state.globalScope as Map<string, string | null>,
        p.getName(),
        v === null ? null : expand(v),
      );
    }
  }
  return instruction;
}

/**
 * Each instruction sees the variables as they were before it: a copy of
 * the state's, shared by the instructions that follow until an ARG or ENV
 * changes them (only {@link setVariable} changes a state's variables
 * after its instructions are built; the copies are read only).
 */
const snapshots = new WeakMap<
  Map<string, string | null>,
  Map<string, string | null>
>();

function scopeSnapshot(
  scope: Map<string, string | null>,
): Map<string, string | null> {
  let snapshot = snapshots.get(scope);
  if (!snapshot) {
    snapshot = new Map(scope);
    snapshots.set(scope, snapshot);
  }
  return snapshot;
}

function setVariable(
  scope: Map<string, string | null>,
  name: string,
  value: string | null,
): void {
  scope.set(name, value);
  snapshots.delete(scope);
}

function nullableUnmask(
  value: string | null,
  unmask: (value: string) => string,
): string | null {
  return value === null ? null : unmask(value);
}

function properties(
  node: Instruction,
  unmask: (value: string) => string,
): AstProperty[] {
  return (callOptional<AstProperty[]>(node, 'getProperties') ?? []).map(p => ({
    getName: () => unmask(p.getName()),
    getValue: () => nullableUnmask(p.getValue(), unmask),
  }));
}

function applyStateChange(
  node: Instruction,
  keyword: string,
  state: InstructionState,
  expand: (v: string) => string | null,
  unmask: (value: string) => string,
): void {
  if (keyword === 'ARG') {
    for (const p of properties(node, unmask)) {
      const name = p.getName();
      if (state.envNames.has(name)) continue;
      const v = p.getValue();
      if (v !== null) setVariable(state.scope, name, expand(v));
      else setVariable(state.scope, name, state.globalScope.get(name) ?? null);
    }
  } else if (keyword === 'ENV') {
    const updates = properties(node, unmask).map(p => {
      const v = p.getValue();
      return [p.getName(), v === null ? null : expand(v)] as const;
    });
    for (const [name, value] of updates) {
      setVariable(state.scope, name, value);
      state.envNames.add(name);
    }
  } else if (keyword === 'USER') {
    const written = node.getArguments()[0]?.getValue();
    const arg = written === undefined ? undefined : unmask(written);
    const expanded = arg === undefined ? null : expand(arg);
    state.user = expanded === null ? null : expanded.split(':')[0];
  } else if (keyword === 'WORKDIR') {
    const arg = nullableUnmask(node.getArgumentsContent(), unmask);
    const expanded = arg === null ? null : expand(arg.trim());
    if (expanded === null) state.workdir = null;
    else if (expanded.startsWith('/'))
      state.workdir = `/${normalizeRepoPath(expanded) ?? ''}`;
    else if (state.workdir !== null)
      state.workdir = `/${
        normalizeRepoPath(`${state.workdir}/${expanded}`) ?? ''
      }`;
  }
}

function buildMount(
  flag: AstFlag,
  file: TextFile,
  expand: (v: string) => string | null,
  unmask: (value: string) => string,
): MountSpec {
  const raw = unmask(flag.getValue() ?? '');
  const valueRange = flag.getValueRange() ?? flag.getRange();
  const valueStart = offsetOfPosition(file, valueRange.start);
  const rangeOf = (offset: number, length: number): SourceRange =>
    file.rangeOfOffsets(valueStart + offset, valueStart + offset + length);
  return parseMountSpec(raw, expand, rangeOf, toSourceRange(flag.getRange()));
}

function readHeredocs(node: Instruction, file: TextFile): HeredocModel[] {
  const docs = callOptional<AstHeredoc[]>(node, 'getHeredocs') ?? [];
  return docs.map(h => {
    const content = h.getContentRange();
    const end = h.getDelimiterRange() ?? content ?? h.getStartRange();
    const text = content
      ? file.text.slice(
          offsetOfPosition(file, content.start),
          offsetOfPosition(file, content.end),
        )
      : '';
    return {
      name: h.getName(),
      content: text,
      range: toSourceRange({ start: h.getStartRange().start, end: end.end }),
    };
  });
}

function parseJsonForm(raw: string): string[] | null {
  const t = raw.trim();
  if (!t.startsWith('[') || !t.endsWith(']')) return null;
  try {
    const parsed: unknown = JSON.parse(t);
    if (Array.isArray(parsed) && parsed.every(x => typeof x === 'string'))
      return parsed as string[];
  } catch {
    // not JSON: BuildKit treats it as shell form
  }
  return null;
}

function quoteForShell(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

export type { ShellCommand };

/**
 * Docker drops comment lines inside a continued instruction before the shell
 * sees it. They are blanked here, newline included, with spaces of the same
 * length, so shell word offsets stay exact file offsets.
 */
export function blankContinuationComments(raw: string): string {
  return raw.replace(/(?<=\n)[ \t]*#[^\n]*\n/g, line =>
    ' '.repeat(line.length),
  );
}
