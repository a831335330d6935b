import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { buildcachePlugin } from './plugin';
import { localDirectoryUrlReaderFactory } from './reader/LocalDirectoryUrlReader';
import { testBuildcacheConfig, waitForScan } from './__testUtils__/testBackend';

function component(name: string, annotations: Record<string, string>) {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default', annotations },
    spec: {
      type: 'service',
      owner: 'group:default/team-a',
      lifecycle: 'production',
    },
  };
}

describe('buildcache backend plugin', () => {
  let root: string;

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'buildcache-plugin-'));
    await mkdir(join(root, 'api'));
    await writeFile(
      join(root, 'api', 'Dockerfile'),
      'FROM python:3.12-slim\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\n',
    );
    await writeFile(
      join(root, 'api', 'catalog-info.yaml'),
      'kind: Component\n',
    );
  });

  afterEach(() => rm(root, { recursive: true, force: true }));

  it('scans a catalogued local repository on request and serves its scorecard', async () => {
    const { server } = await startTestBackend({
      features: [
        buildcachePlugin,
        localDirectoryUrlReaderFactory,
        catalogServiceMock.factory({
          entities: [
            component('api', {
              'backstage.io/managed-by-location': `file:${join(
                root,
                'api',
                'catalog-info.yaml',
              )}`,
            }),
            component('orphan', {}),
          ],
        }),
        mockServices.rootConfig.factory({ data: testBuildcacheConfig(root) }),
      ],
    });

    const scan = await request(server).post(
      '/api/buildcache/v1/entities/component/default/api/scan',
    );
    expect(scan.status).toBe(202);

    const status = await waitForScan(server, scan.body.scanId);
    expect(status).toBe('succeeded');

    const scorecard = await request(server).get(
      '/api/buildcache/v1/entities/component/default/api/scorecard',
    );
    expect(scorecard.status).toBe(200);
    // the file's combined fix: the pip cache mount, with the syntax line
    // its first mount needs
    expect(scorecard.body.files).toEqual([
      {
        path: 'Dockerfile',
        kind: 'dockerfile',
        url: null,
        combinedFix: {
          diff: expect.stringContaining(
            '+RUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt',
          ),
          fixes: 1,
        },
      },
    ]);
    expect(scorecard.body.files[0].combinedFix.diff).toContain(
      '+# syntax=docker/dockerfile:1',
    );
    // the same, for the whole service, as a file to `git apply`
    const patch = await request(server).get(
      '/api/buildcache/v1/entities/component/default/api/fix.patch',
    );
    expect(patch.status).toBe(200);
    expect(patch.headers['content-type']).toMatch(/^text\/x-diff/);
    expect(patch.headers['content-disposition']).toContain(
      'component-default-api.buildcache.patch',
    );
    expect(patch.text).toBe(scorecard.body.files[0].combinedFix.diff);
    expect(scorecard.body.findings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          ruleId: 'BC1005',
          path: 'Dockerfile',
          line: 3,
        }),
      ]),
    );
    expect(scorecard.body.level).toMatch(/Gold|Silver|Bronze|None/);

    const orphan = await request(server).post(
      '/api/buildcache/v1/entities/component/default/orphan/scan',
    );
    expect(orphan.status).toBe(202);
    const orphanScan = await request(server).get(
      `/api/buildcache/v1/scans/${orphan.body.scanId}`,
    );
    expect(orphanScan.body).toMatchObject({
      status: 'failed',
      error: expect.stringMatching(/no source location/),
    });

    const rules = await request(server).get('/api/buildcache/v1/rules');
    expect(rules.body.items.map((r: { id: string }) => r.id)).toContain(
      'BC1005',
    );
  });
});
