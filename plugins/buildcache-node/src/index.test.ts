import * as api from './index';

describe('public API', () => {
  it('exports the contract the backend and CLI rely on', () => {
    for (const name of [
      'isAnalyzerCandidate',
      'analyzeFiles',
      'readRepositoryFiles',
      'defaultRules',
      'createRuleRegistry',
      'computeScore',
      'renderRuleDoc',
      'buildcacheRulesExtensionPoint',
      'ANALYZER_VERSION',
      'runCli',
    ]) {
      expect(api).toHaveProperty(name);
    }
    expect(api.ANALYZER_VERSION).toMatch(/^\d+\.\d+\.\d+/);
  });
});
