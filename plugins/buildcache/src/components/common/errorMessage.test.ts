import { ResponseError } from '@backstage/errors';
import { errorMessage } from './errorMessage';

describe('errorMessage', () => {
  it("prefers the backend's message to the status line", async () => {
    const response = new Response(
      JSON.stringify({
        error: {
          name: 'ConflictError',
          message: 'Dockerfile changed since the scan',
        },
        response: { statusCode: 409 },
      }),
      { status: 409, headers: { 'Content-Type': 'application/json' } },
    );
    const error = await ResponseError.fromResponse(response);
    expect(error.message).toMatch(/^Request failed with 409/);
    expect(errorMessage(error)).toBe('Dockerfile changed since the scan');
  });

  it('falls back to the message of other errors', () => {
    expect(errorMessage(new Error('offline'))).toBe('offline');
    expect(errorMessage('boom')).toBe('boom');
  });
});
