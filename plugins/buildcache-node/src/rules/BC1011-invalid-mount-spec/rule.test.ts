import * as nodePath from 'node:path';
import { runRuleTests } from '../testing/ruleTester';
import { invalidMountSpecRule } from './rule';
import { suggest } from './validateMount';

runRuleTests(invalidMountSpecRule, nodePath.join(__dirname, 'fixtures'));

describe('BC1011 suggestions', () => {
  it.each([
    ['lock', ['shared', 'private', 'locked'], 'locked'],
    ['shard', ['shared', 'private', 'locked'], 'shared'],
    ['cahce', ['bind', 'cache', 'tmpfs', 'secret', 'ssh'], 'cache'],
    ['taget', ['target', 'dst'], 'target'],
    ['x', ['shared', 'private', 'locked'], undefined],
    ['zzzzzz', ['shared', 'private', 'locked'], undefined],
  ])('%s → %s', (value, candidates, expected) => {
    expect(suggest(value, candidates)).toBe(expected);
  });
});
