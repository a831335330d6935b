import { createApiRef } from '@backstage/core-plugin-api';
import type { CompoundEntityRef } from '@backstage/catalog-model';
import type {
  BuildcacheApiPaths,
  ComplianceServicesPage,
  ComplianceFacets,
  ComplianceSummary,
  HistoryPoint,
  RuleInfo,
  ScanStatus,
  ScanSummary,
  Scorecard,
  SourceFile,
  CreateWaiverRequest,
  Waiver,
  Campaign,
  CampaignStatus,
  CreateCampaignRequest,
  CreateTicketRequest,
  Ticket,
  TicketResult,
  ComplianceServicesQuery,
  ScanRequestResult,
  FindingsExportQuery,
  WaiversQuery,
} from '@buildcache/plugin-buildcache-common';

export type {
  ComplianceServicesQuery,
  FindingsExportQuery,
  ScanRequestResult,
  WaiversQuery,
} from '@buildcache/plugin-buildcache-common';

/** An entity, as an entity ref string or its parsed parts. @public */
export type BuildcacheEntityRef = string | CompoundEntityRef;

/** How the compliance summary groups services. @public */
export type ComplianceGroupBy = NonNullable<ComplianceSummary['groupBy']>;

/** Columns the compliance services list can be ordered by. @public */
export type ComplianceOrderBy = NonNullable<ComplianceServicesQuery['orderBy']>;

/**
 * Query of the compliance summary: its grouping and the filters it shares
 * with the services list (one set of parameters in the spec). @public
 */
export type ComplianceSummaryQuery = NonNullable<
  BuildcacheApiPaths['/v1/compliance/summary']['get']['parameters']['query']
>;

/** Filters of the compliance services list; every field is optional. @public */
export type ComplianceServicesFilter = Omit<
  ComplianceServicesQuery,
  'offset' | 'limit'
>;

/** Client for the buildcache backend. @public */
export interface BuildcacheApi {
  getScorecard(entity: BuildcacheEntityRef): Promise<Scorecard>;
  /** Score history, oldest first. */
  getHistory(
    entity: BuildcacheEntityRef,
    options?: { limit?: number },
  ): Promise<HistoryPoint[]>;
  /** One analyzed file's text, for sources without a web view. */
  getSourceFile(entity: BuildcacheEntityRef, path: string): Promise<SourceFile>;
  requestScan(entity: BuildcacheEntityRef): Promise<ScanRequestResult>;
  getScan(scanId: string): Promise<ScanSummary>;
  /** Tiles, groups, adoption and trend of the services matching the filters. */
  getComplianceSummary(
    query?: ComplianceSummaryQuery,
  ): Promise<ComplianceSummary>;
  /** Filter choices: owners, systems and failed rules. */
  getComplianceFacets(): Promise<ComplianceFacets>;
  listComplianceServices(
    query?: ComplianceServicesQuery,
  ): Promise<ComplianceServicesPage>;
  /** The filtered, ordered services list as CSV (every page). */
  exportComplianceServicesCsv(filter?: ComplianceServicesFilter): Promise<Blob>;
  /**
   * One row per finding of the filtered services' current results (service,
   * owner, system, rule, file, line, severity, state) as CSV.
   */
  exportFindingsCsv(filter?: FindingsExportQuery): Promise<Blob>;
  listRules(): Promise<RuleInfo[]>;
  /** Accepts findings: they are shown as waived and stop counting. */
  createWaiver(request: CreateWaiverRequest): Promise<Waiver>;
  deleteWaiver(id: string): Promise<void>;
  /** Every waiver (expired ones too), newest first. */
  listWaivers(query?: WaiversQuery): Promise<Waiver[]>;
  /**
   * Files an issue or opens a fix pull request for some of a service's
   * findings; with `dryRun`, answers with a preview of what would be sent.
   * Findings already covered by an open ticket are not filed twice.
   */
  createTicket(
    entity: BuildcacheEntityRef,
    request: CreateTicketRequest,
  ): Promise<TicketResult>;
  /** A service's tickets and fix pull requests, newest first. */
  listTickets(entity: BuildcacheEntityRef): Promise<Ticket[]>;
  /**
   * Files for every matching service: a finished campaign for a dry run,
   * otherwise a running one to follow with getCampaign.
   */
  createCampaign(request: CreateCampaignRequest): Promise<Campaign>;
  getCampaign(id: string): Promise<Campaign>;
}

/** @public */
export const buildcacheApiRef = createApiRef<BuildcacheApi>({
  id: 'plugin.buildcache.service',
});

/** Campaign states after which polling stops. @public */
export const TERMINAL_CAMPAIGN_STATUSES: readonly CampaignStatus[] = [
  'done',
  'interrupted',
];

/** Scan states after which polling stops. @public */
export const TERMINAL_SCAN_STATUSES: readonly ScanStatus[] = [
  'succeeded',
  'unchanged',
  'failed',
];
