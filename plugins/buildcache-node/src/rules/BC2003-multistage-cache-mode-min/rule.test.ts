import * as nodePath from 'node:path';
import { runRuleTests } from '../testing/ruleTester';
import { multistageCacheModeMinRule } from './rule';

runRuleTests(multistageCacheModeMinRule, nodePath.join(__dirname, 'fixtures'));
