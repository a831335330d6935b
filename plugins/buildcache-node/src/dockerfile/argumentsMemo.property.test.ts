import fc from 'fast-check';
import { DockerfileParser, type Instruction } from 'dockerfile-ast';
import { memoizeArguments } from './argumentsMemo';
import { DocumentPositions, scanArgumentsContent } from './argumentsScan';

/**
 * Property: an instruction whose arguments are memoized answers every
 * argument-derived question exactly as a freshly parsed one, however often
 * and in whichever order it is asked.
 */

const word = fc.constantFrom(
  'apt-get',
  'install',
  '-y',
  '--mount=type=cache,target=/var/cache/apt',
  '--from=build',
  '--chown=1000:1000',
  '--link',
  'A=1',
  'B="two words"',
  "C='x y'",
  'D=$HOME/x',
  '${VAR:-default}',
  '"quoted arg"',
  '["sh", "-c", "echo hi"]',
  '<<EOF',
  '<<-END',
  '&&',
  '\\$escaped',
  'name',
  '/path/to/dir',
  '#notacomment',
  'trailing\\',
  'back`tick',
  '\\ x',
);
const separator = fc.constantFrom(
  ' ',
  '  ',
  '\t',
  ' \\\n',
  ' \\\n    ',
  ' \\  \n  ',
  ' \\\n# comment line\n  ',
  ' \\\r\n  ',
  ' `\n  ',
  ' ` \t\n',
  ' `\n# comment `\n ',
  '\n\n',
);
const keyword = fc.constantFrom(
  'RUN',
  'FROM',
  'COPY',
  'ADD',
  'ENV',
  'ARG',
  'LABEL',
  'USER',
  'WORKDIR',
  'CMD',
  'ENTRYPOINT',
  'HEALTHCHECK',
  'ONBUILD',
  'SHELL',
  'VOLUME',
  'EXPOSE',
  'STOPSIGNAL',
  'run',
);
const instruction = fc
  .tuple(
    keyword,
    fc.array(fc.tuple(separator, word), { maxLength: 6 }),
    fc.constantFrom('', '\n', '\nline one\nEOF\n', '\n  END\n'),
  )
  .map(
    ([kw, parts, tail]) =>
      `${kw}${parts.map(([sep, w]) => `${sep}${w}`).join('')}${tail}`,
  );
const dockerfile = fc
  .tuple(
    fc.constantFrom('', '# escape=`\n', '# syntax=docker/dockerfile:1\n'),
    fc.array(instruction, { minLength: 1, maxLength: 4 }),
  )
  .map(([directive, lines]) => directive + lines.join('\n'));

type Reader = Record<string, (() => unknown) | undefined>;

/** Everything the analyzer (and dockerfile-ast itself) derives from the arguments. */
function answers(node: Instruction): unknown {
  const r = node as unknown as Reader;
  const call = (method: string) => {
    const fn = r[method];
    if (typeof fn !== 'function') return undefined;
    try {
      return JSON.parse(JSON.stringify(fn.call(node) ?? null));
    } catch (e) {
      // some throw on odd input (e.g. getArgumentsRanges on a comment
      // line): then both must throw the same
      return { threw: e instanceof Error ? e.message : String(e) };
    }
  };
  const methods = [
    'getArguments',
    'getRawArguments',
    'getArgumentsRange',
    'getArgumentsRanges',
    'getArgumentsContent',
    'getRawArgumentsContent',
    'getFlags',
    'getProperties',
    'getHeredocs',
    'getVariables',
  ];
  // asked twice: the second answer comes from the memo
  return [...methods, ...methods.reverse()].map(m => [m, call(m)]);
}

describe('memoizeArguments', () => {
  it('changes no answer of any instruction', () => {
    fc.assert(
      fc.property(dockerfile, text => {
        const fresh = DockerfileParser.parse(text).getInstructions();
        const memoized = DockerfileParser.parse(text).getInstructions();
        memoized.forEach(n => memoizeArguments(n));
        expect(memoized.map(answers)).toEqual(fresh.map(answers));
      }),
      { numRuns: 200 },
    );
  });

  it('changes no answer when the arguments are read from the parsed text', () => {
    fc.assert(
      fc.property(
        dockerfile,
        fc.constantFrom('\n', '\r\n', '\r'),
        (text, eol) => {
          const input = text.replace(/\n/g, eol);
          const fresh = DockerfileParser.parse(input);
          const escapeChar = fresh.getEscapeCharacter();
          const memoized = DockerfileParser.parse(input).getInstructions();
          const positions = new DocumentPositions(input);
          for (const n of memoized)
            memoizeArguments(n, { positions, escapeChar });
          const nodes = fresh.getInstructions();
          expect(memoized.map(answers)).toEqual(nodes.map(answers));
          expect(
            memoized.map(n => scanArgumentsContent(n, positions, escapeChar)),
          ).toEqual(nodes.map(n => n.getArgumentsContent()));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('hands every caller its own array', () => {
    const [node] = DockerfileParser.parse(
      'COPY --from=build a b\n',
    ).getInstructions();
    memoizeArguments(node);
    expect(node.getArguments().map(a => a.getValue())).toEqual(['a', 'b']);
    expect(node.getArguments().map(a => a.getValue())).toEqual(['a', 'b']);
  });
});
