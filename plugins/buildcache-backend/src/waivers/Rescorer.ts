import type { Finding, Severity } from '@buildcache/plugin-buildcache-common';
import { computeScore } from '@buildcache/plugin-buildcache-node';
import type { EffectiveResult, ScanStore } from '../database/ScanStore';
import { countCounting, isCounting } from '../database/rowMappers';
import { matchWaivers } from './matchWaivers';
import type { WaiverStore } from '../database/WaiverStore';

/**
 * Scores a service's findings as they count: suppressed (by an inline
 * pragma) and waived findings do not. Waivers change without a rescan, so
 * this also re-scores stored results when waivers are added or removed.
 */
export class Rescorer {
  constructor(
    private readonly deps: {
      store: ScanStore;
      waivers: WaiverStore;
      weights: Partial<Record<Severity, number>>;
      /** The clock waiver expiry is judged by (fixed in tests). */
      now?: () => Date;
    },
  ) {}

  async effective(
    service: { entityRef: string; owner: string | null },
    findings: Finding[],
    applicable: boolean,
  ): Promise<EffectiveResult> {
    const waivedBy = matchWaivers(
      findings,
      await this.deps.waivers.listFor(service),
      this.deps.now?.(),
    ).map(w => w?.id ?? null);
    const states = findings.map((f, i) => ({ ...f, waiverId: waivedBy[i] }));
    // the analyzer's scoring skips suppressed findings: hand it the state
    const counting = states.map(f => ({ ...f, suppressed: !isCounting(f) }));
    return {
      score: computeScore(counting, applicable, this.deps.weights),
      counts: countCounting(states),
      waivedBy,
    };
  }

  /** Re-scores the stored results of services (after a waiver change). */
  async rescore(entityRefs: string[]): Promise<void> {
    for (const entityRef of entityRefs) {
      const service = await this.deps.store.getService(entityRef);
      if (!service?.lastGoodScanId || service.level === 'NotApplicable') {
        continue;
      }
      const findings = await this.deps.store.getFindings(
        service.lastGoodScanId,
      );
      const result = await this.effective(
        { entityRef, owner: service.owner },
        findings,
        true,
      );
      await this.deps.store.updateScore(
        entityRef,
        service.lastGoodScanId,
        findings,
        result,
      );
    }
  }

  /**
   * Makes expired waivers take effect without a rescan: re-scores every
   * service whose stored findings a lapsed waiver still covers. Returns them.
   */
  async rescoreExpired(): Promise<string[]> {
    const now = this.deps.now?.() ?? new Date();
    const lapsed = await this.deps.waivers.servicesWithLapsedWaivers(now);
    await this.rescore(lapsed);
    return lapsed;
  }

  /** Services a waiver for `target` can affect. */
  async affectedBy(target: string): Promise<string[]> {
    return this.deps.store.listEntityRefs(waiverScope(target));
  }
}

/** `*` is every service; a group or user ref is an owner; else an entity. */
export function waiverScope(target: string): {
  owner?: string;
  entityRef?: string;
} {
  if (target === '*') {
    return {};
  }
  return /^(group|user):/i.test(target)
    ? { owner: target }
    : { entityRef: target };
}
