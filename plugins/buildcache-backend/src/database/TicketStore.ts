import type { Knex } from 'knex';
import type {
  Ticket,
  TicketFinding,
  TicketKind,
  TicketState,
  TicketTracker,
} from '@buildcache/plugin-buildcache-common';
import { type DbTimestamp, toIsoString } from './tables';

export const TABLE_TICKETS = 'buildcache_tickets';
export const TABLE_TICKET_FINDINGS = 'buildcache_ticket_findings';

interface DbTicketRow {
  id: string;
  entity_ref: string;
  kind: string;
  tracker: string;
  target: string;
  fingerprint: string;
  external_id: string | null;
  url: string | null;
  state: string;
  title: string;
  branch: string | null;
  created_by: string;
  created_at: DbTimestamp;
  updated_at: DbTimestamp;
  synced_at: DbTimestamp | null;
  closed_reason: string | null;
  sync_error: string | null;
}

interface DbTicketFindingRow {
  ticket_id: string;
  rule_id: string;
  path: string;
  fingerprint: string;
  claim: string | null;
}

/** A ticket about to be filed: stored as pending, with its claims. */
export interface NewTicket {
  id: string;
  entityRef: string;
  kind: TicketKind;
  tracker: TicketTracker;
  target: string;
  fingerprint: string;
  title: string;
  branch: string | null;
  createdBy: string;
  findings: TicketFinding[];
}

export type ClaimResult =
  | { claimed: true; ticket: Ticket }
  /** Some findings are already claimed: by these tickets. */
  | { claimed: false; holders: Ticket[] };

/** States in which a ticket holds its findings' claims. */
const ACTIVE: TicketState[] = ['pending', 'open'];

/**
 * Persists tickets. Filing one first claims its findings in one transaction
 * (a unique index on the claim), so exactly one of any number of concurrent
 * requests, on any replica, goes on to create the remote ticket.
 */
export class TicketStore {
  constructor(
    private readonly db: Knex,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Stores `ticket` as pending and claims its findings, or names who holds them. */
  async claim(ticket: NewTicket): Promise<ClaimResult> {
    const now = this.now();
    try {
      await this.db.transaction(async tx => {
        await tx<DbTicketRow>(TABLE_TICKETS).insert({
          id: ticket.id,
          entity_ref: ticket.entityRef,
          kind: ticket.kind,
          tracker: ticket.tracker,
          target: ticket.target,
          fingerprint: ticket.fingerprint,
          external_id: null,
          url: null,
          state: 'pending',
          title: ticket.title,
          branch: ticket.branch,
          created_by: ticket.createdBy,
          created_at: now,
          updated_at: now,
          synced_at: null,
          closed_reason: null,
          sync_error: null,
        });
        await tx<DbTicketFindingRow>(TABLE_TICKET_FINDINGS).insert(
          ticket.findings.map(f => ({
            ticket_id: ticket.id,
            rule_id: f.ruleId,
            path: f.path,
            fingerprint: f.fingerprint,
            claim: f.fingerprint,
          })),
        );
      });
    } catch (error) {
      const holders = await this.holders(
        ticket.findings.map(f => f.fingerprint),
      );
      if (holders.length) {
        return { claimed: false, holders };
      }
      throw error;
    }
    return { claimed: true, ticket: (await this.get(ticket.id))! };
  }

  /** The pending or open tickets holding any of these finding fingerprints. */
  async holders(fingerprints: string[]): Promise<Ticket[]> {
    if (!fingerprints.length) return [];
    const rows = await this.db<DbTicketFindingRow>(TABLE_TICKET_FINDINGS)
      .whereIn('claim', fingerprints)
      .distinct('ticket_id');
    return this.getMany(rows.map(r => r.ticket_id));
  }

  /** Records the remote item a pending ticket became. */
  async markFiled(
    id: string,
    remote: { externalId: string; url: string; state: TicketState },
  ): Promise<Ticket> {
    await this.db<DbTicketRow>(TABLE_TICKETS).where({ id }).update({
      external_id: remote.externalId,
      url: remote.url,
      state: remote.state,
      updated_at: this.now(),
      synced_at: this.now(),
    });
    if (!ACTIVE.includes(remote.state)) {
      await this.release(id);
    }
    return (await this.get(id))!;
  }

  /** Forgets a ticket whose remote creation failed: nothing half-created stays. */
  async remove(id: string): Promise<void> {
    await this.db.transaction(async tx => {
      await tx(TABLE_TICKET_FINDINGS).where({ ticket_id: id }).delete();
      await tx(TABLE_TICKETS).where({ id }).delete();
    });
  }

  /** Records what a sync read back; a closed or merged ticket frees its findings. */
  async recordSync(
    id: string,
    update: {
      state?: TicketState;
      title?: string;
      closedReason?: string | null;
      syncError?: string | null;
    },
  ): Promise<Ticket> {
    const now = this.now();
    await this.db<DbTicketRow>(TABLE_TICKETS)
      .where({ id })
      .update({
        ...(update.state ? { state: update.state } : {}),
        ...(update.title ? { title: update.title } : {}),
        ...(update.closedReason !== undefined
          ? { closed_reason: update.closedReason }
          : {}),
        sync_error: update.syncError ?? null,
        ...(update.syncError ? {} : { synced_at: now }),
        updated_at: now,
      });
    if (update.state && !ACTIVE.includes(update.state)) {
      await this.release(id);
    }
    return (await this.get(id))!;
  }

  async get(id: string): Promise<Ticket | undefined> {
    const [ticket] = await this.getMany([id]);
    return ticket;
  }

  async list(filter: {
    entityRef?: string;
    states?: TicketState[];
    limit?: number;
  }): Promise<Ticket[]> {
    const query = this.db<DbTicketRow>(TABLE_TICKETS)
      .orderBy('created_at', 'desc')
      .orderBy('id');
    if (filter.entityRef) query.where('entity_ref', filter.entityRef);
    if (filter.states) query.whereIn('state', filter.states);
    if (filter.limit) query.limit(filter.limit);
    return this.withFindings(await query);
  }

  /** Pending tickets older than `before`: their creator may have crashed. */
  async stalePending(before: Date): Promise<Ticket[]> {
    return this.withFindings(
      await this.db<DbTicketRow>(TABLE_TICKETS)
        .where('state', 'pending')
        .where('created_at', '<', before),
    );
  }

  private async release(id: string) {
    await this.db<DbTicketFindingRow>(TABLE_TICKET_FINDINGS)
      .where({ ticket_id: id })
      .update({ claim: null });
  }

  private async getMany(ids: string[]): Promise<Ticket[]> {
    if (!ids.length) return [];
    return this.withFindings(
      await this.db<DbTicketRow>(TABLE_TICKETS)
        .whereIn('id', ids)
        .orderBy('created_at')
        .orderBy('id'),
    );
  }

  private async withFindings(rows: DbTicketRow[]): Promise<Ticket[]> {
    if (!rows.length) return [];
    const findings = await this.db<DbTicketFindingRow>(TABLE_TICKET_FINDINGS)
      .whereIn(
        'ticket_id',
        rows.map(r => r.id),
      )
      .orderBy(['path', 'rule_id']);
    const byTicket = new Map<string, TicketFinding[]>();
    for (const f of findings) {
      const list = byTicket.get(f.ticket_id) ?? [];
      list.push({
        ruleId: f.rule_id,
        path: f.path,
        fingerprint: f.fingerprint,
      });
      byTicket.set(f.ticket_id, list);
    }
    return rows.map(r => toTicket(r, byTicket.get(r.id) ?? []));
  }
}

function toTicket(r: DbTicketRow, findings: TicketFinding[]): Ticket {
  return {
    id: r.id,
    entityRef: r.entity_ref,
    kind: r.kind as TicketKind,
    tracker: r.tracker as TicketTracker,
    target: r.target,
    externalId: r.external_id,
    url: r.url,
    state: r.state as TicketState,
    title: r.title,
    fingerprint: r.fingerprint,
    branch: r.branch,
    createdBy: r.created_by,
    createdAt: toIsoString(r.created_at)!,
    updatedAt: toIsoString(r.updated_at)!,
    syncedAt: toIsoString(r.synced_at),
    closedReason: r.closed_reason,
    syncError: r.sync_error,
    findings,
  };
}
