import type { CacheSpecModel, ImageBuild } from '../../ci/model';
import type { TextEdit } from '../../engine/ruleTypes';
import type { TextFile } from '../../model/text';
import { writtenSpec } from './cacheSpecs';
import { addStepInputs } from './yamlEdits';

/**
 * An edit adding a `cache-from`/`cache-to` value next to an existing spec
 * of the build: a step input (build-push-action), a CLI option before the
 * existing option (shell lines), or an attribute line (bake HCL). Null when
 * the layout does not allow a safe edit.
 */
export function addCacheOption(
  file: TextFile | undefined,
  build: ImageBuild,
  beside: CacheSpecModel,
  side: 'cache-from' | 'cache-to',
  value: string,
): TextEdit | null {
  if (!file) return null;
  if (build.tool === 'build-push-action') {
    if (build[side === 'cache-from' ? 'cacheFrom' : 'cacheTo'].length > 0)
      return null;
    return addStepInputs(file, build, [[side, value]]);
  }
  const w = writtenSpec(file, beside);
  if (!w || !beside.range) return null;
  const line = file.lineText(beside.range.line);
  const lineStart = file.offsetAt(beside.range.line, 1);
  const before = line.slice(0, beside.range.column - 1);
  if (
    build.kind === 'bake' &&
    /^\s*cache-(from|to)\s*=\s*\[?\s*"$/.test(before)
  ) {
    if (build[side === 'cache-from' ? 'cacheFrom' : 'cacheTo'].length > 0)
      return null;
    const indent = /^\s*/.exec(line)?.[0] ?? '';
    const at = lineStart + line.length;
    return { start: at, end: at, text: `\n${indent}${side} = ["${value}"]` };
  }
  const shellTools = ['buildx-build', 'docker-build', 'circleci-dlc'];
  if (!shellTools.includes(build.tool)) return null;
  const m = /--cache-(from|to)(=|\s+)["']?$/.exec(before);
  if (!m) return null;
  const at = lineStart + m.index;
  const quote = /[\s;&|]/.test(value) ? "'" : '';
  return { start: at, end: at, text: `--${side} ${quote}${value}${quote} ` };
}

/** The read side of an exported cache (what `cache-from` should say to read what `spec` writes). */
export function readSideOf(
  spec: CacheSpecModel,
  tags: string[],
): string | null {
  const p = spec.params;
  switch (spec.type) {
    case 'gha':
      return [
        'type=gha',
        ...(p.scope ? [`scope=${p.scope}`] : []),
        ...(p.url ? [`url=${p.url}`] : []),
      ].join(',');
    case 'registry':
      return p.ref ? `type=registry,ref=${p.ref}` : null;
    case 'local':
      return p.dest ? `type=local,src=${p.dest}` : null;
    case 's3':
    case 'azblob': {
      const keep = Object.entries(p).filter(
        ([k]) =>
          !/^(mode|ignore-error|image-manifest|oci-mediatypes|compression.*|force-compression|touch_refresh|upload_parallelism)$/.test(
            k,
          ),
      );
      return [`type=${spec.type}`, ...keep.map(([k, v]) => `${k}=${v}`)].join(
        ',',
      );
    }
    case 'inline':
      return tags.length > 0 ? `type=registry,ref=${tags[0]}` : null;
    default:
      return null;
  }
}

/** The write side for a cache that is only read. */
export function writeSideOf(spec: CacheSpecModel): string | null {
  const p = spec.params;
  switch (spec.type) {
    case 'gha':
      return [
        'type=gha',
        ...(p.scope ? [`scope=${p.scope}`] : []),
        'mode=max',
      ].join(',');
    case 'registry':
      return p.ref ? `type=registry,ref=${p.ref},mode=max` : null;
    case 'local':
      return p.src ? `type=local,dest=${p.src},mode=max` : null;
    default:
      return null;
  }
}
