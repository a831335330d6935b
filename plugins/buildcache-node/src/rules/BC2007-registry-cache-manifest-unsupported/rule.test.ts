import * as nodePath from 'node:path';
import { runRuleTests } from '../testing/ruleTester';
import { registryCacheManifestUnsupportedRule } from './rule';

runRuleTests(
  registryCacheManifestUnsupportedRule,
  nodePath.join(__dirname, 'fixtures'),
);
