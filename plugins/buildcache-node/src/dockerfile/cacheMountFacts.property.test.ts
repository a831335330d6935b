import fc from 'fast-check';
import type { DockerfileFacts } from '@buildcache/plugin-buildcache-common';
import { parseDockerfile } from './parseDockerfile';

/**
 * Property: whitespace, line continuations and comment lines placed
 * around the parts of a valid `RUN --mount=type=cache,…` instruction (and
 * around the instructions) never change the Dockerfile facts.
 */

const MOUNTS = [
  '--mount=type=cache,target=/var/cache/apt,sharing=locked',
  '--mount=type=cache,id=npm,target=/root/.npm',
  '--mount=type=cache,target=/root/.cache/pip,uid=1000,gid=1000,mode=0755',
];
const COMMAND = [
  'apt-get',
  'update',
  '&&',
  'npm',
  'ci',
  '&&',
  'pip',
  'install',
  'flask',
];

/** What may separate two words of one instruction. */
const separator = fc.constantFrom(
  ' ',
  '   ',
  '\t',
  ' \t ',
  ' \\\n',
  ' \\\n    ',
  '\t\\\n\t',
  ' \\  \n  ',
  ' \\\n# a comment line inside the continuation\n    ',
  ' \\\n    # an indented comment line\n    ',
  ' \\\n#\n  ',
);

/** What may stand between instructions: blank lines, comments, indentation. */
const gap = fc
  .array(
    fc.constantFrom('', '   ', '\t', '# comment', '  # indented comment', '#'),
    { maxLength: 3 },
  )
  .map(lines => lines.map(l => `${l}\n`).join(''));

const indent = fc.constantFrom('', ' ', '  ', '\t');
const keyword = fc.constantFrom('RUN', 'run', 'Run');

interface Layout {
  gaps: [string, string, string, string];
  indents: [string, string, string];
  keyword: string;
  seps: string[];
  trailing: string;
}

const layout: fc.Arbitrary<Layout> = fc.record({
  gaps: fc.tuple(gap, gap, gap, gap),
  indents: fc.tuple(indent, indent, indent),
  keyword,
  seps: fc.array(separator, {
    minLength: MOUNTS.length + COMMAND.length,
    maxLength: MOUNTS.length + COMMAND.length,
  }),
  trailing: fc.constantFrom('', ' ', '\t', '  '),
});

function render(l: Layout): string {
  const words = [...MOUNTS, ...COMMAND];
  let run = `${l.indents[1]}${l.keyword}`;
  words.forEach((w, i) => {
    run += `${l.seps[i]}${w}`;
  });
  return [
    '# syntax=docker/dockerfile:1\n',
    l.gaps[0],
    `${l.indents[0]}FROM debian:bookworm AS build\n`,
    l.gaps[1],
    `${run}${l.trailing}\n`,
    l.gaps[2],
    `${l.indents[2]}FROM build\n`,
    l.gaps[3],
  ].join('');
}

const CANONICAL: Layout = {
  gaps: ['', '', '', ''],
  indents: ['', '', ''],
  keyword: 'RUN',
  seps: Array(MOUNTS.length + COMMAND.length).fill(' '),
  trailing: '',
};

function factsOf(text: string): DockerfileFacts {
  const result = parseDockerfile('Dockerfile', text);
  if (!result.ok) throw new Error(`did not parse:\n${text}`);
  return result.model.facts;
}

/** Facts without line numbers (those move with the inserted lines). */
function withoutLines(facts: DockerfileFacts) {
  return {
    ...facts,
    stages: facts.stages.map(({ line: _line, ...rest }) => rest),
    cacheMounts: facts.cacheMounts.map(({ line: _line, ...rest }) => rest),
  };
}

/** 1-based line of the first line matching `re`. */
function lineOf(text: string, re: RegExp): number {
  return text.split('\n').findIndex(l => re.test(l)) + 1;
}

describe('Dockerfile facts under layout changes (property)', () => {
  const expected = factsOf(render(CANONICAL));

  it('the canonical file has the three cache mounts and two stages', () => {
    expect(expected.cacheMounts.map(m => m.target)).toEqual([
      '/var/cache/apt',
      '/root/.npm',
      '/root/.cache/pip',
    ]);
    expect(expected.stages.map(s => s.name)).toEqual(['build', null]);
  });

  it('whitespace, continuations and comments do not change cacheMounts or stages', () => {
    fc.assert(
      fc.property(layout, l => {
        const text = render(l);
        const facts = factsOf(text);
        expect(withoutLines(facts)).toEqual(withoutLines(expected));
        const runLine = lineOf(text, /^\s*run\b/i);
        expect(facts.cacheMounts.map(m => m.line)).toEqual([
          runLine,
          runLine,
          runLine,
        ]);
        expect(facts.stages.map(s => s.line)).toEqual([
          lineOf(text, /^\s*FROM debian/),
          lineOf(text, /^\s*FROM build/),
        ]);
      }),
      { numRuns: 300 },
    );
  });
});
