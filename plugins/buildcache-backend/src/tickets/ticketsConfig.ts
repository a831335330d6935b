import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  type RootConfigService,
  type SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import {
  DEFAULT_TEMPLATE,
  validateTemplate,
  type TicketTemplate,
} from './renderTicket';

/** Jira connection (buildcache.tickets.jira). */
export interface JiraSettings {
  baseUrl: string;
  projectKey: string | null;
  issueType: string;
  labels: string[];
  email: string | null;
  apiToken: string | null;
  personalAccessToken: string | null;
}

/** buildcache.tickets, read and checked at start-up. */
export interface TicketsConfig {
  defaultTracker: string;
  labels: string[];
  template: TicketTemplate;
  closeWhenFixed: boolean;
  syncSchedule: SchedulerServiceTaskScheduleDefinition;
  campaignServicesPerMinute: number;
  /** app.baseUrl, for links to scorecards (none when unset). */
  portalBaseUrl: string | null;
  jira: JiraSettings | null;
}

const DEFAULT_SYNC: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 15 },
  timeout: { minutes: 10 },
  initialDelay: { minutes: 1 },
};

/** Reads buildcache.tickets; a bad value fails start-up naming its key. */
export function readTicketsConfig(root: RootConfigService): TicketsConfig {
  const config = root.getOptionalConfig('buildcache.tickets');
  const template: TicketTemplate = {
    issueTitle:
      config?.getOptionalString('template.issueTitle') ??
      DEFAULT_TEMPLATE.issueTitle,
    pullRequestTitle:
      config?.getOptionalString('template.pullRequestTitle') ??
      DEFAULT_TEMPLATE.pullRequestTitle,
    body: config?.getOptionalString('template.body') ?? DEFAULT_TEMPLATE.body,
  };
  validateTemplate(template);
  const perMinute =
    config?.getOptionalNumber('campaignServicesPerMinute') ?? 30;
  if (!(perMinute > 0 && perMinute <= 600)) {
    throw new InputError(
      `buildcache.tickets.campaignServicesPerMinute must be from 1 to 600, got ${perMinute}`,
    );
  }
  const jira = config?.getOptionalConfig('jira');
  const defaultTracker =
    config?.getOptionalString('defaultTracker') ?? 'source';
  if (!/^(source|github|gitlab|jira)(:.+)?$/.test(defaultTracker)) {
    throw new InputError(
      `buildcache.tickets.defaultTracker must be source, github, gitlab, jira or jira:KEY, got "${defaultTracker}"`,
    );
  }
  return {
    defaultTracker,
    labels: config?.getOptionalStringArray('labels') ?? ['buildcache'],
    template,
    closeWhenFixed: config?.getOptionalBoolean('closeWhenFixed') ?? true,
    syncSchedule: config?.has('syncSchedule')
      ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
          config.getConfig('syncSchedule'),
        )
      : DEFAULT_SYNC,
    campaignServicesPerMinute: perMinute,
    portalBaseUrl: root.getOptionalString('app.baseUrl') ?? null,
    jira: jira
      ? {
          baseUrl: jira.getString('baseUrl').replace(/\/$/, ''),
          projectKey: jira.getOptionalString('projectKey') ?? null,
          issueType: jira.getOptionalString('issueType') ?? 'Task',
          labels: jira.getOptionalStringArray('labels') ?? ['buildcache'],
          email: jira.getOptionalString('email') ?? null,
          apiToken: jira.getOptionalString('apiToken') ?? null,
          personalAccessToken:
            jira.getOptionalString('personalAccessToken') ?? null,
        }
      : null,
  };
}
