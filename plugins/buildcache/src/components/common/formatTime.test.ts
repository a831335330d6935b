import { formatDate, formatDateTime, formatRelativeTime } from './formatTime';

describe('formatTime', () => {
  const now = new Date('2030-01-10T12:00:00.000Z');

  it('formats relative times', () => {
    expect(formatRelativeTime('2030-01-10T11:59:30.000Z', now)).toBe(
      'just now',
    );
    expect(formatRelativeTime('2030-01-10T10:00:00.000Z', now)).toBe(
      '2 hours ago',
    );
    expect(formatRelativeTime('2030-01-09T12:00:00.000Z', now)).toBe(
      'yesterday',
    );
    expect(formatRelativeTime('2029-12-10T12:00:00.000Z', now)).toBe(
      'last month',
    );
    expect(formatRelativeTime('not a date', now)).toBe('not a date');
  });

  it('formats absolute times in UTC', () => {
    expect(formatDateTime('2030-01-01T10:05:07.000Z')).toBe(
      '2030-01-01 10:05 UTC',
    );
    expect(formatDate('2031-09-30T00:00:00.000Z')).toBe('2031-09-30');
  });
});
