import * as nodePath from 'node:path';
import { runRuleTests } from '../testing/ruleTester';
import { pragmaWithoutReasonRule } from './rule';

runRuleTests(pragmaWithoutReasonRule, nodePath.join(__dirname, 'fixtures'));
