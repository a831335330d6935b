import type { Entity } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import type { ScmIntegrationRegistry } from '@backstage/integration';
import type { TicketKind } from '@buildcache/plugin-buildcache-common';
import type { TrackerTarget } from './providers/types';

/** Entity annotation choosing where a service's tickets go. */
export const TICKETS_ANNOTATION = 'buildcache.io/tickets';

/** A repository on a GitHub or GitLab host, as read from a source URL. */
export interface SourceRepository {
  target: Extract<TrackerTarget, { provider: 'github' | 'gitlab' }>;
  /** The branch or commit in the source URL (the scanned ref), if any. */
  ref: string | null;
  /** The scanned folder inside the repository ('' for its root, else ending in '/'). */
  pathPrefix: string;
}

/** Where a ticket of one service goes, and the repository its fixes apply to. */
export interface ResolvedTracker {
  target: TrackerTarget;
  /** How the target is stored and shown: github:host/owner/repo, jira:KEY. */
  label: string;
  /** The scanned repository (null when the source is not on GitHub/GitLab). */
  repository: SourceRepository | null;
}

export interface TrackerDefaults {
  /** `source` (the repository's own tracker), `jira` or `jira:KEY`. */
  defaultTracker: string;
  jiraProjectKey: string | null;
}

/** The storage and display form of a target. */
export function targetLabel(target: TrackerTarget): string {
  switch (target.provider) {
    case 'github':
      return `github:${target.host}/${target.owner}/${target.repo}`;
    case 'gitlab':
      return `gitlab:${target.host}/${target.project}`;
    default:
      return `jira:${target.projectKey}`;
  }
}

/** The inverse of targetLabel, for tickets read back from storage. */
export function parseTargetLabel(label: string): TrackerTarget {
  const [provider, ...rest] = label.split(':');
  const path = rest.join(':');
  if (provider === 'jira') return { provider, projectKey: path };
  const [host, ...parts] = path.split('/');
  if (provider === 'github') {
    return { provider, host, owner: parts[0], repo: parts[1] };
  }
  if (provider === 'gitlab') {
    return { provider, host, project: parts.join('/') };
  }
  throw new InputError(`Unknown ticket target ${label}`);
}

/**
 * Reads a GitHub or GitLab repository out of a source URL through the SCM
 * integrations: `https://host/owner/repo/tree/main/sub/` or
 * `https://host/group/sub/project/-/tree/main/sub/`. Null for anything else.
 */
export function parseSourceRepository(
  sourceUrl: string | null,
  integrations: ScmIntegrationRegistry,
): SourceRepository | null {
  if (!sourceUrl || sourceUrl.startsWith('file:')) return null;
  let url: URL;
  try {
    url = new URL(sourceUrl);
  } catch {
    return null;
  }
  const integration = integrations.byUrl(url);
  const segments = url.pathname
    .split('/')
    .filter(Boolean)
    .map(s => decodeURIComponent(s));
  const rest = (parts: string[]) => {
    // parts: ['tree'|'blob', ref, ...folders]
    if (parts.length < 2 || !['tree', 'blob'].includes(parts[0])) {
      return { ref: null, pathPrefix: '' };
    }
    const folders = parts.slice(2).join('/');
    return { ref: parts[1], pathPrefix: folders ? `${folders}/` : '' };
  };
  if (integration?.type === 'github' && segments.length >= 2) {
    return {
      target: {
        provider: 'github',
        host: url.host,
        owner: segments[0],
        repo: segments[1].replace(/\.git$/, ''),
      },
      ...rest(segments.slice(2)),
    };
  }
  if (integration?.type === 'gitlab' && segments.length >= 2) {
    const dash = segments.indexOf('-');
    const project = (dash === -1 ? segments : segments.slice(0, dash))
      .join('/')
      .replace(/\.git$/, '');
    return {
      target: { provider: 'gitlab', host: url.host, project },
      ...(dash === -1
        ? { ref: null, pathPrefix: '' }
        : rest(segments.slice(dash + 1))),
    };
  }
  return null;
}

/**
 * Where a service's ticket of `kind` goes. A pull request always goes to the
 * scanned repository. An issue goes where the entity's `buildcache.io/tickets`
 * annotation says (`github`, `gitlab`, `jira`, `jira:KEY`, `github:owner/repo`,
 * `gitlab:group/project`), else where `buildcache.tickets.defaultTracker`
 * says, else to the scanned repository. Throws InputError naming what is
 * missing.
 */
export function resolveTracker(options: {
  entity: Entity;
  sourceUrl: string | null;
  kind: TicketKind;
  integrations: ScmIntegrationRegistry;
  defaults: TrackerDefaults;
}): ResolvedTracker {
  const { entity, kind, integrations, defaults } = options;
  const repository = parseSourceRepository(options.sourceUrl, integrations);
  const done = (target: TrackerTarget): ResolvedTracker => ({
    target,
    label: targetLabel(target),
    repository,
  });
  const fromSource = (provider?: 'github' | 'gitlab') => {
    if (!repository) {
      throw new InputError(
        `${entityName(
          entity,
        )} has no source location on a GitHub or GitLab host configured under integrations (source: ${
          options.sourceUrl ?? 'none'
        }), so buildcache cannot ${
          kind === 'pull-request'
            ? 'open a fix pull request'
            : 'file an issue in its repository'
        }`,
      );
    }
    if (provider && repository.target.provider !== provider) {
      throw new InputError(
        `The ${TICKETS_ANNOTATION} annotation of ${entityName(
          entity,
        )} asks for ${provider}, but its source location is on ${
          repository.target.provider
        } (${repository.target.host})`,
      );
    }
    return done(repository.target);
  };

  if (kind === 'pull-request') return fromSource();

  const annotation = entity.metadata.annotations?.[TICKETS_ANNOTATION]?.trim();
  const choice = annotation || defaults.defaultTracker;
  const where = annotation
    ? `the ${TICKETS_ANNOTATION} annotation of ${entityName(entity)}`
    : 'buildcache.tickets.defaultTracker';
  const [tracker, ...restParts] = choice.split(':');
  const detail = restParts.join(':').trim();
  switch (tracker.trim()) {
    case 'source':
      return fromSource();
    case 'github':
    case 'gitlab':
      if (!detail) return fromSource(tracker as 'github' | 'gitlab');
      return done(
        explicitRepository(
          tracker as 'github' | 'gitlab',
          detail,
          repository,
          integrations,
          where,
        ),
      );
    case 'jira': {
      const projectKey = detail || defaults.jiraProjectKey;
      if (!projectKey) {
        throw new InputError(
          `${where} asks for Jira without a project key, and buildcache.tickets.jira.projectKey is not set`,
        );
      }
      if (!/^[A-Z][A-Z0-9_]{0,49}$/.test(projectKey)) {
        throw new InputError(
          `${where}: "${projectKey}" is not a Jira project key (upper-case letters, digits, _)`,
        );
      }
      return done({ provider: 'jira', projectKey });
    }
    default:
      throw new InputError(
        `${where} names an unknown tracker "${choice}": use github, gitlab, jira, jira:KEY, github:owner/repo or gitlab:group/project`,
      );
  }
}

/** `github:owner/repo`, `github:host/owner/repo`, `gitlab:[host/]group/project`. */
function explicitRepository(
  provider: 'github' | 'gitlab',
  detail: string,
  repository: SourceRepository | null,
  integrations: ScmIntegrationRegistry,
  where: string,
): TrackerTarget {
  const parts = detail.split('/').filter(Boolean);
  const configured = integrations[provider].list().map(i => i.config.host);
  let host: string | undefined;
  if (parts.length > 2 && configured.includes(parts[0])) {
    host = parts.shift();
  } else if (repository?.target.provider === provider) {
    host = repository.target.host;
  } else if (configured.length === 1) {
    host = configured[0];
  }
  if (
    !host ||
    parts.length < 2 ||
    (provider === 'github' && parts.length > 2)
  ) {
    throw new InputError(
      `${where}: cannot tell which ${provider} repository "${detail}" is; write ${provider}:host/${
        provider === 'github' ? 'owner/repo' : 'group/project'
      } with a host configured under integrations.${provider} (configured: ${
        configured.join(', ') || 'none'
      })`,
    );
  }
  return provider === 'github'
    ? { provider, host, owner: parts[0], repo: parts[1] }
    : { provider, host, project: parts.join('/') };
}

function entityName(entity: Entity): string {
  return `${entity.kind}:${entity.metadata.namespace ?? 'default'}/${
    entity.metadata.name
  }`.toLocaleLowerCase('en-US');
}
