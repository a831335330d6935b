/**
 * A fix pull request on GitHub, entirely through the REST API (no clone):
 * check every file against its scanned content on the base branch head, then
 * blobs, a tree on the base tree, one commit, the branch ref and the pull
 * request. Idempotent: an open pull request already on the branch is
 * returned unchanged.
 */
import { ConflictError, InputError } from '@backstage/errors';
import type { PullRequestRequest, RemoteItem } from './types';
import {
  GithubContext,
  githubErrorText,
  githubStatus,
  pullRequestItem,
} from './githubClient';

export async function openGithubPullRequest(
  ctx: GithubContext,
  request: PullRequestRequest,
): Promise<RemoteItem> {
  const { octokit, owner, repo, where, call } = ctx;
  const { branch } = request;
  if (request.files.length === 0) {
    throw new InputError(
      `A fix pull request in ${where} needs at least one file`,
    );
  }

  const { data: repository } = await call(`read repository ${where}`, () =>
    octokit.rest.repos.get({ owner, repo }),
  );
  const defaultBranch = repository.default_branch;
  const base = request.baseBranch ?? defaultBranch;
  if (branch === base || branch === defaultBranch) {
    throw new InputError(
      `Refusing to open a pull request from branch "${branch}" in ${where}: ` +
        `it is the ${branch === defaultBranch ? 'default' : 'base'} branch; ` +
        'a fix needs a branch of its own',
    );
  }

  const { data: baseRef } = await call(`read branch ${base} in ${where}`, () =>
    octokit.rest.git.getRef({ owner, repo, ref: `heads/${base}` }),
  );
  const baseSha = baseRef.object.sha;
  const { data: baseCommit } = await call(
    `read commit ${baseSha} in ${where}`,
    () => octokit.rest.git.getCommit({ owner, repo, commit_sha: baseSha }),
  );

  for (const file of request.files) {
    const current = await readFileAt(ctx, file.path, baseSha);
    if ((current ?? '') !== file.expectedContent) {
      throw new ConflictError(
        `${file.path} in ${where} has ${
          current === null ? 'been deleted' : 'changed'
        } ` +
          `on ${base} since the scan; scan again before opening a fix pull request`,
      );
    }
  }
  const modes = await fileModes(
    ctx,
    baseCommit.tree.sha,
    request.files.map(f => f.path),
  );

  const entries: Array<{
    path: string;
    mode: BlobMode;
    type: 'blob';
    sha: string;
  }> = [];
  for (const file of request.files) {
    const { data: blob } = await call(
      `create blob for ${file.path} in ${where}`,
      () =>
        octokit.rest.git.createBlob({
          owner,
          repo,
          content: file.content,
          encoding: 'utf-8',
        }),
    );
    entries.push({
      path: file.path,
      mode: modes.get(file.path) ?? '100644',
      type: 'blob',
      sha: blob.sha,
    });
  }
  const { data: tree } = await call(`create tree in ${where}`, () =>
    octokit.rest.git.createTree({
      owner,
      repo,
      base_tree: baseCommit.tree.sha,
      tree: entries,
    }),
  );
  const { data: commit } = await call(`create commit in ${where}`, () =>
    octokit.rest.git.createCommit({
      owner,
      repo,
      message: request.commitMessage,
      tree: tree.sha,
      parents: [baseSha],
    }),
  );

  const created = await call(
    `create branch ${branch} in ${where}`,
    async () => {
      try {
        await octokit.rest.git.createRef({
          owner,
          repo,
          ref: `refs/heads/${branch}`,
          sha: commit.sha,
        });
        return true;
      } catch (error) {
        if (
          githubStatus(error) === 422 &&
          /reference already exists/i.test(githubErrorText(error))
        ) {
          return false;
        }
        throw error;
      }
    },
  );
  if (!created) {
    const existing = await findOpenPullRequest(ctx, branch);
    if (existing) {
      return existing;
    }
    await call(`move branch ${branch} in ${where}`, () =>
      octokit.rest.git.updateRef({
        owner,
        repo,
        ref: `heads/${branch}`,
        sha: commit.sha,
        force: true,
      }),
    );
  }

  const pull = await call(
    `open pull request ${branch} → ${base} in ${where}`,
    async () => {
      try {
        const { data } = await octokit.rest.pulls.create({
          owner,
          repo,
          title: request.title,
          body: request.body,
          head: branch,
          base,
        });
        return pullRequestItem(data);
      } catch (error) {
        if (
          githubStatus(error) === 422 &&
          /pull request already exists/i.test(githubErrorText(error))
        ) {
          return null;
        }
        throw error;
      }
    },
  );
  if (!pull) {
    const existing = await findOpenPullRequest(ctx, branch);
    if (!existing) {
      throw new ConflictError(
        `GitHub reports a pull request for ${branch} in ${where} already exists, but no open one was found`,
      );
    }
    return existing;
  }
  if (request.labels.length > 0) {
    await call(`label pull request ${pull.externalId} in ${where}`, () =>
      octokit.rest.issues.addLabels({
        owner,
        repo,
        issue_number: Number(pull.externalId),
        labels: request.labels,
      }),
    );
  }
  return pull;
}

/** Git file modes a blob entry can have (symlinks are refused). */
type BlobMode = '100644' | '100755';

export async function findOpenPullRequest(
  ctx: GithubContext,
  branch: string,
): Promise<RemoteItem | null> {
  const { octokit, owner, repo, where, call } = ctx;
  const { data } = await call(
    `find pull request for ${branch} in ${where}`,
    () =>
      octokit.rest.pulls.list({
        owner,
        repo,
        state: 'open',
        head: `${owner}:${branch}`,
        per_page: 1,
      }),
  );
  return data.length > 0 ? pullRequestItem(data[0]) : null;
}

/** The file's UTF-8 content at `ref`, or null when it does not exist. */
async function readFileAt(
  ctx: GithubContext,
  path: string,
  ref: string,
): Promise<string | null> {
  const { octokit, owner, repo, where, call } = ctx;
  const data = await call(`read ${path} in ${where}`, async () => {
    try {
      return (await octokit.rest.repos.getContent({ owner, repo, path, ref }))
        .data;
    } catch (error) {
      if (githubStatus(error) === 404) {
        return null;
      }
      throw error;
    }
  });
  if (data === null) {
    return null;
  }
  if (Array.isArray(data) || data.type !== 'file') {
    throw new InputError(
      `${path} in ${where} is a ${
        Array.isArray(data) ? 'directory' : data.type
      }, not a file`,
    );
  }
  if (data.encoding === 'base64' && data.content) {
    return Buffer.from(data.content, 'base64').toString('utf8');
  }
  // Files over 1 MB come without content ("encoding": "none"): read the blob.
  const { data: blob } = await call(`read blob of ${path} in ${where}`, () =>
    octokit.rest.git.getBlob({ owner, repo, file_sha: data.sha }),
  );
  return Buffer.from(blob.content, blob.encoding as BufferEncoding).toString(
    'utf8',
  );
}

/**
 * The git modes of the files that exist, read by walking the base tree one
 * directory at a time, so an executable script stays executable. Symlinks
 * and submodules are refused: a text patch cannot replace them.
 */
async function fileModes(
  ctx: GithubContext,
  rootTreeSha: string,
  paths: string[],
): Promise<Map<string, BlobMode>> {
  const { octokit, owner, repo, where, call } = ctx;
  type Entry = { path?: string; mode?: string; type?: string; sha?: string };
  const trees = new Map<string, Promise<Entry[] | null>>();

  const listTree = (dir: string): Promise<Entry[] | null> => {
    let listing = trees.get(dir);
    if (!listing) {
      listing = (async () => {
        let sha: string | undefined = rootTreeSha;
        if (dir !== '') {
          const slash = dir.lastIndexOf('/');
          const parent = await listTree(slash < 0 ? '' : dir.slice(0, slash));
          const name = dir.slice(slash + 1);
          sha = parent?.find(e => e.path === name && e.type === 'tree')?.sha;
        }
        if (!sha) {
          return null;
        }
        const treeSha = sha;
        const { data } = await call(`read tree ${dir || '/'} in ${where}`, () =>
          octokit.rest.git.getTree({ owner, repo, tree_sha: treeSha }),
        );
        return data.tree;
      })();
      trees.set(dir, listing);
    }
    return listing;
  };

  const modes = new Map<string, BlobMode>();
  for (const path of paths) {
    const slash = path.lastIndexOf('/');
    const entries = await listTree(slash < 0 ? '' : path.slice(0, slash));
    const entry = entries?.find(e => e.path === path.slice(slash + 1));
    if (!entry?.mode) {
      continue;
    }
    if (entry.type !== 'blob' || entry.mode === '120000') {
      throw new InputError(
        `${path} in ${where} is a ${
          entry.type === 'commit' ? 'submodule' : 'symbolic link'
        }; a fix cannot replace it`,
      );
    }
    modes.set(path, entry.mode as BlobMode);
  }
  return modes;
}
