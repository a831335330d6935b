import type { components, operations, paths } from './generated/openapi';

/**
 * Shapes of the REST API under /api/buildcache/v1, generated from the
 * backend's OpenAPI spec (plugins/buildcache-backend/src/schema/openapi.yaml)
 * into ./generated/openapi.ts. This file only names them: change the spec,
 * run `yarn workspace @buildcache/plugin-buildcache-backend openapi:generate`.
 */

type Schemas = components['schemas'];

/** The API's paths and operations, for typed clients. @public */
export type BuildcacheApiPaths = paths;

/** @public */
export type ScanStatus = Schemas['ScanStatus'];

/** A finding as served for one service: with an SCM link to its line. @public */
export type ScorecardFinding = Schemas['ScorecardFinding'];

/**
 * Every fix of one file in one closure-checked patch: applying `diff`
 * removes `fixes` findings and adds none. @public
 */
export type CombinedFix = Schemas['CombinedFix'];

/** @public */
export type ScorecardFile = Schemas['ScorecardFile'];

/** Score, level, files and findings of one service. @public */
export type Scorecard = Schemas['Scorecard'];

/** @public */
export type ScanSummary = Schemas['ScanSummary'];

/** @public */
export type HistoryPoint = Schemas['HistoryPoint'];

/** A rule's metadata and its Markdown docs. @public */
export type RuleInfo = Schemas['RuleInfo'];

/** What the org views can be filtered by. @public */
export type ComplianceFacets = Schemas['ComplianceFacets'];

/** @public */
export type ComplianceService = Schemas['ComplianceService'];

/** Query of GET /v1/compliance/services: filters, order and page. @public */
export type ComplianceServicesQuery = NonNullable<
  operations['ListComplianceServices']['parameters']['query']
>;

/**
 * Query of GET /v1/compliance/findings (the findings CSV): the filters of
 * the services list. @public
 */
export type FindingsExportQuery = NonNullable<
  operations['ExportFindings']['parameters']['query']
>;

/** The answer to POST …/scan. @public */
export type ScanRequestResult =
  operations['RequestScan']['responses']['202']['content']['application/json'];

/** @public */
export type ComplianceServicesPage = Schemas['ComplianceServicesPage'];

/** @public */
export type ComplianceGroup = Schemas['ComplianceGroup'];

/** @public */
export type RuleAdoption = Schemas['RuleAdoption'];

/** @public */
export type TrendPoint = Schemas['TrendPoint'];

/** @public */
export type ComplianceSummary = Schemas['ComplianceSummary'];

/** An accepted finding: it is shown as waived and no longer counts. @public */
export type Waiver = Schemas['Waiver'];

/** A file a rule reports on, what it says and the fix it offers. @public */
export type RuleExample = Schemas['RuleExample'];

/** A scanned file's text, for the portal's source view. @public */
export type SourceFile = Schemas['SourceFile'];

/** Query of GET /v1/waivers: an exact target and a rule id. @public */
export type WaiversQuery = NonNullable<
  operations['ListWaivers']['parameters']['query']
>;

/** Body of POST /v1/waivers. @public */
export type CreateWaiverRequest = Schemas['CreateWaiverRequest'];

/** An issue in a tracker, or a fix pull/merge request. @public */
export type TicketKind = Schemas['TicketKind'];

/** @public */
export type TicketTracker = Ticket['tracker'];

/** `pending` while being filed; then `open`, `closed` or `merged`. @public */
export type TicketState = Schemas['TicketState'];

/** A finding a ticket covers: one rule (`*` for a PR) in one file. @public */
export type TicketFinding = Schemas['TicketFinding'];

/** A ticket or fix pull request filed by buildcache. @public */
export type Ticket = Schemas['Ticket'];

/** What a ticket request did, or for a dry run would do. @public */
export type TicketOutcome = Schemas['TicketOutcome'];

/** Findings a ticket request names: a rule, in one file or every file. @public */
export type FindingSelector = Schemas['FindingSelector'];

/** Body of POST /v1/entities/{kind}/{namespace}/{name}/tickets. @public */
export type CreateTicketRequest = Schemas['CreateTicketRequest'];

/** What would be (or was) sent to the tracker. @public */
export type TicketPreview = Schemas['TicketPreview'];

/** @public */
export type TicketResult = Schemas['TicketResult'];

/** Which services a campaign files for (all conditions apply). @public */
export type CampaignFilter = Schemas['CampaignFilter'];

/** Body of POST /v1/campaigns. @public */
export type CreateCampaignRequest = Schemas['CreateCampaignRequest'];

/** @public */
export type CampaignOutcome = CampaignServiceResult['outcome'];

/** What a campaign did for one service. @public */
export type CampaignServiceResult = Schemas['CampaignServiceResult'];

/** @public */
export type CampaignStatus = Campaign['status'];

/** Tickets or fix pull requests filed across every matching service. @public */
export type Campaign = Schemas['Campaign'];

/** The error body of every failed request. @public */
export type ApiError = Schemas['Error'];
