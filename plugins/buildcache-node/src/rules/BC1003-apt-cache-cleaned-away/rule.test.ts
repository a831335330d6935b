import * as nodePath from 'node:path';
import { analyzeFiles } from '../../engine/analyzeFiles';
import { runRuleTests } from '../testing/ruleTester';
import { aptCacheCleanedAwayRule } from './rule';

runRuleTests(aptCacheCleanedAwayRule, nodePath.join(__dirname, 'fixtures'), {
  valid: [
    {
      name: 'truncated hook and wildcard removal',
      files: {
        Dockerfile:
          'FROM debian\nRUN rm -f /etc/apt/apt.conf.d/docker-*\nRUN --mount=type=cache,target=/var/cache/apt,sharing=locked apt-get update\n',
      },
    },
  ],
  invalid: [
    {
      name: 'heredoc',
      files: {
        Dockerfile:
          '# syntax=docker/dockerfile:1\nFROM debian\nRUN --mount=type=cache,target=/var/cache/apt,sharing=locked <<EOF\napt-get update\napt-get install -y jq\nEOF\n# expect: BC1003 3:1\n',
      },
    },
  ],
});

describe('BC1003 fix', () => {
  const analyze = (text: string) =>
    analyzeFiles([{ path: 'Dockerfile', content: Buffer.from(text) }], {
      rules: [aptCacheCleanedAwayRule],
    }).findings.map(f => f.fix?.diff ?? '');

  it('inserts the docker-clean removal before the first apt RUN of the stage', () => {
    const [diff] = analyze(
      'FROM debian\nRUN apt-get update\nRUN --mount=type=cache,target=/var/cache/apt,sharing=locked apt-get install -y jq\n',
    );
    expect(diff).toContain(
      ' FROM debian\n+RUN rm -f /etc/apt/apt.conf.d/docker-clean;',
    );
  });

  it('drops the clean-up of a mounted directory from the chain', () => {
    const [, clean] = analyze(
      'FROM debian\nRUN --mount=type=cache,target=/var/cache/apt,sharing=locked apt-get install -y jq && apt-get clean && echo ok\n',
    );
    expect(clean).toContain(
      '+RUN --mount=type=cache,target=/var/cache/apt,sharing=locked apt-get install -y jq && echo ok',
    );
  });
});
