import { SimContext } from '../context';
import { json } from '../http/reply';
import { Router } from '../http/router';
import { registerCommitRoutes } from './commits';
import { registerIssueRoutes } from './issues';
import { registerMergeRequestRoutes } from './mergeRequests';
import { registerRepositoryRoutes } from './repository';
import { userJson } from './shapes';

export const GITLAB_API_PREFIX = '/api/v4';

/** The GitLab REST API (v4) under /api/v4. */
export function createGitlabRouter(sim: SimContext): Router {
  const router = new Router(GITLAB_API_PREFIX);
  router.get('/user', () => json(200, userJson(sim, sim.user)));
  registerRepositoryRoutes(router, sim);
  registerCommitRoutes(router, sim);
  registerIssueRoutes(router, sim);
  registerMergeRequestRoutes(router, sim);
  return router;
}
