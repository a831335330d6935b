import type { Finding, Report } from '@buildcache/plugin-buildcache-common';
import type {
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { applyDatabaseMigrations } from './migrations';
import { ScanStore, type ServiceTarget } from './ScanStore';

/** Builders shared by the store, query and router tests. */
export function target(
  name: string,
  extra: Partial<ServiceTarget> = {},
): ServiceTarget {
  return {
    entityRef: `component:default/${name}`,
    title: name,
    owner: 'group:default/team-a',
    system: 'system:default/shop',
    sourceUrl: `https://github.com/acme/${name}/tree/main`,
    ...extra,
  };
}

export function finding(extra: Partial<Finding> = {}): Finding {
  return {
    ruleId: 'BC1005',
    severity: 'warning',
    message: 'pip install runs without a cache mount on /root/.cache/pip',
    path: 'Dockerfile',
    line: 4,
    column: 1,
    endLine: 4,
    endColumn: 30,
    suppressed: false,
    fix: {
      description: 'Add a cache mount',
      diff: '--- a/Dockerfile\n+++ b/Dockerfile\n',
    },
    ...extra,
  };
}

export function report(
  findings: Finding[],
  score = 92,
  level: Report['score']['level'] = 'Gold',
): Report {
  return {
    version: 1,
    tool: { name: 'buildcache', version: '0.1.0' },
    root: 'repo',
    files: [
      {
        path: 'Dockerfile',
        kind: 'dockerfile',
        facts: {
          syntaxDirective: null,
          stages: [],
          cacheMounts: [],
          packageManagers: ['pip'],
        },
      },
      // every other file a finding points at is a workflow
      ...[...new Set(findings.map(f => f.path))]
        .filter(path => path !== 'Dockerfile')
        .map(path => ({
          path,
          kind: 'github-actions' as const,
          facts: { imageBuilds: [], usesSetupBuildx: false },
        })),
    ],
    findings,
    score: { value: score, level },
  };
}

/** Claims a scan in tests, where no other scan of the service is active. */
export async function claim(
  store: ScanStore,
  options: Parameters<ScanStore['claimScan']>[0],
): Promise<string> {
  const id = await store.claimScan(options);
  if (!id) {
    throw new Error(`A scan of ${options.entityRef} is already active`);
  }
  return id;
}

/** Records a succeeded scan with report `r` as the current result of each named service. */
export async function completeScans(
  store: ScanStore,
  results: Array<[name: string, r: Report]>,
): Promise<void> {
  for (const [name, r] of results) {
    const entityRef = `component:default/${name}`;
    const scanId = await claim(store, {
      entityRef,
      trigger: 'schedule',
      sourceUrl: 'x',
    });
    await store.completeSucceeded(scanId, entityRef, {
      etag: 'e',
      commitSha: null,
      bytesRead: 1,
      report: r,
    });
  }
}

/** A migrated test database and a ScanStore on it. */
export async function createScanStore(
  databases: TestDatabases,
  databaseId: TestDatabaseId,
) {
  const knex = await databases.init(databaseId);
  await applyDatabaseMigrations(knex);
  return { knex, store: new ScanStore(knex) };
}

/** A deterministic PRNG (mulberry32): the same generated data on every run. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
