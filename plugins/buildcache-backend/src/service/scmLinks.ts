import type { ScmIntegrationRegistry } from '@backstage/integration';

/**
 * A source location as a base that relative paths resolve inside: a folder
 * URL gets its trailing slash; a query-addressed one (Azure DevOps:
 * `?path=/&version=…`) keeps its query as it is.
 */
export function folderUrl(sourceUrl: string): string {
  return sourceUrl.endsWith('/') || sourceUrl.includes('?')
    ? sourceUrl
    : `${sourceUrl}/`;
}

/**
 * A browser link to a line of a file in the scanned tree, via the SCM
 * integration of its host (GitHub, GitLab, Bitbucket Cloud and Server,
 * Azure DevOps and any other @backstage/integration knows). Null for local
 * directories (no web view: the portal's source view shows those) or when
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
    const url = integrations.resolveUrl({
      url: path,
      base: folderUrl(sourceUrl),
      lineNumber: line,
    });
    return asFileView(integrations, url);
  } catch {
    return null;
  }
}

/**
 * Source locations name a tree (`…/tree/main/`); a file is viewed as a blob
 * on GitHub and GitLab, where the tree URL of a file only redirects and the
 * line anchor may be lost on the way.
 */
function asFileView(integrations: ScmIntegrationRegistry, url: string) {
  const type = integrations.byUrl(url)?.type;
  if (type === 'github') {
    return url.replace(/^(https?:\/\/[^/]+\/[^/]+\/[^/]+)\/tree\//, '$1/blob/');
  }
  if (type === 'gitlab') {
    return url.replace(/\/-\/tree\//, '/-/blob/');
  }
  return url;
}
