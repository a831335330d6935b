import { ConflictError, InputError } from '@backstage/errors';
import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import {
  startScmSimulator,
  type ScmSimulator,
} from '@buildcache/scm-simulator';
import { GithubProvider } from './GithubProvider';
import { GitlabProvider } from './GitlabProvider';
import type { TicketProvider, TrackerTarget } from './types';

/**
 * The GitHub and GitLab providers, built from `integrations` config as the
 * plugin builds them, against the loopback SCM simulator (request shapes
 * are asserted with msw beside each provider; this checks they work against
 * a server that keeps state): the same scenario on both.
 */

const DOCKERFILE = 'FROM python:3.12\nRUN pip install -r requirements.txt\n';
const FIXED =
  '# syntax=docker/dockerfile:1\nFROM python:3.12\nRUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt\n';
const retry = { sleep: async () => {} };

describe.each(['github', 'gitlab'] as const)(
  '%s provider on the simulator',
  kind => {
    let sim: ScmSimulator;
    let provider: TicketProvider;
    let target: TrackerTarget;
    let repo: string;

    beforeEach(async () => {
      // GitLab on a second port: integrations are chosen by host
      sim = await startScmSimulator({
        token: 'sim-token',
        gitlabPort: 0,
        repositories: [
          { name: 'acme/payments', files: { Dockerfile: DOCKERFILE } },
        ],
      });
      const githubHost = new URL(sim.url).host;
      const gitlabHost = new URL(sim.gitlabUrl).host;
      const integrations = ScmIntegrations.fromConfig(
        new ConfigReader({
          integrations: {
            github: [
              {
                host: githubHost,
                apiBaseUrl: sim.githubApiUrl,
                token: 'sim-token',
              },
            ],
            gitlab: [
              {
                host: gitlabHost,
                apiBaseUrl: sim.gitlabApiUrl,
                baseUrl: sim.gitlabUrl,
                token: 'sim-token',
              },
            ],
          },
        }),
      );
      repo = 'acme/payments';
      if (kind === 'github') {
        provider = GithubProvider.fromIntegrations(integrations, { retry });
        target = {
          provider: 'github',
          host: githubHost,
          owner: 'acme',
          repo: 'payments',
        };
      } else {
        provider = GitlabProvider.fromIntegrations(integrations, { retry });
        target = { provider: 'gitlab', host: gitlabHost, project: repo };
      }
    });

    afterEach(() => sim.close());

    it('files, finds by marker, updates and closes an issue', async () => {
      const marker = 'buildcache-fingerprint: 0123456789abcdef';
      const created = await provider.createIssue(target, {
        title: 'Build cache: pip without a cache mount',
        body: `BC1005 in Dockerfile\n\n${marker}`,
        labels: ['buildcache'],
      });
      expect(created.state).toBe('open');
      expect(
        await provider.findIssueByMarker(target, marker, ['buildcache']),
      ).toEqual(created);
      await provider.updateIssue(target, created.externalId, {
        title: 'Build cache: updated',
        body: `still there\n\n${marker}`,
        labels: ['buildcache'],
      });
      const closed = await provider.closeIssue(
        target,
        created.externalId,
        'no longer found',
      );
      expect(closed.state).toBe('closed');
      const [issue] = sim.state.issues(repo);
      expect(issue).toMatchObject({
        title: 'Build cache: updated',
        state: 'closed',
      });
      expect(issue.comments.map(c => c.body)).toEqual(['no longer found']);
      expect(await provider.findIssueByMarker(target, marker)).toBeNull();
    });

    it('opens a fix PR on its own branch once, and reads its merge back', async () => {
      const request = {
        title: 'Build cache: apply 1 suggested fix',
        body: 'fix',
        labels: ['buildcache'],
        branch: 'buildcache/fix-payments-0123456789',
        commitMessage: 'Build cache: apply 1 suggested fix',
        files: [
          { path: 'Dockerfile', content: FIXED, expectedContent: DOCKERFILE },
        ],
      };
      const opened = await provider.openPullRequest!(target, request);
      expect(await provider.openPullRequest!(target, request)).toEqual(opened);
      const pulls = sim.state.pulls(repo);
      expect(pulls).toHaveLength(1);
      expect(pulls[0]).toMatchObject({ head: request.branch, base: 'main' });
      expect(sim.state.readFile(repo, 'Dockerfile', request.branch)).toBe(
        FIXED,
      );
      expect(sim.state.readFile(repo, 'Dockerfile', 'main')).toBe(DOCKERFILE);

      sim.mergePullRequest(repo, pulls[0].number);
      expect(
        (await provider.getPullRequest!(target, opened.externalId)).state,
      ).toBe('merged');
    });

    it('refuses a stale file and the default branch, creating nothing', async () => {
      sim.commit(repo, 'main', { Dockerfile: 'FROM python:3.13\n' });
      const request = {
        title: 't',
        body: 'b',
        labels: [],
        branch: 'buildcache/fix-payments-stale',
        commitMessage: 'm',
        files: [
          { path: 'Dockerfile', content: FIXED, expectedContent: DOCKERFILE },
        ],
      };
      await expect(provider.openPullRequest!(target, request)).rejects.toThrow(
        ConflictError,
      );
      await expect(
        provider.openPullRequest!(target, { ...request, branch: 'main' }),
      ).rejects.toThrow(InputError);
      expect(Object.keys(sim.state.branches(repo))).toEqual(['main']);
      expect(sim.state.pulls(repo)).toEqual([]);
    });
  },
);
