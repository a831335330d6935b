import type { RepoFile } from '../input/repoFile';
import { defaultRules } from '../rules';
import { analyzeFiles } from './analyzeFiles';
import { analyzeRepository } from './analyzeRepository';
import { combineFixes } from './combineFixes';
import { createCountingRule as counter } from './testing/countingRule';

const file = (path: string, text: string): RepoFile => ({
  path,
  content: Buffer.from(text, 'utf8'),
});

const now = new Date('2026-01-01T00:00:00Z');

const repositories: Record<string, RepoFile[]> = {
  'no findings': [
    file(
      'Dockerfile',
      '# syntax=docker/dockerfile:1\nFROM alpine\nCOPY . /app\n',
    ),
  ],
  'several fixes in one file': [
    file(
      'Dockerfile',
      'FROM python:3.12\nRUN apt-get update && apt-get install -y git\nRUN pip install flask\nRUN npm ci\nRUN go mod download\n',
    ),
  ],
  'fixes across files': [
    file('Dockerfile', 'FROM python:3.12\nRUN pip install flask\n'),
    file('api/Dockerfile', 'FROM node:22\nRUN npm ci\n'),
    file(
      '.github/workflows/ci.yml',
      'on: push\njobs:\n  b:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: docker/build-push-action@v6\n        with:\n          context: .\n',
    ),
    file('README.md', '# hi'),
  ],
};

describe('analyzeRepository', () => {
  it.each(Object.keys(repositories))(
    'gives what analyzeFiles and combineFixes give (%s)',
    name => {
      const files = repositories[name];
      const options = { root: 'repo', now };
      const once = analyzeRepository(files, options);
      expect(once.report).toEqual(analyzeFiles(files, options));
      expect(once.combineFixes()).toEqual(combineFixes(files, options));
    },
  );

  it('honours the combining options (rules, budget) and verifyFixes: false', () => {
    const files = repositories['several fixes in one file'];
    for (const options of [
      { now, ruleIds: ['BC1005'] },
      { now, budgetBytes: 0 },
      { now, verifyFixes: false },
    ]) {
      const once = analyzeRepository(files, options);
      expect(once.report).toEqual(analyzeFiles(files, options));
      expect(once.combineFixes()).toEqual(combineFixes(files, options));
    }
  });

  it('analyzes each distinct input once: far fewer analyses than the two functions', () => {
    for (const files of Object.values(repositories)) {
      const separate = counter();
      const options = { now, rules: [...defaultRules, separate.rule] };
      analyzeFiles(files, options);
      combineFixes(files, options);

      const together = counter();
      const once = analyzeRepository(files, {
        now,
        rules: [...defaultRules, together.rule],
      });
      once.combineFixes();
      expect(together.analyses()).toBeLessThan(separate.analyses());
    }
    // a repository without a fix is analyzed once for both
    const single = counter();
    analyzeRepository(repositories['no findings'], {
      now,
      rules: [...defaultRules, single.rule],
    }).combineFixes();
    expect(single.analyses()).toBe(1);
  });

  it('tells notices once, from the first analysis', () => {
    const notices: string[] = [];
    const files = [
      file('Dockerfile', 'FROM python:3.12\nRUN pip install flask\n'),
      file(
        '.gitlab-ci.yml',
        'include:\n  - local: missing.yml\nbuild:\n  script: docker build .\n',
      ),
    ];
    analyzeRepository(files, {
      now,
      onNotice: m => notices.push(m),
    }).combineFixes();
    expect(notices).toEqual([expect.stringContaining('unresolved')]);
  });
});
