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

describe('BC1001 fix for non-root users', () => {
  const fixesOf = (text: string) => {
    const { analyzeFiles } =
      require('../../engine/analyzeFiles') as typeof import('../../engine/analyzeFiles');
    return analyzeFiles(
      [{ path: 'Dockerfile', content: Buffer.from(text) }],
      {},
    )
      .findings.filter(f => f.ruleId === 'BC1001')
      .map(f => f.fix);
  };

  it('removes docker-clean through sudo when apt runs through sudo', () => {
    const [fix] = fixesOf(
      '# syntax=docker/dockerfile:1\nFROM cimg/base:2024.01\nRUN sudo apt-get update && sudo apt-get install -y jq\n',
    );
    expect(fix?.diff).toContain(
      `+RUN sudo rm -f /etc/apt/apt.conf.d/docker-clean; echo 'Binary::apt::APT::Keep-Downloaded-Packages "true";' | sudo tee /etc/apt/apt.conf.d/keep-cache > /dev/null`,
    );
    expect(fix?.diff).not.toMatch(/^\+RUN rm -f/m);
  });

  it('offers no diff, and says why, when apt runs as a non-root user without sudo', () => {
    const [fix] = fixesOf(
      '# syntax=docker/dockerfile:1\nFROM ubuntu:24.04\nUSER app\nRUN apt-get update && apt-get install -y curl\n',
    );
    expect(fix?.diff ?? null).toBeNull();
    expect(fix?.description).toMatch(
      /No diff: this RUN executes as user app, who cannot write \/etc\/apt\/apt\.conf\.d/,
    );
  });
});
