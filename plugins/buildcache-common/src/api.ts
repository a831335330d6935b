import type { Finding, Level, RuleMetadata, Severity } from './report';

/** Shapes of the REST API under /api/buildcache/v1. */

/** @public */
export type ScanStatus =
  | 'queued'
  | 'running'
  | 'succeeded'
  | 'unchanged'
  | 'failed';

/** A finding as served for one service: with an SCM link to its line. @public */
export interface ScorecardFinding extends Finding {
  /** Link to the exact line in the SCM, when the source location allows one. */
  url: string | null;
  /** Set when a waiver covers this finding. */
  waiver: { id: string; reason: string; expiresAt: string | null } | null;
}

/**
 * Every fix of one file in one closure-checked patch: applying `diff`
 * removes `fixes` findings and adds none. @public
 */
export interface CombinedFix {
  diff: string;
  fixes: number;
}

/** @public */
export interface ScorecardFile {
  path: string;
  kind: string;
  url: string | null;
  /** The file's combined fix, or null when nothing in it is fixable. */
  combinedFix: CombinedFix | null;
}

/** @public */
export interface Scorecard {
  entityRef: string;
  /** null when the service has never been scanned successfully. */
  score: number | null;
  level: Level | null;
  scannedAt: string | null;
  commit: string | null;
  /** True when the last scan failed and this is the last good result. */
  stale: boolean;
  lastScan: ScanSummary | null;
  files: ScorecardFile[];
  findings: ScorecardFinding[];
  counts: Record<Severity, number>;
}

/** @public */
export interface ScanSummary {
  id: string;
  entityRef: string;
  status: ScanStatus;
  startedAt: string | null;
  finishedAt: string | null;
  error: string | null;
}

/** @public */
export interface HistoryPoint {
  scannedAt: string;
  score: number;
  level: Level;
}

/** @public */
export interface RuleInfo extends RuleMetadata {
  docs: string;
}

/**
 * What the org views can be filtered by: owners and systems of the tracked
 * services, and the rules some of them currently fail. @public
 */
export interface ComplianceFacets {
  owners: string[];
  systems: string[];
  ruleIds: string[];
}

/** @public */
export interface ComplianceService {
  entityRef: string;
  title: string;
  owner: string | null;
  system: string | null;
  score: number | null;
  level: Level | null;
  scannedAt: string | null;
  stale: boolean;
  /** False when the entity has no source location to scan. */
  hasSource: boolean;
  counts: Record<Severity, number>;
}

/** @public */
export interface ComplianceServicesPage {
  items: ComplianceService[];
  totalCount: number;
  offset: number;
  limit: number;
}

/** @public */
export interface ComplianceGroup {
  key: string;
  services: number;
  meanScore: number | null;
  levels: Record<Level, number>;
}

/** @public */
export interface RuleAdoption {
  ruleId: string;
  /** Services where the rule could apply (scanned, with a Dockerfile or build). */
  applicable: number;
  /** Of those, services with no unsuppressed finding of this rule. */
  passing: number;
  percent: number;
}

/** @public */
export interface TrendPoint {
  date: string;
  meanScore: number;
  services: number;
}

/** @public */
export interface ComplianceSummary {
  groupBy: 'owner' | 'system' | 'rule' | null;
  services: number;
  meanScore: number | null;
  levels: Record<Level, number>;
  groups: ComplianceGroup[];
  adoption: RuleAdoption[];
  trend: TrendPoint[];
}

/** An accepted finding: it is shown as waived and no longer counts. @public */
export interface Waiver {
  id: string;
  /** An entity ref, an owner ref (group/user), or `*` for every service. */
  target: string;
  ruleId: string;
  /** Only findings in this file; null for every file. */
  path: string | null;
  reason: string;
  createdBy: string;
  createdAt: string;
  expiresAt: string | null;
}

/** Body of POST /v1/waivers. @public */
export interface CreateWaiverRequest {
  target: string;
  ruleId: string;
  path?: string | null;
  reason: string;
  expiresAt?: string | null;
}

/** What a ticket is: an issue in a tracker, or a fix pull/merge request. @public */
export type TicketKind = 'issue' | 'pull-request';

/** @public */
export type TicketTracker = 'github' | 'gitlab' | 'jira';

/**
 * `pending` while it is being filed; `open`, then `closed` or `merged` as the
 * tracker reports. @public
 */
export type TicketState = 'pending' | 'open' | 'closed' | 'merged';

/** A finding a ticket covers: one rule in one file of one service. @public */
export interface TicketFinding {
  ruleId: string;
  path: string;
  /** Stable id of (service, kind, rule, file), also written into the ticket. */
  fingerprint: string;
}

/** A ticket or fix pull request filed by buildcache. @public */
export interface Ticket {
  id: string;
  entityRef: string;
  kind: TicketKind;
  tracker: TicketTracker;
  /** Where it lives: `github:host/owner/repo`, `gitlab:host/group/project`, `jira:KEY`. */
  target: string;
  /** `123` (GitHub), the MR/issue iid (GitLab), `PLAT-7` (Jira); null while pending. */
  externalId: string | null;
  url: string | null;
  state: TicketState;
  title: string;
  /** Stable id of the findings it was filed for, written into its body. */
  fingerprint: string;
  /** The pull request's branch. */
  branch: string | null;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  syncedAt: string | null;
  /** Why it was closed by buildcache (e.g. the findings are gone). */
  closedReason: string | null;
  /** The last sync's error, if it failed. */
  syncError: string | null;
  findings: TicketFinding[];
}

/** What a ticket request did, or for a dry run would do. @public */
export type TicketOutcome =
  | 'created'
  | 'updated'
  | 'pending'
  | 'would-create'
  | 'would-update';

/** Which services a campaign files for (all conditions apply). @public */
export interface CampaignFilter {
  ruleId?: string;
  owner?: string;
  system?: string;
  level?: Level;
}

/** @public */
export type CampaignOutcome = TicketOutcome | 'skipped' | 'failed';

/** What a campaign did for one service. @public */
export interface CampaignServiceResult {
  entityRef: string;
  outcome: CampaignOutcome;
  ticketId: string | null;
  ticketUrl: string | null;
  /** Why it was skipped or failed. */
  reason: string | null;
}

/** @public */
export type CampaignStatus = 'running' | 'done' | 'interrupted';

/** Tickets or fix pull requests filed across every matching service. @public */
export interface Campaign {
  id: string;
  kind: TicketKind;
  filter: CampaignFilter;
  dryRun: boolean;
  status: CampaignStatus;
  /** Services it covers; `results` grows to this length. */
  total: number;
  createdBy: string;
  createdAt: string;
  finishedAt: string | null;
  results: CampaignServiceResult[];
}

/** What a ticket or pull request would contain, as sent to the tracker. @public */
export interface TicketPreview {
  /** Where it goes: `github:host/owner/repo`, `gitlab:host/group/project`, `jira:KEY`. */
  target: string;
  title: string;
  /** Markdown, as sent. */
  body: string;
  /** The combined patch a pull request commits ('' for issues). */
  patch: string;
}

/** The answer to a ticket request. @public */
export interface TicketResult {
  outcome: TicketOutcome;
  /** The ticket created first, then those already covering the findings. */
  tickets: Ticket[];
  /** What is (or would be) sent; null when nothing new is filed. */
  preview: TicketPreview | null;
}

/** Body of POST /v1/entities/{kind}/{namespace}/{name}/tickets. @public */
export interface CreateTicketRequest {
  kind: TicketKind;
  /** The findings to file, by rule (in one file or every file); every open one when absent. */
  findings?: Array<{ ruleId: string; path?: string }>;
  /** Render what would be sent without sending it. */
  dryRun?: boolean;
}

/** Body of POST /v1/campaigns. @public */
export interface CreateCampaignRequest {
  kind: TicketKind;
  filter: CampaignFilter;
  dryRun?: boolean;
}
