import type { ScmIntegrationRegistry } from '@backstage/integration';

/**
 * A browser link to a line of a file in the scanned tree, via the SCM
 * integration of its host. Null for local directories (no web view) or when
 * the URL cannot be resolved.
 */
export function scmLineUrl(
  integrations: ScmIntegrationRegistry,
  sourceUrl: string | null,
  path: string,
  line?: number,
): string | null {
  if (!sourceUrl || sourceUrl.startsWith('file:')) {
    return null;
  }
  try {
    const base = sourceUrl.endsWith('/') ? sourceUrl : `${sourceUrl}/`;
    return integrations.resolveUrl({ url: path, base, lineNumber: line });
  } catch {
    return null;
  }
}
