import * as nodePath from 'node:path';
import { runRuleTests } from '../testing/ruleTester';
import { forkPrCacheWriteRule } from './rule';

runRuleTests(forkPrCacheWriteRule, nodePath.join(__dirname, 'fixtures'));
