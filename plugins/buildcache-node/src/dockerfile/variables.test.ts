import { createScope, expandVariables } from './variables';

describe('expandVariables', () => {
  const scope = createScope({ A: '/root', EMPTY: '', UNKNOWN: null });
  it.each([
    ['$A/.cache', '/root/.cache'],
    ['${A}/x', '/root/x'],
    ['${MISSING:-/d}', '/d'],
    ['${EMPTY:-dflt}', 'dflt'],
    ['${EMPTY-dflt}', ''],
    ['${A:+set}', 'set'],
    ['${EMPTY:+set}', ''],
    ['\\$A', '$A'],
    ['no vars', 'no vars'],
    ['cost $5', 'cost $5'],
  ])('%s → %s', (input, expected) =>
    expect(expandVariables(input, scope)).toBe(expected),
  );

  it.each(['$UNKNOWN', '${UNKNOWN:-x}', '$MISSING', '${A#/}', '${A'])(
    '%s is unresolvable',
    input => expect(expandVariables(input, scope)).toBeNull(),
  );

  it('uses the escape character', () => {
    expect(expandVariables('`$A', scope, '`')).toBe('$A');
  });
});
