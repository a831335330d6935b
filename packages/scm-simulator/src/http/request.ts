import { IncomingHttpHeaders } from 'node:http';

export type Platform = 'github' | 'gitlab' | 'web';

/** One parsed request, as handlers see it. */
export interface RequestContext {
  method: string;
  /** The path as received, still percent-encoded. */
  rawPath: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** Route parameters, percent-decoded. */
  params: Record<string, string>;
  /** The parsed JSON or form body; {} when there is none. */
  body: Record<string, unknown>;
  /** Origin of the listener the request came in on, e.g. http://127.0.0.1:7070. */
  origin: string;
  platform: Platform;
}

/** `name` or the first `name[]` query value. */
export function queryValue(
  query: URLSearchParams,
  name: string,
): string | undefined {
  return query.get(name) ?? query.get(`${name}[]`) ?? undefined;
}

/** `name[]` values plus comma-separated `name` values, trimmed, non-empty. */
export function queryList(query: URLSearchParams, name: string): string[] {
  const values = [...query.getAll(`${name}[]`)];
  for (const value of query.getAll(name)) values.push(...value.split(','));
  return values.map(v => v.trim()).filter(v => v !== '');
}

function formToObject(text: string): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [rawKey, value] of new URLSearchParams(text)) {
    if (rawKey.endsWith('[]')) {
      const key = rawKey.slice(0, -2);
      const list = Array.isArray(result[key]) ? (result[key] as unknown[]) : [];
      list.push(value);
      result[key] = list;
    } else {
      result[rawKey] = value;
    }
  }
  return result;
}

/**
 * Parses a request body: JSON (whatever the content type says, as GitHub
 * does) or, for form-encoded bodies that are not JSON, form fields. Throws a SyntaxError for broken JSON and for
 * JSON that is not an object.
 */
export function parseBody(
  buffer: Buffer,
  contentType: string | undefined,
): Record<string, unknown> {
  const text = buffer.toString('utf8').trim();
  if (text === '') return {};
  const looksLikeJson = text.startsWith('{') || text.startsWith('[');
  if (
    !looksLikeJson &&
    contentType?.includes('application/x-www-form-urlencoded')
  ) {
    return formToObject(text);
  }
  const parsed: unknown = JSON.parse(text);
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new SyntaxError('Body must be a JSON object');
  }
  return parsed as Record<string, unknown>;
}

export function headerValue(
  headers: IncomingHttpHeaders,
  name: string,
): string | undefined {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}
