import { splitMountFields } from '../dockerfile/mountSpec';
import type { SourceRange } from '../model/text';
import type { CacheSpecModel } from './model';

const EXPRESSION = /\$\{\{|\$\{?[A-Za-z_]|<<\s*[\w.-]+\s*>>|\{\{|\{%|<%/;

/**
 * Parses one `--cache-from`/`--cache-to` value (`type=gha,scope=x,mode=max`,
 * or a bare image ref meaning `type=registry,ref=…`). `${{ … }}` and `$VAR`
 * stay verbatim in params; a spec that is only an expression gets type
 * `unknown`.
 */
export function parseCacheSpec(
  raw: string,
  range: SourceRange | null = null,
): CacheSpecModel {
  const text = raw.trim();
  const unresolved = EXPRESSION.test(text);
  if (!text.includes('=') || /^\$\{\{[^}]*\}\}$/.test(text)) {
    const onlyExpression =
      /^(\$\{\{[\s\S]*\}\}|\$\{?[A-Za-z_][A-Za-z0-9_]*\}?)$/.test(text);
    return onlyExpression
      ? { type: 'unknown', params: { raw: text }, raw, range, unresolved: true }
      : { type: 'registry', params: { ref: text }, raw, range, unresolved };
  }
  const params: Record<string, string> = {};
  let type: string | null = null;
  let mode: 'min' | 'max' | undefined;
  for (const field of splitMountFields(text)) {
    const f = field.text.trim();
    if (f === '') continue;
    const eq = f.indexOf('=');
    const key = (eq < 0 ? f : f.slice(0, eq)).trim();
    let value = eq < 0 ? '' : f.slice(eq + 1).trim();
    if (value.length >= 2 && value.startsWith('"') && value.endsWith('"'))
      value = value.slice(1, -1);
    if (key === 'type') type = value;
    else if (key === 'mode' && (value === 'min' || value === 'max'))
      mode = value;
    else params[key] = value;
  }
  const spec: CacheSpecModel = {
    type: type ?? 'registry',
    params,
    raw,
    range,
    unresolved,
  };
  if (mode) spec.mode = mode;
  else if ('mode' in params) spec.unresolved = true;
  return spec;
}
