import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import type { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import type {
  ComplianceServicesPage,
  ComplianceFacets,
  ComplianceSummary,
  HistoryPoint,
  RuleInfo,
  ScanSummary,
  Scorecard,
  SourceFile,
  CreateWaiverRequest,
  Waiver,
  Campaign,
  CreateCampaignRequest,
  CreateTicketRequest,
  Ticket,
  TicketResult,
} from '@buildcache/plugin-buildcache-common';
import type {
  BuildcacheApi,
  BuildcacheEntityRef,
  ComplianceServicesFilter,
  ComplianceServicesQuery,
  ComplianceSummaryQuery,
  FindingsExportQuery,
  ScanRequestResult,
  WaiversQuery,
} from './BuildcacheApi';

const PLUGIN_ID = 'buildcache';

/** Talks to the buildcache backend over its v1 REST API. @public */
export class BuildcacheClient implements BuildcacheApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  async getScorecard(entity: BuildcacheEntityRef): Promise<Scorecard> {
    return this.getJson(`${entityPath(entity)}/scorecard`);
  }

  async getHistory(
    entity: BuildcacheEntityRef,
    options?: { limit?: number },
  ): Promise<HistoryPoint[]> {
    const query = new URLSearchParams();
    if (options?.limit !== undefined) {
      query.set('limit', String(options.limit));
    }
    const body = await this.getJson<{ items: HistoryPoint[] }>(
      withQuery(`${entityPath(entity)}/history`, query),
    );
    return body.items;
  }

  async getSourceFile(
    entity: BuildcacheEntityRef,
    path: string,
  ): Promise<SourceFile> {
    return this.getJson(
      withQuery(`${entityPath(entity)}/source`, new URLSearchParams({ path })),
    );
  }

  async requestScan(entity: BuildcacheEntityRef): Promise<ScanRequestResult> {
    return this.request(`${entityPath(entity)}/scan`, { method: 'POST' });
  }

  async getScan(scanId: string): Promise<ScanSummary> {
    return this.getJson(`/v1/scans/${encodeURIComponent(scanId)}`);
  }

  async getComplianceSummary(
    query: ComplianceSummaryQuery = {},
  ): Promise<ComplianceSummary> {
    return this.getJson(
      withQuery('/v1/compliance/summary', filterParams(query)),
    );
  }

  async getComplianceFacets(): Promise<ComplianceFacets> {
    return this.getJson('/v1/compliance/facets');
  }

  async listComplianceServices(
    query: ComplianceServicesQuery = {},
  ): Promise<ComplianceServicesPage> {
    const params = filterParams(query);
    if (query.offset !== undefined) params.set('offset', String(query.offset));
    if (query.limit !== undefined) params.set('limit', String(query.limit));
    return this.getJson(withQuery('/v1/compliance/services', params));
  }

  async exportComplianceServicesCsv(
    filter: ComplianceServicesFilter = {},
  ): Promise<Blob> {
    const response = await this.send(
      withQuery('/v1/compliance/services', filterParams(filter)),
      { headers: { Accept: 'text/csv' } },
    );
    const text = await response.text();
    return new Blob([text], { type: 'text/csv;charset=utf-8' });
  }

  async exportFindingsCsv(filter: FindingsExportQuery = {}): Promise<Blob> {
    const response = await this.send(
      withQuery('/v1/compliance/findings', filterParams(filter)),
      { headers: { Accept: 'text/csv' } },
    );
    return new Blob([await response.text()], {
      type: 'text/csv;charset=utf-8',
    });
  }

  async listRules(): Promise<RuleInfo[]> {
    const body = await this.getJson<{ items: RuleInfo[] }>('/v1/rules');
    return body.items;
  }

  async createWaiver(request: CreateWaiverRequest): Promise<Waiver> {
    return this.request('/v1/waivers', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(request),
    });
  }

  async listWaivers(query: WaiversQuery = {}): Promise<Waiver[]> {
    const params = new URLSearchParams();
    if (query.target) params.set('target', query.target);
    if (query.ruleId) params.set('ruleId', query.ruleId);
    const body = await this.getJson<{ items: Waiver[] }>(
      withQuery('/v1/waivers', params),
    );
    return body.items;
  }

  async deleteWaiver(id: string): Promise<void> {
    await this.send(`/v1/waivers/${encodeURIComponent(id)}`, {
      method: 'DELETE',
    });
  }

  async createTicket(
    entity: BuildcacheEntityRef,
    request: CreateTicketRequest,
  ): Promise<TicketResult> {
    return this.postJson(`${entityPath(entity)}/tickets`, request);
  }

  async listTickets(entity: BuildcacheEntityRef): Promise<Ticket[]> {
    const ref = typeof entity === 'string' ? parseEntityRef(entity) : entity;
    const query = new URLSearchParams({ entityRef: stringifyEntityRef(ref) });
    const body = await this.getJson<{ items: Ticket[] }>(
      withQuery('/v1/tickets', query),
    );
    return body.items;
  }

  async createCampaign(request: CreateCampaignRequest): Promise<Campaign> {
    return this.postJson('/v1/campaigns', request);
  }

  async getCampaign(id: string): Promise<Campaign> {
    return this.getJson(`/v1/campaigns/${encodeURIComponent(id)}`);
  }

  private async postJson<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>(path, {
      method: 'POST',
      headers: {
        Accept: 'application/json',
        'Content-Type': 'application/json',
      },
      body: JSON.stringify(body),
    });
  }

  private async getJson<T>(path: string): Promise<T> {
    return this.request<T>(path, { headers: { Accept: 'application/json' } });
  }

  private async request<T>(path: string, init: RequestInit): Promise<T> {
    const response = await this.send(path, init);
    return (await response.json()) as T;
  }

  private async send(path: string, init: RequestInit): Promise<Response> {
    const baseUrl = await this.discoveryApi.getBaseUrl(PLUGIN_ID);
    const response = await this.fetchApi.fetch(`${baseUrl}${path}`, init);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return response;
  }
}

/** `/v1/entities/{kind}/{namespace}/{name}`, lower-cased and URL-encoded. */
function entityPath(entity: BuildcacheEntityRef): string {
  const ref = typeof entity === 'string' ? parseEntityRef(entity) : entity;
  const parts = [ref.kind, ref.namespace, ref.name].map(part =>
    encodeURIComponent(part.toLocaleLowerCase('en-US')),
  );
  return `/v1/entities/${parts.join('/')}`;
}

/** The filters, order and grouping of the compliance endpoints, set ones only. */
function filterParams(
  filter: ComplianceServicesFilter & ComplianceSummaryQuery,
): URLSearchParams {
  const params = new URLSearchParams();
  const keys = [
    'owner',
    'system',
    'level',
    'ruleId',
    'q',
    'orderBy',
    'order',
    'groupBy',
  ] as const;
  for (const key of keys) {
    const value = filter[key];
    if (value !== undefined && value !== '') {
      params.set(key, value);
    }
  }
  return params;
}

function withQuery(path: string, params: URLSearchParams): string {
  const query = params.toString();
  return query ? `${path}?${query}` : path;
}
