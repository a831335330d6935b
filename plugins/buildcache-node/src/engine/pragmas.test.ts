import { TextFile } from '../model/text';
import { findSuppressingPragma, readPragmas } from './pragmas';

describe('readPragmas', () => {
  it('reads ids, reason, until and scope', () => {
    const file = new TextFile(
      'Dockerfile',
      [
        '# buildcache-ignore BC1005, BC1001 reason: pinned base until: 2025-01-31',
        '# buildcache-ignore-file BC1010 reason: legacy builder [until: 2030-01-01]',
        '# buildcache-ignore BC1002',
        'RUN x // buildcache-ignore-file',
        '# buildcache-ignored BC1001 reason: not a pragma',
      ].join('\n'),
    );
    expect(
      readPragmas(file, '2025-02-01').map(p => [
        p.scope,
        p.ruleIds,
        p.reason,
        p.until,
        p.expired,
        p.range.line,
        p.range.column,
      ]),
    ).toEqual([
      ['line', ['BC1005', 'BC1001'], 'pinned base', '2025-01-31', true, 1, 1],
      ['file', ['BC1010'], 'legacy builder', '2030-01-01', false, 2, 1],
      ['line', ['BC1002'], null, null, false, 3, 1],
      ['file', [], null, null, false, 4, 7],
    ]);
  });

  it('matches the comment block above the finding or its anchor line', () => {
    const file = new TextFile(
      'f',
      '# buildcache-ignore BC1001 reason: x\n# other comment\nRUN a \\\n  b\n\n# buildcache-ignore BC1001 reason: y\n\nRUN c\n',
    );
    const pragmas = readPragmas(file, '2025-01-01');
    expect(findSuppressingPragma(pragmas, file, 'BC1001', [4, 3])?.reason).toBe(
      'x',
    );
    expect(findSuppressingPragma(pragmas, file, 'BC1005', [3])).toBeNull();
    expect(findSuppressingPragma(pragmas, file, 'BC1001', [8])).toBeNull();
  });
});
