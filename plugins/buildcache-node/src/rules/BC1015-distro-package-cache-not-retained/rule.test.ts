import * as nodePath from 'node:path';
import { analyzeFiles } from '../../engine/analyzeFiles';
import { runRuleTests } from '../testing/ruleTester';
import { distroPackageCacheNotRetainedRule } from './rule';

runRuleTests(
  distroPackageCacheNotRetainedRule,
  nodePath.join(__dirname, 'fixtures'),
);

describe('BC1015 fix', () => {
  const diffs = (text: string) =>
    analyzeFiles([{ path: 'Dockerfile', content: Buffer.from(text) }], {
      rules: [distroPackageCacheNotRetainedRule],
    }).findings.map(f => f.fix?.diff ?? '');

  it('links /etc/apk/cache before apk and turns keepcache on for dnf', () => {
    const [apk, dnf] = diffs(
      'FROM alpine\nRUN --mount=type=cache,target=/var/cache/apk set -e; apk add curl\nFROM fedora\nRUN --mount=type=cache,target=/var/cache/dnf sudo dnf install -y gcc\n',
    );
    expect(apk).toContain(
      '+RUN --mount=type=cache,target=/var/cache/apk set -e; ln -sf /var/cache/apk /etc/apk/cache && apk add curl',
    );
    expect(dnf).toContain(
      '+RUN --mount=type=cache,target=/var/cache/dnf sudo dnf --setopt=keepcache=1 install -y gcc',
    );
  });
});

describe('BC1015 keepcache=0', () => {
  it('turns an explicit keepcache=0 into keepcache=1', () => {
    const report = analyzeFiles(
      [
        {
          path: 'Dockerfile',
          content: Buffer.from(
            'FROM fedora\nRUN --mount=type=cache,target=/var/cache/dnf dnf install -y --setopt=keepcache=0 gcc\n',
          ),
        },
      ],
      { rules: [distroPackageCacheNotRetainedRule] },
    );
    expect(report.findings[0].fix?.diff).toContain(
      '+RUN --mount=type=cache,target=/var/cache/dnf dnf install -y --setopt=keepcache=1 gcc',
    );
  });
});
