import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { setupServer } from 'msw/node';

/**
 * An msw server for a provider test (unhandled requests fail the test), a
 * log of every request as `METHOD /path`, and a fake sleep recording the
 * waits the retry policy asked for, so no test waits in wall time.
 */
export function setupTrackerServer() {
  const server = setupServer();
  registerMswTestHooks(server);
  const calls: string[] = [];
  const delays: number[] = [];
  const sleep = async (ms: number) => {
    delays.push(ms);
  };

  beforeAll(() => {
    server.events.on('request:start', ({ request }) => {
      calls.push(`${request.method} ${new URL(request.url).pathname}`);
    });
  });
  beforeEach(() => {
    calls.length = 0;
    delays.length = 0;
  });

  return { server, calls, delays, retry: { sleep } };
}
