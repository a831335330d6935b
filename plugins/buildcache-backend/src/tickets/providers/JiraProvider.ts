/**
 * Jira issues, on jira.js.
 *
 * Why the library and not hand-written fetch calls: jira.js types every
 * Jira REST resource and its parameters (issues, comments, transitions, JQL
 * search) and builds the requests the way Jira expects them (query
 * serialisation, the Basic header from an Atlassian account e-mail and API
 * token), and reports failures as HttpException carrying the status, the
 * `{errorMessages, errors}` body and the response headers our retry policy
 * reads. It has no retry of its own.
 *
 * The REST API v2 client (Version2Client) is used, not v3: v2 is the API
 * Jira Cloud and Jira Data Center both serve (Data Center has no v3, and its
 * personal access tokens are the bearer option here), and it takes
 * descriptions and comments as wiki-markup strings, into which the Markdown
 * ticket bodies are converted (jiraMarkup.ts). v3 would need Atlassian
 * Document Format and would shut Data Center out.
 */
import { InputError } from '@backstage/errors';
import { Version2Client } from 'jira.js';
import type {
  IssueContent,
  RemoteItem,
  TicketProvider,
  TrackerTarget,
} from './types';
import {
  RemoteFailure,
  RetryOptions,
  callRemote,
  networkFailure,
  parseRetryAfter,
  remoteMessage,
} from './remoteCall';
import { markdownToJiraWiki } from './jiraMarkup';

/** The Jira connection (the shape of buildcache.tickets.jira). */
export interface JiraProviderSettings {
  /** Site URL, e.g. https://acme.atlassian.net or https://jira.acme.com/jira. */
  baseUrl: string;
  /** Default project; the target's projectKey is the one used. */
  projectKey?: string | null;
  /** Issue type name for new issues (default Task). */
  issueType?: string;
  /** Labels added to every issue, besides the ticket's own. */
  labels?: string[];
  /** Jira Cloud: Atlassian account e-mail and API token (Basic auth). */
  email?: string | null;
  apiToken?: string | null;
  /** Jira Data Center: personal access token (Bearer auth). */
  personalAccessToken?: string | null;
}

export interface JiraProviderOptions {
  settings: JiraProviderSettings;
  retry?: RetryOptions;
}

type JiraIssueFields = {
  description?: string | null;
  status?: { statusCategory?: { key?: string } };
};
type JiraIssue = { key: string; fields?: JiraIssueFields };

export class JiraProvider implements TicketProvider {
  readonly kind = 'jira' as const;
  private readonly client: Version2Client;
  private readonly baseUrl: string;
  /** Whether this Jira has the enhanced JQL search (Cloud) or not (DC). */
  private enhancedSearch: boolean | undefined;

  static fromSettings(
    settings: JiraProviderSettings,
    options: Omit<JiraProviderOptions, 'settings'> = {},
  ): JiraProvider {
    return new JiraProvider({ ...options, settings });
  }

  constructor(private readonly options: JiraProviderOptions) {
    const { settings } = options;
    this.baseUrl = settings.baseUrl.replace(/\/+$/, '');
    if (settings.email && settings.apiToken) {
      this.client = new Version2Client({
        host: this.baseUrl,
        authentication: {
          basic: { email: settings.email, apiToken: settings.apiToken },
        },
      });
    } else if (settings.personalAccessToken) {
      // jira.js has no bearer option besides OAuth 2.0 (which resolves a
      // Cloud site); a default header reaches every request.
      this.client = new Version2Client({
        host: this.baseUrl,
        baseRequestConfig: {
          headers: { Authorization: `Bearer ${settings.personalAccessToken}` },
        },
      });
    } else {
      throw new InputError(
        'Jira needs credentials in buildcache.tickets.jira: email and apiToken (Jira Cloud) or personalAccessToken (Jira Data Center)',
      );
    }
  }

  async createIssue(
    target: TrackerTarget,
    content: IssueContent,
  ): Promise<RemoteItem> {
    const projectKey = requireJiraTarget(target).projectKey;
    const created = await this.call(
      `create issue in project ${projectKey}`,
      () =>
        this.client.issues.createIssue({
          fields: {
            project: { key: projectKey },
            issuetype: { name: this.options.settings.issueType ?? 'Task' },
            summary: content.title,
            description: markdownToJiraWiki(content.body),
            labels: this.labels(content.labels),
          },
        }),
    );
    return this.item(created.key, 'open');
  }

  async updateIssue(
    target: TrackerTarget,
    externalId: string,
    content: IssueContent,
  ): Promise<RemoteItem> {
    requireJiraTarget(target);
    const key = jiraKey(externalId);
    await this.call(`update issue ${key}`, () =>
      this.client.issues.editIssue({
        issueIdOrKey: key,
        fields: {
          summary: content.title,
          description: markdownToJiraWiki(content.body),
          labels: this.labels(content.labels),
        },
      }),
    );
    return this.getIssue(target, key);
  }

  /** Comments, then moves the issue through a transition to a done status. */
  async closeIssue(
    target: TrackerTarget,
    externalId: string,
    comment: string,
  ): Promise<RemoteItem> {
    requireJiraTarget(target);
    const key = jiraKey(externalId);
    await this.call(`comment on issue ${key}`, () =>
      this.client.issueComments.addComment({
        issueIdOrKey: key,
        comment: markdownToJiraWiki(comment),
      }),
    );
    const { transitions = [] } = await this.call(
      `list transitions of issue ${key}`,
      () => this.client.issues.getTransitions({ issueIdOrKey: key }),
    );
    const done =
      transitions.find(t => t.to?.statusCategory?.key === 'done') ??
      transitions.find(t =>
        [t.name, t.to?.name].some(name =>
          /^(done|closed?|resolved?)$/i.test(name ?? ''),
        ),
      );
    if (!done?.id) {
      const current = await this.getIssue(target, key);
      if (current.state === 'closed') {
        return current;
      }
      const found = transitions.map(t => `"${t.name}"`).join(', ') || 'none';
      throw new InputError(
        `Cannot close Jira issue ${key}: no transition leads to a done status (transitions available: ${found})`,
      );
    }
    const transitionId = done.id;
    await this.call(
      `transition issue ${key} to ${done.to?.name ?? done.name}`,
      () =>
        this.client.issues.doTransition({
          issueIdOrKey: key,
          transition: { id: transitionId },
        }),
    );
    return this.item(key, 'closed');
  }

  async getIssue(
    target: TrackerTarget,
    externalId: string,
  ): Promise<RemoteItem> {
    requireJiraTarget(target);
    const key = jiraKey(externalId);
    const issue = await this.call(`get issue ${key}`, () =>
      this.client.issues.getIssue({ issueIdOrKey: key, fields: ['status'] }),
    );
    return this.item(issue.key, issueState(issue));
  }

  /**
   * JQL text search for the marker in the project's issues not yet done,
   * then an exact check of the description. Text search is by words, and
   * Jira's index may trail a just-created issue by a few seconds.
   */
  async findIssueByMarker(
    target: TrackerTarget,
    marker: string,
  ): Promise<RemoteItem | null> {
    const projectKey = requireJiraTarget(target).projectKey;
    const jql = markerJql(projectKey, marker);
    const issues = await this.search(projectKey, jql);
    const match = issues.find(issue =>
      (issue.fields?.description ?? '').includes(marker),
    );
    return match ? this.item(match.key, issueState(match)) : null;
  }

  /**
   * Jira Cloud serves search at /search/jql (the older /search is gone);
   * Data Center only has /search. The first 404 of the former settles it.
   */
  private async search(projectKey: string, jql: string): Promise<JiraIssue[]> {
    const what = `search issues in project ${projectKey}`;
    const fields = ['description', 'status'];
    if (this.enhancedSearch !== false) {
      const result = await this.call(what, async () => {
        try {
          return await this.client.issueSearch.searchForIssuesUsingJqlEnhancedSearch(
            { jql, fields, maxResults: 50 },
          );
        } catch (error) {
          if (this.enhancedSearch === undefined && jiraStatus(error) === 404) {
            return null;
          }
          throw error;
        }
      });
      this.enhancedSearch = result !== null;
      if (result) {
        return (result.issues ?? []) as JiraIssue[];
      }
    }
    const result = await this.call(what, () =>
      this.client.issueSearch.searchForIssuesUsingJql({
        jql,
        fields,
        maxResults: 50,
      }),
    );
    return (result.issues ?? []) as JiraIssue[];
  }

  private call<T>(what: string, fn: () => Promise<T>): Promise<T> {
    return callRemote(`Jira ${what}`, fn, {
      ...this.options.retry,
      classify: classifyJira,
      notFoundHint:
        'the issue or project may not exist, or the credentials cannot see it',
    });
  }

  private labels(labels: string[]): string[] {
    // Jira labels cannot contain spaces.
    const all = [...(this.options.settings.labels ?? []), ...labels];
    return [
      ...new Set(all.map(label => label.trim().replace(/\s+/g, '-'))),
    ].filter(Boolean);
  }

  private item(key: string, state: RemoteItem['state']): RemoteItem {
    return { externalId: key, url: `${this.baseUrl}/browse/${key}`, state };
  }
}

function requireJiraTarget(
  target: TrackerTarget,
): Extract<TrackerTarget, { provider: 'jira' }> {
  if (target.provider !== 'jira') {
    throw new InputError(
      `The Jira provider cannot serve a ${target.provider} target`,
    );
  }
  return target;
}

/** Issue keys (PLAT-7) go into URL paths unescaped by jira.js: check them. */
function jiraKey(externalId: string): string {
  if (!/^[A-Za-z][A-Za-z0-9_]*-\d+$/.test(externalId)) {
    throw new InputError(`"${externalId}" is not a Jira issue key`);
  }
  return externalId.toUpperCase();
}

function issueState(issue: JiraIssue): RemoteItem['state'] {
  return issue.fields?.status?.statusCategory?.key === 'done'
    ? 'closed'
    : 'open';
}

/**
 * `project = "KEY" AND text ~ "<marker>" AND statusCategory != Done`: the
 * marker escaped for Lucene (text search operators such as `-` and `:`),
 * then both values for a JQL double-quoted string.
 */
function markerJql(projectKey: string, marker: string): string {
  const quoted = (value: string) => value.replace(/["\\]/g, '\\$&');
  const text = marker.replace(/[+\-&|!(){}[\]^"~*?:\\/]/g, '\\$&');
  return (
    `project = "${quoted(projectKey)}" AND text ~ "${quoted(text)}" ` +
    'AND statusCategory != Done ORDER BY created DESC'
  );
}

interface JiraErrorShape {
  name: string;
  status: number;
  message: string;
  response?: { data?: unknown };
  cause?: {
    isAxiosError?: boolean;
    response?: { headers?: Record<string, unknown> };
  };
}

function jiraStatus(error: unknown): number | undefined {
  const jiraError = error as JiraErrorShape | undefined;
  return jiraError?.name === 'HttpException' && jiraError.cause?.isAxiosError
    ? jiraError.status
    : undefined;
}

/**
 * jira.js throws HttpException (status, body in `response.data`, the axios
 * error with the headers as `cause`) when Jira answered, and the bare axios
 * error when it did not.
 */
export function classifyJira(error: unknown): RemoteFailure | null {
  const status = jiraStatus(error);
  if (status === undefined) {
    const axiosError = error as { isAxiosError?: boolean; response?: unknown };
    const code = networkFailure(error);
    if (code || (axiosError?.isAxiosError && !axiosError.response)) {
      return { network: true, message: code ?? (error as Error).message };
    }
    return null;
  }
  const jiraError = error as JiraErrorShape;
  const headers = jiraError.cause?.response?.headers ?? {};
  const retryAfter = headers['retry-after'];
  return {
    status,
    message: remoteMessage(jiraError.response?.data) ?? jiraError.message,
    retryAfterSeconds: parseRetryAfter(
      typeof retryAfter === 'string' ? retryAfter : undefined,
    ),
  };
}
