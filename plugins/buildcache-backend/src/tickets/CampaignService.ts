import type {
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { InputError, isError, stringifyError } from '@backstage/errors';
import type {
  Campaign,
  CampaignFilter,
  CampaignOutcome,
  TicketKind,
} from '@buildcache/plugin-buildcache-common';
import { randomUUID } from 'node:crypto';
import type { CampaignStore } from '../database/CampaignStore';
import type { ComplianceQueries } from '../database/ComplianceQueries';
import type { TicketService } from './TicketService';

/** At most this many services per campaign. */
export const MAX_CAMPAIGN_SERVICES = 2000;

export interface CampaignServiceOptions {
  campaigns: CampaignStore;
  queries: Pick<ComplianceQueries, 'allServices'>;
  tickets: Pick<TicketService, 'request'>;
  /** Credentials for background work (the caller's were checked at start). */
  serviceCredentials: () => Promise<BackstageCredentials>;
  /** Services filed per minute, so a campaign stays within tracker rate limits. */
  perMinute: number;
  logger: LoggerService;
  sleep?: (ms: number) => Promise<void>;
}

export interface CampaignRequest {
  kind: TicketKind;
  filter: CampaignFilter;
  dryRun: boolean;
}

/**
 * Files a ticket or fix pull request for every service matching a filter.
 * A dry run answers at once with what each service would get; a real run
 * answers with the campaign and proceeds in the background at a bounded
 * rate, recording a result per service (GET shows the progress).
 */
export class CampaignService {
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly running = new Set<Promise<void>>();

  constructor(private readonly options: CampaignServiceOptions) {
    this.sleep =
      options.sleep ?? (ms => new Promise(resolve => setTimeout(resolve, ms)));
  }

  async start(
    request: CampaignRequest,
    ctx: {
      actor: string;
      /** Of these services, those the caller may file tickets for. */
      allowed: (entityRefs: string[]) => Promise<Set<string>>;
    },
  ): Promise<Campaign> {
    const page = await this.options.queries.allServices(
      {
        ...request.filter,
        orderBy: 'name',
        order: 'asc',
        offset: 0,
        limit: MAX_CAMPAIGN_SERVICES,
      },
      MAX_CAMPAIGN_SERVICES,
    );
    const services = page.items.filter(s => s.level !== null);
    if (!services.length) {
      throw new InputError(
        `No scanned service matches the campaign filter ${JSON.stringify(
          request.filter,
        )}`,
      );
    }
    const allowed = await ctx.allowed(services.map(s => s.entityRef));
    const id = randomUUID();
    await this.options.campaigns.create({
      id,
      ...request,
      total: services.length,
      createdBy: ctx.actor,
    });
    const work = this.run(
      id,
      request,
      services.map(s => s.entityRef),
      allowed,
    );
    if (request.dryRun) {
      await work;
    } else {
      const tracked = work
        .catch(error =>
          this.options.logger.error(
            `Campaign ${id} stopped: ${stringifyError(error)}`,
          ),
        )
        .finally(() => this.running.delete(tracked));
      this.running.add(tracked);
    }
    return (await this.options.campaigns.get(id))!;
  }

  async get(id: string): Promise<Campaign | undefined> {
    return this.options.campaigns.get(id);
  }

  /** Resolves when no campaign is in progress in this process (shutdown, tests). */
  async idle(): Promise<void> {
    while (this.running.size) {
      await Promise.all([...this.running]);
    }
  }

  private async run(
    id: string,
    request: CampaignRequest,
    entityRefs: string[],
    allowed: Set<string>,
  ): Promise<void> {
    const interval = 60_000 / this.options.perMinute;
    const credentials = await this.options.serviceCredentials();
    let first = true;
    for (const entityRef of entityRefs) {
      if (!request.dryRun && !first) await this.sleep(interval);
      first = false;
      let outcome: CampaignOutcome;
      let ticketId: string | null = null;
      let reason: string | null = null;
      try {
        if (!allowed.has(entityRef)) {
          outcome = 'skipped';
          reason = 'Not allowed: buildcache.ticket.create on this service';
        } else {
          const result = await this.options.tickets.request(
            {
              entityRef,
              kind: request.kind,
              findings: request.filter.ruleId
                ? [{ ruleId: request.filter.ruleId }]
                : undefined,
              dryRun: request.dryRun,
            },
            { credentials, actor: `campaign:${id}` },
          );
          outcome = result.outcome;
          ticketId = result.tickets[0]?.id ?? null;
        }
      } catch (error) {
        // a bad request for this service (nothing open, no fix, no tracker)
        // is a skip; anything else (the tracker failed) is a failure
        outcome =
          isError(error) && error.name === 'InputError' ? 'skipped' : 'failed';
        reason = isError(error) ? error.message : stringifyError(error);
        if (outcome === 'failed') {
          this.options.logger.warn(
            `Campaign ${id}: filing for ${entityRef} failed: ${reason}`,
          );
        }
      }
      await this.options.campaigns.addResult(id, {
        entityRef,
        outcome,
        ticketId,
        reason,
      });
    }
    await this.options.campaigns.finish(id);
  }
}
