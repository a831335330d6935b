import * as nodePath from 'node:path';
import { runRuleTests } from '../testing/ruleTester';
import { localCacheUnboundedRule } from './rule';

runRuleTests(localCacheUnboundedRule, nodePath.join(__dirname, 'fixtures'));
