import fc from 'fast-check';
import { DockerfileParser, type Instruction } from 'dockerfile-ast';
import { memoizeArguments } from './argumentsMemo';

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
        memoized.forEach(memoizeArguments);
        expect(memoized.map(answers)).toEqual(fresh.map(answers));
      }),
      { numRuns: 200 },
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
