import { RequestContext } from './request';
import { HttpReply } from './reply';

export type Handler = (ctx: RequestContext) => HttpReply | Promise<HttpReply>;

interface Route {
  method: string;
  pattern: RegExp;
  names: string[];
  handler: Handler;
}

export type RouteMatch =
  | { kind: 'found'; handler: Handler; params: Record<string, string> }
  | { kind: 'method-not-allowed' }
  | { kind: 'not-found' }
  | { kind: 'bad-encoding' };

/**
 * Compiles `/repos/:owner/:repo/contents/*path` style templates: `:name`
 * matches one raw path segment, `*name` the rest of the path (slashes
 * included). Captured values are percent-decoded after matching, so an
 * encoded slash (`heads%2Fmain`, as octokit and gitbeaker send) stays
 * inside its parameter.
 */
function compile(template: string): { pattern: RegExp; names: string[] } {
  const names: string[] = [];
  let source = '';
  const tokens = template.split(/([:*][A-Za-z_]+)/);
  for (const token of tokens) {
    if (token.startsWith(':')) {
      names.push(token.slice(1));
      source += '([^/]+?)';
    } else if (token.startsWith('*')) {
      names.push(token.slice(1));
      source += '(.+)';
    } else {
      source += token.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
    }
  }
  return { pattern: new RegExp(`^${source}/?$`), names };
}

export class Router {
  readonly #routes: Route[] = [];

  constructor(private readonly prefix = '') {}

  add(method: string, template: string, handler: Handler): this {
    const { pattern, names } = compile(`${this.prefix}${template}`);
    this.#routes.push({ method, pattern, names, handler });
    return this;
  }

  get(template: string, handler: Handler): this {
    return this.add('GET', template, handler);
  }

  post(template: string, handler: Handler): this {
    return this.add('POST', template, handler);
  }

  put(template: string, handler: Handler): this {
    return this.add('PUT', template, handler);
  }

  patch(template: string, handler: Handler): this {
    return this.add('PATCH', template, handler);
  }

  delete(template: string, handler: Handler): this {
    return this.add('DELETE', template, handler);
  }

  match(method: string, rawPath: string): RouteMatch {
    const wanted = method === 'HEAD' ? 'GET' : method;
    let pathMatched = false;
    for (const route of this.#routes) {
      const m = route.pattern.exec(rawPath);
      if (!m) continue;
      pathMatched = true;
      if (route.method !== wanted) continue;
      const params: Record<string, string> = {};
      try {
        route.names.forEach((name, i) => {
          params[name] = decodeURIComponent(m[i + 1]);
        });
      } catch {
        return { kind: 'bad-encoding' };
      }
      return { kind: 'found', handler: route.handler, params };
    }
    return pathMatched ? { kind: 'method-not-allowed' } : { kind: 'not-found' };
  }
}
