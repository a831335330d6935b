/*
 * Shared by every bench: one metric is { name, value, unit, target, pass }.
 * Benches call emitMetric; when run by bench/run.js (BENCH_METRICS_FILE set)
 * each metric is appended there as a JSON line, otherwise nothing happens.
 * target is a string such as "<= 1.3" (null: reported, not judged); pass is
 * true, false or null accordingly.
 */
const fs = require('node:fs');

function emitMetric(metric) {
  const file = process.env.BENCH_METRICS_FILE;
  if (!file) return;
  const entry = {
    name: metric.name,
    value: typeof metric.value === 'number' ? Math.round(metric.value * 1000) / 1000 : metric.value,
    unit: metric.unit,
    target: metric.target ?? null,
    pass: metric.pass ?? null,
    ...(metric.note ? { note: metric.note } : {}),
  };
  fs.appendFileSync(file, `${JSON.stringify(entry)}\n`);
}

module.exports = { emitMetric };
