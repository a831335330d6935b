import { SimContext } from '../context';
import { json } from '../http/reply';
import { Router } from '../http/router';
import { RateLimiter } from '../rateLimit';
import { registerContentRoutes, registerRawRoutes } from './contents';
import { registerGitRoutes } from './git';
import { registerIssueRoutes } from './issues';
import { registerPullRoutes } from './pulls';
import { registerRepoRoutes } from './repos';
import { userJson } from './shapes';

export const GITHUB_API_PREFIX = '/api/v3';

/** The GitHub REST API (v3) under /api/v3, GitHub Enterprise style. */
export function createGithubRouter(
  sim: SimContext,
  rateLimiter: RateLimiter,
): Router {
  const router = new Router(GITHUB_API_PREFIX);
  router.get('/rate_limit', () => {
    const core = rateLimiter.snapshot();
    return json(200, { resources: { core }, rate: core });
  });
  router.get('', () =>
    json(200, {
      current_user_url: `${sim.urls.githubApi}/user`,
      repository_url: `${sim.urls.githubApi}/repos/{owner}/{repo}`,
    }),
  );
  router.get('/user', () => json(200, userJson(sim, sim.user)));
  registerRepoRoutes(router, sim);
  registerContentRoutes(router, sim);
  registerGitRoutes(router, sim);
  registerIssueRoutes(router, sim);
  registerPullRoutes(router, sim);
  return router;
}

/** GitHub Enterprise raw file URLs (`/raw/{owner}/{repo}/{ref}/{path}`). */
export function createGithubRawRouter(sim: SimContext): Router {
  const router = new Router();
  registerRawRoutes(router, sim);
  return router;
}
