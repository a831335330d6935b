import * as nodePath from 'node:path';
import { runRuleTests } from '../testing/ruleTester';
import { unparseableFileRule } from './rule';

runRuleTests(unparseableFileRule, nodePath.join(__dirname, 'fixtures'));
