import { getConfig, render, screen } from '@testing-library/react';
import { formatRelativeTime } from './components/common/formatTime';

// What scripts/jest/setupTests.js promises every frontend test.
describe('the shared test setup', () => {
  it('gives findBy*/waitFor a bound that a busy machine cannot hit', () => {
    expect(getConfig().asyncUtilTimeout).toBeGreaterThanOrEqual(20_000);
  });

  it('runs the clock from a fixed moment, not from today', () => {
    expect(Date.now()).toBeGreaterThanOrEqual(
      Date.parse('2030-01-01T12:00:07.000Z'),
    );
    expect(Date.now()).toBeLessThan(Date.parse('2030-01-01T13:00:00.000Z'));
    expect(formatRelativeTime('2030-01-01T10:00:07.000Z')).toBe('2 hours ago');
  });

  it('keeps real timers, so waits poll in real time', async () => {
    const before = performance.now();
    await new Promise(resolve => setTimeout(resolve, 20));
    expect(performance.now() - before).toBeGreaterThanOrEqual(15);
  });

  it('still cleans up between tests', () => {
    render(<p>first render</p>);
    expect(screen.getAllByText('first render')).toHaveLength(1);
  });

  it('started this test with an empty document', () => {
    expect(screen.queryByText('first render')).toBeNull();
  });
});
