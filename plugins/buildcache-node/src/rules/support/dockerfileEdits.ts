import type {
  DockerfileModel,
  DockerInstruction,
} from '../../dockerfile/model';
import type { MountOption, MountSpec } from '../../dockerfile/mountSpec';
import type { TextEdit } from '../../engine/ruleTypes';
import type { SourceRange } from '../../model/text';
import type { ShellCommand, ShellWord } from '../../shell/parseShell';

/** Inserts flags (e.g. `--mount=…`) right after an instruction's keyword. */
export function insertFlagsAfterKeyword(
  model: DockerfileModel,
  ins: DockerInstruction,
  flags: string[],
): TextEdit {
  const at = model.file.offsetAt(
    ins.keywordRange.endLine,
    ins.keywordRange.endColumn,
  );
  return { start: at, end: at, text: flags.map(f => ` ${f}`).join('') };
}

/** Inserts whole lines before an instruction, with its indentation. */
export function insertLinesBefore(
  model: DockerfileModel,
  ins: DockerInstruction,
  lines: string[],
): TextEdit {
  const lineText = model.file.lineText(ins.range.line);
  const indent = lineText.slice(
    0,
    lineText.length - lineText.trimStart().length,
  );
  const at = model.file.offsetAt(ins.range.line, 1);
  return {
    start: at,
    end: at,
    text: lines.map(l => `${indent}${l}\n`).join(''),
  };
}

/** File range of a shell word of a RUN, when its offsets are exact. */
export function wordRange(
  model: DockerfileModel,
  ins: DockerInstruction,
  word: ShellWord,
): SourceRange | null {
  const offsets = wordOffsets(model, ins, word);
  return offsets ? model.file.rangeOfOffsets(offsets.start, offsets.end) : null;
}

function wordOffsets(
  model: DockerfileModel,
  ins: DockerInstruction,
  word: ShellWord,
): { start: number; end: number } | null {
  if (!ins.commandOffsetsExact) return null;
  const start = ins.argumentsOffset + word.start;
  const end = ins.argumentsOffset + word.end;
  return model.file.text.slice(start, end) === word.text
    ? { start, end }
    : null;
}

/** Removes a shell word and the blanks before it; null when the word cannot be located exactly. */
export function removeWord(
  model: DockerfileModel,
  ins: DockerInstruction,
  word: ShellWord,
): TextEdit | null {
  const o = wordOffsets(model, ins, word);
  if (!o) return null;
  let start = o.start;
  while (
    start > 0 &&
    (model.file.text[start - 1] === ' ' || model.file.text[start - 1] === '\t')
  )
    start--;
  return { start, end: o.end, text: '' };
}

/** Sets `key=value` in a mount flag: replaces an existing option or appends one. */
export function setMountOption(
  model: DockerfileModel,
  mount: MountSpec,
  key: string,
  value: string,
): TextEdit {
  const existing = [...mount.options].reverse().find(o => o.key === key);
  if (existing) {
    const s = model.file.offsetAt(existing.range.line, existing.range.column);
    const e = model.file.offsetAt(
      existing.range.endLine,
      existing.range.endColumn,
    );
    return { start: s, end: e, text: `${key}=${value}` };
  }
  const end = mountValueEnd(model, mount);
  return { start: end, end, text: `,${key}=${value}` };
}

/** Offset where options can be appended to a mount flag (before a closing quote). */
function mountValueEnd(model: DockerfileModel, mount: MountSpec): number {
  const end = model.file.offsetAt(
    mount.valueRange.endLine,
    mount.valueRange.endColumn,
  );
  const quoted =
    mount.raw.length >= 2 &&
    mount.raw.startsWith('"') &&
    mount.raw.endsWith('"');
  return quoted ? end - 1 : end;
}

/**
 * Sets several `key=value` options of one mount flag at once: existing
 * options are replaced in place, missing ones appended in one edit (so the
 * edits never overlap).
 */
export function setMountOptions(
  model: DockerfileModel,
  mount: MountSpec,
  entries: readonly (readonly [string, string])[],
): TextEdit[] {
  const edits: TextEdit[] = [];
  const appended: string[] = [];
  for (const [key, value] of entries) {
    if (mount.options.some(o => o.key === key))
      edits.push(setMountOption(model, mount, key, value));
    else appended.push(`${key}=${value}`);
  }
  if (appended.length > 0) {
    const at = mountValueEnd(model, mount);
    edits.push({ start: at, end: at, text: `,${appended.join(',')}` });
  }
  return edits;
}

/** Exact file offsets of a shell command of a RUN, or null. */
function commandOffsets(
  model: DockerfileModel,
  ins: DockerInstruction,
  cmd: ShellCommand,
): { start: number; end: number } | null {
  if (!ins.commandOffsetsExact || cmd.words.length === 0) return null;
  const first = wordOffsets(model, ins, cmd.words[0]);
  const last = wordOffsets(model, ins, cmd.words[cmd.words.length - 1]);
  if (!first || !last) return null;
  const start = ins.argumentsOffset + cmd.start;
  if (start > first.start || start < ins.argumentsOffset) return null;
  return { start, end: last.end };
}

/** What may stand between two commands of a chain: blanks, line continuations, comment lines inside the continuation, and the operator. */
const SEPARATOR = /^(?:[ \t]|\\\r?\n|\r?\n|#[^\n]*\n|&&|;)*$/;

/**
 * Removes one command of a `&&`/`;` chain together with the operator that
 * joins it to its neighbour. Null when the offsets are not exact, the
 * command is piped, or it is the only command.
 */
export function removeCommand(
  model: DockerfileModel,
  ins: DockerInstruction,
  cmd: ShellCommand,
): TextEdit | null {
  const own = commandOffsets(model, ins, cmd);
  if (!own || cmd.terminator === '|') return null;
  const index = ins.commands.indexOf(cmd);
  const prev = index > 0 ? ins.commands[index - 1] : undefined;
  const next = ins.commands[index + 1];
  const text = model.file.text;
  if (prev && (prev.terminator === '&&' || prev.terminator === ';')) {
    const p = commandOffsets(model, ins, prev);
    if (p && SEPARATOR.test(text.slice(p.end, own.start)))
      return { start: p.end, end: own.end, text: '' };
  }
  if (next && (cmd.terminator === '&&' || cmd.terminator === ';')) {
    const n = commandOffsets(model, ins, next);
    if (n && SEPARATOR.test(text.slice(own.end, n.start)))
      return { start: own.start, end: n.start, text: '' };
  }
  return null;
}

/** Inserts text right before a shell command of a RUN (exact offsets only). */
export function insertBeforeCommand(
  model: DockerfileModel,
  ins: DockerInstruction,
  cmd: ShellCommand,
  text: string,
): TextEdit | null {
  const own = commandOffsets(model, ins, cmd);
  return own ? { start: own.start, end: own.start, text } : null;
}

/** Inserts text right after a shell word of a RUN (exact offsets only). */
export function insertAfterWord(
  model: DockerfileModel,
  ins: DockerInstruction,
  word: ShellWord,
  text: string,
): TextEdit | null {
  const o = wordOffsets(model, ins, word);
  return o ? { start: o.end, end: o.end, text } : null;
}

/** Replaces the value of a mount option (keeps the key as written). */
export function replaceMountOptionValue(
  model: DockerfileModel,
  option: MountOption,
  value: string,
): TextEdit {
  const s = model.file.offsetAt(option.range.line, option.range.column);
  const e = model.file.offsetAt(option.range.endLine, option.range.endColumn);
  const written = model.file.text.slice(s, e);
  const eq = written.indexOf('=');
  return { start: s + eq + 1, end: e, text: value };
}

/**
 * Moves a whole-line instruction (from `fromLine`, e.g. to take its comment
 * along) below another one: removes the lines and re-inserts them after
 * `after`'s last line.
 */
export function moveInstructionBelow(
  model: DockerfileModel,
  ins: DockerInstruction,
  after: DockerInstruction,
  fromLine: number = ins.range.line,
): TextEdit[] {
  const file = model.file;
  const start = file.offsetAt(Math.min(fromLine, ins.range.line), 1);
  const end =
    ins.range.endLine < file.lineCount
      ? file.offsetAt(ins.range.endLine + 1, 1)
      : file.text.length;
  const block = file.text.slice(start, end);
  const at =
    after.range.endLine < file.lineCount
      ? file.offsetAt(after.range.endLine + 1, 1)
      : file.text.length;
  const needsNewline = at === file.text.length && !file.text.endsWith('\n');
  return [
    { start, end, text: '' },
    {
      start: at,
      end: at,
      text: `${needsNewline ? '\n' : ''}${block}${
        block.endsWith('\n') ? '' : '\n'
      }`,
    },
  ];
}
