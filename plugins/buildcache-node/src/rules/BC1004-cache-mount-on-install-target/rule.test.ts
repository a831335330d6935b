import * as nodePath from 'node:path';
import { analyzeFiles } from '../../engine/analyzeFiles';
import { runRuleTests } from '../testing/ruleTester';
import { cacheMountOnInstallTargetRule } from './rule';

runRuleTests(
  cacheMountOnInstallTargetRule,
  nodePath.join(__dirname, 'fixtures'),
);

describe('BC1004 fix', () => {
  const diffs = (text: string) =>
    analyzeFiles([{ path: 'Dockerfile', content: Buffer.from(text) }], {
      rules: [cacheMountOnInstallTargetRule],
    }).findings.map(f => f.fix?.diff ?? '');

  it('mounts cargo registry and git instead of CARGO_HOME', () => {
    const [diff] = diffs(
      'FROM rust:1.80\nRUN --mount=type=cache,target=/usr/local/cargo cargo fetch\n',
    );
    expect(diff).toContain(
      '+RUN --mount=type=cache,target=/usr/local/cargo/git --mount=type=cache,target=/usr/local/cargo/registry cargo fetch',
    );
  });

  it('mounts npm cache instead of node_modules', () => {
    const [diff] = diffs(
      'FROM node:22\nWORKDIR /app\nRUN --mount=type=cache,dst=node_modules npm ci\n',
    );
    expect(diff).toContain('+RUN --mount=type=cache,dst=/root/.npm npm ci');
  });

  it('offers no diff when the cache is already mounted', () => {
    const [diff] = diffs(
      'FROM node:22\nWORKDIR /app\nRUN --mount=type=cache,target=/root/.npm --mount=type=cache,target=node_modules npm ci\n',
    );
    expect(diff).toBe('');
  });
});
