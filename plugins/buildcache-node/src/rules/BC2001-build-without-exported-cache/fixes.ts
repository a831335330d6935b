import type { ImageBuild } from '../../ci/model';
import type { RuleContext, TextEdit } from '../../engine/ruleTypes';
import type { TextFile } from '../../model/text';
import { addStepInputs } from '../support/yamlEdits';

/** A fix as BC2001 offers it: edits, or the reason there is no mechanical one. */
export type CacheFix =
  | { description: string; edits: TextEdit[] }
  | { description: string; reason: string };

const SHELL_BUILD = /^(?:sudo\s+)?docker\s+(?:buildx\s+)?build(?=[ \t])/;
const HAS_OUTPUT = /(^|\s)(--load|--push|--output|-o)(\s|=|$)/;

/** `- uses: <action>` inserted as a step right before the build's step. */
function stepBefore(
  file: TextFile,
  build: ImageBuild,
  action: string,
): TextEdit | null {
  const m = /^(\s*)- /.exec(file.lineText(build.anchorLine));
  if (!m) return null;
  const at = file.offsetAt(build.anchorLine, 1);
  return { start: at, end: at, text: `${m[1]}- uses: ${action}\n` };
}

/**
 * `docker build` / `docker buildx build` in a GitHub `run:` step: the gha
 * cache flags after `build` (and `--load`, so a container builder still
 * leaves the image in the local store, unless the command outputs
 * elsewhere), and the step that exposes the Actions runtime to the shell.
 * The container builder itself comes with BC2008's companion fix.
 */
export function githubShellFix(
  context: RuleContext,
  build: ImageBuild,
  scope: string,
): CacheFix {
  const description = `Export and import the layer cache with type=gha (scope ${scope})`;
  const file = context.files.get(build.path);
  const none = (reason: string): CacheFix => ({ description, reason });
  if (!file) return none('the workflow file is not available');
  const start = file.offsetAt(build.range.line, build.range.column);
  const end = file.offsetAt(build.range.endLine, build.range.endColumn);
  const command = file.text.slice(start, end);
  const m = SHELL_BUILD.exec(command);
  if (!m)
    return none(
      'the command is not written as a plain docker build line the fix can extend',
    );
  const flags = [
    `--cache-from type=gha,scope=${scope}`,
    `--cache-to type=gha,mode=max,scope=${scope}`,
    ...(HAS_OUTPUT.test(command) ? [] : ['--load']),
  ];
  const edits: TextEdit[] = [
    {
      start: start + m[0].length,
      end: start + m[0].length,
      text: ` ${flags.join(' ')}`,
    },
  ];
  if (!build.actionsRuntimeExposed) {
    const runtime = stepBefore(
      file,
      build,
      'crazy-max/ghaction-github-runtime@v3',
    );
    if (!runtime) return none('the step is not a plain `- ` list item');
    edits.push(runtime);
  }
  return { description, edits };
}

/**
 * docker/bake-action: `set:` lines giving each target it builds its own gha
 * scope. No diff where the step already has `set:` or its targets come from
 * the matrix (each job builds one of them).
 */
export function bakeActionFix(
  context: RuleContext,
  build: ImageBuild,
): CacheFix {
  const names = (build.bake?.resolved ?? []).map(t => t.bakeTarget ?? '');
  const description = `Export and import each target's layer cache with type=gha (scope = target name)`;
  const none = (reason: string): CacheFix => ({ description, reason });
  if (names.length === 0 || names.some(n => !/^[\w.-]+$/.test(n)))
    return none('the targets it builds are not all known by name');
  if (build.bake?.fromMatrix)
    return none(
      'its targets come from the job matrix; add `set: *.cache-to=type=gha,mode=max,scope=<the matrix value>` and the matching cache-from',
    );
  const file = context.files.get(build.path);
  const line = file?.text.slice(
    file.offsetAt(build.range.line, 1),
    file.offsetAt(build.range.endLine, build.range.endColumn),
  );
  if (!file || /^\s*set\s*:/m.test(line ?? ''))
    return none(
      'the step already has `set:` entries the fix would have to merge with',
    );
  const pad = ' '.repeat(
    (build.withInputs?.indent ?? build.stepInsertion?.indent ?? 0) + 2,
  );
  const entries = names.flatMap(n => [
    `${n}.cache-from=type=gha,scope=${n}`,
    `${n}.cache-to=type=gha,mode=max,scope=${n}`,
  ]);
  const edit = addStepInputs(file, build, [
    ['set', `|\n${entries.map(e => `${pad}${e}`).join('\n')}`],
  ]);
  return edit
    ? { description, edits: [edit] }
    : none('the step layout does not allow a safe edit');
}
