import * as nodePath from 'node:path';
import { analyzeFiles } from '../../engine/analyzeFiles';
import { runRuleTests } from '../testing/ruleTester';
import { packageInstallWithoutCacheMountRule } from './rule';

runRuleTests(
  packageInstallWithoutCacheMountRule,
  nodePath.join(__dirname, 'fixtures'),
);

describe('BC1005 fix', () => {
  it('mounts both go caches and drops a cache-disabling flag', () => {
    const text =
      'FROM golang:1.22\nRUN go build ./...\nRUN pip install --no-cache-dir x\n';
    const report = analyzeFiles(
      [{ path: 'Dockerfile', content: Buffer.from(text) }],
      {
        rules: [packageInstallWithoutCacheMountRule],
      },
    );
    const [go, pip] = report.findings.map(f => f.fix?.diff ?? '');
    expect(go).toContain(
      '+RUN --mount=type=cache,target=/go/pkg/mod --mount=type=cache,target=/root/.cache/go-build go build ./...',
    );
    expect(pip).toContain(
      '+RUN --mount=type=cache,target=/root/.cache/pip pip install x',
    );
  });
});
