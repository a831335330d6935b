import * as nodePath from 'node:path';
import { runRuleTests } from '../testing/ruleTester';
import { cacheExportNeedsContainerBuilderRule } from './rule';

runRuleTests(
  cacheExportNeedsContainerBuilderRule,
  nodePath.join(__dirname, 'fixtures'),
);
