/**
 * GitHub issues and fix pull requests, on @octokit/rest.
 *
 * Why the library and not hand-written fetch calls: Octokit is GitHub's own
 * client, generated from the REST API description, so every route, parameter
 * and response field used here is typed against the real API (a renamed
 * field fails `tsc`, not production); it handles base URLs for GitHub
 * Enterprise (`/api/v3`), authentication headers, JSON bodies and URL
 * escaping of paths and refs, and reports failures as RequestError with the
 * status, headers and body our retry policy needs. Version 20 is the last
 * CommonJS line, which this backend's Jest setup loads without transforms.
 * It bundles neither plugin-retry nor plugin-throttling (those ship with the
 * `octokit` package), so there is no second retry layer to switch off:
 * callRemote is the only one.
 */
import { InputError } from '@backstage/errors';
import {
  DefaultGithubCredentialsProvider,
  ScmIntegrationRegistry,
} from '@backstage/integration';
import { Octokit } from '@octokit/rest';
import type {
  IssueContent,
  PullRequestRequest,
  RemoteItem,
  TicketProvider,
  TrackerTarget,
} from './types';
import type { RetryOptions } from './remoteCall';
import {
  GithubContext,
  GithubTarget,
  githubContext,
  githubNumber,
  pullRequestItem,
  requireGithubTarget,
} from './githubClient';
import { openGithubPullRequest } from './githubPullRequest';

export interface GithubProviderOptions {
  /** An authenticated client for the target's host and repository. */
  clientFor: (target: GithubTarget) => Promise<Octokit>;
  retry?: RetryOptions;
  /** Pages of 100 open issues findIssueByMarker reads at most (default 10). */
  markerSearchPages?: number;
}

export class GithubProvider implements TicketProvider {
  readonly kind = 'github' as const;

  /**
   * Clients from the `integrations.github` config: the integration's
   * apiBaseUrl, and a token or GitHub App installation token from
   * DefaultGithubCredentialsProvider for the target repository.
   */
  static fromIntegrations(
    integrations: ScmIntegrationRegistry,
    options: Omit<GithubProviderOptions, 'clientFor'> = {},
  ): GithubProvider {
    const credentials =
      DefaultGithubCredentialsProvider.fromIntegrations(integrations);
    return new GithubProvider({
      ...options,
      clientFor: async ({ host, owner, repo }) => {
        const integration = integrations.github.byHost(host);
        if (!integration) {
          throw new InputError(
            `No GitHub integration is configured for host ${host}; add one under integrations.github`,
          );
        }
        const { apiBaseUrl } = integration.config;
        if (!apiBaseUrl) {
          throw new InputError(
            `The integrations.github entry for ${host} has no apiBaseUrl`,
          );
        }
        let token: string | undefined;
        try {
          ({ token } = await credentials.getCredentials({
            url: `https://${host}/${owner}/${repo}`,
          }));
        } catch (error) {
          throw new InputError(
            `Could not get GitHub credentials for ${host}/${owner}/${repo} from integrations.github: ${
              (error as Error).message
            }`,
          );
        }
        if (!token) {
          throw new InputError(
            `No GitHub credentials for ${host}/${owner}/${repo}: configure a token or a GitHub App under integrations.github`,
          );
        }
        return new Octokit({
          baseUrl: apiBaseUrl,
          auth: token,
          userAgent: 'backstage-plugin-buildcache',
        });
      },
    });
  }

  constructor(private readonly options: GithubProviderOptions) {}

  async createIssue(
    target: TrackerTarget,
    content: IssueContent,
  ): Promise<RemoteItem> {
    const { octokit, owner, repo, where, call } = await this.context(target);
    const { data } = await call(`create issue in ${where}`, () =>
      octokit.rest.issues.create({
        owner,
        repo,
        title: content.title,
        body: content.body,
        labels: content.labels,
      }),
    );
    return issueItem(data);
  }

  async updateIssue(
    target: TrackerTarget,
    externalId: string,
    content: IssueContent,
  ): Promise<RemoteItem> {
    const { octokit, owner, repo, where, call } = await this.context(target);
    const issue_number = githubNumber(externalId);
    const { data } = await call(
      `update issue ${issue_number} in ${where}`,
      () =>
        octokit.rest.issues.update({
          owner,
          repo,
          issue_number,
          title: content.title,
          body: content.body,
          labels: content.labels,
        }),
    );
    return issueItem(data);
  }

  async closeIssue(
    target: TrackerTarget,
    externalId: string,
    comment: string,
  ): Promise<RemoteItem> {
    const ctx = await this.context(target);
    const issue_number = githubNumber(externalId);
    await addComment(ctx, issue_number, comment);
    const { octokit, owner, repo, where, call } = ctx;
    const { data } = await call(`close issue ${issue_number} in ${where}`, () =>
      octokit.rest.issues.update({
        owner,
        repo,
        issue_number,
        state: 'closed',
        state_reason: 'completed',
      }),
    );
    return issueItem(data);
  }

  async getIssue(
    target: TrackerTarget,
    externalId: string,
  ): Promise<RemoteItem> {
    const { octokit, owner, repo, where, call } = await this.context(target);
    const issue_number = githubNumber(externalId);
    const { data } = await call(`get issue ${issue_number} in ${where}`, () =>
      octokit.rest.issues.get({ owner, repo, issue_number }),
    );
    return issueItem(data);
  }

  /**
   * Reads open issues page by page (bounded by markerSearchPages) and returns
   * the first whose body contains `marker`. The list endpoint is used rather
   * than search, whose index lags behind a just-created issue. `labels`
   * (beyond the TicketProvider interface) narrows the listing to issues
   * carrying the first label.
   */
  async findIssueByMarker(
    target: TrackerTarget,
    marker: string,
    labels: string[] = [],
  ): Promise<RemoteItem | null> {
    const { octokit, owner, repo, where, call } = await this.context(target);
    const maxPages = this.options.markerSearchPages ?? 10;
    for (let page = 1; page <= maxPages; page++) {
      const { data } = await call(`list open issues in ${where}`, () =>
        octokit.rest.issues.listForRepo({
          owner,
          repo,
          state: 'open',
          ...(labels.length > 0 ? { labels: labels[0] } : {}),
          per_page: 100,
          page,
        }),
      );
      const match = data.find(
        issue => !issue.pull_request && issue.body?.includes(marker),
      );
      if (match) {
        return issueItem(match);
      }
      if (data.length < 100) {
        break;
      }
    }
    return null;
  }

  async openPullRequest(
    target: TrackerTarget,
    request: PullRequestRequest,
  ): Promise<RemoteItem> {
    return openGithubPullRequest(await this.context(target), request);
  }

  async updatePullRequest(
    target: TrackerTarget,
    externalId: string,
    content: IssueContent,
  ): Promise<RemoteItem> {
    const { octokit, owner, repo, where, call } = await this.context(target);
    const pull_number = githubNumber(externalId);
    const { data } = await call(
      `update pull request ${pull_number} in ${where}`,
      () =>
        octokit.rest.pulls.update({
          owner,
          repo,
          pull_number,
          title: content.title,
          body: content.body,
        }),
    );
    // Pull requests take their labels through the issues API.
    await call(`label pull request ${pull_number} in ${where}`, () =>
      octokit.rest.issues.setLabels({
        owner,
        repo,
        issue_number: pull_number,
        labels: content.labels,
      }),
    );
    return pullRequestItem(data);
  }

  async getPullRequest(
    target: TrackerTarget,
    externalId: string,
  ): Promise<RemoteItem> {
    const { octokit, owner, repo, where, call } = await this.context(target);
    const pull_number = githubNumber(externalId);
    const { data } = await call(
      `get pull request ${pull_number} in ${where}`,
      () => octokit.rest.pulls.get({ owner, repo, pull_number }),
    );
    return pullRequestItem(data);
  }

  async closePullRequest(
    target: TrackerTarget,
    externalId: string,
    comment: string,
  ): Promise<RemoteItem> {
    const ctx = await this.context(target);
    const pull_number = githubNumber(externalId);
    await addComment(ctx, pull_number, comment);
    const { octokit, owner, repo, where, call } = ctx;
    const { data } = await call(
      `close pull request ${pull_number} in ${where}`,
      () =>
        octokit.rest.pulls.update({
          owner,
          repo,
          pull_number,
          state: 'closed',
        }),
    );
    return pullRequestItem(data);
  }

  private async context(target: TrackerTarget): Promise<GithubContext> {
    const github = requireGithubTarget(target);
    const octokit = await this.options.clientFor(github);
    return githubContext(octokit, github, this.options.retry ?? {});
  }
}

/** Comments on an issue or pull request (they share the issues API). */
async function addComment(
  { octokit, owner, repo, where, call }: GithubContext,
  issue_number: number,
  body: string,
): Promise<void> {
  await call(`comment on #${issue_number} in ${where}`, () =>
    octokit.rest.issues.createComment({ owner, repo, issue_number, body }),
  );
}

function issueItem(issue: {
  number: number;
  html_url: string;
  state: string;
}): RemoteItem {
  return {
    externalId: String(issue.number),
    url: issue.html_url,
    state: issue.state === 'open' ? 'open' : 'closed',
  };
}
