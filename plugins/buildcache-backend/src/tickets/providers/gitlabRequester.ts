/**
 * The HTTP layer under @gitbeaker/rest's resources, without its built-in
 * retry. gitbeaker's default requester silently repeats 429 and 502 up to ten
 * times within a quarter of a second, ignoring Retry-After, and then throws
 * an error that has lost the status; with this requester every failure
 * reaches callRemote once, as a GitbeakerRequestError carrying the Response
 * (status and headers), exactly as gitbeaker's own would.
 *
 * It keeps gitbeaker's request conventions: the resources' camelCase options
 * go out as snake_case JSON bodies and `key[]=` query strings, auth and sudo
 * headers come from the resource options, and responses are parsed by
 * content type into `{ body, headers, status }`.
 */
import { GitbeakerRequestError, Gitlab } from '@gitbeaker/rest';
import { remoteMessage } from './remoteCall';

type RequesterFn = NonNullable<
  ConstructorParameters<typeof Gitlab>[0]['requesterFn']
>;
type Requester = ReturnType<RequesterFn>;
type RequestOptions = NonNullable<Parameters<Requester['get']>[1]>;

export const gitlabRequester: RequesterFn = resource => {
  const send =
    (method: string) =>
    async (endpoint: string, options: RequestOptions = {}) => {
      const headers: Record<string, string> = { ...resource.headers };
      for (const [name, value] of Object.entries(resource.authHeaders)) {
        headers[name] = await value();
      }
      if (options.sudo !== undefined) {
        headers.sudo = String(options.sudo);
      }
      let body: string | FormData | undefined;
      if (options.body instanceof FormData) {
        body = options.body;
      } else if (options.body) {
        body = JSON.stringify(snakeKeys(options.body));
        headers['content-type'] = 'application/json';
      }
      const base = resource.url.endsWith('/')
        ? resource.url
        : `${resource.url}/`;
      const url = new URL(endpoint, base);
      url.search = queryString(options.searchParams ?? {});

      const request = new Request(url, { method, headers, body });
      const response = await fetch(request, { signal: options.signal });
      if (!response.ok) {
        const description = await errorDescription(response);
        throw new GitbeakerRequestError(description, {
          cause: { description, request, response },
        });
      }
      return {
        body: await parseBody(response, options.asStream),
        headers: Object.fromEntries(response.headers.entries()),
        status: response.status,
      };
    };
  return {
    get: send('GET'),
    post: send('POST'),
    put: send('PUT'),
    patch: send('PATCH'),
    delete: send('DELETE'),
  } as Requester;
};

async function parseBody(response: Response, asStream?: boolean) {
  if (asStream) {
    return response.body;
  }
  if (response.status === 204) {
    return null;
  }
  const type = (response.headers.get('content-type') ?? '')
    .split(';')[0]
    .trim();
  if (type === 'application/json') {
    return (await response.json()) ?? {};
  }
  if (type.startsWith('text/')) {
    return response.text();
  }
  return response.blob();
}

/** GitLab's `{message}` or `{error}` (strings, lists or field maps) as one line. */
async function errorDescription(response: Response): Promise<string> {
  const text = await response.text();
  if (!response.headers.get('content-type')?.includes('application/json')) {
    return text || response.statusText;
  }
  try {
    return remoteMessage(JSON.parse(text)) ?? response.statusText;
  } catch {
    return text;
  }
}

const snake = (key: string) =>
  key.replace(/([a-z\d])([A-Z])/g, '$1_$2').toLowerCase();

/** Deeply renames object keys to snake_case (bodies only, never values). */
function snakeKeys(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(snakeKeys);
  }
  if (Object.prototype.toString.call(value) === '[object Object]') {
    return Object.fromEntries(
      Object.entries(value as object).map(([key, inner]) => [
        snake(key),
        snakeKeys(inner),
      ]),
    );
  }
  return value;
}

/** `a=1&list[]=x&list[]=y&obj[k]=v`, keys in snake_case, undefined skipped. */
function queryString(params: Record<string, unknown>): string {
  const search = new URLSearchParams();
  const add = (key: string, value: unknown) => {
    if (value === undefined || value === null) {
      return;
    }
    if (Array.isArray(value)) {
      value.forEach(item => add(`${key}[]`, item));
    } else if (value instanceof Date) {
      search.append(key, value.toISOString());
    } else if (typeof value === 'object') {
      for (const [inner, innerValue] of Object.entries(value)) {
        add(`${key}[${snake(inner)}]`, innerValue);
      }
    } else {
      search.append(key, String(value));
    }
  };
  for (const [key, value] of Object.entries(params)) {
    add(snake(key), value);
  }
  return search.toString();
}
