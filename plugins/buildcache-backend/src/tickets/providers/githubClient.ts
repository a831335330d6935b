/**
 * What the GitHub issue and pull-request code share: the target and call
 * context, and the reading of @octokit/rest's RequestError into a
 * RemoteFailure for callRemote.
 */
import { InputError } from '@backstage/errors';
import type { Octokit } from '@octokit/rest';
import type { RemoteItem, TrackerTarget } from './types';
import {
  RemoteFailure,
  RetryOptions,
  callRemote,
  networkFailure,
  numericHeader,
  parseRetryAfter,
  remoteMessage,
} from './remoteCall';

export type GithubTarget = Extract<TrackerTarget, { provider: 'github' }>;

/** One repository's client and the call wrapper every request goes through. */
export interface GithubContext {
  octokit: Octokit;
  owner: string;
  repo: string;
  /** `owner/repo`, with the host in front when it is not github.com. */
  where: string;
  call<T>(what: string, fn: () => Promise<T>): Promise<T>;
}

export function githubContext(
  octokit: Octokit,
  target: GithubTarget,
  retry: RetryOptions,
): GithubContext {
  const { host, owner, repo } = target;
  return {
    octokit,
    owner,
    repo,
    where:
      host === 'github.com' ? `${owner}/${repo}` : `${host}/${owner}/${repo}`,
    call: (what, fn) =>
      callRemote(`GitHub ${what}`, fn, { ...retry, classify: classifyGithub }),
  };
}

export function requireGithubTarget(target: TrackerTarget): GithubTarget {
  if (target.provider !== 'github') {
    throw new InputError(
      `The GitHub provider cannot serve a ${target.provider} target`,
    );
  }
  return target;
}

/** Issue and pull request numbers are positive integers. */
export function githubNumber(externalId: string): number {
  const number = Number(externalId);
  if (!Number.isSafeInteger(number) || number <= 0) {
    throw new InputError(
      `"${externalId}" is not a GitHub issue or pull request number`,
    );
  }
  return number;
}

export function pullRequestItem(pull: {
  number: number;
  html_url: string;
  state: string;
  merged?: boolean | null;
  merged_at?: string | null;
}): RemoteItem {
  let state: RemoteItem['state'] = pull.state === 'open' ? 'open' : 'closed';
  if (pull.merged || pull.merged_at) {
    state = 'merged';
  }
  return { externalId: String(pull.number), url: pull.html_url, state };
}

interface OctokitErrorShape {
  name: string;
  status: number;
  message: string;
  response?: { headers: Record<string, string | undefined>; data: unknown };
}

/** Octokit's RequestError, duck-typed (name `HttpError`, numeric status). */
function asOctokitError(error: unknown): OctokitErrorShape | undefined {
  if (
    typeof error === 'object' &&
    error !== null &&
    (error as OctokitErrorShape).name === 'HttpError' &&
    typeof (error as OctokitErrorShape).status === 'number'
  ) {
    return error as OctokitErrorShape;
  }
  return undefined;
}

/** The HTTP status of an Octokit error, if it came with a response. */
export function githubStatus(error: unknown): number | undefined {
  const octokitError = asOctokitError(error);
  return octokitError?.response ? octokitError.status : undefined;
}

/** The remote's message of an Octokit error, validation details included. */
export function githubErrorText(error: unknown): string {
  const octokitError = asOctokitError(error);
  if (!octokitError) {
    return String(error);
  }
  return remoteMessage(octokitError.response?.data) ?? octokitError.message;
}

export function classifyGithub(error: unknown): RemoteFailure | null {
  const octokitError = asOctokitError(error);
  if (!octokitError) {
    const code = networkFailure(error);
    return code ? { network: true, message: code } : null;
  }
  if (!octokitError.response) {
    // @octokit/request turns a failed fetch into a RequestError with status
    // 500 and no response; the message is the underlying cause's.
    return { network: true, message: octokitError.message };
  }
  const headers = octokitError.response.headers;
  const spent = headers['x-ratelimit-remaining'] === '0';
  return {
    status: octokitError.status,
    message: githubErrorText(error),
    retryAfterSeconds: parseRetryAfter(headers['retry-after']),
    rateLimitResetAt: spent
      ? numericHeader(headers['x-ratelimit-reset'])
      : undefined,
  };
}
