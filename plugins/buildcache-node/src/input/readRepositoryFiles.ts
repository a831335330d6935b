import { promises as fs } from 'node:fs';
import * as nodePath from 'node:path';
import { isAnalyzerCandidate, SKIPPED_DIRECTORIES } from './candidates';
import { DEFAULT_MAX_FILE_BYTES, type SkippedFile } from './decodeFile';
import type { RepoFile } from './repoFile';

/** Options of {@link readRepositoryFiles}. @public */
export interface ReadRepositoryOptions {
  /** Bytes read per file at most; larger files are passed truncated to one byte over, so the analyzer reports them as too large. */
  maxFileBytes?: number;
  /** Stop after this many candidate files (default 5000). */
  maxFiles?: number;
  /** Which paths to read (default {@link isAnalyzerCandidate}). */
  filter?: (path: string) => boolean;
}

/** Result of {@link readRepositoryFiles}. @public */
export interface RepositoryFiles {
  files: RepoFile[];
  /** Top-level directory names, including skipped ones such as `.git` and `node_modules`. */
  presentDirectories: string[];
  /** Candidate files not read (symlinks leaving the root, unreadable). */
  skippedFiles: SkippedFile[];
}

function isInside(root: string, target: string): boolean {
  const rel = nodePath.relative(root, target);
  return rel === '' || (!rel.startsWith('..') && !nodePath.isAbsolute(rel));
}

async function readPrefix(file: string, maxBytes: number): Promise<Buffer> {
  const handle = await fs.open(file, 'r');
  try {
    const buffer = Buffer.alloc(maxBytes + 1);
    const { bytesRead } = await handle.read(buffer, 0, maxBytes + 1, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/**
 * Walks a directory for the analyzer's candidate files. Skips node_modules,
 * .git and vendored trees, never descends into symlinked directories and
 * never reads a symlink that leads outside the root.
 * @public
 */
export async function readRepositoryFiles(
  dir: string,
  opts: ReadRepositoryOptions = {},
): Promise<RepositoryFiles> {
  const maxBytes = opts.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const maxFiles = opts.maxFiles ?? 5000;
  const filter = opts.filter ?? isAnalyzerCandidate;
  const root = await fs.realpath(dir);
  const result: RepositoryFiles = {
    files: [],
    presentDirectories: [],
    skippedFiles: [],
  };
  const queue: string[] = [''];
  while (queue.length > 0 && result.files.length < maxFiles) {
    const rel = queue.shift() as string;
    let entries;
    try {
      entries = await fs.readdir(nodePath.join(root, rel), {
        withFileTypes: true,
      });
    } catch {
      continue;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : 1));
    for (const entry of entries) {
      const path = rel ? `${rel}/${entry.name}` : entry.name;
      const abs = nodePath.join(root, path);
      if (entry.isDirectory()) {
        if (rel === '') result.presentDirectories.push(entry.name);
        if (!SKIPPED_DIRECTORIES.has(entry.name)) queue.push(path);
        continue;
      }
      if (!filter(path)) continue;
      if (entry.isSymbolicLink()) {
        let target: string;
        try {
          target = await fs.realpath(abs);
        } catch {
          continue; // dangling link
        }
        if (!isInside(root, target)) {
          result.skippedFiles.push({ path, reason: 'symlink-outside-root' });
          continue;
        }
        const stat = await fs.stat(target).catch(() => null);
        if (!stat?.isFile()) continue;
      } else if (!entry.isFile()) continue;
      try {
        result.files.push({ path, content: await readPrefix(abs, maxBytes) });
      } catch {
        result.skippedFiles.push({ path, reason: 'unreadable' });
      }
      if (result.files.length >= maxFiles) break;
    }
  }
  return result;
}
