import * as nodePath from 'node:path';
import { runRuleTests } from '../testing/ruleTester';
import { missingSyntaxDirectiveRule } from './rule';

runRuleTests(missingSyntaxDirectiveRule, nodePath.join(__dirname, 'fixtures'));
