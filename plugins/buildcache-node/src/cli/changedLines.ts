import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Lines changed per repo-relative path; `'all'` for a new file. */
export type ChangedLines = Map<string, Set<number> | 'all'>;

/** Thrown when git cannot tell what changed (not a repository, bad ref). */
export class DiffBaseError extends Error {}

async function git(dir: string, args: string[]): Promise<string> {
  try {
    const { stdout } = await run('git', ['-C', dir, ...args], {
      maxBuffer: 256 * 1024 * 1024,
    });
    return stdout;
  } catch (e) {
    const stderr = (e as { stderr?: string }).stderr?.trim();
    throw new DiffBaseError(
      stderr || (e instanceof Error ? e.message : String(e)),
    );
  }
}

/**
 * Reads `git diff --unified=0 <ref>` (paths relative to `dir`) into the
 * lines each file gained or changed since `ref`, working tree included;
 * untracked files count as wholly new. A pure deletion marks the lines
 * around it, where a finding about what was removed would sit.
 */
export function parseUnifiedDiff(diff: string): ChangedLines {
  const changed: ChangedLines = new Map();
  let path: string | null = null;
  for (const line of diff.split('\n')) {
    if (line.startsWith('+++ ')) {
      const name = line.slice(4).replace(/\t.*$/, '');
      path = name === '/dev/null' ? null : name.replace(/^b\//, '');
      continue;
    }
    const hunk = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/.exec(line);
    if (!hunk || path === null) continue;
    const start = Number(hunk[1]);
    const count = hunk[2] === undefined ? 1 : Number(hunk[2]);
    let lines = changed.get(path);
    if (lines === 'all') continue;
    if (!lines) changed.set(path, (lines = new Set()));
    if (count === 0) {
      lines.add(Math.max(start, 1));
      lines.add(start + 1);
    } else for (let l = start; l < start + count; l++) lines.add(l);
  }
  return changed;
}

/** What changed under `dir` since `ref` (commits and working tree). */
export async function changedLinesSince(
  dir: string,
  ref: string,
): Promise<ChangedLines> {
  if (ref.startsWith('-'))
    throw new DiffBaseError(`"${ref}" is not a git revision`);
  await git(dir, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]).catch(
    () => {
      throw new DiffBaseError(`unknown git revision "${ref}"`);
    },
  );
  const diff = await git(dir, [
    'diff',
    '--relative',
    '--unified=0',
    '--no-color',
    '--no-ext-diff',
    ref,
    '--',
  ]);
  const changed = parseUnifiedDiff(diff);
  const untracked = await git(dir, [
    'ls-files',
    '--others',
    '--exclude-standard',
  ]);
  for (const path of untracked.split('\n').filter(Boolean))
    changed.set(path, 'all');
  return changed;
}

/** True when a finding's lines touch a changed line of its file. */
export function touchesChange(
  changed: ChangedLines,
  f: { path: string; line: number; endLine: number },
): boolean {
  const lines = changed.get(f.path);
  if (!lines) return false;
  if (lines === 'all') return true;
  for (let l = f.line; l <= Math.max(f.line, f.endLine); l++)
    if (lines.has(l)) return true;
  return false;
}
