import type { Entity } from '@backstage/catalog-model';
import type {
  ComplianceServicesPage,
  ComplianceSummary,
  HistoryPoint,
  RuleInfo,
  ScanSummary,
  Scorecard,
  ScorecardFinding,
  Waiver,
} from '@buildcache/plugin-buildcache-common';

/** Realistic backend answers shared by the tests. */

export const paymentsEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'payments-api', namespace: 'default' },
  spec: { type: 'service', owner: 'team-payments', lifecycle: 'production' },
};

const aptDiff = [
  '--- a/Dockerfile',
  '+++ b/Dockerfile',
  '@@ -3,2 +3,4 @@',
  '-RUN apt-get update && apt-get install -y curl',
  '+RUN --mount=type=cache,target=/var/cache/apt,sharing=locked \\',
  '+    --mount=type=cache,target=/var/lib/apt,sharing=locked \\',
  '+    apt-get update && apt-get install -y curl',
  ' COPY . .',
].join('\n');

export const aptFinding: ScorecardFinding = {
  ruleId: 'BC1001',
  severity: 'warning',
  message:
    'apt-get runs without cache mounts on /var/cache/apt and /var/lib/apt',
  path: 'Dockerfile',
  line: 4,
  column: 1,
  endLine: 4,
  endColumn: 47,
  suppressed: false,
  fix: {
    description: 'Add apt cache mounts with sharing=locked',
    diff: aptDiff,
  },
  url: 'https://github.com/acme/payments-api/blob/abc123/Dockerfile#L4',
  newSinceLastScan: true,
  waiver: null,
};

export const exportFinding: ScorecardFinding = {
  ruleId: 'BC2001',
  severity: 'warning',
  message:
    'docker/build-push-action on an ephemeral runner has no cache-from or cache-to',
  path: '.github/workflows/release.yml',
  line: 31,
  column: 9,
  endLine: 38,
  endColumn: 1,
  suppressed: false,
  fix: { description: 'Export the cache to GitHub Actions', diff: null },
  url: null,
  newSinceLastScan: false,
  waiver: {
    reason: 'migrating to the shared builder in Q3',
    id: '0b7f3c1e-5a2d-4f4e-9c1a-3d2b1a0f9e8d',
    createdBy: 'user:default/jane.doe',
    expiresAt: '2031-09-30T00:00:00.000Z',
  },
};

/** Waivers as GET /v1/waivers lists them: one expiring soon, one expired. */
export const waivers: Waiver[] = [
  {
    id: '0b7f3c1e-5a2d-4f4e-9c1a-3d2b1a0f9e8d',
    target: 'component:default/payments-api',
    ruleId: 'BC2001',
    path: '.github/workflows/release.yml',
    reason: 'migrating to the shared builder in Q3',
    createdBy: 'user:default/jane.doe',
    createdAt: '2030-01-02T09:00:00.000Z',
    expiresAt: '2030-01-20T00:00:00.000Z',
  },
  {
    id: '5f1d2c3b-4a59-4e8f-8d7c-6b5a4f3e2d1c',
    target: 'group:default/team-search',
    ruleId: 'BC1001',
    path: null,
    reason: 'apt is served by a local mirror',
    createdBy: 'user:default/sam.lee',
    createdAt: '2029-11-01T09:00:00.000Z',
    expiresAt: '2029-12-31T00:00:00.000Z',
  },
  {
    id: '7a8b9c0d-1e2f-4a3b-9c4d-5e6f7a8b9c0d',
    target: '*',
    ruleId: 'BC1010',
    path: null,
    reason: 'syntax directive not needed on our builders',
    createdBy: 'user:default/jane.doe',
    createdAt: '2029-12-01T09:00:00.000Z',
    expiresAt: null,
  },
];

export const suppressedFinding: ScorecardFinding = {
  ruleId: 'BC1010',
  severity: 'info',
  message: 'RUN --mount is used without a # syntax=docker/dockerfile:1 line',
  path: 'Dockerfile',
  line: 1,
  column: 1,
  endLine: 1,
  endColumn: 1,
  suppressed: true,
  suppressionReason: 'the build image pins the frontend',
  fix: null,
  url: 'https://github.com/acme/payments-api/blob/abc123/Dockerfile#L1',
  newSinceLastScan: false,
  waiver: null,
};

export const lastScan: ScanSummary = {
  id: 'scan-41',
  entityRef: 'component:default/payments-api',
  status: 'succeeded',
  startedAt: '2030-01-01T10:00:00.000Z',
  finishedAt: '2030-01-01T10:00:07.000Z',
  error: null,
};

export const scorecard: Scorecard = {
  entityRef: 'component:default/payments-api',
  score: 84,
  level: 'Silver',
  // two hours before the tests' clock (scripts/jest/setupTests.js)
  scannedAt: '2030-01-01T10:00:07.000Z',
  commit: 'abc123',
  stale: false,
  lastScan,
  files: [
    {
      path: 'Dockerfile',
      kind: 'dockerfile',
      url: 'https://github.com/acme/payments-api/blob/abc123/Dockerfile',
      combinedFix: {
        diff: '--- a/Dockerfile\n+++ b/Dockerfile\n@@ -1,2 +1,3 @@\n+# syntax=docker/dockerfile:1\n FROM node:22\n-RUN npm ci\n+RUN --mount=type=cache,target=/root/.npm npm ci\n',
        fixes: 2,
      },
    },
    {
      path: '.github/workflows/release.yml',
      kind: 'github-actions',
      url: null,
      combinedFix: null,
    },
  ],
  findings: [aptFinding, exportFinding, suppressedFinding],
  counts: { error: 0, warning: 2, info: 0 },
};

export const neverScanned: Scorecard = {
  entityRef: 'component:default/payments-api',
  score: null,
  level: null,
  scannedAt: null,
  commit: null,
  stale: false,
  lastScan: null,
  files: [],
  findings: [],
  counts: { error: 0, warning: 0, info: 0 },
};

export const notApplicable: Scorecard = {
  ...neverScanned,
  level: 'NotApplicable',
  scannedAt: '2030-01-01T10:00:07.000Z',
  commit: 'abc123',
  lastScan,
};

export const history: HistoryPoint[] = [
  {
    scannedAt: '2029-12-01T10:00:00.000Z',
    score: 52,
    level: 'Bronze',
    event: 'scan',
  },
  {
    scannedAt: '2029-12-15T10:00:00.000Z',
    score: 76,
    level: 'Silver',
    event: 'scan',
  },
  {
    scannedAt: '2030-01-01T10:00:07.000Z',
    score: 84,
    level: 'Silver',
    event: 'waiver',
  },
];

export const rules: RuleInfo[] = [
  {
    id: 'BC1001',
    target: 'dockerfile',
    name: 'apt-without-cache-mount',
    severity: 'warning',
    summary: 'apt runs without cache mounts',
    rationale:
      'Without cache mounts every build downloads the package index and all .debs again.',
    recommendedFix:
      'Add cache mounts on /var/cache/apt and /var/lib/apt with sharing=locked.',
    sources: [
      'https://docs.docker.com/reference/dockerfile/#run---mounttypecache',
    ],
    docs: '# BC1001 apt-without-cache-mount\n\nUse **cache mounts** for apt.',
    example: {
      path: 'Dockerfile',
      text: 'FROM debian\nRUN apt-get update\n',
      message: 'apt-get update runs without a cache mount',
      diff: '--- a/Dockerfile\n+++ b/Dockerfile\n@@ -1,2 +1,2 @@\n FROM debian\n-RUN apt-get update\n+RUN --mount=type=cache,target=/var/cache/apt apt-get update\n',
    },
  },
  {
    id: 'BC2001',
    target: 'build-config',
    name: 'build-without-exported-cache',
    severity: 'warning',
    summary: 'An ephemeral builder has no exported cache',
    rationale:
      'An ephemeral CI builder starts empty: only an exported cache can be reused.',
    recommendedFix: 'Use type=gha on GitHub Actions.',
    sources: ['https://docs.docker.com/build/cache/backends/'],
    docs: '# BC2001 build-without-exported-cache\n\nExport the cache.',
  },
];

export const summary: ComplianceSummary = {
  groupBy: null,
  services: 4,
  meanScore: 71.5,
  levels: { Gold: 1, Silver: 1, Bronze: 1, None: 0, NotApplicable: 1 },
  groups: [],
  adoption: [
    { ruleId: 'BC1001', applicable: 3, passing: 2, percent: 66.7 },
    { ruleId: 'BC2001', applicable: 3, passing: 1, percent: 33.3 },
  ],
  trend: [
    { date: '2029-12-01', meanScore: 60, services: 4 },
    { date: '2030-01-01', meanScore: 71.5, services: 4 },
  ],
};

export const summaryByOwner: ComplianceSummary = {
  ...summary,
  groupBy: 'owner',
  groups: [
    {
      key: 'group:default/team-payments',
      services: 2,
      meanScore: 88,
      levels: { Gold: 1, Silver: 1, Bronze: 0, None: 0, NotApplicable: 0 },
    },
    {
      key: 'group:default/team-search',
      services: 2,
      meanScore: 55,
      levels: { Gold: 0, Silver: 0, Bronze: 1, None: 0, NotApplicable: 1 },
    },
  ],
};

export const servicesPage: ComplianceServicesPage = {
  items: [
    {
      entityRef: 'component:default/payments-api',
      title: 'Payments API',
      owner: 'group:default/team-payments',
      system: 'system:default/checkout',
      score: 84,
      level: 'Silver',
      scannedAt: '2030-01-01T10:00:07.000Z',
      stale: false,
      hasSource: true,
      counts: { error: 0, warning: 2, info: 0 },
    },
    {
      entityRef: 'component:default/search-indexer',
      title: 'Search indexer',
      owner: 'group:default/team-search',
      system: null,
      score: 44,
      level: 'Bronze',
      scannedAt: '2030-01-01T09:00:00.000Z',
      stale: true,
      hasSource: true,
      counts: { error: 1, warning: 3, info: 1 },
    },
    {
      entityRef: 'component:default/legacy-cron',
      title: '',
      owner: null,
      system: null,
      score: null,
      level: null,
      scannedAt: null,
      stale: false,
      hasSource: false,
      counts: { error: 0, warning: 0, info: 0 },
    },
  ],
  totalCount: 42,
  offset: 0,
  limit: 20,
};
