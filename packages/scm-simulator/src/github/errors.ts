import { HttpError, HttpReply } from '../http/reply';

export const GITHUB_DOCS = 'https://docs.github.com/rest';

/** GitHub's error body: message, documentation_url, status (and errors). */
export function githubError(
  status: number,
  message: string,
  extra: { documentationUrl?: string; errors?: unknown[] } = {},
): HttpReply {
  const body: Record<string, unknown> = { message };
  if (extra.errors) body.errors = extra.errors;
  body.documentation_url = extra.documentationUrl ?? GITHUB_DOCS;
  body.status = String(status);
  return { status, json: body };
}

export function fail(
  status: number,
  message: string,
  extra?: { documentationUrl?: string; errors?: unknown[] },
): never {
  throw new HttpError(githubError(status, message, extra));
}

export function notFound(): never {
  return fail(404, 'Not Found');
}

/** 422 Validation Failed with GitHub's `errors` list. */
export function validationFailed(
  errors: Array<Record<string, unknown>>,
  documentationUrl?: string,
): never {
  return fail(422, 'Validation Failed', { errors, documentationUrl });
}

/** 422 for a missing or mistyped required field. */
export function missingField(resource: string, field: string): never {
  return validationFailed([{ resource, code: 'missing_field', field }]);
}
