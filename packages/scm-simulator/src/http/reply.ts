/** What a route handler answers; the server writes it. */
export interface HttpReply {
  status: number;
  headers?: Record<string, string>;
  /** Serialised as JSON (application/json; charset=utf-8). */
  json?: unknown;
  /** Sent as is, with the content type from headers. */
  raw?: Buffer | string;
}

/** Thrown by handlers to answer with an error reply. */
export class HttpError extends Error {
  constructor(readonly reply: HttpReply) {
    super(`HTTP ${reply.status}`);
    this.name = 'HttpError';
  }
}

export function json(
  status: number,
  body: unknown,
  headers?: Record<string, string>,
): HttpReply {
  return { status, json: body, headers };
}

export function raw(
  status: number,
  body: Buffer | string,
  contentType: string,
  headers: Record<string, string> = {},
): HttpReply {
  return {
    status,
    raw: body,
    headers: { 'content-type': contentType, ...headers },
  };
}

export function empty(
  status: number,
  headers?: Record<string, string>,
): HttpReply {
  return { status, headers };
}
