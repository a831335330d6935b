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

/** Polls a scan until it leaves queued/running; returns its last status. */
export async function waitForScan(
  server: Parameters<typeof request>[0],
  scanId: string,
): Promise<string> {
  let status = 'queued';
  for (let i = 0; i < 100 && ['queued', 'running'].includes(status); i++) {
    await new Promise(resolve => setTimeout(resolve, 50));
    status = (await request(server).get(`/api/buildcache/v1/scans/${scanId}`))
      .body.status;
  }
  return status;
}
