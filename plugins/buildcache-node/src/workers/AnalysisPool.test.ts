import fs from 'node:fs';
import path from 'node:path';
import { analyzeRepository } from '../engine/analyzeRepository';
import { readRepositoryFiles } from '../input/readRepositoryFiles';
import { defaultRules } from '../rules';
import { AnalysisPool } from './AnalysisPool';

const examples = path.resolve(__dirname, '../../../../examples');
const ruleIds = defaultRules.map(r => r.meta.id);

describe('AnalysisPool', () => {
  let pool: AnalysisPool;
  beforeAll(() => {
    pool = new AnalysisPool({ size: 2 });
  });
  afterAll(() => pool.close());

  it('answers as analyzeRepository and its combined fixes do, for every example repository, more requests than workers at once', async () => {
    const names = fs
      .readdirSync(examples, { withFileTypes: true })
      .filter(d => d.isDirectory())
      .map(d => d.name);
    expect(names.length).toBeGreaterThan(4);
    const repos = await Promise.all(
      names.map(async name => ({
        name,
        ...(await readRepositoryFiles(path.join(examples, name))),
      })),
    );
    const options = (name: string) => ({
      root: name,
      ruleConfig: { BC1010: { enabled: false } },
      weights: { error: 12 },
    });
    const answers = await Promise.all(
      repos.map(r => pool.analyze(r.files, { ...options(r.name), ruleIds })),
    );
    answers.forEach((answer, i) => {
      const r = repos[i];
      const local = analyzeRepository(r.files, {
        ...options(r.name),
        rules: defaultRules,
      });
      expect(answer.report).toEqual(local.report);
      expect(answer.combined).toEqual({
        patches: local.combineFixes().patches,
      });
    });
    // the options crossed the thread: BC1010 is off, errors weigh 12
    expect(
      answers.flatMap(a => a.report.findings).some(f => f.ruleId === 'BC1010'),
    ).toBe(false);
  });

  it('fails a request naming a rule it cannot run, and goes on', async () => {
    const files = [
      { path: 'Dockerfile', content: Buffer.from('FROM alpine\n') },
    ];
    await expect(pool.analyze(files, { ruleIds: ['ACME001'] })).rejects.toThrow(
      'ACME001 is not a built-in rule',
    );
    const answer = await pool.analyze(files, { ruleIds });
    expect(answer.report.files.map(f => f.path)).toEqual(['Dockerfile']);
  });

  it('refuses requests once closed', async () => {
    const closing = new AnalysisPool({ size: 1 });
    await closing.close();
    await expect(closing.analyze([], { ruleIds })).rejects.toThrow(
      'the analysis pool is closed',
    );
    expect(() => new AnalysisPool({ size: 0 })).toThrow(
      'analysis workers: expected a whole number >= 1, got 0',
    );
  });
});
