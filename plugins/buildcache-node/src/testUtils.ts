/**
 * Test utilities for rule authors: the harness buildcache's own rules are
 * tested with, for rules added through the `buildcache.rules` extension
 * point (any rule id). It declares jest tests, so import it from test files.
 *
 * @packageDocumentation
 */
export {
  runRuleTests,
  assertInvalidCase,
  assertValidCase,
  analyzeCase,
  loadFixtureCases,
  readExpectations,
  FIXTURE_NOW,
} from './rules/testing/ruleTester';
export type { RuleTestCase, ExpectedFinding } from './rules/testing/ruleTester';
export { createCountingRule } from './engine/testing/countingRule';
