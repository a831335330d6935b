import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import type { ScmIntegrationRegistry } from '@backstage/integration';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { NotFoundError } from '@backstage/errors';
import type {
  Scorecard,
  ScorecardFinding,
} from '@buildcache/plugin-buildcache-common';
import type { ScanStore, ServiceTarget } from '../database/ScanStore';
import type { StoredFinding } from '../database/rowMappers';
import { toTarget } from '../scanning/discoverTargets';
import { scmLineUrl } from './scmLinks';
import type { WaiverStore } from '../database/WaiverStore';

type FindingKey = Pick<StoredFinding, 'ruleId' | 'path' | 'message'>;

/**
 * Tells the findings that the previous result did not have: same rule, file
 * and message (lines move when unrelated lines change), counted so that a
 * second identical finding is new. Nothing is new without a previous result.
 */
function newSince(previous: FindingKey[] | undefined) {
  const key = (f: FindingKey) => `${f.ruleId}\u0000${f.path}\u0000${f.message}`;
  const remaining = new Map<string, number>();
  for (const f of previous ?? [])
    remaining.set(key(f), (remaining.get(key(f)) ?? 0) + 1);
  return (f: FindingKey): boolean => {
    if (!previous) return false;
    const left = remaining.get(key(f)) ?? 0;
    remaining.set(key(f), left - 1);
    return left <= 0;
  };
}

/** Assembles what the API serves about one service. */
export class ScorecardService {
  constructor(
    private readonly deps: {
      store: ScanStore;
      waivers: WaiverStore;
      catalog: CatalogService;
      integrations: ScmIntegrationRegistry;
    },
  ) {}

  /**
   * The service as a scan target, from the catalog (so a service added since
   * the last cycle can be scanned at once). Throws NotFoundError when the
   * catalog does not know the entity.
   */
  async getTarget(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<ServiceTarget> {
    const entity = await this.deps.catalog.getEntityByRef(entityRef, {
      credentials,
    });
    if (!entity) {
      throw new NotFoundError(`No entity ${entityRef} in the catalog`);
    }
    const target = toTarget(entity, this.deps.integrations);
    // a service added since the last cycle is recorded at once (the store
    // writes only new or changed catalog data, so reads stay reads)
    await this.deps.store.upsertServices([target]);
    return target;
  }

  async getScorecard(target: ServiceTarget): Promise<Scorecard> {
    const { store, integrations } = this.deps;
    const service = await store.getService(target.entityRef);
    const lastScan = (await store.getLastScan(target.entityRef)) ?? null;
    const scanId = service?.lastGoodScanId;
    const [files, findings, previousId] = scanId
      ? await Promise.all([
          store.getFiles(scanId),
          store.getFindings(scanId),
          store.getPreviousGoodScanId(target.entityRef, scanId),
        ])
      : [[], [], undefined];
    const isNew = newSince(
      previousId ? await store.getFindings(previousId) : undefined,
    );
    const sourceUrl = service?.sourceUrl ?? target.sourceUrl;
    // which waiver covers a finding is stored with it (see Rescorer); only
    // its details are looked up here
    const waivers = new Map(
      (await this.deps.waivers.listFor(target)).map(w => [w.id, w]),
    );
    const served: ScorecardFinding[] = findings.map(
      ({ id: _id, waiverId, ...f }) => {
        const waiver = waiverId ? waivers.get(waiverId) : undefined;
        return {
          ...f,
          url: scmLineUrl(integrations, sourceUrl, f.path, f.line),
          newSinceLastScan: isNew(f),
          waiver: waiver
            ? {
                id: waiver.id,
                reason: waiver.reason,
                createdBy: waiver.createdBy,
                expiresAt: waiver.expiresAt,
              }
            : null,
        };
      },
    );
    return {
      entityRef: target.entityRef,
      score: service?.score ?? null,
      level: service?.level ?? null,
      scannedAt: service?.scannedAt ?? null,
      commit: service?.commitSha ?? null,
      stale: service?.stale ?? false,
      lastScan,
      files: files.map(f => ({
        path: f.path,
        kind: f.kind,
        url: scmLineUrl(integrations, sourceUrl, f.path),
        combinedFix: f.combinedFix,
      })),
      findings: served,
      counts: service?.counts ?? { error: 0, warning: 0, info: 0 },
    };
  }
}
