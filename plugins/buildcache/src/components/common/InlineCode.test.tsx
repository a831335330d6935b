import { render } from '@testing-library/react';
import { InlineCode, splitInlineCode } from './InlineCode';

describe('InlineCode', () => {
  it('splits backtick spans into code parts', () => {
    expect(splitInlineCode('Add `--mount=type=cache` to `RUN`.')).toEqual([
      { text: 'Add ', code: false },
      { text: '--mount=type=cache', code: true },
      { text: ' to ', code: false },
      { text: 'RUN', code: true },
      { text: '.', code: false },
    ]);
    expect(splitInlineCode('an unpaired ` stays')).toEqual([
      { text: 'an unpaired ` stays', code: false },
    ]);
  });

  it('renders code as text, never as HTML', () => {
    const { container } = render(
      <InlineCode text="run `<img src=x onerror=alert(1)>` and `apt-get`" />,
    );
    const codes = container.querySelectorAll('code');
    expect([...codes].map(c => c.textContent)).toEqual([
      '<img src=x onerror=alert(1)>',
      'apt-get',
    ]);
    expect(container.querySelector('img')).toBeNull();
    expect(container.textContent).not.toContain('`');
  });
});
