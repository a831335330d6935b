import {
  LEVEL_MIN_SCORE,
  type Finding,
  type Level,
  type Score,
  type Severity,
} from '@buildcache/plugin-buildcache-common';

/** Points one unsuppressed finding subtracts, per severity (spec: Scoring). @public */
export const DEFAULT_SEVERITY_WEIGHTS: Readonly<Record<Severity, number>> = {
  error: 20,
  warning: 8,
  info: 2,
};

/** The level of a score value (Gold needs ≥ 90 and no error). @public */
export function levelOf(value: number, hasError: boolean): Level {
  if (value >= LEVEL_MIN_SCORE.Gold && !hasError) return 'Gold';
  if (value >= LEVEL_MIN_SCORE.Silver) return 'Silver';
  if (value >= LEVEL_MIN_SCORE.Bronze) return 'Bronze';
  return 'None';
}

/**
 * Scores a service: 100 minus the weight of each unsuppressed finding,
 * counted once per (rule, file), floored at 0. Without any Dockerfile or
 * image build the service is NotApplicable (value 0, not 100).
 * @public
 */
export function computeScore(
  findings: readonly Finding[],
  hasTargets: boolean,
  weights?: Partial<Record<Severity, number>>,
): Score {
  if (!hasTargets) return { value: 0, level: 'NotApplicable' };
  const w = { ...DEFAULT_SEVERITY_WEIGHTS, ...weights };
  const counted = new Map<string, Severity>();
  for (const f of findings) {
    if (f.suppressed) continue;
    const key = `${f.ruleId}\u0000${f.path}`;
    const previous = counted.get(key);
    // once per (rule, file): keep the most severe occurrence
    if (!previous || rank(f.severity) < rank(previous))
      counted.set(key, f.severity);
  }
  let value = 100;
  let hasError = false;
  for (const severity of counted.values()) {
    value -= Math.max(0, w[severity] ?? 0);
    if (severity === 'error') hasError = true;
  }
  value = Math.max(0, Math.round(value));
  return { value, level: levelOf(value, hasError) };
}

function rank(s: Severity): number {
  return { error: 0, warning: 1, info: 2 }[s];
}
