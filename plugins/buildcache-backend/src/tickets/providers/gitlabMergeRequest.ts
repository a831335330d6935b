/**
 * A fix merge request on GitLab, entirely through the REST API (no clone):
 * check every file against its scanned content at the target branch head,
 * create the branch at that commit, commit all files in one commit and open
 * the merge request. Idempotent: an open merge request already from the
 * branch is returned unchanged.
 */
import { ConflictError, InputError } from '@backstage/errors';
import type { CommitAction } from '@gitbeaker/rest';
import type { PullRequestRequest, RemoteItem } from './types';
import { GitlabContext, gitlabStatus, mergeRequestItem } from './gitlabClient';

export async function openGitlabMergeRequest(
  ctx: GitlabContext,
  request: PullRequestRequest,
): Promise<RemoteItem> {
  const { api, project, where, call } = ctx;
  const { branch } = request;
  if (request.files.length === 0) {
    throw new InputError(
      `A fix merge request in ${where} needs at least one file`,
    );
  }

  const projectInfo = await call(`read project ${where}`, () =>
    api.Projects.show(project),
  );
  const defaultBranch = projectInfo.default_branch as string;
  const targetBranch = request.baseBranch ?? defaultBranch;
  if (branch === targetBranch || branch === defaultBranch) {
    throw new InputError(
      `Refusing to open a merge request from branch "${branch}" in ${where}: ` +
        `it is the ${
          branch === defaultBranch ? 'default' : 'target'
        } branch; ` +
        'a fix needs a branch of its own',
    );
  }
  const head = await call(`read branch ${targetBranch} in ${where}`, () =>
    api.Branches.show(project, targetBranch),
  );
  const baseSha = head.commit.id as string;

  const actions: CommitAction[] = [];
  for (const file of request.files) {
    const current = await readFileAt(ctx, file.path, baseSha);
    if ((current ?? '') !== file.expectedContent) {
      throw new ConflictError(
        `${file.path} in ${where} has ${
          current === null ? 'been deleted' : 'changed'
        } ` +
          `on ${targetBranch} since the scan; scan again before opening a fix merge request`,
      );
    }
    actions.push({
      action: current === null ? 'create' : 'update',
      filePath: file.path,
      content: file.content,
    });
  }

  const created = await call(
    `create branch ${branch} in ${where}`,
    async () => {
      try {
        await api.Branches.create(project, branch, baseSha);
        return true;
      } catch (error) {
        if (
          gitlabStatus(error) === 400 &&
          /already exists/i.test(String(error))
        ) {
          return false;
        }
        throw error;
      }
    },
  );
  if (!created) {
    const existing = await findOpenMergeRequest(ctx, branch);
    if (existing) {
      return existing;
    }
  }
  // A leftover branch without a merge request is reset: the commit is built
  // on the scanned target head and replaces whatever the branch held.
  await call(`commit to ${branch} in ${where}`, () =>
    api.Commits.create(
      project,
      branch,
      request.commitMessage,
      actions,
      created ? {} : { startSha: baseSha, force: true },
    ),
  );

  const opened = await call(
    `open merge request ${branch} → ${targetBranch} in ${where}`,
    async () => {
      try {
        return mergeRequestItem(
          await api.MergeRequests.create(
            project,
            branch,
            targetBranch,
            request.title,
            {
              description: request.body,
              labels: request.labels.join(','),
              removeSourceBranch: true,
            },
          ),
        );
      } catch (error) {
        if (
          gitlabStatus(error) === 409 &&
          /already exists/i.test(String(error))
        ) {
          return null;
        }
        throw error;
      }
    },
  );
  if (opened) {
    return opened;
  }
  const existing = await findOpenMergeRequest(ctx, branch);
  if (!existing) {
    throw new ConflictError(
      `GitLab reports a merge request from ${branch} in ${where} already exists, but no open one was found`,
    );
  }
  return existing;
}

async function findOpenMergeRequest(
  { api, project, where, call }: GitlabContext,
  branch: string,
): Promise<RemoteItem | null> {
  const found = await call(
    `find merge request from ${branch} in ${where}`,
    () =>
      api.MergeRequests.all({
        projectId: project,
        sourceBranch: branch,
        state: 'opened',
        perPage: 1,
        maxPages: 1,
      }),
  );
  return found.length > 0 ? mergeRequestItem(found[0]) : null;
}

/** The file's UTF-8 content at `ref`, or null when it does not exist. */
async function readFileAt(
  { api, project, where, call }: GitlabContext,
  path: string,
  ref: string,
): Promise<string | null> {
  const file = await call(`read ${path} in ${where}`, async () => {
    try {
      return await api.RepositoryFiles.show(project, path, ref);
    } catch (error) {
      if (gitlabStatus(error) === 404) {
        return null;
      }
      throw error;
    }
  });
  if (file === null) {
    return null;
  }
  return Buffer.from(
    file.content,
    file.encoding === 'base64' ? 'base64' : 'utf8',
  ).toString('utf8');
}
