import { SimContext, encodePath } from '../context';
import { RequestContext, headerValue } from '../http/request';
import { CommitObject } from '../store/objects';
import { RepositoryRecord } from '../store/records';
import { fail, notFound } from './errors';
import { repoApi, repoWeb } from './shapes';

export function findRepo(
  sim: SimContext,
  ctx: RequestContext,
): RepositoryRecord {
  const repo = sim.store.repository(`${ctx.params.owner}/${ctx.params.repo}`);
  if (!repo || repo.fullName.split('/').length !== 2) return notFound();
  return repo;
}

/** A ref → commit, or the given error (GitHub words it per endpoint). */
export function commitAt(
  sim: SimContext,
  repo: RepositoryRecord,
  ref: string,
  onMissing: () => never,
): CommitObject {
  const sha = sim.store.resolveRef(repo, ref);
  const commit = sha ? sim.store.commit(sha) : undefined;
  return commit ?? onMissing();
}

export function noCommitForSha(ref: string): never {
  return fail(422, `No commit found for SHA: ${ref}`);
}

/** Base64 split into 60-character lines, as GitHub sends file content. */
export function githubBase64(content: Buffer): string {
  const b64 = content.toString('base64');
  if (b64 === '') return '';
  return `${b64.replace(/.{60}/g, '$&\n').replace(/\n$/, '')}\n`;
}

export function wantsRaw(ctx: RequestContext): boolean {
  const accept = headerValue(ctx.headers, 'accept') ?? '';
  return /application\/vnd\.github(\.v3)?\.raw/i.test(accept);
}

export function contentLinks(
  sim: SimContext,
  repo: RepositoryRecord,
  path: string,
  ref: string,
  type: 'file' | 'dir' | 'symlink',
  sha: string,
) {
  const api = repoApi(sim, repo);
  const self = `${api}/contents/${encodePath(path)}?ref=${encodeURIComponent(
    ref,
  )}`;
  const git = `${api}/git/${type === 'dir' ? 'trees' : 'blobs'}/${sha}`;
  const html = `${repoWeb(sim, repo)}/${
    type === 'dir' ? 'tree' : 'blob'
  }/${encodePath(ref)}/${encodePath(path)}`;
  const download =
    type === 'dir'
      ? null
      : `${sim.urls.githubWeb}/raw/${repo.fullName}/${encodePath(
          ref,
        )}/${encodePath(path)}`;
  return {
    url: self,
    git_url: git,
    html_url: html,
    download_url: download,
    _links: { self, git, html },
  };
}

/** Parses GitHub's `head` / `owner:branch` forms to a branch of this repo. */
export function headBranch(
  repo: RepositoryRecord,
  head: string,
): string | undefined {
  const colon = head.indexOf(':');
  if (colon === -1) return head;
  const owner = head.slice(0, colon);
  if (owner.toLowerCase() !== repo.owner.toLowerCase()) return undefined;
  return head.slice(colon + 1);
}

export function httpDate(iso: string): string {
  return new Date(iso).toUTCString();
}
