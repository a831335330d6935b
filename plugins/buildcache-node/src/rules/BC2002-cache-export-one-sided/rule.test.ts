import * as nodePath from 'node:path';
import { runRuleTests } from '../testing/ruleTester';
import { cacheExportOneSidedRule } from './rule';

runRuleTests(cacheExportOneSidedRule, nodePath.join(__dirname, 'fixtures'));
