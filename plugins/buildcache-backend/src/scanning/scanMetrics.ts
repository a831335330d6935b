import { metrics } from '@opentelemetry/api';

/**
 * OpenTelemetry instruments for scans, exported by whatever metrics SDK the
 * backend configures (Backstage's Prometheus/OTLP setup); no-ops otherwise.
 */
export function createScanMetrics() {
  const meter = metrics.getMeter('buildcache');
  const scans = meter.createCounter('buildcache.scans', {
    description: 'Repository scans finished, by status',
  });
  const duration = meter.createHistogram('buildcache.scan.duration', {
    description: 'Time to read and analyze one repository',
    unit: 's',
  });
  const bytesRead = meter.createCounter('buildcache.scan.bytes_read', {
    description: 'Bytes of build files read from repositories',
    unit: 'By',
  });
  return {
    recordScan(
      status: 'succeeded' | 'unchanged' | 'failed',
      seconds: number,
      bytes: number,
    ) {
      scans.add(1, { status });
      duration.record(seconds, { status });
      if (bytes > 0) bytesRead.add(bytes);
    },
  };
}

export type ScanMetrics = ReturnType<typeof createScanMetrics>;
