import type { RepoFile } from '../input/repoFile';
import { defaultRules } from '../rules';
import { ANALYZER_VERSION } from '../version';
import { analyzeFiles } from './analyzeFiles';
import type { Rule } from './ruleTypes';

const file = (path: string, content: string | Buffer): RepoFile => ({
  path,
  content: typeof content === 'string' ? Buffer.from(content) : content,
});

const APT = 'FROM debian\nRUN apt-get update\n';

describe('analyzeFiles', () => {
  it('produces a v1 report with files, facts, findings and score', () => {
    const report = analyzeFiles(
      [
        file(
          'Dockerfile',
          '# syntax=docker/dockerfile:1\nFROM golang:1.22 AS build\nRUN --mount=type=cache,target=/go/pkg/mod go mod download\nFROM alpine\nCOPY --from=build /x /x\n',
        ),
        file(
          '.github/workflows/ci.yml',
          'on: push\njobs:\n  b:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: docker/build-push-action@v6\n        with:\n          cache-to: type=gha\n',
        ),
        file('README.md', '# hi'),
      ],
      { root: 'repo' },
    );
    expect(report.version).toBe(1);
    expect(report.tool).toEqual({
      name: 'buildcache',
      version: ANALYZER_VERSION,
    });
    expect(report.root).toBe('repo');
    expect(report.files.map(f => [f.path, f.kind])).toEqual([
      ['.github/workflows/ci.yml', 'github-actions'],
      ['Dockerfile', 'dockerfile'],
    ]);
    expect(report.files[1].facts).toEqual({
      syntaxDirective: 'docker/dockerfile:1',
      stages: [
        { name: 'build', line: 2, baseImage: 'golang:1.22' },
        { name: null, line: 4, baseImage: 'alpine' },
      ],
      cacheMounts: [
        {
          line: 3,
          target: '/go/pkg/mod',
          id: null,
          sharing: null,
          uid: null,
          stage: 0,
        },
      ],
      packageManagers: ['go'],
    });
    expect(report.files[0].facts).toEqual({
      imageBuilds: [
        {
          line: 6,
          tool: 'build-push-action',
          dockerfile: 'Dockerfile',
          cacheFrom: [],
          cacheTo: [{ type: 'gha', mode: 'min', params: {} }],
        },
      ],
      usesSetupBuildx: false,
    });
    expect(report.findings.map(f => [f.ruleId, f.path, f.line])).toEqual([
      ['BC2012', '.github/workflows/ci.yml', 6],
      ['BC2002', '.github/workflows/ci.yml', 8],
      ['BC2003', '.github/workflows/ci.yml', 8],
      ['BC2008', '.github/workflows/ci.yml', 8],
    ]);
    expect(report.score).toEqual({ value: 74, level: 'Silver' });
  });

  it('never throws on bad input and reports BC9001/BC9002 naming the file', () => {
    const huge = Buffer.alloc(2 * 1024 * 1024, 'a');
    const report = analyzeFiles([
      file('empty/Dockerfile', ''),
      file('comments/Dockerfile', '# only\n# comments\n'),
      file('binary/Dockerfile', Buffer.from([0x46, 0x52, 0x00, 0x01, 0xff])),
      file(
        'latin1/Dockerfile',
        Buffer.from([0x46, 0x52, 0x4f, 0x4d, 0x20, 0xe9, 0x0a]),
      ),
      file('huge/Dockerfile', huge),
      file('bad/Dockerfile', 'FROM alpine\nFOO bar\n'),
      file('.github/workflows/bad.yml', 'jobs: [\n'),
      file('.gitlab-ci.yml', '\n'),
    ]);
    const problems = report.findings.map(
      f => `${f.ruleId} ${f.path} ${f.line}`,
    );
    expect(problems).toEqual([
      'BC9001 .github/workflows/bad.yml 2',
      'BC9002 .gitlab-ci.yml 1',
      'BC9001 bad/Dockerfile 2',
      'BC9002 binary/Dockerfile 1',
      'BC9002 comments/Dockerfile 1',
      'BC9002 empty/Dockerfile 1',
      'BC9002 huge/Dockerfile 1',
      'BC9002 latin1/Dockerfile 1',
    ]);
    for (const f of report.findings) expect(f.message).toContain(f.path);
  });

  it('handles hostile input: garbage entries, alias bombs, deep nesting', () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]']
      .concat(
        Array.from(
          { length: 9 },
          (_, i) =>
            `${String.fromCharCode(98 + i)}: &${String.fromCharCode(
              98 + i,
            )} [${Array(9)
              .fill(`*${String.fromCharCode(97 + i)}`)
              .join(',')}]`,
        ),
      )
      .join('\n');
    const manyAliases = `x: &x 1\nlist:\n${Array.from(
      { length: 600 },
      () => '  - *x',
    ).join('\n')}\n`;
    const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;
    // No wall-clock bound here (speed lives in `yarn bench analyzer`): an
    // unbounded expansion would never return, and jest's timeout fails it.
    const report = analyzeFiles([
      file('.github/workflows/bomb.yml', `on: push\n${bomb}\njobs: {}\n`),
      file('.github/workflows/aliases.yml', manyAliases),
      file('.github/workflows/deep.yml', deep),
      file('Dockerfile', `FROM alpine\nRUN ${'echo "$(( '.repeat(2000)}\n`),
      { path: 42, content: null } as unknown as RepoFile,
      file('../escape/Dockerfile', 'FROM alpine\n'),
    ]);
    const byPath = Object.fromEntries(
      report.findings
        .filter(f => f.ruleId.startsWith('BC900'))
        .map(f => [f.path, f.ruleId]),
    );
    expect(byPath['.github/workflows/aliases.yml']).toBe('BC9002');
    expect(byPath['.github/workflows/deep.yml']).toBe('BC9002');
    expect(byPath['.github/workflows/bomb.yml']).toBeUndefined();
  });

  it('applies ruleConfig: disable and severity override', () => {
    const files = [file('Dockerfile', APT)];
    expect(
      analyzeFiles(files, { ruleConfig: { BC1001: { enabled: false } } })
        .findings,
    ).toEqual([]);
    const [f] = analyzeFiles(files, {
      ruleConfig: { BC1001: { severity: 'error' } },
    }).findings;
    expect([f.ruleId, f.severity]).toEqual(['BC1001', 'error']);
  });

  it('suppresses with pragmas until they expire, keeping the reason', () => {
    const text =
      'FROM debian\n# buildcache-ignore BC1001 reason: legacy until: 2025-12-31\nRUN apt-get update\n';
    const before = analyzeFiles([file('Dockerfile', text)], {
      now: new Date('2025-12-31T23:00:00Z'),
    }).findings;
    expect(
      before.map(f => [f.ruleId, f.suppressed, f.suppressionReason]),
    ).toEqual([['BC1001', true, 'legacy']]);
    const after = analyzeFiles([file('Dockerfile', text)], {
      now: new Date('2026-01-01T00:00:00Z'),
    }).findings;
    expect(after.map(f => [f.ruleId, f.suppressed])).toEqual([
      ['BC1001', false],
    ]);
    const fileWide = analyzeFiles([
      file('Dockerfile', `# buildcache-ignore-file\n${APT}`),
    ]).findings;
    expect(fileWide.map(f => [f.ruleId, f.suppressed])).toEqual([
      ['BC9003', true],
      ['BC1001', true],
    ]);
  });

  it('turns a crashing rule into a finding instead of throwing', () => {
    const crashing: Rule = {
      meta: { ...defaultRules[0].meta, id: 'BC8000', name: 'crash' },
      check: () => {
        throw new Error('boom');
      },
    };
    const report = analyzeFiles([file('Dockerfile', APT)], {
      rules: [crashing],
    });
    expect(report.findings.map(f => f.message)).toEqual([
      'internal error in rule BC8000: boom',
    ]);
  });

  it('reports files a reader skipped', () => {
    const report = analyzeFiles(
      [
        {
          path: 'Dockerfile',
          content: Buffer.alloc(0),
          skippedReason: 'too-large',
        },
      ],
      {
        skippedFiles: [
          { path: 'link/Dockerfile', reason: 'symlink-outside-root' },
        ],
      },
    );
    expect(report.findings.map(f => `${f.ruleId} ${f.path}`)).toEqual([
      'BC9002 Dockerfile',
      'BC9002 link/Dockerfile',
    ]);
    expect(report.score.level).not.toBe('NotApplicable');
  });

  it('is NotApplicable for a repository without build files', () => {
    expect(analyzeFiles([file('README.md', 'x')]).score).toEqual({
      value: 0,
      level: 'NotApplicable',
    });
    expect(analyzeFiles([]).findings).toEqual([]);
  });
});
