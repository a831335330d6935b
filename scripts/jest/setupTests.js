/*
 * The one place that makes every package's tests independent of machine
 * speed and of today's date. The root package.json's "jest" key adds this
 * file to every workspace package's setupFiles (they run before the package's
 * own src/setupTests.ts), and sets a generous per-test timeout.
 *
 * Frontend packages (jsdom):
 *  - testing-library's findBy* / waitFor wait up to ASYNC_UTIL_TIMEOUT_MS for
 *    what they wait for, instead of its 1 s default: a lazily loaded page can
 *    take several seconds on a busy 2-core machine. A wait returns as soon as
 *    the thing appears, so a long bound costs nothing when it is fast.
 *  - The clock starts at TEST_NOW ('2030-01-01T12:00:07Z') and runs on from
 *    there: "N hours ago" texts, expiry checks and date windows in fixtures
 *    are written against it, never against the real date. Only Date is
 *    faked; timers, animation frames and microtasks stay real, so
 *    testing-library keeps polling with real timers. A test that needs
 *    another moment calls jest.setSystemTime().
 *
 * Backend and node packages keep the real clock (their databases, leases and
 * schedulers need it); their time-dependent code takes an injected clock.
 */
const ASYNC_UTIL_TIMEOUT_MS = 20_000;
const TEST_NOW = new Date('2030-01-01T12:00:07.000Z');

const isJsdom =
  typeof window !== 'undefined' && typeof document !== 'undefined';

if (isJsdom) {
  // This runs as a setupFiles entry, before the test framework: only
  // @testing-library/dom may be loaded here (loading @testing-library/react
  // this early would skip its automatic cleanup after each test). The copy
  // resolved from the repository root is the one @testing-library/react
  // uses; src/testSetup.test.ts in the plugin checks that it took effect.
  require('@testing-library/dom').configure({
    asyncUtilTimeout: ASYNC_UTIL_TIMEOUT_MS,
  });

  jest.useFakeTimers({
    now: TEST_NOW,
    advanceTimers: true,
    doNotFake: [
      'hrtime',
      'nextTick',
      'performance',
      'queueMicrotask',
      'requestAnimationFrame',
      'cancelAnimationFrame',
      'requestIdleCallback',
      'cancelIdleCallback',
      'setImmediate',
      'clearImmediate',
      'setInterval',
      'clearInterval',
      'setTimeout',
      'clearTimeout',
    ],
  });
}
