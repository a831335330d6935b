import { SimContext } from '../context';
import { RequestContext } from '../http/request';
import { IssueRecord, RepositoryRecord } from '../store/records';
import { failError, missingParam, notFound } from './errors';

export type Params = Record<string, unknown>;

/** GitLab reads parameters from the query and the body alike. */
export function paramsOf(ctx: RequestContext): Params {
  const params: Params = {};
  for (const [key, value] of ctx.query) {
    if (key.endsWith('[]')) {
      const name = key.slice(0, -2);
      const list = Array.isArray(params[name])
        ? (params[name] as unknown[])
        : [];
      list.push(value);
      params[name] = list;
    } else {
      params[key] = value;
    }
  }
  return { ...params, ...ctx.body };
}

export function findProject(
  sim: SimContext,
  ctx: RequestContext,
): RepositoryRecord {
  return sim.store.repository(ctx.params.id) ?? notFound('Project');
}

export function optionalParam(params: Params, key: string): string | undefined {
  const value = params[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean')
    return String(value);
  return failError(400, `${key} is invalid`);
}

export function requiredParam(params: Params, key: string): string {
  const value = optionalParam(params, key);
  if (value === undefined || value === '') return missingParam(key);
  return value;
}

export function booleanParam(params: Params, key: string): boolean | undefined {
  const value = params[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0') return false;
  return failError(400, `${key} is invalid`);
}

/** Labels as a comma-separated string or a list. */
export function labelsParam(params: Params, key: string): string[] | undefined {
  const value = params[key];
  if (value === undefined || value === null) return undefined;
  const list = Array.isArray(value)
    ? value.map(String)
    : String(value).split(',');
  return list.map(l => l.trim()).filter(l => l !== '');
}

export function findIid(
  repo: RepositoryRecord,
  value: string,
  mergeRequest: boolean,
): IssueRecord {
  const what = mergeRequest ? 'Merge Request' : 'Issue';
  if (!/^\d+$/.test(value)) return notFound(what);
  const issue = repo.issues.get(Number(value));
  if (!issue || Boolean(issue.pull) !== mergeRequest) return notFound(what);
  return issue;
}

/** Label edits of PUT issue / merge request: labels, add_labels, remove_labels. */
export function editedLabels(
  params: Params,
  current: string[],
): string[] | undefined {
  const replace = labelsParam(params, 'labels');
  const add = labelsParam(params, 'add_labels');
  const remove = labelsParam(params, 'remove_labels');
  if (!replace && !add && !remove) return undefined;
  let labels = replace ?? current;
  if (add) labels = [...labels, ...add];
  if (remove) labels = labels.filter(l => !remove.includes(l));
  return labels;
}

/** Shared issue / merge request list filters: labels (AND), search, iids. */
export function matchesListFilters(
  params: Params,
  issue: IssueRecord,
): boolean {
  const labels = labelsParam(params, 'labels') ?? [];
  for (const label of labels) {
    const lower = label.toLowerCase();
    if (lower === 'none' && issue.labels.length > 0) return false;
    if (lower === 'any' && issue.labels.length === 0) return false;
    if (
      lower !== 'none' &&
      lower !== 'any' &&
      !issue.labels.some(l => l.toLowerCase() === lower)
    ) {
      return false;
    }
  }
  const search = optionalParam(params, 'search')?.toLowerCase();
  if (
    search &&
    !issue.title.toLowerCase().includes(search) &&
    !(issue.body ?? '').toLowerCase().includes(search)
  ) {
    return false;
  }
  const iids = params.iids;
  if (Array.isArray(iids) && !iids.map(String).includes(String(issue.number))) {
    return false;
  }
  return true;
}

export function sortForList(
  params: Params,
  issues: IssueRecord[],
): IssueRecord[] {
  const orderBy = optionalParam(params, 'order_by') ?? 'created_at';
  const sort = optionalParam(params, 'sort') ?? 'desc';
  const key = (i: IssueRecord) =>
    orderBy === 'updated_at' ? i.updatedAt : i.number;
  const sorted = [...issues].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    if (ka === kb) return a.number - b.number;
    return ka < kb ? -1 : 1;
  });
  return sort === 'asc' ? sorted : sorted.reverse();
}
