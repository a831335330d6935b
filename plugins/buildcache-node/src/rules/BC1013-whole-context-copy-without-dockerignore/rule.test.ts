import * as nodePath from 'node:path';
import { runRuleTests } from '../testing/ruleTester';
import { wholeContextCopyWithoutDockerignoreRule } from './rule';

runRuleTests(
  wholeContextCopyWithoutDockerignoreRule,
  nodePath.join(__dirname, 'fixtures'),
);
