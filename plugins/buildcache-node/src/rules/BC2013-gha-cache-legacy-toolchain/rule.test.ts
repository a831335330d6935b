import * as nodePath from 'node:path';
import { runRuleTests } from '../testing/ruleTester';
import { ghaCacheLegacyToolchainRule } from './rule';

runRuleTests(ghaCacheLegacyToolchainRule, nodePath.join(__dirname, 'fixtures'));
