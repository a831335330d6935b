import { parseViewState, toFilter, toQuery } from './useComplianceViewState';

describe('parseViewState', () => {
  it('falls back to defaults for missing or invalid values', () => {
    const state = parseViewState(
      new URLSearchParams(
        'level=Platinum&orderBy=drop table&order=up&page=-3&pageSize=7&groupBy=team',
      ),
    );
    expect(state).toEqual({
      owner: '',
      system: '',
      level: '',
      ruleId: '',
      q: '',
      orderBy: 'score',
      order: 'asc',
      page: 0,
      pageSize: 20,
      groupBy: 'none',
    });
  });

  it('turns a view into the backend query', () => {
    const state = parseViewState(
      new URLSearchParams(
        'level=None&system=system:default/checkout&orderBy=scannedAt&order=desc&page=2&pageSize=50',
      ),
    );
    expect(toQuery(state)).toEqual({
      owner: undefined,
      system: 'system:default/checkout',
      level: 'None',
      ruleId: undefined,
      q: undefined,
      orderBy: 'scannedAt',
      order: 'desc',
      offset: 100,
      limit: 50,
    });
    expect(toFilter(state)).not.toHaveProperty('offset');
  });
});
