import * as nodePath from 'node:path';
import { analyzeFiles } from '../../engine/analyzeFiles';
import { runRuleTests } from '../testing/ruleTester';
import { buildWithoutExportedCacheRule } from './rule';

runRuleTests(
  buildWithoutExportedCacheRule,
  nodePath.join(__dirname, 'fixtures'),
);

describe('BC2001 fix', () => {
  it('adds gha cache inputs to the step, creating with: when missing', () => {
    const text =
      'on: push\njobs:\n  img:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: docker/build-push-action@v6\n';
    const report = analyzeFiles(
      [{ path: '.github/workflows/ci.yml', content: Buffer.from(text) }],
      {
        rules: [buildWithoutExportedCacheRule],
      },
    );
    const diff = report.findings[0].fix?.diff ?? '';
    expect(diff).toContain(
      '+        with:\n+          cache-from: type=gha,scope=img\n+          cache-to: type=gha,scope=img,mode=max',
    );
  });
});

describe('BC2001 fix for shell and bake builds', () => {
  const workflow = [
    'on: push', //                                          1
    'jobs:', //                                             2
    '  shell:', //                                          3
    '    runs-on: ubuntu-latest', //                        4
    '    steps:', //                                        5
    '      - uses: actions/checkout@v4', //                 6
    '      - run: docker build -t acme/app:1 .', //         7
    '  bake:', //                                           8
    '    runs-on: ubuntu-latest', //                        9
    '    steps:', //                                        10
    '      - uses: docker/setup-buildx-action@v3', //       11
    '      - uses: docker/bake-action@v6', //               12
    '        with:', //                                     13
    '          push: false', //                             14
    '',
  ].join('\n');
  const files = [
    { path: '.github/workflows/ci.yml', content: Buffer.from(workflow) },
    {
      path: 'Dockerfile',
      content: Buffer.from('# syntax=docker/dockerfile:1\nFROM alpine\n'),
    },
    {
      path: 'docker-bake.hcl',
      content: Buffer.from(
        'target "api" {}\ntarget "web" {}\ngroup "default" { targets = ["api", "web"] }\n',
      ),
    },
  ];
  // every rule runs: the container builder comes with BC2008's companion fix
  const [shell, bake] = analyzeFiles(files, {}).findings.filter(
    f => f.ruleId === 'BC2001',
  );
  const changed = (diff: string | null | undefined) =>
    (diff ?? '').split('\n').filter(l => /^[-+] /.test(l));

  it('adds the cache flags, the Actions runtime and a container builder to a run-step build', () => {
    expect(changed(shell.fix?.diff)).toEqual([
      '-      - run: docker build -t acme/app:1 .',
      '+      - uses: crazy-max/ghaction-github-runtime@v3',
      '+      - uses: docker/setup-buildx-action@v3',
      '+      - run: docker build --cache-from type=gha,scope=shell --cache-to type=gha,mode=max,scope=shell --load -t acme/app:1 .',
    ]);
  });

  it('gives every bake target its own gha scope through set:', () => {
    expect(changed(bake.fix?.diff)).toEqual([
      '+          set: |',
      '+            api.cache-from=type=gha,scope=api',
      '+            api.cache-to=type=gha,mode=max,scope=api',
      '+            web.cache-from=type=gha,scope=web',
      '+            web.cache-to=type=gha,mode=max,scope=web',
    ]);
  });

  it('says when there is no mechanical fix', () => {
    const gitlab = [
      'build:',
      '  image: docker:27',
      '  services: [docker:27-dind]',
      '  script:',
      '    - docker build -t $CI_REGISTRY_IMAGE .',
    ].join('\n');
    const [finding] = analyzeFiles(
      [{ path: '.gitlab-ci.yml', content: Buffer.from(gitlab) }],
      { rules: [buildWithoutExportedCacheRule] },
    ).findings;
    expect(finding.fix?.diff ?? null).toBeNull();
    expect(finding.fix?.description).toMatch(/No mechanical fix: /);
  });
});
