import * as nodePath from 'node:path';
import { analyzeFiles } from '../../engine/analyzeFiles';
import { runRuleTests } from '../testing/ruleTester';
import { cacheMountUnwritableForUserRule } from './rule';

runRuleTests(
  cacheMountUnwritableForUserRule,
  nodePath.join(__dirname, 'fixtures'),
);

describe('BC1008 fix', () => {
  const diffs = (text: string) =>
    analyzeFiles([{ path: 'Dockerfile', content: Buffer.from(text) }], {
      rules: [cacheMountUnwritableForUserRule],
    }).findings.map(f => f.fix?.diff ?? '');

  it('uses the ids of the node image user', () => {
    expect(
      diffs(
        'FROM node:22\nUSER node\nRUN --mount=type=cache,target=/home/node/.npm npm ci\n',
      )[0],
    ).toContain(
      '+RUN --mount=type=cache,target=/home/node/.npm,uid=1000,gid=1000 npm ci',
    );
  });

  it('uses the ids of a numeric USER and of useradd', () => {
    const [numeric, created] = diffs(
      'FROM debian\nUSER 1000:2000\nRUN --mount=type=cache,target=/tmp/c,uid=0 make\nFROM debian\nRUN groupadd -g 3000 app && useradd --uid 3000 --gid 3000 app\nUSER app\nRUN --mount=type=cache,target=/tmp/c make\n',
    );
    expect(numeric).toContain(
      '+RUN --mount=type=cache,target=/tmp/c,uid=1000,gid=2000 make',
    );
    expect(created).toContain(
      '+RUN --mount=type=cache,target=/tmp/c,uid=3000,gid=3000 make',
    );
  });

  it('offers no diff when the ids are unknown', () => {
    expect(
      diffs(
        'FROM debian\nUSER app\nRUN --mount=type=cache,target=/tmp/c make\n',
      ),
    ).toEqual(['']);
  });
});
