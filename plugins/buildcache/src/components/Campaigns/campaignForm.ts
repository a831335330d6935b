import type {
  CampaignFilter,
  CampaignOutcome,
  Level,
  TicketKind,
} from '@buildcache/plugin-buildcache-common';

/** The campaign dialog's form: '' for "any". */
export interface CampaignForm {
  kind: TicketKind;
  owner: string;
  system: string;
  ruleId: string;
  level: Level | '';
}

/** The filter of a form, without its empty fields. */
export function toCampaignFilter(form: CampaignForm): CampaignFilter {
  const filter: CampaignFilter = {};
  if (form.owner) filter.owner = form.owner;
  if (form.system) filter.system = form.system;
  if (form.ruleId) filter.ruleId = form.ruleId;
  if (form.level) filter.level = form.level;
  return filter;
}

/** Outcomes in the order they are counted and explained. */
export const OUTCOME_ORDER: CampaignOutcome[] = [
  'would-create',
  'would-update',
  'created',
  'updated',
  'pending',
  'skipped',
  'failed',
];

export const OUTCOME_LABELS: Record<CampaignOutcome, string> = {
  'would-create': 'would create',
  'would-update': 'would update',
  created: 'created',
  updated: 'updated (already filed)',
  pending: 'being filed',
  skipped: 'skipped',
  failed: 'failed',
};

/** How many services got each outcome, in OUTCOME_ORDER, zeros left out. */
export function countOutcomes(
  results: Array<{ outcome: CampaignOutcome }>,
): Array<[CampaignOutcome, number]> {
  const counts = new Map<CampaignOutcome, number>();
  for (const { outcome } of results) {
    counts.set(outcome, (counts.get(outcome) ?? 0) + 1);
  }
  return OUTCOME_ORDER.flatMap(outcome =>
    counts.get(outcome) ? [[outcome, counts.get(outcome)!]] : [],
  ) as Array<[CampaignOutcome, number]>;
}
