/**
 * GitLab issues and fix merge requests, on @gitbeaker/rest.
 *
 * Why the library and not hand-written fetch calls: gitbeaker covers the
 * whole GitLab REST API with typed resources (Issues, IssueNotes, Branches,
 * RepositoryFiles, Commits, MergeRequests) whose option and response types
 * follow GitLab's documentation, and it takes care of the conventions that
 * are easy to get subtly wrong by hand: URL-encoding of project paths with
 * groups (`group%2Fsub%2Fproject`) and of file paths, the snake_case bodies,
 * and Link-header pagination with a page bound. Its `host` option is the
 * instance's base URL, to which it appends `/api/v4` itself, so
 * `http://127.0.0.1:8929` works as well as a relative-path install
 * (`https://example.com/gitlab`). Only its HTTP layer is replaced
 * (gitlabRequester.ts) because its built-in retry would bypass callRemote.
 */
import { InputError } from '@backstage/errors';
import { ScmIntegrationRegistry } from '@backstage/integration';
import { Gitlab } from '@gitbeaker/rest';
import type {
  IssueContent,
  PullRequestRequest,
  RemoteItem,
  TicketProvider,
  TrackerTarget,
} from './types';
import type { RetryOptions } from './remoteCall';
import {
  GitlabClient,
  GitlabContext,
  gitlabContext,
  gitlabIid,
  mergeRequestItem,
  requireGitlabTarget,
} from './gitlabClient';
import { gitlabRequester } from './gitlabRequester';
import { openGitlabMergeRequest } from './gitlabMergeRequest';

export interface GitlabProviderOptions {
  /** An authenticated client for the target's host. */
  clientFor: (host: string) => Promise<GitlabClient>;
  retry?: RetryOptions;
  /** Pages of 100 open issues findIssueByMarker reads at most (default 5). */
  markerSearchPages?: number;
}

export class GitlabProvider implements TicketProvider {
  readonly kind = 'gitlab' as const;

  /**
   * Clients from the `integrations.gitlab` config: the entry for the
   * target's host, its token, and the instance URL taken from its
   * apiBaseUrl (less `/api/v4`) or else its baseUrl.
   */
  static fromIntegrations(
    integrations: ScmIntegrationRegistry,
    options: Omit<GitlabProviderOptions, 'clientFor'> = {},
  ): GitlabProvider {
    const clients = new Map<string, GitlabClient>();
    return new GitlabProvider({
      ...options,
      clientFor: async host => {
        const cached = clients.get(host);
        if (cached) {
          return cached;
        }
        const integration = integrations.gitlab.byHost(host);
        if (!integration) {
          throw new InputError(
            `No GitLab integration is configured for host ${host}; add one under integrations.gitlab`,
          );
        }
        const { token, apiBaseUrl, baseUrl } = integration.config;
        if (!token) {
          throw new InputError(
            `The integrations.gitlab entry for ${host} has no token; one with the api scope is needed`,
          );
        }
        const instanceUrl = /\/api\/v4\/?$/.test(apiBaseUrl)
          ? apiBaseUrl.replace(/\/api\/v4\/?$/, '')
          : baseUrl;
        const client = new Gitlab({
          host: instanceUrl,
          token,
          requesterFn: gitlabRequester,
        });
        clients.set(host, client);
        return client;
      },
    });
  }

  constructor(private readonly options: GitlabProviderOptions) {}

  async createIssue(
    target: TrackerTarget,
    content: IssueContent,
  ): Promise<RemoteItem> {
    const { api, project, where, call } = await this.context(target);
    const issue = await call(`create issue in ${where}`, () =>
      api.Issues.create(project, content.title, {
        description: content.body,
        labels: content.labels.join(','),
      }),
    );
    return issueItem(issue);
  }

  async updateIssue(
    target: TrackerTarget,
    externalId: string,
    content: IssueContent,
  ): Promise<RemoteItem> {
    const { api, project, where, call } = await this.context(target);
    const iid = gitlabIid(externalId);
    const issue = await call(`update issue ${iid} in ${where}`, () =>
      api.Issues.edit(project, iid, {
        title: content.title,
        description: content.body,
        labels: content.labels.join(','),
      }),
    );
    return issueItem(issue);
  }

  async closeIssue(
    target: TrackerTarget,
    externalId: string,
    comment: string,
  ): Promise<RemoteItem> {
    const { api, project, where, call } = await this.context(target);
    const iid = gitlabIid(externalId);
    await call(`comment on issue ${iid} in ${where}`, () =>
      api.IssueNotes.create(project, iid, comment),
    );
    const issue = await call(`close issue ${iid} in ${where}`, () =>
      api.Issues.edit(project, iid, { stateEvent: 'close' }),
    );
    return issueItem(issue);
  }

  async getIssue(
    target: TrackerTarget,
    externalId: string,
  ): Promise<RemoteItem> {
    const { api, project, where, call } = await this.context(target);
    const iid = gitlabIid(externalId);
    const issue = await call(`get issue ${iid} in ${where}`, () =>
      api.Issues.show(iid, { projectId: project }),
    );
    return issueItem(issue);
  }

  /**
   * Open issues whose description matches `marker` (GitLab's search, then an
   * exact check), at most markerSearchPages pages. `labels` (beyond the
   * TicketProvider interface) narrows the search to issues carrying them all.
   */
  async findIssueByMarker(
    target: TrackerTarget,
    marker: string,
    labels: string[] = [],
  ): Promise<RemoteItem | null> {
    const { api, project, where, call } = await this.context(target);
    const issues = await call(`search open issues in ${where}`, () =>
      api.Issues.all({
        projectId: project,
        state: 'opened',
        search: marker,
        in: 'description',
        ...(labels.length > 0 ? { labels: labels.join(',') } : {}),
        perPage: 100,
        maxPages: this.options.markerSearchPages ?? 5,
      }),
    );
    const match = issues.find(issue => issue.description?.includes(marker));
    return match ? issueItem(match) : null;
  }

  async openPullRequest(
    target: TrackerTarget,
    request: PullRequestRequest,
  ): Promise<RemoteItem> {
    return openGitlabMergeRequest(await this.context(target), request);
  }

  async updatePullRequest(
    target: TrackerTarget,
    externalId: string,
    content: IssueContent,
  ): Promise<RemoteItem> {
    const { api, project, where, call } = await this.context(target);
    const iid = gitlabIid(externalId);
    const mr = await call(`update merge request ${iid} in ${where}`, () =>
      api.MergeRequests.edit(project, iid, {
        title: content.title,
        description: content.body,
        labels: content.labels.join(','),
      }),
    );
    return mergeRequestItem(mr);
  }

  async getPullRequest(
    target: TrackerTarget,
    externalId: string,
  ): Promise<RemoteItem> {
    const { api, project, where, call } = await this.context(target);
    const iid = gitlabIid(externalId);
    const mr = await call(`get merge request ${iid} in ${where}`, () =>
      api.MergeRequests.show(project, iid),
    );
    return mergeRequestItem(mr);
  }

  async closePullRequest(
    target: TrackerTarget,
    externalId: string,
    comment: string,
  ): Promise<RemoteItem> {
    const { api, project, where, call } = await this.context(target);
    const iid = gitlabIid(externalId);
    await call(`comment on merge request ${iid} in ${where}`, () =>
      api.MergeRequestNotes.create(project, iid, comment),
    );
    const mr = await call(`close merge request ${iid} in ${where}`, () =>
      api.MergeRequests.edit(project, iid, { stateEvent: 'close' }),
    );
    return mergeRequestItem(mr);
  }

  private async context(target: TrackerTarget): Promise<GitlabContext> {
    const gitlab = requireGitlabTarget(target);
    const api = await this.options.clientFor(gitlab.host);
    return gitlabContext(api, gitlab, this.options.retry ?? {});
  }
}

function issueItem(issue: {
  iid: number;
  web_url: string;
  state: string;
}): RemoteItem {
  return {
    externalId: String(issue.iid),
    url: issue.web_url,
    state: issue.state === 'closed' ? 'closed' : 'open',
  };
}
