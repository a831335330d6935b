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
