import { timeTicks } from './historyTicks';

const at = (iso: string) => new Date(iso).getTime();

describe('timeTicks', () => {
  it('labels a long history with distinct dates', () => {
    const { ticks, format } = timeTicks([
      at('2030-01-01T10:00:00Z'),
      at('2030-01-01T11:00:00Z'),
      at('2030-01-20T10:00:00Z'),
    ]);
    const labels = ticks.map(format);
    expect(labels[0]).toBe('2030-01-01');
    expect(labels[labels.length - 1]).toBe('2030-01-20');
    expect(new Set(labels).size).toBe(labels.length);
  });

  it('labels a history within two days with times, never the same twice', () => {
    const { ticks, format } = timeTicks([
      at('2030-01-01T10:00:00Z'),
      at('2030-01-01T10:00:30Z'),
      at('2030-01-01T10:01:00Z'),
      at('2030-01-01T14:00:00Z'),
    ]);
    const labels = ticks.map(format);
    expect(labels[0]).toBe('10:00');
    expect(labels).toContain('14:00');
    expect(new Set(labels).size).toBe(labels.length);
  });

  it('has one tick for one point, and none for none', () => {
    expect(timeTicks([at('2030-01-01T10:00:00Z')]).ticks).toHaveLength(1);
    expect(timeTicks([]).ticks).toEqual([]);
  });
});
