import * as nodePath from 'node:path';
import { runRuleTests } from '../testing/ruleTester';
import { aptWithoutCacheMountRule } from './rule';

runRuleTests(aptWithoutCacheMountRule, nodePath.join(__dirname, 'fixtures'), {
  invalid: [
    {
      name: 'heredoc',
      files: {
        Dockerfile:
          '# syntax=docker/dockerfile:1\nFROM debian\nRUN <<EOF\napt-get update\napt-get install -y jq\nEOF\n# expect: BC1001 3:1\n',
      },
    },
    {
      name: 'escape directive',
      files: {
        Dockerfile:
          '# escape=`\nFROM mcr.microsoft.com/windows/servercore\nRUN apt-get update `\n  && apt-get install -y jq\n# expect: BC1001 3:1\n',
      },
    },
  ],
});

describe('BC1001 fix', () => {
  it('adds both mounts and the docker-clean removal', () => {
    const { analyzeFiles } =
      require('../../engine/analyzeFiles') as typeof import('../../engine/analyzeFiles');
    const report = analyzeFiles(
      [
        {
          path: 'Dockerfile',
          content: Buffer.from('FROM debian\nRUN apt-get update\n'),
        },
      ],
      { rules: [aptWithoutCacheMountRule] },
    );
    const diff =
      report.findings.find(f => f.ruleId === 'BC1001')?.fix?.diff ?? '';
    expect(diff).toContain(
      '+RUN rm -f /etc/apt/apt.conf.d/docker-clean; echo \'Binary::apt::APT::Keep-Downloaded-Packages "true";\' > /etc/apt/apt.conf.d/keep-cache',
    );
    expect(diff).toContain(
      '+RUN --mount=type=cache,target=/var/cache/apt,sharing=locked --mount=type=cache,target=/var/lib/apt,sharing=locked apt-get update',
    );
  });
});
