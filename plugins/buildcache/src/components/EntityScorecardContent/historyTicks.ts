import type { HistoryPoint } from '@buildcache/plugin-buildcache-common';
import { formatDate, formatDateTime } from '../common/formatTime';

const DAY_MS = 24 * 3600 * 1000;

/** History points on a time axis (epoch ms), oldest first. */
export function toChartPoints(history: HistoryPoint[]) {
  return history.map(point => ({
    ...point,
    t: new Date(point.scannedAt).getTime(),
  }));
}

/**
 * Tick positions and labels for a time axis: one tick per distinct label,
 * so a history spanning hours does not repeat the same date; the labels are
 * times ("10:00") when every point falls within two days.
 */
export function timeTicks(times: number[], maxTicks = 6) {
  const first = times[0];
  const last = times[times.length - 1];
  const short = times.length > 0 && last - first < 2 * DAY_MS;
  const format = (t: number) => {
    const iso = new Date(t).toISOString();
    return short ? formatDateTime(iso).slice(11, 16) : formatDate(iso);
  };
  if (times.length === 0) {
    return { ticks: [], format };
  }
  const count = Math.min(maxTicks, times.length);
  const candidates =
    count <= 1
      ? [first]
      : Array.from(
          { length: count },
          (_, i) => first + ((last - first) * i) / (count - 1),
        );
  const seen = new Set<string>();
  const ticks = candidates.filter(t => {
    const label = format(t);
    if (seen.has(label)) return false;
    seen.add(label);
    return true;
  });
  return { ticks, format };
}
