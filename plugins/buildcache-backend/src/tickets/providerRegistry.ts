import { InputError } from '@backstage/errors';
import type { ScmIntegrationRegistry } from '@backstage/integration';
import { GithubProvider } from './providers/GithubProvider';
import { GitlabProvider } from './providers/GitlabProvider';
import type { TicketProvider, TrackerTarget } from './providers/types';
import type { JiraSettings } from './ticketsConfig';

/**
 * The provider for each target: GitHub and GitLab from the `integrations`
 * config, Jira from buildcache.tickets.jira (an InputError naming that key
 * when it is absent).
 */
export function createProviderRegistry(options: {
  integrations: ScmIntegrationRegistry;
  jira: JiraSettings | null;
  createJira: (settings: JiraSettings) => TicketProvider;
}): (target: TrackerTarget) => TicketProvider {
  const github = GithubProvider.fromIntegrations(options.integrations);
  const gitlab = GitlabProvider.fromIntegrations(options.integrations);
  const jira = options.jira ? options.createJira(options.jira) : null;
  return target => {
    switch (target.provider) {
      case 'github':
        return github;
      case 'gitlab':
        return gitlab;
      default:
        if (!jira) {
          throw new InputError(
            `Tickets for Jira project ${target.projectKey} need buildcache.tickets.jira (baseUrl and credentials) in the app config`,
          );
        }
        return jira;
    }
  };
}
