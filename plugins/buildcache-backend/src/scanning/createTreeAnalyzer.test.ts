import {
  AnalysisPool,
  analyzeFiles,
  combineFixes,
  defaultRules,
} from '@buildcache/plugin-buildcache-node';
import { createCountingRule } from '@buildcache/plugin-buildcache-node/testUtils';
import { createTreeAnalysis, storedFixesOf } from './createTreeAnalyzer';
import type { RepositoryTree } from './readRepository';

const config = { ruleConfig: {}, weights: {}, maxFileBytes: 1024 * 1024 };

function tree(files: Record<string, string>): RepositoryTree {
  return {
    files: Object.entries(files).map(([path, text]) => ({
      path,
      content: Buffer.from(text, 'utf8'),
    })),
    skipped: [],
    presentDirectories: [],
    etag: 'e',
    commitSha: null,
    bytesRead: 0,
  };
}

function counting() {
  const { rule, analyses } = createCountingRule();
  return { rules: [...defaultRules, rule], analyses };
}

const DOCKERFILE =
  'FROM python:3.12\nRUN pip install flask\nRUN npm ci\nRUN go mod download\n';

describe('createTreeAnalysis', () => {
  it('reports and combines as analyzeFiles and combineFixes do', () => {
    const { analyze, combine } = createTreeAnalysis(defaultRules, config);
    const t = tree({ Dockerfile: DOCKERFILE });
    const options = {
      root: 'repo',
      rules: defaultRules,
      ...config,
      presentDirectories: [],
      skippedFiles: [],
    };
    expect(analyze(t, 'repo')).toEqual(analyzeFiles(t.files, options));
    const { patches } = combineFixes(t.files, options);
    expect(combine(t, 'repo')).toEqual(storedFixesOf(patches));
    expect(patches[0].fixed.length).toBe(3);
  });

  it('combines from the analyses made for the report of the same tree', () => {
    const reused = counting();
    const analysis = createTreeAnalysis(reused.rules, config);
    const t = tree({ Dockerfile: DOCKERFILE });
    analysis.analyze(t, 'repo');
    const afterReport = reused.analyses();
    const combined = analysis.combine(t, 'repo');

    // combining a tree no report was made of costs more: combineFixes alone
    const fresh = counting();
    const again = createTreeAnalysis(fresh.rules, config);
    expect(again.combine(tree({ Dockerfile: DOCKERFILE }), 'repo')).toEqual(
      combined,
    );
    expect(reused.analyses() - afterReport).toBeLessThan(fresh.analyses());
  });

  describe('on worker threads', () => {
    const pool = new AnalysisPool({ size: 1 });
    afterAll(() => pool.close());

    it('reports and combines as on the main thread', async () => {
      const t = tree({
        Dockerfile: DOCKERFILE,
        '.github/workflows/ci.yml':
          'on: push\njobs:\n  b:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: docker/build-push-action@v6\n        with:\n          push: true\n',
      });
      const local = createTreeAnalysis(defaultRules, config);
      const worker = createTreeAnalysis(defaultRules, config, pool);
      const report = await worker.analyze(t, 'repo');
      expect(report).toEqual(local.analyze(t, 'repo'));
      expect(report.findings.length).toBeGreaterThan(3);
      expect(await worker.combine(t, 'repo')).toEqual(
        await local.combine(t, 'repo'),
      );
    });

    it('stays on the main thread when rules from other modules run', async () => {
      const { rules, analyses } = counting();
      const analysis = createTreeAnalysis(rules, config, pool);
      await analysis.analyze(tree({ Dockerfile: DOCKERFILE }), 'repo');
      expect(analyses()).toBeGreaterThan(0);
    });
  });
});
