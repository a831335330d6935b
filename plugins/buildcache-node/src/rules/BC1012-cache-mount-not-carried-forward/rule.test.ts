import * as nodePath from 'node:path';
import { analyzeFiles } from '../../engine/analyzeFiles';
import { runRuleTests } from '../testing/ruleTester';
import { cacheMountNotCarriedForwardRule } from './rule';

runRuleTests(
  cacheMountNotCarriedForwardRule,
  nodePath.join(__dirname, 'fixtures'),
);

describe('BC1012 fix', () => {
  it('copies the mount of the fetch step', () => {
    const text =
      'FROM node:22\nRUN --mount=type=cache,id=pnpm,target=/root/.local/share/pnpm/store pnpm fetch\nRUN pnpm install --offline\n';
    const report = analyzeFiles(
      [{ path: 'Dockerfile', content: Buffer.from(text) }],
      { rules: [cacheMountNotCarriedForwardRule] },
    );
    expect(report.findings[0].fix?.diff).toContain(
      '+RUN --mount=type=cache,id=pnpm,target=/root/.local/share/pnpm/store pnpm install --offline',
    );
  });
});
