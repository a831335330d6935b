import type { ImageBuild } from '../../ci/model';
import type { TextFile } from '../../model/text';
import type { TextEdit } from '../../engine/ruleTypes';

function lineInsert(file: TextFile, offset: number, lines: string[]): TextEdit {
  const needsNewline =
    offset === file.text.length &&
    file.text.length > 0 &&
    !file.text.endsWith('\n');
  return {
    start: offset,
    end: offset,
    text: `${needsNewline ? '\n' : ''}${lines.join('\n')}\n`,
  };
}

/**
 * Adds `key: value` inputs to a GitHub step's `with:` (creating `with:` when
 * absent). Null when the step's YAML layout does not allow a safe edit.
 */
export function addStepInputs(
  file: TextFile,
  build: ImageBuild,
  inputs: [string, string][],
): TextEdit | null {
  if (build.withInputs) {
    const pad = ' '.repeat(build.withInputs.indent);
    return lineInsert(
      file,
      build.withInputs.offset,
      inputs.map(([k, v]) => `${pad}${k}: ${v}`),
    );
  }
  if (build.withInputs === undefined && build.stepInsertion) {
    const pad = ' '.repeat(build.stepInsertion.indent);
    return lineInsert(file, build.stepInsertion.offset, [
      `${pad}with:`,
      ...inputs.map(([k, v]) => `${pad}  ${k}: ${v}`),
    ]);
  }
  return null;
}
