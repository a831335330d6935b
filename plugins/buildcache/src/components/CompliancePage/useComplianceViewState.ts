import { useCallback, useMemo, useRef } from 'react';
import { useSearchParams } from 'react-router-dom';
import { LEVELS, type Level } from '@buildcache/plugin-buildcache-common';
import type {
  ComplianceGroupBy,
  ComplianceOrderBy,
  ComplianceServicesFilter,
  ComplianceServicesQuery,
  ComplianceSummaryQuery,
} from '../../api';

export type ComplianceGrouping = 'none' | ComplianceGroupBy;

export const GROUPINGS: readonly ComplianceGrouping[] = [
  'none',
  'owner',
  'system',
  'rule',
];

/** Everything that defines a shareable view of the compliance page. */
export interface ComplianceViewState {
  owner: string;
  system: string;
  level: Level | '';
  ruleId: string;
  q: string;
  orderBy: ComplianceOrderBy;
  order: 'asc' | 'desc';
  page: number;
  pageSize: number;
  groupBy: ComplianceGrouping;
}

export const PAGE_SIZES = [20, 50, 100];

const DEFAULTS: ComplianceViewState = {
  owner: '',
  system: '',
  level: '',
  ruleId: '',
  q: '',
  orderBy: 'score',
  order: 'asc',
  page: 0,
  pageSize: PAGE_SIZES[0],
  groupBy: 'none',
};

const ORDER_BYS: readonly ComplianceOrderBy[] = [
  'score',
  'name',
  'owner',
  'system',
  'level',
  'scannedAt',
];

function oneOf<T extends string>(
  value: string | null,
  allowed: readonly T[],
  fallback: T,
): T {
  return allowed.includes(value as T) ? (value as T) : fallback;
}

function nonNegativeInt(value: string | null, fallback: number): number {
  const parsed = Number(value);
  return Number.isInteger(parsed) && parsed >= 0 ? parsed : fallback;
}

export function parseViewState(params: URLSearchParams): ComplianceViewState {
  return {
    owner: params.get('owner') ?? '',
    system: params.get('system') ?? '',
    level: oneOf<Level | ''>(params.get('level'), LEVELS, ''),
    ruleId: params.get('ruleId') ?? '',
    q: params.get('q') ?? '',
    orderBy: oneOf(params.get('orderBy'), ORDER_BYS, DEFAULTS.orderBy),
    order: oneOf(params.get('order'), ['asc', 'desc'] as const, DEFAULTS.order),
    page: nonNegativeInt(params.get('page'), 0),
    pageSize: PAGE_SIZES.includes(Number(params.get('pageSize')))
      ? Number(params.get('pageSize'))
      : DEFAULTS.pageSize,
    groupBy: oneOf(params.get('groupBy'), GROUPINGS, 'none'),
  };
}

/** Only non-default values go into the URL, so links stay short. */
function toSearchParams(state: ComplianceViewState): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of Object.keys(DEFAULTS) as Array<keyof ComplianceViewState>) {
    if (String(state[key]) !== String(DEFAULTS[key])) {
      params.set(key, String(state[key]));
    }
  }
  return params;
}

/** The filters the summary and the services list share (set ones only). */
const FILTER_FIELDS = ['owner', 'system', 'level', 'ruleId', 'q'] as const;

/** The filters alone, as the findings export and the summary take them. */
export function sharedFilters(state: ComplianceViewState) {
  return {
    owner: state.owner || undefined,
    system: state.system || undefined,
    level: state.level || undefined,
    ruleId: state.ruleId || undefined,
    q: state.q || undefined,
  };
}

/** Whether any filter narrows the view. */
export function hasFilters(state: ComplianceViewState): boolean {
  return FILTER_FIELDS.some(key => state[key] !== DEFAULTS[key]);
}

export function toFilter(state: ComplianceViewState): ComplianceServicesFilter {
  return {
    ...sharedFilters(state),
    orderBy: state.orderBy,
    order: state.order,
  };
}

/** The summary of the same services as the list, grouped as chosen. */
export function toSummaryQuery(
  state: ComplianceViewState,
): ComplianceSummaryQuery {
  return {
    ...sharedFilters(state),
    groupBy: state.groupBy === 'none' ? undefined : state.groupBy,
  };
}

export function toQuery(state: ComplianceViewState): ComplianceServicesQuery {
  return {
    ...toFilter(state),
    offset: state.page * state.pageSize,
    limit: state.pageSize,
  };
}

const FILTER_KEYS: Array<keyof ComplianceViewState> = [
  ...FILTER_FIELDS,
  'orderBy',
  'order',
  'pageSize',
];

/** Every filter back to "any"; grouping, order and page size are kept. */
export const CLEARED_FILTERS: Partial<ComplianceViewState> = Object.fromEntries(
  FILTER_FIELDS.map(key => [key, DEFAULTS[key]]),
);

/**
 * The compliance view's state, read from and written to the URL query string
 * so a view can be shared. Each change is a new history entry, so Back undoes
 * it. Changing a filter or the order goes back to page 0.
 */
export function useComplianceViewState() {
  const [searchParams, setSearchParams] = useSearchParams();
  const state = useMemo(() => parseViewState(searchParams), [searchParams]);
  // the latest URL, so that a change that changes nothing adds no entry
  const latest = useRef(searchParams);
  latest.current = searchParams;

  const update = useCallback(
    (patch: Partial<ComplianceViewState>) => {
      const previous = parseViewState(latest.current);
      const next = { ...previous, ...patch };
      const resetsPage = FILTER_KEYS.some(
        key => key in patch && String(patch[key]) !== String(previous[key]),
      );
      if (resetsPage && !('page' in patch)) {
        next.page = 0;
      }
      const params = toSearchParams(next);
      if (params.toString() !== toSearchParams(previous).toString()) {
        latest.current = params;
        setSearchParams(params);
      }
    },
    [setSearchParams],
  );

  const clearFilters = useCallback(() => update(CLEARED_FILTERS), [update]);

  return { state, update, clearFilters };
}
