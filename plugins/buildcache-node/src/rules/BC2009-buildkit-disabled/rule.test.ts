import * as nodePath from 'node:path';
import { runRuleTests } from '../testing/ruleTester';
import { buildkitDisabledRule } from './rule';

runRuleTests(buildkitDisabledRule, nodePath.join(__dirname, 'fixtures'));
