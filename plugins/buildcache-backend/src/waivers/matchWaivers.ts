import type { Finding, Waiver } from '@buildcache/plugin-buildcache-common';

/**
 * The waiver covering each finding, or null. A waiver covers a finding of its
 * rule (in its file, when it names one) until it expires; waivers passed in
 * are already those whose target is the service, its owner or `*`.
 */
export function matchWaivers(
  findings: readonly Finding[],
  waivers: readonly Waiver[],
  now: Date = new Date(),
): Array<Waiver | null> {
  const active = waivers.filter(
    w => w.expiresAt === null || new Date(w.expiresAt) > now,
  );
  return findings.map(
    finding =>
      active.find(
        w =>
          w.ruleId === finding.ruleId &&
          (w.path === null || w.path === finding.path),
      ) ?? null,
  );
}
