import * as nodePath from 'node:path';
import { runRuleTests } from '../testing/ruleTester';
import { inlineCacheMultistageRule } from './rule';

runRuleTests(inlineCacheMultistageRule, nodePath.join(__dirname, 'fixtures'));
