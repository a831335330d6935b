import * as nodePath from 'node:path';
import { runRuleTests } from '../testing/ruleTester';
import { cacheIdConflictRule } from './rule';

runRuleTests(cacheIdConflictRule, nodePath.join(__dirname, 'fixtures'));
