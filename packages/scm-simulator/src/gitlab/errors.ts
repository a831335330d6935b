import { HttpError, HttpReply } from '../http/reply';

/** GitLab's `{"message": …}` error body (a string, list or field map). */
export function gitlabMessage(status: number, message: unknown): HttpReply {
  return { status, json: { message } };
}

/** GitLab's `{"error": …}` body, used for missing or invalid parameters. */
export function gitlabErrorBody(status: number, error: string): HttpReply {
  return { status, json: { error } };
}

export function failMessage(status: number, message: unknown): never {
  throw new HttpError(gitlabMessage(status, message));
}

export function failError(status: number, error: string): never {
  throw new HttpError(gitlabErrorBody(status, error));
}

/** `404 <What> Not Found`, as GitLab words it. */
export function notFound(what: string): never {
  return failMessage(404, `404 ${what} Not Found`);
}

export function missingParam(name: string): never {
  return failError(400, `${name} is missing`);
}
