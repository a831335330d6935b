import { RevisionMemo } from './revisionMemo';

describe('RevisionMemo', () => {
  let now = 0;
  const clock = () => new Date(now);
  const memo = (maxEntries = 10) =>
    new RevisionMemo({ maxAgeMs: 1_000, maxEntries }, clock);
  let computed: string[];
  const computeFor = (value: string) => () => {
    computed.push(value);
    return Promise.resolve(value);
  };

  beforeEach(() => {
    now = 0;
    computed = [];
  });

  it('computes once per key and revision, again when the revision moves', async () => {
    const m = memo();
    expect(await m.get('a', 1, computeFor('a1'))).toBe('a1');
    expect(await m.get('a', 1, computeFor('a1 again'))).toBe('a1');
    expect(await m.get('b', 1, computeFor('b1'))).toBe('b1');
    expect(await m.get('a', 2, computeFor('a2'))).toBe('a2');
    expect(computed).toEqual(['a1', 'b1', 'a2']);
  });

  it('computes again once a value reaches its maximum age', async () => {
    const m = memo();
    await m.get('a', 1, computeFor('first'));
    now = 999;
    expect(await m.get('a', 1, computeFor('second'))).toBe('first');
    now = 1_000;
    expect(await m.get('a', 1, computeFor('second'))).toBe('second');
  });

  it('lets callers of the same key and revision share one computation', async () => {
    const m = memo();
    let finish: (value: string) => void = () => {};
    const pending = new Promise<string>(resolve => {
      finish = resolve;
    });
    let calls = 0;
    const compute = () => {
      calls += 1;
      return pending;
    };
    const both = Promise.all([m.get('a', 1, compute), m.get('a', 1, compute)]);
    finish('shared');
    expect(await both).toEqual(['shared', 'shared']);
    expect(calls).toBe(1);
  });

  it('does not keep a computation that failed', async () => {
    const m = memo();
    await expect(
      m.get('a', 1, () => Promise.reject(new Error('database gone'))),
    ).rejects.toThrow('database gone');
    expect(await m.get('a', 1, computeFor('recovered'))).toBe('recovered');
  });

  it('keeps at most maxEntries values, dropping the least recently used', async () => {
    const m = memo(2);
    await m.get('a', 1, computeFor('a'));
    await m.get('b', 1, computeFor('b'));
    await m.get('a', 1, computeFor('a again')); // a is now the most recent
    await m.get('c', 1, computeFor('c')); // b goes
    await m.get('a', 1, computeFor('a again'));
    await m.get('b', 1, computeFor('b again'));
    expect(computed).toEqual(['a', 'b', 'c', 'b again']);
  });
});
