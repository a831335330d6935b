/*
 * Drives the simulator with Backstage's own URL readers, the way the dev
 * portal's catalog and buildcache scans read repositories.
 */
import { UrlReaders } from '@backstage/backend-defaults/urlReader';
import { ConfigReader } from '@backstage/config';
import { ScmSimulator, startScmSimulator } from './simulator';
import { APP_FILES } from './__testUtils__/http';

type Logger = Parameters<typeof UrlReaders.default>[0]['logger'];

const quietLogger: Logger = {
  error() {},
  warn() {},
  info() {},
  debug() {},
  child: () => quietLogger,
};

const GITHUB_REPO = 'acme/build-notifier';
const GITLAB_PROJECT = 'platform/tools/deployer';
const TOKEN = 'reader-token';

let sim: ScmSimulator;
let reader: ReturnType<typeof UrlReaders.default>;

beforeAll(async () => {
  sim = await startScmSimulator({
    token: TOKEN,
    gitlabPort: 0,
    repositories: [
      { name: GITHUB_REPO, files: APP_FILES },
      { name: GITLAB_PROJECT, files: APP_FILES },
    ],
  });
  const config = new ConfigReader({
    integrations: {
      github: [
        {
          host: new URL(sim.url).host,
          apiBaseUrl: sim.githubApiUrl,
          token: TOKEN,
        },
      ],
      gitlab: [
        {
          host: new URL(sim.gitlabUrl).host,
          apiBaseUrl: sim.gitlabApiUrl,
          baseUrl: sim.gitlabUrl,
          token: TOKEN,
        },
      ],
    },
  });
  reader = UrlReaders.default({ config, logger: quietLogger });
});

afterAll(async () => {
  await sim.close();
});

async function filesOf(response: Awaited<ReturnType<typeof reader.readTree>>) {
  const result: Record<string, string> = {};
  for (const file of await response.files()) {
    result[file.path] = (await file.content()).toString('utf8');
  }
  return result;
}

function requestsSince(index: number) {
  return sim.state.requests
    .slice(index)
    .map(r => `${r.method} ${r.path} ${r.status}`);
}

describe('GithubUrlReader against the simulator', () => {
  it('reads the tree, honours the ETag and sees later commits', async () => {
    const url = `${sim.url}/${GITHUB_REPO}/tree/main/`;
    const head = sim.state.headSha(GITHUB_REPO)!;
    const before = sim.state.requests.length;
    const tree = await reader.readTree(url);
    expect(tree.etag).toBe(head);
    expect(await filesOf(tree)).toEqual(APP_FILES);
    expect(requestsSince(before)).toEqual([
      `GET /api/v3/repos/${GITHUB_REPO}/commits/main/status?per_page=0 200`,
      `GET /api/v3/repos/${GITHUB_REPO}/tarball/${head} 200`,
    ]);

    await expect(reader.readTree(url, { etag: head })).rejects.toMatchObject({
      name: 'NotModifiedError',
    });

    const next = sim.commit(
      GITHUB_REPO,
      'main',
      { Dockerfile: 'FROM node:24\n' },
      'Bump',
    );
    const changed = await reader.readTree(url, { etag: head });
    expect(changed.etag).toBe(next);
    expect((await filesOf(changed)).Dockerfile).toBe('FROM node:24\n');
  });

  it('reads a sub-folder and the default branch when the URL has no ref', async () => {
    const docs = await reader.readTree(
      `${sim.url}/${GITHUB_REPO}/tree/main/docs`,
    );
    expect(await filesOf(docs)).toEqual({
      'deep/nested/readme.md': '# Nested\n',
    });
    const before = sim.state.requests.length;
    const whole = await reader.readTree(`${sim.url}/${GITHUB_REPO}`);
    expect(Object.keys(await filesOf(whole))).toContain('src/index.ts');
    expect(requestsSince(before)[0]).toBe(
      `GET /api/v3/repos/${GITHUB_REPO} 200`,
    );
  });

  it('reads single files with ETag and searches with globs', async () => {
    const url = `${sim.url}/${GITHUB_REPO}/blob/main/package.json`;
    const response = await reader.readUrl(url);
    expect((await response.buffer()).toString()).toBe(
      APP_FILES['package.json'],
    );
    expect(response.etag).toBeDefined();
    await expect(
      reader.readUrl(url, { etag: response.etag }),
    ).rejects.toMatchObject({
      name: 'NotModifiedError',
    });
    await expect(
      reader.readUrl(`${sim.url}/${GITHUB_REPO}/blob/main/missing.txt`),
    ).rejects.toMatchObject({ name: 'NotFoundError' });

    const found = await reader.search(
      `${sim.url}/${GITHUB_REPO}/blob/main/**/*.md`,
    );
    expect(found.files.map(f => f.url)).toEqual([
      `${sim.url}/${GITHUB_REPO}/blob/main/docs/deep/nested/readme.md`,
    ]);
    expect((await found.files[0].content()).toString()).toBe('# Nested\n');
  });
});

describe('GitlabUrlReader against the simulator', () => {
  it('reads the tree with the project, commits and archive requests', async () => {
    const url = `${sim.gitlabUrl}/${GITLAB_PROJECT}/-/tree/main/`;
    const head = sim.state.headSha(GITLAB_PROJECT)!;
    const encoded = encodeURIComponent(GITLAB_PROJECT);
    const before = sim.state.requests.length;
    const tree = await reader.readTree(url);
    expect(tree.etag).toBe(head);
    expect(await filesOf(tree)).toEqual(APP_FILES);
    expect(requestsSince(before)).toEqual([
      `GET /api/v4/projects/${encoded} 200`,
      `GET /api/v4/projects/${encoded}/repository/commits?ref_name=main 200`,
      `GET /api/v4/projects/${encoded}/repository/archive?sha=main 200`,
    ]);
    await expect(reader.readTree(url, { etag: head })).rejects.toMatchObject({
      name: 'NotModifiedError',
    });
    const docs = await reader.readTree(
      `${sim.gitlabUrl}/${GITLAB_PROJECT}/-/tree/main/docs`,
    );
    expect(await filesOf(docs)).toEqual({
      'deep/nested/readme.md': '# Nested\n',
    });
  });

  it('reads single files with ETag', async () => {
    const url = `${sim.gitlabUrl}/${GITLAB_PROJECT}/-/blob/main/src/index.ts`;
    const response = await reader.readUrl(url);
    expect((await response.buffer()).toString()).toBe(
      APP_FILES['src/index.ts'],
    );
    await expect(
      reader.readUrl(url, { etag: response.etag }),
    ).rejects.toMatchObject({
      name: 'NotModifiedError',
    });
  });
});
