import type { Node } from 'yaml';
import type { SourceRange, TextFile } from '../model/text';
import type { ShellBuild } from './buildCommands';
import { parseCacheSpec } from './cacheSpec';
import type {
  CacheSpecModel,
  ImageBuild,
  SettingLocation,
  VersionPin,
} from './model';
import type { ScriptLocator } from './shellJobState';
import {
  getIn,
  nodeRange,
  scalarPositionMapper,
  scalarText,
  type YamlSource,
} from './yamlDocument';

/** One line of a list-valued input with its offset in the scalar's value. */
export interface ListItem {
  text: string;
  offset: number;
  node: Node;
}

/** Reads a scalar as a list (newline-separated, `#` lines skipped; optionally also comma-separated). */
export function readList(
  y: YamlSource,
  node: Node | null,
  commas = false,
): ListItem[] {
  const text = scalarText(y, node);
  if (node === null || text === null) return [];
  const out: ListItem[] = [];
  let offset = 0;
  for (const line of text.split('\n')) {
    const parts = commas ? line.split(',') : [line];
    let within = 0;
    for (const part of parts) {
      const lead = part.length - part.trimStart().length;
      const t = part.trim();
      if (t !== '' && !t.startsWith('#'))
        out.push({ text: t, offset: offset + within + lead, node });
      within += part.length + 1;
    }
    offset += line.length + 1;
  }
  return out;
}

/** Reads an input that may be a YAML sequence of scalars or a (multi-line / CSV) string. */
export function readListOrSeq(
  y: YamlSource,
  node: Node | null,
  commas = true,
): string[] {
  if (node === null) return [];
  if (scalarText(y, node) !== null)
    return readList(y, node, commas).map(i => i.text);
  const seq = node as { items?: unknown[] };
  if (!Array.isArray(seq.items)) return [];
  return seq.items
    .map(i => scalarText(y, i))
    .filter((s): s is string => s !== null && s.trim() !== '');
}

/** The exact file range of `length` characters at `offset` of a scalar's value, when it can be mapped. */
export function exactRange(
  y: YamlSource,
  node: Node,
  offset: number,
  text: string,
): SourceRange | null {
  const map = scalarPositionMapper(y, node);
  const s = map(offset);
  const e = map(offset + text.length);
  const exact =
    s.line === e.line &&
    y.file.lineText(s.line).slice(s.column - 1, e.column - 1) === text;
  return exact
    ? { line: s.line, column: s.column, endLine: e.line, endColumn: e.column }
    : null;
}

/** Cache specs of a list input (`cache-from`, `cache-to`), each located in the file when possible. */
export function cacheSpecsOf(
  y: YamlSource,
  withNode: Node | null,
  key: string,
): CacheSpecModel[] {
  return readList(y, getIn(y, withNode, key)).map(item =>
    parseCacheSpec(item.text, exactRange(y, item.node, item.offset, item.text)),
  );
}

/** A pin (`version: v0.10.5`) read from a mapping key, located at its value. */
export function versionPinOf(
  y: YamlSource,
  mapping: Node | null,
  key: string,
  path: string,
  anchorLine: number,
): VersionPin | null {
  const node = getIn(y, mapping, key);
  const value = scalarText(y, node);
  if (node === null || value === null || value.trim() === '') return null;
  return { value: value.trim(), path, range: nodeRange(y, node), anchorLine };
}

/** `image=…` inside a `driver-opts` input (list or CSV), located when possible. */
export function imageDriverOpt(
  y: YamlSource,
  mapping: Node | null,
  key: string,
  path: string,
  anchorLine: number,
): VersionPin | null {
  const node = getIn(y, mapping, key);
  for (const item of readList(y, node, true)) {
    const m = /^image=(.+)$/.exec(item.text);
    if (!m || node === null) continue;
    const value = m[1].trim();
    const range =
      exactRange(y, node, item.offset + 6, value) ?? nodeRange(y, node);
    return { value, path, range, anchorLine };
  }
  return null;
}

/** A locator for offsets inside a YAML scalar (a `run:`/`script:` value). */
export function scalarLocator(
  y: YamlSource,
  node: Node,
  path: string,
  anchorLine: number,
): ScriptLocator {
  const toPos = scalarPositionMapper(y, node);
  return (start, end) => {
    const s = toPos(start);
    const e = toPos(end);
    return {
      path,
      anchorLine,
      range: {
        line: s.line,
        column: s.column,
        endLine: e.line,
        endColumn: e.line === s.line ? e.column : s.column,
      },
    };
  };
}

/** The location of a YAML node (e.g. an `env:` value). */
export function nodeLocation(
  y: YamlSource,
  node: Node,
  path: string,
  anchorLine: number,
): SettingLocation {
  return { path, range: nodeRange(y, node), anchorLine };
}

/** Turns a shell build into an ImageBuild, mapping script offsets to file positions. */
export function fromShellBuild(
  sb: ShellBuild,
  base: Pick<
    ImageBuild,
    'path' | 'kind' | 'anchorLine' | 'job' | 'linkedDockerfile'
  >,
  toPos: (offset: number) => { line: number; column: number },
  file: TextFile,
  ephemeral: boolean | null,
): ImageBuild {
  const s = toPos(sb.command.start);
  const e = toPos(sb.command.end);
  for (const spec of [...sb.cacheFrom, ...sb.cacheTo]) {
    const word = sb.cacheWords.get(spec);
    if (!word || spec.range) continue;
    const start = toPos(word.start);
    const end = toPos(word.end);
    const l = start.line;
    const line = file.lineText(l);
    // the spec is inside its word (after `--cache-to=` and any quote)
    const at = line.indexOf(spec.raw, start.column - 1);
    const inWord = end.line !== l || at + spec.raw.length <= end.column - 1;
    if (at >= 0 && inWord) {
      spec.range = {
        line: l,
        column: at + 1,
        endLine: l,
        endColumn: at + 1 + spec.raw.length,
      };
    }
  }
  const build: ImageBuild = {
    ...base,
    tool: sb.tool,
    range: {
      line: s.line,
      column: s.column,
      endLine: e.line,
      endColumn: e.column,
    },
    dockerfile: sb.dockerfile,
    context: sb.context,
    target: sb.target,
    cacheFrom: sb.cacheFrom,
    cacheTo: sb.cacheTo,
    cacheSettingsExternal: sb.cacheSettingsExternal,
    buildArgs: sb.buildArgs,
    platforms: sb.platforms,
    push: sb.push,
    tags: sb.tags,
    ephemeral,
    builder: sb.builder,
    buildkitDisabled: sb.buildkitDisabled,
  };
  if (sb.bake)
    build.bake = {
      files: sb.bake.files,
      cwd: sb.bake.cwd,
      targets: sb.bake.targets,
      resolved: null,
    };
  return build;
}
