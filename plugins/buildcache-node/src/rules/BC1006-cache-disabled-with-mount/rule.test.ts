import * as nodePath from 'node:path';
import { runRuleTests } from '../testing/ruleTester';
import { cacheDisabledWithMountRule } from './rule';

runRuleTests(cacheDisabledWithMountRule, nodePath.join(__dirname, 'fixtures'));
