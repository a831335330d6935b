import type { RepoFile } from '../input/repoFile';
import { analyzeOnce } from './analyzeFiles';
import { verifyBudget, verifyFixes } from './verifyFixes';

const files: RepoFile[] = [
  {
    path: 'Dockerfile',
    content: Buffer.from(
      'FROM python:3.12\nRUN pip install flask\nRUN npm ci\nRUN go mod download\n',
    ),
  },
];
const analyze = (input: RepoFile[]) => analyzeOnce(input, {});

describe('verifyFixes', () => {
  it('checks every fix while within the budget', () => {
    const report = verifyFixes(analyze(files), files, analyze);
    const fixes = report.findings.filter(f => f.ruleId === 'BC1005');
    expect(fixes.length).toBe(3);
    for (const f of fixes) expect(f.fix?.diff).toContain('--mount=type=cache');
  });

  it('past the budget, offers no diff and says the fix was not checked', () => {
    const report = verifyFixes(analyze(files), files, analyze, 0);
    const withdrawn = report.findings.filter(
      f =>
        f.fix &&
        !f.fix.diff &&
        /too large to check every fix/.test(f.fix.description),
    );
    // the first fix spends the budget, the others are not checked
    expect(withdrawn.length).toBe(2);
  });

  it('budgets 16 times the repository, at least 2 MiB', () => {
    expect(verifyBudget(files)).toBe(2 * 1024 * 1024);
    const big = [{ path: 'Dockerfile', content: Buffer.alloc(1024 * 1024) }];
    expect(verifyBudget(big)).toBe(16 * 1024 * 1024);
  });
});
