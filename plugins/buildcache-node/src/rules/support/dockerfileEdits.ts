import type {
  DockerfileModel,
  DockerInstruction,
} from '../../dockerfile/model';
import type { MountSpec } from '../../dockerfile/mountSpec';
import type { TextEdit } from '../../engine/ruleTypes';
import type { SourceRange } from '../../model/text';
import type { ShellWord } from '../../shell/parseShell';

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
  let end = model.file.offsetAt(
    mount.valueRange.endLine,
    mount.valueRange.endColumn,
  );
  if (
    mount.raw.length >= 2 &&
    mount.raw.startsWith('"') &&
    mount.raw.endsWith('"')
  )
    end--;
  return { start: end, end, text: `,${key}=${value}` };
}
