import { existsSync } from 'node:fs';
import * as nodePath from 'node:path';
import { pathToFileURL } from 'node:url';
import { resolvePackagePath } from '@backstage/backend-plugin-api';

/**
 * The default base of rule docs links (SARIF `helpUri`): the `docs/` folder
 * of the buildcache repository this analyzer runs from, as a `file://` URL
 * (absolute, so SARIF consumers accept it). Deployments that publish the
 * docs set `docsBaseUrl` in the CLI config or `BUILDCACHE_DOCS_BASE_URL`.
 */
export function defaultDocsBaseUrl(cwd: string): string {
  let dir: string;
  try {
    dir = resolvePackagePath('@buildcache/plugin-buildcache-node');
  } catch {
    dir = nodePath.resolve(cwd);
  }
  for (let i = 0; i < 8; i++) {
    if (existsSync(nodePath.join(dir, 'backstage.json')))
      return pathToFileURL(`${nodePath.join(dir, 'docs')}/`).href;
    const parent = nodePath.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return pathToFileURL(`${nodePath.resolve(cwd, 'docs')}/`).href;
}
