import type { ComplianceService } from '@buildcache/plugin-buildcache-common';
import type { BuildcacheApi } from '../../api';

/** How long one load of every service's level serves the catalog table. */
const FRESH_MS = 60_000;
/** The services list's largest page. */
const PAGE_SIZE = 500;
/** At most this many pages (10,000 services) are read for the column. */
const MAX_PAGES = 20;

type Levels = Map<string, ComplianceService>;

const loads = new WeakMap<
  BuildcacheApi,
  { at: number; levels: Promise<Levels> }
>();

async function loadAll(api: BuildcacheApi): Promise<Levels> {
  const levels: Levels = new Map();
  for (let page = 0; page < MAX_PAGES; page++) {
    const { items, totalCount } = await api.listComplianceServices({
      orderBy: 'name',
      order: 'asc',
      offset: page * PAGE_SIZE,
      limit: PAGE_SIZE,
    });
    for (const service of items) {
      levels.set(service.entityRef.toLocaleLowerCase('en-US'), service);
    }
    if ((page + 1) * PAGE_SIZE >= totalCount || items.length === 0) break;
  }
  return levels;
}

/**
 * Level and score of every tracked service by lower-cased entity ref: one
 * load (pages of 500 of GET /v1/compliance/services) shared by every row of
 * a catalog table, reused for a minute, so the column makes no request per
 * row. A failed load is forgotten, so the next render tries again.
 */
export function serviceLevels(
  api: BuildcacheApi,
  now: number = Date.now(),
): Promise<Levels> {
  const cached = loads.get(api);
  if (cached && now - cached.at < FRESH_MS) {
    return cached.levels;
  }
  const levels = loadAll(api);
  loads.set(api, { at: now, levels });
  levels.catch(() => {
    if (loads.get(api)?.levels === levels) loads.delete(api);
  });
  return levels;
}
