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

  it('explains an empty chart', async () => {
    await renderInTestApp(<RuleAdoptionChart adoption={[]} />);
    expect(screen.getByText(/No adoption data yet/)).toBeInTheDocument();
  });
});
