import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { GithubRateBudget, isRateLimitError } from './githubRateBudget';

const integrations = ScmIntegrations.fromConfig(
  new ConfigReader({
    integrations: {
      github: [
        {
          host: 'ghe.example',
          apiBaseUrl: 'https://ghe.example/api/v3',
          token: 't',
        },
      ],
      gitlab: [
        {
          host: 'gitlab.example',
          apiBaseUrl: 'https://gitlab.example/api/v4',
          token: 'g',
        },
      ],
    },
  }),
);

/** A GitHub rate limit on a fake clock, and the reads that spend it. */
function fakeGithub(options: { limit: number; windowMs: number }) {
  let now = 1_000_000;
  let windowEnds = now + options.windowMs;
  let used = 0;
  const roll = () => {
    if (now >= windowEnds) {
      used = 0;
      windowEnds = now + options.windowMs;
    }
  };
  const checks: number[] = [];
  const state = {
    get now() {
      return now;
    },
    get remaining() {
      roll();
      return options.limit - used;
    },
    checks,
    refused: 0,
    /** One API request of a read; false when the limit refuses it. */
    spend() {
      roll();
      if (used >= options.limit) {
        state.refused += 1;
        return false;
      }
      used += 1;
      return true;
    },
    fetch: (async (url: string) => {
      expect(url).toBe('https://ghe.example/api/v3/rate_limit');
      roll();
      checks.push(now);
      return new Response(
        JSON.stringify({
          resources: {
            core: {
              limit: options.limit,
              remaining: options.limit - used,
              reset: Math.ceil(windowEnds / 1000),
              used,
            },
          },
        }),
        { status: 200 },
      );
    }) as unknown as typeof fetch,
    sleep: async (ms: number) => {
      now += ms;
    },
    advance(ms: number) {
      now += ms;
    },
  };
  return state;
}

function budgetFor(github: ReturnType<typeof fakeGithub>) {
  return new GithubRateBudget({
    integrations,
    logger: mockServices.logger.mock(),
    fetch: github.fetch,
    now: () => github.now,
    sleep: github.sleep,
  });
}

describe('GithubRateBudget', () => {
  it('lets reads of other hosts through without checking anything', async () => {
    const github = fakeGithub({ limit: 10, windowMs: 60_000 });
    const budget = budgetFor(github);
    const release = await budget.acquire(
      'https://gitlab.example/group/project/-/tree/main/',
    );
    release();
    expect(github.checks).toEqual([]);
  });

  it('spends a budget smaller than the work, waiting for resets instead of being refused', async () => {
    // 120 reads of 2 requests with 100 requests per minute
    const github = fakeGithub({ limit: 100, windowMs: 60_000 });
    const budget = budgetFor(github);
    const started = github.now;
    let lowest = Infinity;
    for (let i = 0; i < 120; i++) {
      const release = await budget.acquire(
        `https://ghe.example/acme/repo-${i}/tree/main/`,
      );
      expect(github.spend()).toBe(true);
      expect(github.spend()).toBe(true);
      lowest = Math.min(lowest, github.remaining);
      release();
      github.advance(50);
    }
    expect(github.refused).toBe(0);
    // a reserve stays for the token's other users
    expect(lowest).toBeGreaterThanOrEqual(1);
    // 240 requests need at least two refills
    expect(github.now - started).toBeGreaterThanOrEqual(2 * 60_000);
    expect(github.now - started).toBeLessThan(4 * 60_000);
  });

  it('keeps a request per read in flight in reserve', async () => {
    // reads start 8 at a time and each spends 2 requests once all started
    const github = fakeGithub({ limit: 30, windowMs: 60_000 });
    const budget = budgetFor(github);
    let lowest = Infinity;
    for (let round = 0; round < 6; round++) {
      const releases = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          budget.acquire(`https://ghe.example/acme/r-${round}-${i}/tree/main/`),
        ),
      );
      for (const release of releases) {
        expect([github.spend(), github.spend()]).toEqual([true, true]);
        lowest = Math.min(lowest, github.remaining);
        release();
      }
      github.advance(100);
    }
    expect(github.refused).toBe(0);
    expect(lowest).toBeGreaterThanOrEqual(1);
  });

  it('learns that unchanged repositories cost one request', async () => {
    const github = fakeGithub({ limit: 100, windowMs: 60_000 });
    const budget = budgetFor(github);
    const started = github.now;
    let inFirstWindow = 0;
    for (let i = 0; i < 150; i++) {
      const release = await budget.acquire(
        `https://ghe.example/acme/repo-${i}/tree/main/`,
      );
      if (github.now - started < 60_000) inFirstWindow += 1;
      expect(github.spend()).toBe(true);
      release();
      github.advance(20);
    }
    expect(github.refused).toBe(0);
    // not half of the budget, as two requests per read would allow
    expect(inFirstWindow).toBeGreaterThanOrEqual(90);
  });

  it('slows down before the reserve rather than stopping dead', async () => {
    const github = fakeGithub({ limit: 100, windowMs: 60_000 });
    const budget = budgetFor(github);
    const starts: number[] = [];
    for (let i = 0; i < 45; i++) {
      const release = await budget.acquire(
        `https://ghe.example/acme/repo-${i}/tree/main/`,
      );
      starts.push(github.now);
      github.spend();
      github.spend();
      release();
    }
    const gaps = starts.slice(1).map((t, i) => t - starts[i]);
    // full speed first, then spaced out
    expect(gaps.slice(0, 10).every(g => g === 0)).toBe(true);
    expect(gaps.slice(-3).every(g => g > 0)).toBe(true);
    expect(github.refused).toBe(0);
  });

  it('recounts after a refused read, then waits for the reset', async () => {
    const github = fakeGithub({ limit: 100, windowMs: 60_000 });
    const budget = budgetFor(github);
    const url = 'https://ghe.example/acme/repo/tree/main/';
    (await budget.acquire(url))();
    // someone else spends the rest of the budget
    while (github.spend());
    budget.rateLimited(url);
    const before = github.now;
    (await budget.acquire(url))();
    expect(github.now).toBeGreaterThanOrEqual(before + 59_000);
    expect(github.remaining).toBe(100);
  });

  it('counts afresh when a cycle starts', async () => {
    const github = fakeGithub({ limit: 1000, windowMs: 3_600_000 });
    const budget = budgetFor(github);
    const url = 'https://ghe.example/acme/repo/tree/main/';
    (await budget.acquire(url))();
    (await budget.acquire(url))();
    expect(github.checks).toHaveLength(1);
    budget.startCycle();
    (await budget.acquire(url))();
    expect(github.checks).toHaveLength(2);
  });

  it('does not pace a server without a rate limit', async () => {
    let checks = 0;
    const budget = new GithubRateBudget({
      integrations,
      logger: mockServices.logger.mock(),
      fetch: (async () => {
        checks += 1;
        return new Response('{"message":"Rate limiting is not enabled."}', {
          status: 404,
        });
      }) as unknown as typeof fetch,
      sleep: async () => {
        throw new Error('must not wait');
      },
    });
    for (let i = 0; i < 100; i++) {
      (await budget.acquire('https://ghe.example/acme/repo/tree/main/'))();
    }
    // asked once, then again only after a minute
    expect(checks).toBe(1);
  });
});

describe('isRateLimitError', () => {
  it('recognises the readers’ rate-limit errors', () => {
    expect(
      isRateLimitError(
        new Error(
          'Request failed for https://x/api/v3/repos/a/b/commits/main/status?per_page=0, 403 Forbidden (rate limit exceeded)',
        ),
      ),
    ).toBe(true);
    expect(isRateLimitError(new Error('Request failed, 404 Not Found'))).toBe(
      false,
    );
  });
});
