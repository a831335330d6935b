import { promises as fs } from 'node:fs';
import path from 'node:path';
import { FileWithMode } from './store';

/**
 * Reads every regular file under `dir` (skipping `.git`) into a files map
 * for a seed repository. Executable files keep mode 100755. Symbolic links
 * and other special files are skipped, never followed, so seeding cannot
 * read outside `dir`.
 */
export async function seedFromDirectory(
  dir: string,
): Promise<Record<string, FileWithMode>> {
  const root = path.resolve(dir);
  const files: Record<string, FileWithMode> = {};
  async function walk(current: string, prefix: string): Promise<void> {
    const entries = await fs.readdir(current, { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : 1));
    for (const entry of entries) {
      if (entry.name === '.git') continue;
      const full = path.join(current, entry.name);
      const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        await walk(full, relative);
      } else if (entry.isFile()) {
        const [content, stat] = await Promise.all([
          fs.readFile(full),
          fs.stat(full),
        ]);
        files[relative] = {
          content,
          // eslint-disable-next-line no-bitwise
          mode: stat.mode & 0o111 ? '100755' : '100644',
        };
      }
    }
  }
  await walk(root, '');
  return files;
}
