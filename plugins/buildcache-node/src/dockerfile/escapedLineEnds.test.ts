import { maskEscapedLineEnds } from './escapedLineEnds';
import { parseDockerfile } from './parseDockerfile';

describe('escaped escape characters at line ends', () => {
  it('end the instruction like BuildKit, with offsets and values intact', () => {
    const text =
      'FROM scratch\nENV C trailing\\\\backslash\\\\\nENV D not appended\nRUN echo a \\\n  b\n';
    const result = parseDockerfile('Dockerfile', text);
    if (!result.ok) throw new Error('did not parse');
    const ins = result.model.instructions;
    expect(ins.map(i => i.keyword)).toEqual(['FROM', 'ENV', 'ENV', 'RUN']);
    expect(ins[1].arguments).toBe('C trailing\\\\backslash\\\\');
    expect(ins[2].scope.get('C')).toBe('trailing\\backslash\\');
    expect(ins[3].range.endLine).toBe(5);
  });

  it('keeps the text length and leaves single escapes and backticks alone', () => {
    const text = 'RUN a \\\\\n  b \\\nc\nRUN x ``\n';
    expect(maskEscapedLineEnds(text, '\\')).toHaveLength(text.length);
    expect(maskEscapedLineEnds('RUN a \\\nb\n', '\\')).toBe('RUN a \\\nb\n');
    expect(maskEscapedLineEnds('RUN a ``\r\nb\n', '`')).not.toContain('``\r');
  });
});
