import { ResponseError } from '@backstage/errors';

/**
 * What to tell the user about a failed request: the backend's own message
 * (a ResponseError's is only "Request failed with 400 Bad Request").
 */
export function errorMessage(error: unknown): string {
  if (error instanceof ResponseError || ResponseError.is(error)) {
    return error.body.error.message || error.message;
  }
  return error instanceof Error ? error.message : String(error);
}
