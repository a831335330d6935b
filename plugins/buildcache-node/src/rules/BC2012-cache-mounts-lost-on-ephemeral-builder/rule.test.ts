import * as nodePath from 'node:path';
import { runRuleTests } from '../testing/ruleTester';
import { cacheMountsLostOnEphemeralBuilderRule } from './rule';

runRuleTests(
  cacheMountsLostOnEphemeralBuilderRule,
  nodePath.join(__dirname, 'fixtures'),
);
