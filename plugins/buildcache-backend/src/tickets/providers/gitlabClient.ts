/**
 * What the GitLab issue and merge-request code share: the target and call
 * context, and the reading of gitbeaker's errors into a RemoteFailure for
 * callRemote.
 */
import { InputError } from '@backstage/errors';
import type { Gitlab } from '@gitbeaker/rest';
import type { RemoteItem, TrackerTarget } from './types';
import {
  RemoteFailure,
  RetryOptions,
  callRemote,
  networkFailure,
  numericHeader,
  parseRetryAfter,
} from './remoteCall';

export type GitlabTarget = Extract<TrackerTarget, { provider: 'gitlab' }>;
export type GitlabClient = Gitlab;

/** One project's client and the call wrapper every request goes through. */
export interface GitlabContext {
  api: GitlabClient;
  /** Full project path (group/sub/project); gitbeaker URL-encodes it. */
  project: string;
  /** The project path, with the host in front when it is not gitlab.com. */
  where: string;
  call<T>(what: string, fn: () => Promise<T>): Promise<T>;
}

export function gitlabContext(
  api: GitlabClient,
  target: GitlabTarget,
  retry: RetryOptions,
): GitlabContext {
  const { host, project } = target;
  return {
    api,
    project,
    where: host === 'gitlab.com' ? project : `${host}/${project}`,
    call: (what, fn) =>
      callRemote(`GitLab ${what}`, fn, { ...retry, classify: classifyGitlab }),
  };
}

export function requireGitlabTarget(target: TrackerTarget): GitlabTarget {
  if (target.provider !== 'gitlab') {
    throw new InputError(
      `The GitLab provider cannot serve a ${target.provider} target`,
    );
  }
  return target;
}

/** Issue and merge request iids are positive integers. */
export function gitlabIid(externalId: string): number {
  const iid = Number(externalId);
  if (!Number.isSafeInteger(iid) || iid <= 0) {
    throw new InputError(
      `"${externalId}" is not a GitLab issue or merge request iid`,
    );
  }
  return iid;
}

export function mergeRequestItem(mr: {
  iid: number;
  web_url: string;
  state: string;
}): RemoteItem {
  let state: RemoteItem['state'] = 'open';
  if (mr.state === 'merged') {
    state = 'merged';
  } else if (mr.state === 'closed') {
    state = 'closed';
  }
  return { externalId: String(mr.iid), url: mr.web_url, state };
}

interface GitbeakerErrorShape {
  name: string;
  message: string;
  cause?: { response?: Response };
}

function asGitbeakerError(error: unknown): GitbeakerErrorShape | undefined {
  if (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as GitbeakerErrorShape).name === 'string' &&
    (error as GitbeakerErrorShape).name.startsWith('Gitbeaker')
  ) {
    return error as GitbeakerErrorShape;
  }
  return undefined;
}

/** The HTTP status of a gitbeaker request error. */
export function gitlabStatus(error: unknown): number | undefined {
  return asGitbeakerError(error)?.cause?.response?.status;
}

export function classifyGitlab(error: unknown): RemoteFailure | null {
  const gitbeakerError = asGitbeakerError(error);
  if (!gitbeakerError) {
    const code = networkFailure(error);
    return code ? { network: true, message: code } : null;
  }
  const response = gitbeakerError.cause?.response;
  if (gitbeakerError.name === 'GitbeakerRequestError' && response) {
    const headers = response.headers;
    const spent =
      response.status === 429 || headers.get('ratelimit-remaining') === '0';
    return {
      status: response.status,
      message: gitbeakerError.message || response.statusText,
      retryAfterSeconds: parseRetryAfter(headers.get('retry-after')),
      rateLimitResetAt: spent
        ? numericHeader(headers.get('ratelimit-reset'))
        : undefined,
    };
  }
  if (gitbeakerError.name === 'GitbeakerRetryError') {
    // Only from gitbeaker's stock requester (a custom clientFor).
    const status = /last status code: (\d+)/.exec(gitbeakerError.message);
    return {
      status: status ? Number(status[1]) : 503,
      message: gitbeakerError.message,
    };
  }
  if (gitbeakerError.name === 'GitbeakerTimeoutError') {
    return { network: true, message: gitbeakerError.message };
  }
  return null;
}
