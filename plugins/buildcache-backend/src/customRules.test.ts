import { createBackendModule } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  buildcacheRulesExtensionPoint,
  type Rule,
} from '@buildcache/plugin-buildcache-node';
import { runRuleTests } from '@buildcache/plugin-buildcache-node/testUtils';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { buildcachePlugin } from './plugin';
import { localDirectoryUrlReaderFactory } from './reader/LocalDirectoryUrlReader';
import { testBuildcacheConfig, waitForScan } from './__testUtils__/testBackend';

/** An adopter's rule: base images must be pinned, not `:latest`. */
const pinnedBaseImageRule: Rule = {
  meta: {
    id: 'ACME001',
    target: 'dockerfile',
    name: 'base-image-not-pinned',
    severity: 'warning',
    summary: 'A stage builds FROM a :latest image',
    rationale: 'A moving base image invalidates the layer cache unpredictably.',
    recommendedFix: 'Pin the base image to a version or digest.',
    sources: [],
    fixable: false,
  },
  check(context) {
    return context.dockerfiles.flatMap(dockerfile =>
      dockerfile.stages
        .filter(stage => /:latest$/.test(stage.baseImage))
        .map(stage =>
          context.report(
            dockerfile.path,
            stage.range,
            `Stage builds FROM ${stage.baseImage}`,
          ),
        ),
    );
  },
};

// an adopter tests its rule with the harness the core rules use
runRuleTests(pinnedBaseImageRule, join(__dirname, 'no-fixtures'), {
  valid: [{ name: 'pinned', files: { Dockerfile: 'FROM node:22.1\n' } }],
  invalid: [
    {
      name: 'latest',
      files: { Dockerfile: 'FROM node:latest\n# expect: ACME001 1:1\n' },
    },
  ],
});

function rulesModule(moduleId: string, rules: Rule[]) {
  return createBackendModule({
    pluginId: 'buildcache',
    moduleId,
    register(reg) {
      reg.registerInit({
        deps: { buildcacheRules: buildcacheRulesExtensionPoint },
        async init({ buildcacheRules }) {
          buildcacheRules.addRules(...rules);
        },
      });
    },
  });
}

describe('custom rules through the buildcache.rules extension point', () => {
  let root: string;

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'buildcache-custom-'));
    await writeFile(
      join(root, 'Dockerfile'),
      'FROM alpine:latest\nRUN echo hi\n',
    );
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  const features = () => [
    buildcachePlugin,
    localDirectoryUrlReaderFactory,
    catalogServiceMock.factory({
      entities: [
        {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Component',
          metadata: {
            name: 'api',
            namespace: 'default',
            annotations: {
              'backstage.io/managed-by-location': `file:${join(
                root,
                'catalog-info.yaml',
              )}`,
            },
          },
          spec: {
            type: 'service',
            owner: 'group:default/team-a',
            lifecycle: 'production',
          },
        },
      ],
    }),
    mockServices.rootConfig.factory({ data: testBuildcacheConfig(root) }),
  ];

  it('runs a rule added by a backend module and lists it', async () => {
    const { server } = await startTestBackend({
      features: [
        ...features(),
        rulesModule('acme-rules', [pinnedBaseImageRule]),
      ],
    });
    const rules = await request(server).get('/api/buildcache/v1/rules');
    expect(rules.body.items.map((r: { id: string }) => r.id)).toContain(
      'ACME001',
    );
    // built-in rules carry their generated example apart from the docs;
    // a module's rule has none
    const byId = new Map(
      rules.body.items.map((r: { id: string }) => [r.id, r] as const),
    );
    expect(byId.get('BC1001')).toMatchObject({
      example: {
        path: 'Dockerfile',
        diff: expect.stringContaining('--mount=type=cache'),
      },
    });
    expect((byId.get('BC1001') as { docs: string }).docs).not.toContain(
      '## Example',
    );
    expect(byId.get('ACME001')).not.toHaveProperty('example');

    const scan = await request(server).post(
      '/api/buildcache/v1/entities/component/default/api/scan',
    );
    expect(await waitForScan(server, scan.body.scanId)).toBe('succeeded');
    const scorecard = await request(server).get(
      '/api/buildcache/v1/entities/component/default/api/scorecard',
    );
    expect(scorecard.body.findings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          ruleId: 'ACME001',
          path: 'Dockerfile',
          line: 1,
          message: 'Stage builds FROM alpine:latest',
        }),
      ]),
    );
  });

  it('refuses to start when a module reuses a rule id', async () => {
    await expect(
      startTestBackend({
        features: [
          ...features(),
          rulesModule('acme-rules', [pinnedBaseImageRule]),
          rulesModule('more-acme-rules', [pinnedBaseImageRule]),
        ],
      }),
    ).rejects.toThrow(/Duplicate buildcache rule id ACME001/);
  });
});
