import type { Knex } from 'knex';
import { TABLE_DATA_REVISION } from './tables';

/**
 * The data revision: a counter that every transaction changing the
 * services' current state or history increments (migration
 * 20261202000700_data_revision). A view computed from that state at
 * revision r is current while the counter still reads r, on any replica.
 *
 * Writers call {@link bumpDataRevision} as the last statement of their
 * transaction: on PostgreSQL the update locks the counter's row until
 * commit, and taking it last keeps concurrent writers from waiting on each
 * other for longer than their commit (and from ever waiting in a cycle).
 */
export async function bumpDataRevision(
  tx: Knex | Knex.Transaction,
): Promise<void> {
  await tx(TABLE_DATA_REVISION).where({ id: 1 }).increment('revision', 1);
}

/** The current data revision (0 before any write). */
export async function readDataRevision(db: Knex): Promise<number> {
  const row: { revision: number | string } | undefined = await db(
    TABLE_DATA_REVISION,
  )
    .where({ id: 1 })
    .first('revision');
  return Number(row?.revision ?? 0);
}
