import request from 'supertest';

const LATER = {
  frequency: { hours: 24 },
  timeout: { minutes: 1 },
  initialDelay: { hours: 1 },
};

/**
 * buildcache config for test backends: scheduled scans kept out of the
 * test's way, the local reader allowed under `root`.
 */
export function testBuildcacheConfig(root: string) {
  return {
    buildcache: {
      schedule: LATER,
      newServicesSchedule: LATER,
      localRepositories: { allowedRoots: [root] },
    },
  };
}

/**
 * Polls `probe` until `done` holds for what it returns, or `timeoutMs` has
 * passed; returns the last value, so the caller's assertion says what was
 * seen. The bound is generous because tests run on busy 2-core machines:
 * waiting longer costs nothing when the thing arrives early.
 */
export async function pollUntil<T>(
  probe: () => Promise<T>,
  done: (value: T) => boolean,
  { timeoutMs = 45_000, intervalMs = 50 } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (done(value) || Date.now() >= deadline) return value;
    await new Promise(resolve => setTimeout(resolve, intervalMs));
  }
}

/** Polls a scan until it leaves queued/running; returns its last status. */
export function waitForScan(
  server: Parameters<typeof request>[0],
  scanId: string,
  { timeoutMs = 45_000 } = {},
): Promise<string> {
  return pollUntil(
    async () =>
      (await request(server).get(`/api/buildcache/v1/scans/${scanId}`)).body
        .status as string,
    status => !['queued', 'running'].includes(status),
    { timeoutMs },
  );
}
