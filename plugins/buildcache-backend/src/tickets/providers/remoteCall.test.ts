import {
  AuthenticationError,
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import {
  RemoteFailure,
  callRemote,
  networkFailure,
  parseRetryAfter,
  remoteMessage,
} from './remoteCall';

/** An error carrying a ready-made classification, for these tests. */
class FakeRemoteError extends Error {
  constructor(readonly failure: RemoteFailure) {
    super(failure.message);
  }
}

const classify = (error: unknown) =>
  error instanceof FakeRemoteError ? error.failure : null;

function harness(now = 1_700_000_000_000) {
  const delays: number[] = [];
  return {
    delays,
    options: {
      classify,
      sleep: async (ms: number) => {
        delays.push(ms);
      },
      now: () => now,
    },
  };
}

/** A function failing with the given failures in turn, then returning 'ok'. */
function failing(...failures: RemoteFailure[]) {
  const calls = { count: 0 };
  const fn = async () => {
    const failure = failures[calls.count++];
    if (failure) {
      throw new FakeRemoteError(failure);
    }
    return 'ok';
  };
  return { fn, calls };
}

describe('callRemote', () => {
  it('returns the result without waiting when the call succeeds', async () => {
    const { delays, options } = harness();
    await expect(callRemote('x', async () => 42, options)).resolves.toBe(42);
    expect(delays).toEqual([]);
  });

  it('retries 5xx with exponential backoff plus jitter, then succeeds', async () => {
    const { delays, options } = harness();
    const { fn, calls } = failing(
      { status: 502, message: 'Bad Gateway' },
      { status: 503, message: 'Unavailable' },
      { status: 500, message: 'oops' },
    );
    await expect(callRemote('x', fn, options)).resolves.toBe('ok');
    expect(calls.count).toBe(4);
    expect(delays).toHaveLength(3);
    expect(delays[0]).toBeGreaterThanOrEqual(500);
    expect(delays[0]).toBeLessThan(1000);
    expect(delays[1]).toBeGreaterThanOrEqual(1000);
    expect(delays[1]).toBeLessThan(1500);
    expect(delays[2]).toBeGreaterThanOrEqual(2000);
    expect(delays[2]).toBeLessThan(2500);
  });

  it('retries network errors and gives up with ServiceUnavailableError naming what', async () => {
    const { delays, options } = harness();
    const { fn, calls } = failing(
      ...Array(5).fill({ network: true, message: 'ECONNRESET' }),
    );
    const error = await callRemote('GitHub get issue 7 in acme/app', fn, {
      ...options,
      retries: 2,
    }).catch(e => e);
    expect(error).toBeInstanceOf(ServiceUnavailableError);
    expect(error.message).toBe(
      'GitHub get issue 7 in acme/app failed after 3 attempts: network error (ECONNRESET)',
    );
    expect(calls.count).toBe(3);
    expect(delays).toHaveLength(2);
  });

  it('honours Retry-After on 429 and caps backoff at maxDelayMs', async () => {
    const { delays, options } = harness();
    const { fn } = failing(
      { status: 429, retryAfterSeconds: 7, message: 'slow down' },
      { status: 500, message: 'boom' },
      { status: 500, message: 'boom' },
    );
    await expect(
      callRemote('x', fn, {
        ...options,
        baseDelayMs: 6000,
        maxDelayMs: 10_000,
      }),
    ).resolves.toBe('ok');
    expect(delays).toEqual([7000, 10_000, 10_000]);
  });

  it('treats a 403 with a spent rate-limit window as a rate limit and waits for the reset', async () => {
    const now = 1_700_000_000_000;
    const { delays, options } = harness(now);
    const { fn } = failing({
      status: 403,
      rateLimitResetAt: now / 1000 + 20,
      message: 'API rate limit exceeded',
    });
    await expect(callRemote('x', fn, options)).resolves.toBe('ok');
    expect(delays).toEqual([21_000]);
  });

  it('fails at once, naming the wait, when the remote asks for longer than maxDelayMs', async () => {
    const { delays, options } = harness();
    const { fn, calls } = failing({
      status: 429,
      retryAfterSeconds: 600,
      message: 'Too Many Requests',
    });
    const error = await callRemote(
      'GitLab create issue in g/p',
      fn,
      options,
    ).catch(e => e);
    expect(error).toBeInstanceOf(ServiceUnavailableError);
    expect(error.message).toContain('GitLab create issue in g/p failed');
    expect(error.message).toContain(
      'rate limited (HTTP 429: Too Many Requests)',
    );
    expect(error.message).toContain(
      'wait 10 min, longer than the 60 s allowed',
    );
    expect(calls.count).toBe(1);
    expect(delays).toEqual([]);
  });

  it('names the requested wait when rate limited past the last retry', async () => {
    const { options } = harness();
    const { fn } = failing(
      ...Array(3).fill({ status: 429, retryAfterSeconds: 2, message: 'limit' }),
    );
    const error = await callRemote('x', fn, { ...options, retries: 2 }).catch(
      e => e,
    );
    expect(error).toBeInstanceOf(ServiceUnavailableError);
    expect(error.message).toBe(
      'x failed after 3 attempts: rate limited (HTTP 429: limit); the server asks to wait 2 s',
    );
  });

  it.each([
    [401, AuthenticationError, 'rejected the credentials'],
    [403, NotAllowedError, 'not allowed'],
    [404, NotFoundError, 'may not exist, or the token cannot reach it'],
    [409, ConflictError, 'conflict'],
    [422, InputError, 'rejected the request'],
    [400, InputError, 'rejected the request'],
  ])('never retries %s and throws %p', async (status, type, text) => {
    const { delays, options } = harness();
    const { fn, calls } = failing({ status, message: 'remote says no' });
    const error = await callRemote(
      'GitHub create issue in acme/app',
      fn,
      options,
    ).catch(e => e);
    expect(error).toBeInstanceOf(type);
    expect(error.message).toContain('GitHub create issue in acme/app failed');
    expect(error.message).toContain(text);
    expect(error.message).toContain(`HTTP ${status}: remote says no`);
    expect(calls.count).toBe(1);
    expect(delays).toEqual([]);
  });

  it('uses the caller’s 404 hint', async () => {
    const { options } = harness();
    const { fn } = failing({ status: 404, message: 'Issue Does Not Exist' });
    await expect(
      callRemote('Jira get issue PLAT-9', fn, {
        ...options,
        notFoundHint: 'the issue may have been deleted or moved',
      }),
    ).rejects.toThrow(
      'Jira get issue PLAT-9 failed: not found (HTTP 404: Issue Does Not Exist); the issue may have been deleted or moved',
    );
  });

  it('passes errors it cannot classify through untouched', async () => {
    const { delays, options } = harness();
    const own = new ConflictError('file changed since the scan');
    await expect(
      callRemote(
        'x',
        async () => {
          throw own;
        },
        options,
      ),
    ).rejects.toBe(own);
    expect(delays).toEqual([]);
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    const now = Date.parse('Wed, 21 Oct 2015 07:28:00 GMT');
    expect(parseRetryAfter('120', now)).toBe(120);
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:30 GMT', now)).toBe(30);
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:27:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });
});

describe('networkFailure', () => {
  it('finds the code on the error or its causes', () => {
    const reset = Object.assign(new Error('socket hang up'), {
      code: 'ECONNRESET',
    });
    expect(networkFailure(reset)).toBe('ECONNRESET');
    expect(
      networkFailure(new TypeError('fetch failed', { cause: reset })),
    ).toBe('ECONNRESET');
    expect(networkFailure(new DOMException('timed out', 'TimeoutError'))).toBe(
      'timeout',
    );
    expect(networkFailure(new Error('nope'))).toBeUndefined();
  });
});

describe('remoteMessage', () => {
  it('flattens the error bodies of GitHub, GitLab and Jira', () => {
    expect(
      remoteMessage({
        message: 'Validation Failed',
        errors: [{ resource: 'Issue', field: 'title', code: 'missing_field' }],
      }),
    ).toBe('Validation Failed: Issue title missing_field');
    expect(remoteMessage({ message: { title: ["can't be blank"] } })).toBe(
      "title can't be blank",
    );
    expect(
      remoteMessage({
        message: [
          'Another open merge request already exists for this source branch: !4',
        ],
      }),
    ).toBe(
      'Another open merge request already exists for this source branch: !4',
    );
    expect(
      remoteMessage({
        errorMessages: [],
        errors: { summary: 'You must specify a summary of the issue.' },
      }),
    ).toBe('summary You must specify a summary of the issue.');
    expect(remoteMessage('')).toBeUndefined();
  });
});
