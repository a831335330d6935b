import * as nodePath from 'node:path';
import { runRuleTests } from '../testing/ruleTester';
import { cacheRefEqualsImageRefRule } from './rule';

runRuleTests(cacheRefEqualsImageRefRule, nodePath.join(__dirname, 'fixtures'));
