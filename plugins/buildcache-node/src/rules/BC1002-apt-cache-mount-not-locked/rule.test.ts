import * as nodePath from 'node:path';
import { runRuleTests } from '../testing/ruleTester';
import { aptCacheMountNotLockedRule } from './rule';

runRuleTests(aptCacheMountNotLockedRule, nodePath.join(__dirname, 'fixtures'));
