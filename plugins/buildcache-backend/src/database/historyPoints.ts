import type { Knex } from 'knex';
import { type DbHistoryRow, TABLE_HISTORY } from './tables';

/** A history point as the store writes it; previous_score is derived. */
export type NewHistoryPoint = Omit<DbHistoryRow, 'id' | 'previous_score'>;

const LATEST_FIRST = [
  { column: 'scanned_at', order: 'desc' },
  { column: 'id', order: 'desc' },
] as const;
const EARLIEST_FIRST = [
  { column: 'scanned_at', order: 'asc' },
  { column: 'id', order: 'asc' },
] as const;

/**
 * Adds a point to a service's score history with the score of the
 * service's previous point (null when it had none or no score: migration
 * 20261202000600), in the order the trend reads points: scanned_at, then
 * id. A point written behind a later one (a replica whose clock runs
 * behind) becomes that later point's previous.
 */
export async function insertHistoryPoint(
  tx: Knex | Knex.Transaction,
  point: NewHistoryPoint,
): Promise<void> {
  const ofService = () =>
    tx<DbHistoryRow>(TABLE_HISTORY).where({ entity_ref: point.entity_ref });
  // two statements, each with its lookup as a subquery
  await tx(TABLE_HISTORY).insert({
    ...point,
    previous_score: ofService()
      .where('scanned_at', '<=', point.scanned_at)
      .orderBy([...LATEST_FIRST])
      .limit(1)
      .select('score'),
  });
  await tx(TABLE_HISTORY)
    .where(
      'id',
      ofService()
        .where('scanned_at', '>', point.scanned_at)
        .orderBy([...EARLIEST_FIRST])
        .limit(1)
        .select('id'),
    )
    .update({ previous_score: point.score });
}
