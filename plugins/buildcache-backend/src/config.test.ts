import { mockServices } from '@backstage/backend-test-utils';
import { availableParallelism } from 'node:os';
import { readBuildcacheConfig } from './config';

const read = (buildcache: object) =>
  readBuildcacheConfig(mockServices.rootConfig({ data: { buildcache } }));

describe('readBuildcacheConfig', () => {
  it('has defaults for every limit', () => {
    expect(read({})).toMatchObject({
      concurrency: 4,
      maxFileBytes: 1024 * 1024,
      maxFiles: 500,
      readTimeoutMs: 120_000,
      readRetry: { retries: 3, maxDelayMs: 60_000 },
      catalogFilter: { kind: 'Component' },
      batchHeadLookups: true,
    });
  });

  it('analyzes on up to 2 worker threads, leaving a CPU to the main thread', () => {
    expect(read({}).analysisWorkers).toBe(
      Math.min(2, Math.max(0, availableParallelism() - 1)),
    );
    expect(read({ analysisWorkers: 0 }).analysisWorkers).toBe(0);
    expect(() => read({ analysisWorkers: 1.5 })).toThrow(
      'buildcache.analysisWorkers must be an integer from 0 to 16, got 1.5',
    );
  });

  it('turns the batched head lookups off', () => {
    expect(read({ batchHeadLookups: false }).batchHeadLookups).toBe(false);
  });

  it('reads the read retry limits, 0 turning retries off', () => {
    expect(
      read({ limits: { readRetries: 0, maxRetryWaitSeconds: 5 } }).readRetry,
    ).toEqual({ retries: 0, maxDelayMs: 5_000 });
  });

  it('names the key of a bad value', () => {
    expect(() => read({ limits: { readRetries: 1.5 } })).toThrow(
      'buildcache.limits.readRetries must be a whole number of 0 or more, got 1.5',
    );
    expect(() => read({ limits: { maxRetryWaitSeconds: 0 } })).toThrow(
      'buildcache.limits.maxRetryWaitSeconds must be a positive number',
    );
    expect(() => read({ concurrency: 0 })).toThrow(
      'buildcache.concurrency must be an integer from 1 to 64, got 0',
    );
  });
});
