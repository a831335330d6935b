import { fireEvent, screen, within } from '@testing-library/react';
import { renderInTestApp } from '@backstage/test-utils';
import type { RuleAdoption } from '@buildcache/plugin-buildcache-common';
import { ADOPTION_CHART_TOP, RuleAdoptionChart } from './RuleAdoptionChart';

const adoption: RuleAdoption[] = Array.from({ length: 12 }, (_, i) => ({
  ruleId: `BC10${String(i + 10)}`,
  applicable: 10,
  passing: i,
  percent: i * 10,
}));

describe('RuleAdoptionChart', () => {
  const listed = () =>
    within(screen.getByRole('list', { name: 'Rule adoption' }))
      .getAllByRole('listitem')
      .map(item => item.textContent);

  it('shows the least adopted rules first, then all on request', async () => {
    await renderInTestApp(
      <RuleAdoptionChart
        adoption={[
          ...adoption,
          { ruleId: 'BC2013', applicable: 0, passing: 0, percent: 100 },
        ]}
      />,
    );
    expect(listed()).toHaveLength(ADOPTION_CHART_TOP);
    expect(listed()[0]).toBe('BC1010: 0% (0 of 10)');
    fireEvent.click(screen.getByRole('button', { name: 'Show all 12 rules' }));
    expect(listed()).toHaveLength(12);
    expect(listed()).not.toContain(expect.stringContaining('BC2013'));
  });

  it('selects a rule from its button, keeps the selected rule in view and clears it', async () => {
    const onSelectRule = jest.fn();
    await renderInTestApp(
      <RuleAdoptionChart
        adoption={adoption}
        selectedRuleId="BC1020"
        onSelectRule={onSelectRule}
      />,
    );
    // the 8 lowest, and the selected rule although it is not among them
    expect(listed()).toHaveLength(ADOPTION_CHART_TOP + 1);
    const selected = screen.getByRole('button', {
      name: 'BC1020: 100% (10 of 10)',
    });
    expect(selected).toHaveAttribute('aria-pressed', 'true');
    fireEvent.click(
      screen.getByRole('button', { name: 'BC1012: 20% (2 of 10)' }),
    );
    expect(onSelectRule).toHaveBeenLastCalledWith('BC1012');
    fireEvent.click(selected);
    expect(onSelectRule).toHaveBeenLastCalledWith('');
  });

  it('shows the rule buttons while the keyboard focus is among them', async () => {
    await renderInTestApp(
      <RuleAdoptionChart adoption={adoption} onSelectRule={jest.fn()} />,
    );
    const list = screen.getByRole('list', { name: 'Rule adoption' });
    expect(list).toHaveStyle({ position: 'absolute' });
    const [first, second] = within(list).getAllByRole('button');
    fireEvent.focus(first);
    expect(list).not.toHaveStyle({ position: 'absolute' });
    fireEvent.blur(first, { relatedTarget: second });
    expect(list).not.toHaveStyle({ position: 'absolute' });
    fireEvent.blur(second, { relatedTarget: document.body });
    expect(list).toHaveStyle({ position: 'absolute' });
  });

  it('explains an empty chart', async () => {
    await renderInTestApp(<RuleAdoptionChart adoption={[]} />);
    expect(screen.getByText(/No adoption data yet/)).toBeInTheDocument();
  });
});
