import type { AuditorService } from '@backstage/backend-plugin-api';
import type { RuleInfo } from '@buildcache/plugin-buildcache-common';
import type { ComplianceQueries } from '../database/ComplianceQueries';
import type { FindingQueries } from '../database/FindingQueries';
import type { ScanStore } from '../database/ScanStore';
import type { TicketStore } from '../database/TicketStore';
import type { CampaignService } from '../tickets/CampaignService';
import type { TicketService } from '../tickets/TicketService';
import type { Authorizer } from '../permissions/authorize';
import type { ScanRunner } from '../scanning/ScanRunner';
import type { ScorecardService } from '../service/ScorecardService';
import type { SourceFiles } from '../service/SourceFiles';
import type { Rescorer } from '../waivers/Rescorer';
import type { WaiverStore } from '../database/WaiverStore';

/** What the route groups need; built in plugin.ts, faked in tests. */
export interface RouteDependencies {
  store: ScanStore;
  queries: ComplianceQueries;
  findings: Pick<FindingQueries, 'exportRows'>;
  runner: Pick<ScanRunner, 'requestScan'>;
  scorecards: ScorecardService;
  sources: Pick<SourceFiles, 'read'>;
  authorizer: Authorizer;
  rules: () => RuleInfo[];
  waivers: WaiverStore;
  rescorer: Pick<Rescorer, 'rescore' | 'affectedBy'>;
  tickets: Pick<TicketService, 'request'>;
  ticketStore: Pick<TicketStore, 'list'>;
  campaigns: Pick<CampaignService, 'start' | 'get'>;
  auditor: AuditorService;
}
