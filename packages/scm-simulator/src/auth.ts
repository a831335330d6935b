import { timingSafeEqual } from 'node:crypto';
import { IncomingHttpHeaders } from 'node:http';
import { Platform, headerValue } from './http/request';

function bearerOrToken(authorization: string | undefined): string | undefined {
  if (!authorization) return undefined;
  const match = /^(token|bearer)\s+(\S+)\s*$/i.exec(authorization);
  if (match) return match[2];
  const basic = /^basic\s+(\S+)\s*$/i.exec(authorization);
  if (basic) {
    const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    return colon === -1 ? decoded : decoded.slice(colon + 1);
  }
  return undefined;
}

/**
 * The token a request presents: GitHub `Authorization: token|Bearer <t>`
 * (or Basic with the token as password); GitLab `PRIVATE-TOKEN: <t>`,
 * `JOB-TOKEN: <t>` or `Authorization: Bearer <t>`.
 */
export function presentedToken(
  platform: Platform,
  headers: IncomingHttpHeaders,
): string | undefined {
  if (platform === 'gitlab') {
    return (
      headerValue(headers, 'private-token') ??
      headerValue(headers, 'job-token') ??
      bearerOrToken(headerValue(headers, 'authorization'))
    );
  }
  return bearerOrToken(headerValue(headers, 'authorization'));
}

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
}

/** True when no token is configured or the request presents it. */
export function isAuthorized(
  platform: Platform,
  headers: IncomingHttpHeaders,
  token: string | undefined,
): boolean {
  if (!token) return true;
  const presented = presentedToken(platform, headers);
  return presented !== undefined && sameSecret(presented, token);
}
