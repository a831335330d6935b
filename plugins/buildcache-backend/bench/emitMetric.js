/* Shared by this package's benchmarks. */
/**
 * Hands a metric ({ name, value, unit, target?, pass? }) to bench/run.js,
 * which collects JSON lines from the file named by BENCH_METRICS_FILE and
 * rounds and completes them (one place for the format). Returns it.
 */
function emitMetric(metric) {
  if (process.env.BENCH_METRICS_FILE)
    require('node:fs').appendFileSync(
      process.env.BENCH_METRICS_FILE,
      `${JSON.stringify(metric)}\n`,
    );
  return metric;
}

module.exports = { emitMetric };
