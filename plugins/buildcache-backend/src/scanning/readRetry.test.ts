import { NotFoundError, NotModifiedError } from '@backstage/errors';
import { createServer, get, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  classifyReadFailure,
  retryRead,
  type ReadRetryOptions,
} from './readRetry';
import { observeScmRefusals } from './scmRefusals';

const NOW = Date.parse('2030-01-01T00:00:00Z');

/** A retry policy on a fake clock: sleeping moves the clock. */
function fakeTime(extra: ReadRetryOptions & { deadline?: () => number } = {}) {
  let now = NOW;
  const waits: number[] = [];
  return {
    waits,
    options: {
      now: () => now,
      sleep: async (ms: number) => {
        waits.push(ms);
        now += ms;
      },
      random: () => 0.5,
      deadline: () => NOW + 120_000,
      ...extra,
    },
  };
}

const githubError = (status: string, url = 'https://api.scm.test/x') =>
  new Error(`Request failed for ${url}, ${status}`);

/** Fails with each error in turn, then returns 'tree'. */
function failing(...errors: unknown[]) {
  const read = jest.fn(async (_attempt: number) => {
    if (read.mock.calls.length <= errors.length) {
      throw errors[read.mock.calls.length - 1];
    }
    return 'tree';
  });
  return read;
}

describe('retryRead', () => {
  it('retries 5xx and network failures with exponential backoff and jitter', async () => {
    const { waits, options } = fakeTime();
    const reset = Object.assign(new Error('socket hang up'), {
      code: 'ECONNRESET',
    });
    const read = failing(
      githubError('503 Service Unavailable'),
      reset,
      githubError('502 Bad Gateway'),
    );
    await expect(retryRead(read, options)).resolves.toBe('tree');
    expect(read).toHaveBeenCalledTimes(4);
    // 1 s, 2 s, 4 s, each plus half the base delay of jitter
    expect(waits).toEqual([1500, 2500, 4500]);
  });

  it('gives up after the retries, keeping the error and saying so', async () => {
    const { waits, options } = fakeTime({ retries: 2 });
    const read = failing(...Array(5).fill(githubError('500 Internal')));
    await expect(retryRead(read, options)).rejects.toThrow(
      'Request failed for https://api.scm.test/x, 500 Internal (gave up after 3 attempts: no retries left)',
    );
    expect(waits).toHaveLength(2);
  });

  it.each([
    ['401 Unauthorized', githubError('401 Unauthorized')],
    ['403 without a rate limit', githubError('403 Forbidden')],
    ['404', new NotFoundError('Request failed for x, 404 Not Found')],
    ['not modified', new NotModifiedError()],
    ['a read timeout', new Error('Reading x timed out after 120s')],
    ['a corrupt archive', new Error('TAR_BAD_ARCHIVE: Unrecognized archive')],
  ])('does not retry %s', async (_name, error) => {
    const { waits, options } = fakeTime();
    const read = failing(error);
    await expect(retryRead(read, options)).rejects.toBe(error);
    expect(read).toHaveBeenCalledTimes(1);
    expect(waits).toEqual([]);
  });

  it('waits as long as the SCM asks', async () => {
    const { waits, options } = fakeTime();
    const read = failing(githubError('429 Too Many Requests'));
    await retryRead(read, {
      ...options,
      classify: () => ({ kind: 'rate-limit', status: 429, askedMs: 7_000 }),
    });
    expect(waits).toEqual([7_000]);
  });

  it('does not wait past the read timeout, nor longer than the longest wait', async () => {
    const late = fakeTime({ deadline: () => NOW + 5_000 });
    await expect(
      retryRead(failing(githubError('429 Too Many Requests')), {
        ...late.options,
        classify: () => ({ kind: 'rate-limit', askedMs: 10_000 }),
      }),
    ).rejects.toThrow(
      '(not retried: the SCM asks to wait 10 s, past the read timeout)',
    );
    const long = fakeTime({ maxDelayMs: 30_000 });
    await expect(
      retryRead(failing(githubError('429 Too Many Requests')), {
        ...long.options,
        classify: () => ({ kind: 'rate-limit', askedMs: 600_000 }),
      }),
    ).rejects.toThrow('the SCM asks to wait 10 min, longer than 30 s');
    // backoff that would end past the deadline: the second retry
    const backoff = fakeTime({ deadline: () => NOW + 3_000 });
    await expect(
      retryRead(
        failing(...Array(3).fill(githubError('503 Unavailable'))),
        backoff.options,
      ),
    ).rejects.toThrow(
      '(gave up after 2 attempts: the next retry would wait 3 s, past the read timeout)',
    );
    expect([late.waits, long.waits, backoff.waits]).toEqual([[], [], [1500]]);
  });

  it('tells who wants to know before each wait', async () => {
    const { options } = fakeTime();
    const onRetry = jest.fn();
    await retryRead(failing(githubError('503 Unavailable')), {
      ...options,
      onRetry,
    });
    expect(onRetry).toHaveBeenCalledWith(
      { kind: 'server', status: 503 },
      1500,
      expect.any(Error),
    );
  });
});

describe('classifyReadFailure', () => {
  it('reads the readers’ errors', () => {
    expect(
      classifyReadFailure(githubError('503 Service Unavailable'), 0),
    ).toEqual({
      kind: 'server',
      status: 503,
    });
    expect(
      classifyReadFailure(
        new Error(
          'Failed to read tree (archive) from https://gl.test/g/p, https://gl.test/api/v4/projects/g%2Fp/repository/archive?sha=main, 502 Bad Gateway',
        ),
        0,
      ),
    ).toEqual({ kind: 'server', status: 502 });
    expect(
      classifyReadFailure(
        githubError('403 Forbidden (rate limit exceeded)'),
        0,
      ),
    ).toEqual({ kind: 'rate-limit', status: 403 });
    expect(
      classifyReadFailure(
        new TypeError('fetch failed', {
          cause: Object.assign(new Error('other side closed'), {
            code: 'UND_ERR_SOCKET',
          }),
        }),
        0,
      ),
    ).toEqual({ kind: 'network' });
    expect(
      classifyReadFailure(
        Object.assign(new Error('unexpected end of file'), {
          code: 'Z_BUF_ERROR',
        }),
        0,
      ),
    ).toEqual({ kind: 'network' });
    expect(classifyReadFailure(githubError('422 Unprocessable'), 0)).toBe(
      undefined,
    );
  });

  describe('with the headers of the refused response', () => {
    let server: Server;
    let base: string;
    const answers: Array<{ status: number; headers: Record<string, string> }> =
      [];

    beforeAll(async () => {
      observeScmRefusals();
      server = createServer((_req, res) => {
        const { status, headers } = answers.shift()!;
        res.writeHead(status, headers).end('{}');
      });
      await new Promise<void>(resolve =>
        server.listen(0, '127.0.0.1', resolve),
      );
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });

    afterAll(() => new Promise<void>(resolve => server.close(() => resolve())));

    /**
     * Requests through node:http (as node-fetch, the GitHub reader's client,
     * does) or the global fetch (the GitLab reader's), and reads the error
     * the reader would throw.
     */
    async function refusedBy(
      status: number,
      headers: Record<string, string>,
      client: 'http' | 'fetch' = 'http',
    ) {
      answers.push({ status, headers });
      const since = Date.now();
      const url = `${base}/api/v3/repos/a/b/tarball/abc`;
      if (client === 'fetch') await (await fetch(url)).text();
      else {
        await new Promise<void>((resolve, reject) =>
          get(url, response => response.resume().on('end', resolve)).on(
            'error',
            reject,
          ),
        );
      }
      return classifyReadFailure(
        new Error(`Request failed for ${url}, ${status} Refused`),
        since,
        NOW,
      );
    }

    it('honours Retry-After in seconds and as an HTTP date', async () => {
      expect(await refusedBy(429, { 'retry-after': '3' })).toEqual({
        kind: 'rate-limit',
        status: 429,
        askedMs: 3_000,
      });
      expect(
        await refusedBy(
          503,
          { 'retry-after': new Date(NOW + 20_000).toUTCString() },
          'fetch',
        ),
      ).toEqual({ kind: 'server', status: 503, askedMs: 20_000 });
    });

    it('takes a 403 with Retry-After for a secondary rate limit', async () => {
      expect(await refusedBy(403, { 'retry-after': '60' })).toEqual({
        kind: 'rate-limit',
        status: 403,
        askedMs: 60_000,
      });
    });

    it('waits for x-ratelimit-reset when the budget is spent', async () => {
      expect(
        await refusedBy(403, {
          'x-ratelimit-remaining': '0',
          'x-ratelimit-reset': String(NOW / 1000 + 30),
        }),
      ).toEqual({
        kind: 'rate-limit',
        status: 403,
        askedMs: 31_000,
        budgetSpent: true,
      });
    });
  });
});
