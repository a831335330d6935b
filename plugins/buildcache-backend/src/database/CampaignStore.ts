import type { Knex } from 'knex';
import type {
  Campaign,
  CampaignFilter,
  CampaignOutcome,
  CampaignServiceResult,
  TicketKind,
} from '@buildcache/plugin-buildcache-common';
import { type DbTimestamp, toIsoString } from './tables';

const TABLE_CAMPAIGNS = 'buildcache_campaigns';
const TABLE_RESULTS = 'buildcache_campaign_results';

interface DbCampaignRow {
  id: string;
  kind: string;
  filter: string;
  dry_run: boolean | number;
  status: string;
  total: number;
  created_by: string;
  created_at: DbTimestamp;
  heartbeat_at: DbTimestamp;
  finished_at: DbTimestamp | null;
}

interface DbResultRow {
  campaign_id: string;
  entity_ref: string;
  outcome: string;
  ticket_id: string | null;
  reason: string | null;
  url?: string | null;
}

/** A running campaign not heard from for this long died with its replica. */
const HEARTBEAT_TIMEOUT_MS = 5 * 60_000;

/** Persists campaigns and their per-service results. */
export class CampaignStore {
  constructor(
    private readonly db: Knex,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async create(campaign: {
    id: string;
    kind: TicketKind;
    filter: CampaignFilter;
    dryRun: boolean;
    total: number;
    createdBy: string;
  }): Promise<void> {
    const now = this.now();
    await this.db<DbCampaignRow>(TABLE_CAMPAIGNS).insert({
      id: campaign.id,
      kind: campaign.kind,
      filter: JSON.stringify(campaign.filter),
      dry_run: campaign.dryRun,
      status: 'running',
      total: campaign.total,
      created_by: campaign.createdBy,
      created_at: now,
      heartbeat_at: now,
      finished_at: null,
    });
  }

  /** Records one service's result (once) and marks the campaign alive. */
  async addResult(
    campaignId: string,
    result: {
      entityRef: string;
      outcome: CampaignOutcome;
      ticketId: string | null;
      reason: string | null;
    },
  ): Promise<void> {
    await this.db.transaction(async tx => {
      await tx<DbResultRow>(TABLE_RESULTS)
        .insert({
          campaign_id: campaignId,
          entity_ref: result.entityRef,
          outcome: result.outcome,
          ticket_id: result.ticketId,
          reason: result.reason?.slice(0, 2000) ?? null,
        })
        .onConflict(['campaign_id', 'entity_ref'])
        .ignore();
      await tx<DbCampaignRow>(TABLE_CAMPAIGNS)
        .where({ id: campaignId })
        .update({ heartbeat_at: this.now() });
    });
  }

  async finish(campaignId: string): Promise<void> {
    await this.db<DbCampaignRow>(TABLE_CAMPAIGNS)
      .where({ id: campaignId })
      .update({ status: 'done', finished_at: this.now() });
  }

  async get(id: string): Promise<Campaign | undefined> {
    const row = await this.db<DbCampaignRow>(TABLE_CAMPAIGNS)
      .where({ id })
      .first();
    if (!row) return undefined;
    const results: DbResultRow[] = await this.db(`${TABLE_RESULTS} as r`)
      .leftJoin('buildcache_tickets as t', 't.id', 'r.ticket_id')
      .where('r.campaign_id', id)
      .orderBy('r.entity_ref')
      .select('r.*', 't.url as url');
    const alive =
      row.status !== 'running' ||
      this.now().getTime() -
        new Date(toIsoString(row.heartbeat_at)!).getTime() <
        HEARTBEAT_TIMEOUT_MS;
    return {
      id: row.id,
      kind: row.kind as TicketKind,
      filter: JSON.parse(row.filter),
      dryRun: Boolean(row.dry_run),
      status: alive ? (row.status as Campaign['status']) : 'interrupted',
      total: row.total,
      createdBy: row.created_by,
      createdAt: toIsoString(row.created_at)!,
      finishedAt: toIsoString(row.finished_at),
      results: results.map(
        (r): CampaignServiceResult => ({
          entityRef: r.entity_ref,
          outcome: r.outcome as CampaignOutcome,
          ticketId: r.ticket_id,
          ticketUrl: r.url ?? null,
          reason: r.reason,
        }),
      ),
    };
  }
}
