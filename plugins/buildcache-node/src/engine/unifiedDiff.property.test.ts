import fc from 'fast-check';
import { createTwoFilesPatch } from 'diff';
import { patchWithoutCommonEnd } from './commonSuffix';
import { unifiedDiff } from './unifiedDiff';

/**
 * Property: the diff written from the texts without their common leading
 * lines, and without their common trailing lines when commonSuffix.ts
 * finds a cut that gives the same diff, is exactly jsdiff's diff of the
 * whole texts.
 */

const line = fc.constantFrom(
  '',
  'a',
  'b',
  'a b',
  'RUN apt-get update',
  '  x',
  '@@ -1,2 +1,2 @@',
  '#',
);
const newline = fc.constantFrom('\n', '\n', '\n', '\r\n');
/** Lines that often repeat, or mostly do not (a cut of the common end needs lines that occur once). */
const someLine = fc.oneof(
  line,
  fc.nat(60).map(n => `line ${n}`),
  fc.nat(60).map(n => `line ${n}`),
);
const text = fc
  .tuple(
    fc.array(fc.tuple(someLine, newline), { maxLength: 60 }),
    fc.constantFrom('', 'tail'),
  )
  .map(([lines, last]) => lines.map(([l, nl]) => l + nl).join('') + last);

/** Replaces a few slices of the text (as a fix's edits would); with the first edit's offset. */
const changed = text.chain(original =>
  fc
    .array(
      fc.tuple(
        fc.nat(original.length),
        fc.nat(8),
        fc.constantFrom(
          '',
          'a',
          '\n',
          'b\n',
          'a\nb\n',
          ' --mount=type=cache,target=/x',
          '\r\n',
        ),
      ),
      { minLength: 1, maxLength: 3 },
    )
    .map(edits => {
      let out = original;
      // from the end, so earlier offsets stay valid
      for (const [start, length, insert] of [...edits].sort(
        (x, y) => y[0] - x[0],
      ))
        out =
          out.slice(0, start) +
          insert +
          out.slice(Math.min(start + length, out.length));
      const firstEdit = Math.min(...edits.map(e => e[0]));
      const lastEdit = Math.max(
        ...edits.map(e => Math.min(e[0] + e[1], original.length)),
      );
      return [original, out, firstEdit, lastEdit] as const;
    }),
);

const full = (path: string, a: string, b: string) =>
  createTwoFilesPatch(`a/${path}`, `b/${path}`, a, b, undefined, undefined, {
    context: 3,
  });

describe('unifiedDiff', () => {
  it('equals the diff of the whole texts', () => {
    let cut = 0;
    fc.assert(
      fc.property(
        changed,
        fc.nat(1000),
        fc.nat(1000),
        ([original, updated, first, last], any, anyEnd) => {
          const expected = full('Dockerfile', original, updated);
          expect(
            unifiedDiff('Dockerfile', original, updated, first, last),
          ).toBe(expected);
          // offsets past the first change or before the last are not trusted
          expect(
            unifiedDiff('Dockerfile', original, updated, any, anyEnd),
          ).toBe(expected);
          expect(unifiedDiff('Dockerfile', original, updated, first)).toBe(
            expected,
          );
          const patchOf = (a: string, b: string) => full('Dockerfile', a, b);
          if (patchWithoutCommonEnd(original, updated, 0, last, 3, patchOf))
            cut++;
        },
      ),
      { numRuns: 3000 },
    );
    // the property is about the cut: it is made often
    expect(cut).toBeGreaterThan(100);
  });

  it('moves the hunks of a change deep in a file', () => {
    const lines = Array.from({ length: 40 }, (_, i) => `line ${i + 1}\n`);
    const original = lines.join('');
    const updated = original
      .replace('line 20\n', 'line 20\nadded\n')
      .replace('line 35\n', '');
    const patch = unifiedDiff(
      'x/Dockerfile',
      original,
      updated,
      original.indexOf('line 21'),
    );
    expect(patch).toBe(full('x/Dockerfile', original, updated));
    expect(patch).toContain('@@ -18,6 +18,7 @@');
    expect(patch).toContain('@@ -32,7 +33,6 @@');
  });
});
