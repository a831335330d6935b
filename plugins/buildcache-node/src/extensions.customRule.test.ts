import { renderRuleDoc } from './docs/renderRuleDoc';
import { analyzeFiles } from './engine/analyzeFiles';
import type { Rule } from './engine/ruleTypes';
import { defaultRules } from './rules';
import { runRuleTests } from './rules/testing/ruleTester';
import { formatSarif } from './sarif/formatSarif';

/**
 * A rule from an adopter's backend module has its own id prefix; its
 * metadata says what it looks at, and nothing reads the prefix: the rule
 * tester, pragmas, SARIF and docs all work with it.
 */
const latestBaseRule: Rule = {
  meta: {
    id: 'ACME042',
    target: 'dockerfile',
    name: 'base-image-latest',
    severity: 'warning',
    summary: 'A stage builds FROM a `:latest` image.',
    rationale: 'A moving base invalidates every layer cache unpredictably.',
    recommendedFix: 'Pin the base image to a version or digest.',
    sources: [],
    fixable: false,
  },
  check(context) {
    return context.dockerfiles.flatMap(df =>
      df.instructions
        .filter(i => i.keyword === 'FROM' && /:latest\b/.test(i.arguments))
        .map(i =>
          context.reportInstruction(df, i, `${i.arguments} moves under you`),
        ),
    );
  },
};

runRuleTests(latestBaseRule, '/nonexistent-fixtures', {
  valid: [{ name: 'pinned', files: { Dockerfile: 'FROM alpine:3.20\n' } }],
  invalid: [
    {
      name: 'latest',
      files: {
        Dockerfile:
          'FROM alpine:3.20 AS base\n# expect: ACME042 3:1\nFROM alpine:latest\n',
      },
    },
  ],
});

describe('a custom rule with its own id prefix', () => {
  const files = (text: string) => [
    { path: 'Dockerfile', content: Buffer.from(text) },
  ];

  it('is silenced by a pragma naming it', () => {
    const report = analyzeFiles(
      files(
        '# buildcache-ignore ACME042 reason: the nightly image\nFROM alpine:latest\n',
      ),
      { rules: [latestBaseRule] },
    );
    const finding = report.findings.find(f => f.ruleId === 'ACME042');
    expect(finding).toMatchObject({
      suppressed: true,
      suppressionReason: 'the nightly image',
    });
  });

  it('is tagged by its target in SARIF and documented', () => {
    const report = analyzeFiles(files('FROM alpine:latest\n'), {
      rules: [latestBaseRule],
    });
    const log = formatSarif(report, {
      rules: [...defaultRules.map(r => r.meta), latestBaseRule.meta],
      docsBaseUrl: 'https://example.invalid/docs/',
      rootUri: 'file:///repo/',
    });
    const driverRules = log.runs[0].tool.driver.rules ?? [];
    const tagsOf = (id: string) =>
      driverRules.find(r => r.id === id)?.properties?.tags;
    expect(tagsOf('ACME042')).toEqual(['dockerfile']);
    expect(tagsOf('BC2001')).toEqual(['ci']);
    expect(tagsOf('BC9001')).toEqual(['analysis']);
    expect(renderRuleDoc(latestBaseRule.meta)).toContain('ACME042');
  });
});
