import { SimContext, encodePath } from '../context';
import { HttpReply, raw } from '../http/reply';
import { Router } from '../http/router';
import { normalizeRepoPath } from '../store/paths';
import { RepositoryRecord } from '../store/records';
import { listTree } from '../store/trees';

/**
 * Minimal browser pages for the links the APIs hand out (html_url,
 * web_url): file and folder views, issues, pull / merge requests, commits.
 * Everything is HTML-escaped and the pages forbid every active content.
 */

function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

function page(title: string, body: string): HttpReply {
  const html = `<!doctype html>\n<html><head><meta charset="utf-8"><title>${escapeHtml(
    title,
  )}</title></head><body><h1>${escapeHtml(
    title,
  )}</h1>\n${body}\n</body></html>\n`;
  return raw(200, html, 'text/html; charset=utf-8', {
    'content-security-policy': "default-src 'none'",
    'x-content-type-options': 'nosniff',
  });
}

function notFoundPage(): HttpReply {
  return raw(404, 'Not Found\n', 'text/plain; charset=utf-8', {
    'x-content-type-options': 'nosniff',
  });
}

function link(href: string, text: string): string {
  return `<a href="${escapeHtml(href)}">${escapeHtml(text)}</a>`;
}

interface Flavor {
  /** `/-` for GitLab, '' for GitHub. */
  marker: string;
  base: (repo: RepositoryRecord) => string;
}

/** Splits `ref/with/slashes/path/to/file` at the longest ref that resolves. */
function refAndPath(
  sim: SimContext,
  repo: RepositoryRecord,
  rest: string,
): { ref: string; path: string } | undefined {
  const segments = rest.replace(/\/+$/, '').split('/');
  for (let i = segments.length; i >= 1; i--) {
    const ref = segments.slice(0, i).join('/');
    if (!sim.store.resolveRef(repo, ref)) continue;
    const path = normalizeRepoPath(segments.slice(i).join('/'));
    if (path !== undefined) return { ref, path };
  }
  return undefined;
}

function contentView(
  sim: SimContext,
  flavor: Flavor,
  repo: RepositoryRecord,
  rest: string,
): HttpReply {
  const located = refAndPath(sim, repo, rest);
  if (!located) return notFoundPage();
  const { ref, path } = located;
  const found = sim.store.readPath(repo, ref, path);
  if (!found) return notFoundPage();
  const base = `${flavor.base(repo)}${flavor.marker}`;
  const title = `${repo.fullName} @ ${ref}${path ? ` : ${path}` : ''}`;
  if (found.entry.type === 'blob') {
    const content =
      sim.store.objects.getBlob(found.entry.sha) ?? Buffer.alloc(0);
    // one element per line, id L<n>, so `#L7` links land on the line
    const lines = content
      .toString('utf8')
      .replace(/\n$/, '')
      .split('\n')
      .map((line, i) => `<span id="L${i + 1}">${escapeHtml(line)}\n</span>`);
    return page(title, `<pre>${lines.join('')}</pre>`);
  }
  const items = listTree(sim.store.objects, found.entry.sha, false).map(
    item => {
      const full = path ? `${path}/${item.path}` : item.path;
      const kind = item.type === 'tree' ? 'tree' : 'blob';
      const href = `${base}/${kind}/${encodePath(ref)}/${encodePath(full)}`;
      return `<li>${link(
        href,
        item.type === 'tree' ? `${item.path}/` : item.path,
      )}</li>`;
    },
  );
  return page(title, `<ul>\n${items.join('\n')}\n</ul>`);
}

function issueView(
  flavor: Flavor,
  repo: RepositoryRecord,
  number: string,
  wantPull: boolean,
): HttpReply {
  const issue = /^\d+$/.test(number)
    ? repo.issues.get(Number(number))
    : undefined;
  if (!issue || Boolean(issue.pull) !== wantPull) return notFoundPage();
  const state = issue.pull?.merged ? 'merged' : issue.state;
  const parts = [
    `<p>State: ${escapeHtml(state)}</p>`,
    issue.labels.length
      ? `<p>Labels: ${escapeHtml(issue.labels.join(', '))}</p>`
      : '',
    issue.pull
      ? `<p>${escapeHtml(issue.pull.head)} → ${escapeHtml(issue.pull.base)}</p>`
      : '',
    `<pre>${escapeHtml(issue.body ?? '')}</pre>`,
    ...issue.comments.map(
      c =>
        `<hr><p>${escapeHtml(c.author)}:</p><pre>${escapeHtml(c.body)}</pre>`,
    ),
  ];
  const marker = flavor.marker ? '!' : '#';
  return page(
    `${repo.fullName}${issue.pull ? marker : '#'}${issue.number}: ${
      issue.title
    }`,
    parts.filter(Boolean).join('\n'),
  );
}

function commitView(
  sim: SimContext,
  repo: RepositoryRecord,
  sha: string,
): HttpReply {
  const resolved = sim.store.resolveRef(repo, sha);
  const commit = resolved ? sim.store.commit(resolved) : undefined;
  if (!commit) return notFoundPage();
  return page(
    `${repo.fullName} commit ${commit.sha}`,
    `<p>${escapeHtml(commit.author.name)} ${escapeHtml(
      commit.author.date,
    )}</p><pre>${escapeHtml(commit.message)}</pre>`,
  );
}

export function createWebRouter(sim: SimContext): Router {
  const router = new Router();
  const gitlab: Flavor = {
    marker: '/-',
    base: repo => `${sim.urls.gitlabWeb}/${repo.fullName}`,
  };
  const github: Flavor = {
    marker: '',
    base: repo => `${sim.urls.githubWeb}/${repo.fullName}`,
  };
  const repoOf = (name: string) =>
    sim.store.repository(name.replace(/\.git$/, ''));

  const views: Array<[string, Flavor]> = [
    ['/*project/-', gitlab],
    ['/:owner/:repo', github],
  ];
  for (const [prefix, flavor] of views) {
    const find = (params: Record<string, string>) =>
      repoOf(params.project ?? `${params.owner}/${params.repo}`);
    const withRepo =
      (
        view: (
          repo: RepositoryRecord,
          params: Record<string, string>,
        ) => HttpReply,
      ) =>
      (ctx: { params: Record<string, string> }) => {
        const repo = find(ctx.params);
        return repo ? view(repo, ctx.params) : notFoundPage();
      };
    router.get(
      `${prefix}/blob/*rest`,
      withRepo((repo, p) => contentView(sim, flavor, repo, p.rest)),
    );
    router.get(
      `${prefix}/tree/*rest`,
      withRepo((repo, p) => contentView(sim, flavor, repo, p.rest)),
    );
    router.get(
      `${prefix}/commit/:sha`,
      withRepo((repo, p) => commitView(sim, repo, p.sha)),
    );
    router.get(
      `${prefix}/issues/:number`,
      withRepo((repo, p) => issueView(flavor, repo, p.number, false)),
    );
    const pulls = flavor === gitlab ? 'merge_requests' : 'pull';
    router.get(
      `${prefix}/${pulls}/:number`,
      withRepo((repo, p) => issueView(flavor, repo, p.number, true)),
    );
  }
  // Project home pages: the default branch's top folder.
  router.get('/*project', ctx => {
    const repo = repoOf(ctx.params.project);
    if (!repo) return notFoundPage();
    const flavor = repo.fullName.split('/').length === 2 ? github : gitlab;
    return contentView(sim, flavor, repo, repo.defaultBranch);
  });
  return router;
}
