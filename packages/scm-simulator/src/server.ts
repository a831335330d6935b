import { createHash } from 'node:crypto';
import {
  IncomingMessage,
  RequestListener,
  STATUS_CODES,
  ServerResponse,
} from 'node:http';
import { isAuthorized, presentedToken } from './auth';
import { FaultQueue, FaultSpec } from './faults';
import { githubError } from './github/errors';
import { GITHUB_GRAPHQL_PATH, graphqlRateLimited } from './github/graphql';
import { gitlabErrorBody, gitlabMessage } from './gitlab/errors';
import { HttpError, HttpReply, raw } from './http/reply';
import { Platform, headerValue, parseBody } from './http/request';
import { Router } from './http/router';
import { RateLimiter } from './rateLimit';
import { RequestLog } from './requestLog';

export interface ServerParts {
  /** Routers tried in order for each platform. */
  routers: Record<Platform, Router[]>;
  faults: FaultQueue;
  rateLimiter: RateLimiter;
  /** GitHub's separate GraphQL budget (one point per query here). */
  graphqlRateLimiter: RateLimiter;
  log: RequestLog;
  token?: string;
  maxBodyBytes: number;
}

const RATE_LIMIT_DOCS =
  'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api';

/**
 * The platform a path belongs to. `/api/graphql` is GitHub's (Enterprise
 * layout) or GitLab's, by the listener it arrives on (`graphql`).
 */
export function platformOf(
  rawPath: string,
  graphql: 'github' | 'gitlab' = 'github',
): Platform {
  if (rawPath === '/api/v3' || rawPath.startsWith('/api/v3/')) return 'github';
  if (rawPath.startsWith('/raw/')) return 'github';
  if (rawPath === GITHUB_GRAPHQL_PATH) return graphql;
  if (rawPath === '/api/v4' || rawPath.startsWith('/api/v4/')) return 'gitlab';
  return 'web';
}

/** The error body each platform sends for a bare status. */
function statusReply(platform: Platform, status: number): HttpReply {
  const text = STATUS_CODES[status] ?? 'Error';
  if (platform === 'github') return githubError(status, text);
  if (platform === 'gitlab') return gitlabMessage(status, `${status} ${text}`);
  return raw(status, `${text}\n`, 'text/plain; charset=utf-8');
}

function faultReply(platform: Platform, fault: FaultSpec): HttpReply {
  const status = fault.status ?? 500;
  let base: HttpReply;
  if (fault.body === undefined) base = statusReply(platform, status);
  else if (Buffer.isBuffer(fault.body) || typeof fault.body === 'string') {
    base = { status, raw: fault.body };
  } else base = { status, json: fault.body };
  return { ...base, status, headers: { ...base.headers, ...fault.headers } };
}

function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const strip = (tag: string) => tag.trim().replace(/^W\//, '');
  return ifNoneMatch
    .split(',')
    .some(tag => tag.trim() === '*' || strip(tag) === strip(etag));
}

async function readBody(
  req: IncomingMessage,
  limit: number,
): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > limit) return undefined;
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

function delay(ms: number | undefined): Promise<void> {
  return ms && ms > 0
    ? new Promise(resolve => setTimeout(resolve, ms))
    : Promise.resolve();
}

interface Prepared {
  status: number;
  headers: Record<string, string>;
  body?: Buffer;
}

/** Serialises a reply, adding ETags and answering If-None-Match with 304. */
function prepare(
  req: IncomingMessage,
  platform: Platform,
  reply: HttpReply,
): Prepared {
  const headers: Record<string, string> = {};
  for (const [key, value] of Object.entries(reply.headers ?? {})) {
    headers[key.toLowerCase()] = value;
  }
  let body: Buffer | undefined;
  if (reply.json !== undefined) {
    body = Buffer.from(JSON.stringify(reply.json), 'utf8');
    headers['content-type'] ??= 'application/json; charset=utf-8';
  } else if (reply.raw !== undefined) {
    body = Buffer.isBuffer(reply.raw)
      ? reply.raw
      : Buffer.from(reply.raw, 'utf8');
  }
  const method = req.method ?? 'GET';
  const conditional =
    (method === 'GET' || method === 'HEAD') && reply.status === 200;
  if (
    conditional &&
    platform === 'github' &&
    body &&
    !headers.etag &&
    reply.json !== undefined
  ) {
    headers.etag = `W/"${createHash('sha256').update(body).digest('hex')}"`;
  }
  if (
    conditional &&
    headers.etag &&
    etagMatches(headerValue(req.headers, 'if-none-match'), headers.etag)
  ) {
    delete headers['content-type'];
    return { status: 304, headers };
  }
  return { status: reply.status, headers, body };
}

function send(
  req: IncomingMessage,
  res: ServerResponse,
  prepared: Prepared,
): void {
  res.statusCode = prepared.status;
  for (const [key, value] of Object.entries(prepared.headers))
    res.setHeader(key, value);
  const noBody = prepared.status === 204 || prepared.status === 304;
  if (!noBody)
    res.setHeader('content-length', String(prepared.body?.length ?? 0));
  if (req.method === 'HEAD' || noBody) {
    res.end();
  } else {
    res.end(prepared.body);
  }
}

/** Authentication, rate limit, body parsing and routing for one request. */
async function dispatch(
  parts: ServerParts,
  req: IncomingMessage,
  platform: Platform,
  rawPath: string,
  search: string,
  origin: string,
): Promise<{ reply: HttpReply; counted: boolean; error?: string }> {
  if (platform !== 'web' && !isAuthorized(platform, req.headers, parts.token)) {
    const reply =
      platform === 'github'
        ? githubError(
            401,
            presentedToken(platform, req.headers)
              ? 'Bad credentials'
              : 'Requires authentication',
          )
        : gitlabMessage(401, '401 Unauthorized');
    return { reply, counted: false };
  }
  let counted = false;
  if (
    platform === 'github' &&
    rawPath.startsWith('/api/v3') &&
    rawPath !== '/api/v3/rate_limit'
  ) {
    if (!parts.rateLimiter.tryConsume()) {
      const authed = presentedToken(platform, req.headers) !== undefined;
      const message = authed
        ? 'API rate limit exceeded for user ID 1.'
        : `API rate limit exceeded for ${
            req.socket.remoteAddress ?? '127.0.0.1'
          }. (But here's the good news: Authenticated requests get a higher rate limit. Check out the documentation for more details.)`;
      return {
        reply: githubError(403, message, { documentationUrl: RATE_LIMIT_DOCS }),
        counted: false,
      };
    }
    counted = true;
  }
  if (platform === 'github' && rawPath === GITHUB_GRAPHQL_PATH) {
    // GitHub answers a spent GraphQL budget with 200 and RATE_LIMITED
    if (!parts.graphqlRateLimiter.tryConsume())
      return { reply: graphqlRateLimited(), counted: false };
    counted = true;
  }
  const method = (req.method ?? 'GET').toUpperCase();
  const buffer = await readBody(req, parts.maxBodyBytes);
  if (!buffer) return { reply: statusReply(platform, 413), counted };
  let body: Record<string, unknown> = {};
  if (method !== 'GET' && method !== 'HEAD') {
    try {
      body = parseBody(buffer, headerValue(req.headers, 'content-type'));
    } catch {
      const reply =
        platform === 'github'
          ? githubError(400, 'Problems parsing JSON')
          : {
              status: 400,
              json: { error: 'The request body is not valid JSON' },
            };
      return { reply, counted };
    }
  }
  for (const router of parts.routers[platform]) {
    const match = router.match(method, rawPath);
    if (match.kind === 'not-found') continue;
    if (match.kind === 'bad-encoding')
      return { reply: statusReply(platform, 400), counted };
    if (match.kind === 'method-not-allowed') {
      return {
        reply: statusReply(platform, platform === 'github' ? 404 : 405),
        counted,
      };
    }
    try {
      const reply = await match.handler({
        method,
        rawPath,
        query: new URLSearchParams(search),
        headers: req.headers,
        params: match.params,
        body,
        origin,
        platform,
      });
      return { reply, counted };
    } catch (error) {
      if (error instanceof HttpError) return { reply: error.reply, counted };
      const message = error instanceof Error ? error.message : String(error);
      const reply = statusReply(platform, 500);
      return { reply, counted, error: message };
    }
  }
  // GitLab answers unknown API routes with {"error": "404 Not Found"}.
  const notFound =
    platform === 'gitlab'
      ? gitlabErrorBody(404, '404 Not Found')
      : statusReply(platform, 404);
  return { reply: notFound, counted };
}

/** The budget a GitHub API path counts against, if any. */
function rateLimiterFor(
  parts: ServerParts,
  platform: Platform,
  rawPath: string,
): RateLimiter | undefined {
  if (platform !== 'github') return undefined;
  if (rawPath.startsWith('/api/v3')) return parts.rateLimiter;
  if (rawPath === GITHUB_GRAPHQL_PATH) return parts.graphqlRateLimiter;
  return undefined;
}

/**
 * The request listener; `origin` is the URL of the listener it serves,
 * `graphql` the platform whose GraphQL endpoint it serves at /api/graphql.
 */
export function createRequestListener(
  parts: ServerParts,
  origin: () => string,
  graphql: 'github' | 'gitlab' = 'github',
): RequestListener {
  let requestId = 0;
  return (req, res) => {
    const started = performance.now();
    const receivedAt = Date.now();
    const method = (req.method ?? 'GET').toUpperCase();
    let target = req.url ?? '/';
    if (!target.startsWith('/')) {
      try {
        const parsed = new URL(target);
        target = `${parsed.pathname}${parsed.search}`;
      } catch {
        target = '/';
      }
    }
    const q = target.indexOf('?');
    const rawPath = q === -1 ? target : target.slice(0, q);
    const search = q === -1 ? '' : target.slice(q);
    const platform = platformOf(rawPath, graphql);
    const log = (status: number, fault: boolean, error?: string) =>
      parts.log.add({
        method,
        path: target,
        status,
        platform,
        fault,
        receivedAt,
        durationMs: Math.round((performance.now() - started) * 10) / 10,
        ...(error && { error }),
      });
    requestId += 1;
    const id = `SIM-${requestId}`;

    const run = async () => {
      const fault = parts.faults.take(method, rawPath, search);
      if (fault) {
        await delay(fault.delayMs);
        if (fault.destroySocket) {
          req.socket.destroy();
          log(0, true);
          return;
        }
        const prepared = prepare(req, platform, faultReply(platform, fault));
        const limiter = rateLimiterFor(parts, platform, rawPath);
        if (limiter) {
          // Rate-limit headers on every GitHub API answer; the fault's own win.
          prepared.headers = {
            ...limiter.headers(),
            ...prepared.headers,
          };
        }
        send(req, res, prepared);
        log(prepared.status, true);
        return;
      }
      const { reply, counted, error } = await dispatch(
        parts,
        req,
        platform,
        rawPath,
        search,
        origin(),
      );
      const prepared = prepare(req, platform, reply);
      const limiter = rateLimiterFor(parts, platform, rawPath);
      if (limiter) {
        if (prepared.status === 304 && counted) limiter.refund();
        Object.assign(prepared.headers, limiter.headers(), {
          'x-github-request-id': id,
          'x-github-media-type': 'github.v3; format=json',
        });
      } else if (platform === 'gitlab') {
        prepared.headers['x-request-id'] = id;
      }
      send(req, res, prepared);
      log(prepared.status, false, error);
    };
    run().catch(error => {
      if (!res.headersSent) {
        res.statusCode = 500;
        res.end();
      } else {
        res.destroy();
      }
      log(500, false, error instanceof Error ? error.message : String(error));
    });
  };
}
