import { RequestContext } from './request';

export interface Page<T> {
  items: T[];
  headers: Record<string, string>;
}

function positiveInt(value: string | null, fallback: number): number {
  if (value === null || !/^\d+$/.test(value)) return fallback;
  const n = Number(value);
  return n >= 1 ? n : fallback;
}

function pageUrl(ctx: RequestContext, page: number, perPage: number): string {
  const query = new URLSearchParams(ctx.query);
  query.set('page', String(page));
  query.set('per_page', String(perPage));
  return `${ctx.origin}${ctx.rawPath}?${query.toString()}`;
}

/**
 * Slices a list by `page` / `per_page` and builds the pagination headers:
 * GitHub's Link header (next, last, first, prev), and for GitLab also
 * x-page, x-per-page, x-total, x-total-pages, x-next-page, x-prev-page.
 */
export function paginate<T>(
  ctx: RequestContext,
  all: T[],
  options: { defaultPerPage: number; maxPerPage: number },
): Page<T> {
  const perPage = Math.min(
    positiveInt(ctx.query.get('per_page'), options.defaultPerPage),
    options.maxPerPage,
  );
  const page = positiveInt(ctx.query.get('page'), 1);
  const totalPages = Math.max(1, Math.ceil(all.length / perPage));
  const items = all.slice((page - 1) * perPage, page * perPage);
  const gitlab = ctx.platform === 'gitlab';
  const links: string[] = [];
  const link = (p: number, rel: string) =>
    links.push(`<${pageUrl(ctx, p, perPage)}>; rel="${rel}"`);
  if (page > 1) link(Math.min(page - 1, totalPages), 'prev');
  if (page < totalPages) link(page + 1, 'next');
  if (gitlab || page > 1) link(1, 'first');
  if (gitlab || page < totalPages) link(totalPages, 'last');
  const headers: Record<string, string> = {};
  if (links.length > 0) headers.link = links.join(', ');
  if (gitlab) {
    headers['x-page'] = String(page);
    headers['x-per-page'] = String(perPage);
    headers['x-total'] = String(all.length);
    headers['x-total-pages'] = String(totalPages);
    headers['x-next-page'] = page < totalPages ? String(page + 1) : '';
    headers['x-prev-page'] = page > 1 ? String(page - 1) : '';
  }
  return { items, headers };
}
