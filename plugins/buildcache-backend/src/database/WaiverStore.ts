import type { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import type { Waiver } from '@buildcache/plugin-buildcache-common';
import {
  type DbTimestamp,
  TABLE_FINDINGS,
  TABLE_SERVICES,
  toIsoString,
} from './tables';

export const TABLE_WAIVERS = 'buildcache_waivers';

interface DbWaiverRow {
  id: string;
  target: string;
  rule_id: string;
  path: string | null;
  reason: string;
  created_by: string;
  created_at: DbTimestamp;
  expires_at: DbTimestamp | null;
}

export interface NewWaiver {
  target: string;
  ruleId: string;
  path: string | null;
  reason: string;
  createdBy: string;
  expiresAt: Date | null;
}

/** Persists waivers; matching them to findings is in matchWaivers.ts. */
export class WaiverStore {
  constructor(private readonly db: Knex) {}

  /**
   * Services whose current result has a finding covered by a waiver that
   * has expired (or is gone): their stored state must be re-scored.
   */
  async servicesWithLapsedWaivers(now: Date): Promise<string[]> {
    const rows: Array<{ entity_ref: string }> = await this.db(
      `${TABLE_FINDINGS} as f`,
    )
      .join(`${TABLE_SERVICES} as s`, 's.last_good_scan_id', 'f.scan_id')
      .leftJoin(`${TABLE_WAIVERS} as w`, 'w.id', 'f.waiver_id')
      .whereNotNull('f.waiver_id')
      .where(q => q.whereNull('w.id').orWhere('w.expires_at', '<=', now))
      .distinct('s.entity_ref');
    return rows.map(r => r.entity_ref).sort();
  }

  async list(
    filter: { target?: string; ruleId?: string } = {},
  ): Promise<Waiver[]> {
    const query = this.db<DbWaiverRow>(TABLE_WAIVERS).orderBy(
      'created_at',
      'desc',
    );
    if (filter.target) query.where('target', filter.target);
    if (filter.ruleId) query.where('rule_id', filter.ruleId);
    return (await query).map(toWaiver);
  }

  /** Waivers that can apply to a service: for it, its owner, or everyone. */
  async listFor(service: {
    entityRef: string;
    owner: string | null;
  }): Promise<Waiver[]> {
    const targets = [
      '*',
      service.entityRef,
      ...(service.owner ? [service.owner] : []),
    ];
    const rows = await this.db<DbWaiverRow>(TABLE_WAIVERS).whereIn(
      'target',
      targets,
    );
    return rows.map(toWaiver);
  }

  async get(id: string): Promise<Waiver | undefined> {
    const row = await this.db<DbWaiverRow>(TABLE_WAIVERS).where({ id }).first();
    return row ? toWaiver(row) : undefined;
  }

  async create(waiver: NewWaiver): Promise<Waiver> {
    const row: DbWaiverRow = {
      id: randomUUID(),
      target: waiver.target,
      rule_id: waiver.ruleId,
      path: waiver.path,
      reason: waiver.reason,
      created_by: waiver.createdBy,
      created_at: new Date(),
      expires_at: waiver.expiresAt,
    };
    await this.db(TABLE_WAIVERS).insert(row);
    return toWaiver(row);
  }

  async delete(id: string): Promise<boolean> {
    return (await this.db(TABLE_WAIVERS).where({ id }).delete()) > 0;
  }
}

function toWaiver(row: DbWaiverRow): Waiver {
  return {
    id: row.id,
    target: row.target,
    ruleId: row.rule_id,
    path: row.path,
    reason: row.reason,
    createdBy: row.created_by,
    createdAt: toIsoString(row.created_at)!,
    expiresAt: toIsoString(row.expires_at),
  };
}
