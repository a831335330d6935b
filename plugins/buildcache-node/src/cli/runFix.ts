import { promises as fs } from 'node:fs';
import * as nodePath from 'node:path';
import { combineFixes, type CombinedFixes } from '../engine/combineFixes';
import type { RepoFile } from '../input/repoFile';
import { normalizeRepoPath } from '../model/text';
import type { CliConfig } from './loadConfig';
import type { FixArgs } from './parseArgs';

/** Where `fix` writes; the same shape as the CLI's io. */
interface FixIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

/** A file the patch cannot be written to; nothing is written then. */
class WriteRefused extends Error {}

function summarize(result: CombinedFixes): string {
  const fixed = result.patches.reduce((n, p) => n + p.fixed.length, 0);
  const noDiff = result.remaining.length;
  return `${fixed} findings fixed in ${result.patches.length} files; ${noDiff} left without a safe automatic fix`;
}

/**
 * Checks that every patched file still has the bytes that were analyzed
 * (not changed since, written back unchanged as UTF-8), before anything is
 * written.
 */
async function checkTargets(
  dir: string,
  files: readonly RepoFile[],
  result: CombinedFixes,
): Promise<void> {
  for (const patch of result.patches) {
    const analyzed = files.find(f => normalizeRepoPath(f.path) === patch.path);
    const absolute = nodePath.join(dir, patch.path);
    const now = await fs.readFile(absolute).catch(() => null);
    if (!analyzed || now === null)
      throw new WriteRefused(`${patch.path}: cannot be read any more`);
    if (!now.equals(analyzed.content))
      throw new WriteRefused(
        `${patch.path}: changed since it was analyzed; run fix again`,
      );
    if (!Buffer.from(patch.before, 'utf8').equals(now))
      throw new WriteRefused(
        `${patch.path}: not plain UTF-8 text as read (byte order mark or invalid bytes); apply the printed patch by hand`,
      );
  }
}

/** `buildcache fix`: prints the combined patch, or writes it with --write. */
export async function runFix(
  args: FixArgs,
  config: CliConfig,
  dir: string,
  tree: {
    files: RepoFile[];
    presentDirectories: string[];
    skippedFiles: NonNullable<
      Parameters<typeof combineFixes>[1]
    >['skippedFiles'];
  },
  io: FixIo,
): Promise<number> {
  const result = combineFixes(tree.files, {
    root: args.dir,
    ruleConfig: config.rules,
    maxFileBytes: config.maxFileBytes,
    presentDirectories: tree.presentDirectories,
    skippedFiles: tree.skippedFiles,
    ruleIds: args.rules.length > 0 ? args.rules : undefined,
  });
  const patch = result.patches.map(p => p.diff).join('');
  if (!args.write) {
    io.stdout(patch);
    io.stderr(
      `buildcache: ${summarize(result)} (dry run; --write applies it)\n`,
    );
    return 0;
  }
  try {
    await checkTargets(dir, tree.files, result);
  } catch (e) {
    if (!(e instanceof WriteRefused)) throw e;
    io.stderr(`buildcache: nothing written: ${e.message}\n`);
    return 2;
  }
  // write every file beside its target first, then move them in place
  const staged: Array<[string, string]> = [];
  try {
    for (const p of result.patches) {
      const target = nodePath.join(dir, p.path);
      const temp = `${target}.buildcache-fix.tmp`;
      await fs.writeFile(temp, p.after, 'utf8');
      staged.push([temp, target]);
    }
  } catch (e) {
    await Promise.all(staged.map(([temp]) => fs.rm(temp, { force: true })));
    io.stderr(
      `buildcache: nothing written: ${e instanceof Error ? e.message : e}\n`,
    );
    return 2;
  }
  for (const [temp, target] of staged) await fs.rename(temp, target);
  for (const p of result.patches)
    io.stderr(`buildcache: fixed ${p.path} (${p.fixed.length} findings)\n`);
  io.stderr(`buildcache: ${summarize(result)}\n`);
  return 0;
}
