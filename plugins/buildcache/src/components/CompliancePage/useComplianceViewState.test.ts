import {
  hasFilters,
  parseViewState,
  toFilter,
  toQuery,
  toSummaryQuery,
} from './useComplianceViewState';

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

  it('asks the summary for the same filters, with the grouping', () => {
    const state = parseViewState(
      new URLSearchParams(
        'owner=group:default/a&q=api&orderBy=name&groupBy=rule',
      ),
    );
    expect(toSummaryQuery(state)).toEqual({
      owner: 'group:default/a',
      system: undefined,
      level: undefined,
      ruleId: undefined,
      q: 'api',
      groupBy: 'rule',
    });
    expect(hasFilters(state)).toBe(true);
    const unfiltered = parseViewState(new URLSearchParams('orderBy=name'));
    expect(hasFilters(unfiltered)).toBe(false);
    expect(toSummaryQuery(unfiltered).groupBy).toBeUndefined();
  });
});
