import * as nodePath from 'node:path';
import { runRuleTests } from '../testing/ruleTester';
import { skippedFileRule } from './rule';

runRuleTests(skippedFileRule, nodePath.join(__dirname, 'fixtures'));
