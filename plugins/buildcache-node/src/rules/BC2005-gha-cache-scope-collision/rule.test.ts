import * as nodePath from 'node:path';
import { analyzeFiles } from '../../engine/analyzeFiles';
import { runRuleTests } from '../testing/ruleTester';
import { ghaCacheScopeCollisionRule } from './rule';

runRuleTests(ghaCacheScopeCollisionRule, nodePath.join(__dirname, 'fixtures'));

describe('BC2005 fix', () => {
  it('names the scope after the image and sets it on cache-from and cache-to', () => {
    const workflow = [
      'on: push',
      'jobs:',
      '  a:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      '      - uses: docker/build-push-action@v6',
      '        with:',
      '          tags: r/api:1',
      '          cache-from: type=gha',
      '          cache-to: type=gha,mode=max',
      '      - uses: docker/build-push-action@v6',
      '        with:',
      '          file: web/Dockerfile',
      '          cache-to: type=gha,mode=max',
    ].join('\n');
    const report = analyzeFiles(
      [{ path: '.github/workflows/ci.yml', content: Buffer.from(workflow) }],
      { rules: [ghaCacheScopeCollisionRule] },
    );
    expect(
      report.findings.map(f =>
        f.fix?.diff?.split('\n').filter(l => /^[-+] /.test(l)),
      ),
    ).toEqual([
      [
        '-          cache-from: type=gha',
        '-          cache-to: type=gha,mode=max',
        '+          cache-from: type=gha,scope=api',
        '+          cache-to: type=gha,mode=max,scope=api',
      ],
      [
        '-          cache-to: type=gha,mode=max',
        '+          cache-to: type=gha,mode=max,scope=web',
      ],
    ]);
  });
});

describe('BC2005 on matrix scopes', () => {
  it('names the colliding combinations and offers no diff for a matrix-made scope', () => {
    const workflow = [
      'on: push',
      'jobs:',
      '  a:',
      '    runs-on: ubuntu-latest',
      '    strategy: { matrix: { image: [api, web] } }',
      '    steps:',
      '      - uses: docker/build-push-action@v6',
      '        with:',
      '          context: ${{ matrix.image }}',
      '          cache-to: type=gha,scope=${{ github.repository_owner && matrix.x }}',
      '      - uses: docker/build-push-action@v6',
      '        with:',
      '          context: ${{ matrix.image }}',
      '          cache-to: type=gha,scope=all',
    ].join('\n');
    const report = analyzeFiles(
      [{ path: '.github/workflows/ci.yml', content: Buffer.from(workflow) }],
      { rules: [ghaCacheScopeCollisionRule] },
    );
    expect(
      report.findings.map(f => [f.line, f.message, f.fix?.diff ?? null]),
    ).toEqual([
      [
        14,
        'type=gha cache scope "all" (matrix api) is also written by .github/workflows/ci.yml:11 (matrix web) for a different image (Dockerfile, target or platform): the builds evict each other\'s cache',
        null,
      ],
    ]);
  });
});
