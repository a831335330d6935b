import type { Knex } from 'knex';
import { type Clock, systemClock } from './clock';
import { bumpDataRevision } from './dataRevision';
import { type DbServiceRow, TABLE_SCANS, TABLE_SERVICES } from './tables';
import { type ServiceState, toServiceState, INSERT_CHUNK } from './rowMappers';

/** A catalog entity that buildcache tracks. */
export interface ServiceTarget {
  entityRef: string;
  title: string;
  owner: string | null;
  system: string | null;
  /** The tree to read, or null when the entity has no source location. */
  sourceUrl: string | null;
}

/**
 * The services buildcache tracks, as the catalog describes them, and their
 * current state (see ScanStore for the scans that change it).
 */
export class ServiceStateStore {
  /** `now` is the clock every stored timestamp comes from (fixed in tests). */
  constructor(
    protected readonly db: Knex,
    protected readonly now: Clock = systemClock,
  ) {}

  /**
   * Records catalog data of services. Only new services and those whose
   * title, owner, system or source changed are written, so the frequent
   * discovery pass over a large catalog costs reads, not writes.
   */
  async upsertServices(targets: ServiceTarget[], now = this.now()) {
    for (let i = 0; i < targets.length; i += INSERT_CHUNK) {
      const chunk = targets.slice(i, i + INSERT_CHUNK);
      const known = new Map(
        (
          await this.db<DbServiceRow>(TABLE_SERVICES)
            .whereIn(
              'entity_ref',
              chunk.map(t => t.entityRef),
            )
            .select(
              'entity_ref',
              'title',
              'owner',
              'system',
              'source_url',
              'retired_at',
            )
        ).map(row => [row.entity_ref, row]),
      );
      const rows = chunk
        .filter(t => {
          const row = known.get(t.entityRef);
          return (
            !row ||
            row.title !== t.title ||
            row.owner !== t.owner ||
            row.system !== t.system ||
            row.source_url !== t.sourceUrl ||
            // back in the catalog after it left
            (row.retired_at !== null && row.retired_at !== undefined)
          );
        })
        .map(t => ({
          entity_ref: t.entityRef,
          title: t.title,
          owner: t.owner,
          system: t.system,
          source_url: t.sourceUrl,
          seen_at: now,
          retired_at: null,
        }));
      if (rows.length) {
        await this.db(TABLE_SERVICES)
          .insert(rows)
          .onConflict('entity_ref')
          .merge([
            'title',
            'owner',
            'system',
            'source_url',
            'seen_at',
            'retired_at',
          ]);
        await bumpDataRevision(this.db);
      }
    }
  }

  /**
   * Retires the services whose entities are no longer in the catalog (all
   * tracked ones but `present`): they leave the current views and keep
   * their results and history; upsertServices brings them back. Returns
   * the newly retired entity refs.
   */
  async retireAbsent(
    present: readonly string[],
    now = this.now(),
  ): Promise<string[]> {
    const keep = new Set(present);
    const active: Array<{ entity_ref: string }> = await this.db(TABLE_SERVICES)
      .whereNull('retired_at')
      .select('entity_ref');
    const gone = active.map(r => r.entity_ref).filter(ref => !keep.has(ref));
    for (let i = 0; i < gone.length; i += INSERT_CHUNK)
      await this.db(TABLE_SERVICES)
        .whereIn('entity_ref', gone.slice(i, i + INSERT_CHUNK))
        .update({ retired_at: now });
    if (gone.length) await bumpDataRevision(this.db);
    return gone;
  }

  /** Services with a source location that no scan has tried yet. */
  async listNeverScanned(): Promise<string[]> {
    const rows = await this.db<DbServiceRow>(TABLE_SERVICES)
      .whereNotNull('source_url')
      .whereNotExists(
        this.db(TABLE_SCANS)
          .select('id')
          .whereRaw(`${TABLE_SCANS}.entity_ref = ${TABLE_SERVICES}.entity_ref`),
      )
      .select('entity_ref');
    return rows.map(r => r.entity_ref);
  }

  async getService(entityRef: string): Promise<ServiceState | undefined> {
    const row = await this.db<DbServiceRow>(TABLE_SERVICES)
      .where({ entity_ref: entityRef })
      .first();
    return row ? toServiceState(row) : undefined;
  }

  /**
   * The state of many services in one query per chunk (absent ones are
   * left out), by entity ref.
   */
  async getServices(
    entityRefs: readonly string[],
  ): Promise<Map<string, ServiceState>> {
    const states = new Map<string, ServiceState>();
    for (let i = 0; i < entityRefs.length; i += INSERT_CHUNK) {
      const rows = await this.db<DbServiceRow>(TABLE_SERVICES).whereIn(
        'entity_ref',
        entityRefs.slice(i, i + INSERT_CHUNK),
      );
      for (const row of rows) states.set(row.entity_ref, toServiceState(row));
    }
    return states;
  }

  async listEntityRefs(filter: { owner?: string; entityRef?: string }) {
    const query = this.db<DbServiceRow>(TABLE_SERVICES).select('entity_ref');
    if (filter.owner) query.where('owner', filter.owner);
    if (filter.entityRef) query.where('entity_ref', filter.entityRef);
    return (await query).map(row => row.entity_ref);
  }
}
