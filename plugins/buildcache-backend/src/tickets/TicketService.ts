import type {
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import type { ScmIntegrationRegistry } from '@backstage/integration';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { InputError, NotFoundError } from '@backstage/errors';
import type {
  RuleInfo,
  Scorecard,
  Ticket,
  TicketFinding,
  TicketKind,
} from '@buildcache/plugin-buildcache-common';
import { ticketCovers } from '@buildcache/plugin-buildcache-common';
import { randomUUID } from 'node:crypto';
import type { ScanStore } from '../database/ScanStore';
import type { TicketStore } from '../database/TicketStore';
import type { ScorecardService } from '../service/ScorecardService';
import { fingerprintMarker, ticketFingerprint } from './fingerprint';
import type { TicketProvider, TrackerTarget } from './providers/types';
import {
  renderTicket,
  type FileFix,
  type TicketTemplate,
} from './renderTicket';
import {
  parseTargetLabel,
  resolveTracker,
  type ResolvedTracker,
} from './resolveTracker';
import {
  isOpenFinding,
  selectFindings,
  type FindingSelector,
} from './selectFindings';

export type TicketOutcome =
  | 'created'
  | 'updated'
  | 'pending'
  | 'would-create'
  | 'would-update';

/** What a ticket request did (or, for a dry run, would do). */
export interface TicketResult {
  outcome: TicketOutcome;
  /** The ticket created, or the ones already covering the findings. */
  tickets: Ticket[];
  /** What is (or would be) sent: for previews and dry runs. */
  preview: {
    target: string;
    title: string;
    body: string;
    /** The combined patch a pull request commits ('' for issues). */
    patch: string;
  } | null;
}

export interface TicketRequest {
  entityRef: string;
  kind: TicketKind;
  findings?: FindingSelector[];
  dryRun?: boolean;
}

export interface TicketServiceOptions {
  tickets: TicketStore;
  store: Pick<ScanStore, 'getService' | 'getFixTexts'>;
  scorecards: Pick<ScorecardService, 'getTarget' | 'getScorecard'>;
  catalog: CatalogService;
  integrations: ScmIntegrationRegistry;
  providerFor: (target: TrackerTarget) => TicketProvider;
  rules: () => RuleInfo[];
  logger: LoggerService;
  settings: {
    defaultTracker: string;
    jiraProjectKey: string | null;
    labels: string[];
    template: TicketTemplate;
    portalBaseUrl: string | null;
  };
  now?: () => Date;
}

/** A pending ticket this old was abandoned by a crashed request. */
const PENDING_TIMEOUT_MS = 10 * 60_000;

/**
 * Files tickets and fix pull requests from a service's findings, once:
 * the findings' fingerprints are claimed in the database before anything is
 * created remotely, so concurrent requests and replicas find the first one
 * and update it instead. A remote failure leaves nothing stored.
 */
export class TicketService {
  private readonly now: () => Date;

  constructor(private readonly options: TicketServiceOptions) {
    this.now = options.now ?? (() => new Date());
  }

  async request(
    request: TicketRequest,
    ctx: { credentials: BackstageCredentials; actor: string },
  ): Promise<TicketResult> {
    const { scorecards, catalog } = this.options;
    const target = await scorecards.getTarget(
      request.entityRef,
      ctx.credentials,
    );
    const entity = await catalog.getEntityByRef(request.entityRef, {
      credentials: ctx.credentials,
    });
    if (!entity) {
      throw new NotFoundError(`No entity ${request.entityRef} in the catalog`);
    }
    const scorecard = await scorecards.getScorecard(target);
    if (!scorecard.scannedAt) {
      throw new InputError(
        `${request.entityRef} has not been scanned yet; nothing can be filed`,
      );
    }
    const selection = selectFindings(scorecard, request.kind, request.findings);
    const tracker = resolveTracker({
      entity,
      sourceUrl: target.sourceUrl,
      kind: request.kind,
      integrations: this.options.integrations,
      defaults: this.options.settings,
    });
    const provider = this.options.providerFor(tracker.target);
    if (request.kind === 'pull-request' && !provider.openPullRequest) {
      throw new InputError(`${tracker.label} cannot hold a pull request`);
    }

    let holders = await this.recoverAbandoned(
      await this.options.tickets.holders(
        selection.subjects.map(s => s.fingerprint),
      ),
    );
    const held = new Set(
      holders.flatMap(t => t.findings.map(f => f.fingerprint)),
    );
    const subjects = selection.subjects.filter(s => !held.has(s.fingerprint));
    const service = {
      entityRef: target.entityRef,
      title: target.title,
      owner: target.owner,
    };
    const open = scorecard.findings.filter(isOpenFinding);
    const render = async (
      covered: TicketFinding[],
      fingerprint: string,
      related: Ticket[],
    ) => {
      const paths = [...new Set(covered.map(s => s.path))].sort();
      // a pull request's findings are its files' fixable ones: those its
      // combined fix removes
      const findings = open.filter(f => covered.some(s => ticketCovers(s, f)));
      const fixes = await this.fixesOf(scorecard, paths, request.kind);
      const rendered = renderTicket(this.options.settings.template, {
        kind: request.kind,
        service,
        findings,
        rules: this.options.rules(),
        fixes: fixes.map(f => ({ path: f.path, diff: f.diff })),
        scorecardUrl: this.scorecardUrl(request.entityRef),
        fingerprint,
        findingFingerprints: covered.map(s => s.fingerprint),
        related: related.flatMap(t => (t.url ? [t.url] : [])),
      });
      return { ...rendered, fixes };
    };

    if (!subjects.length) {
      return this.updateHolders(holders, request, render, provider, tracker);
    }

    const fingerprints = subjects.map(s => s.fingerprint);
    const fingerprint = ticketFingerprint(fingerprints);
    const related = await this.relatedTickets(
      request.entityRef,
      request.kind,
      subjects.map(s => s.path),
    );
    const content = await render(subjects, fingerprint, related);
    const preview = {
      target: tracker.label,
      title: content.title,
      body: content.body,
      patch: request.kind === 'pull-request' ? joinDiffs(content.fixes) : '',
    };
    if (request.dryRun) {
      return { outcome: 'would-create', tickets: holders, preview };
    }

    const id = randomUUID();
    const claim = await this.options.tickets.claim({
      id,
      entityRef: request.entityRef,
      kind: request.kind,
      tracker: tracker.target.provider,
      target: tracker.label,
      fingerprint,
      title: content.title,
      branch:
        request.kind === 'pull-request'
          ? branchName(request.entityRef, fingerprint)
          : null,
      createdBy: ctx.actor,
      findings: subjects,
    });
    if (!claim.claimed) {
      // another request or replica claimed them first: that one is filed
      holders = claim.holders;
      return this.updateHolders(holders, request, render, provider, tracker);
    }
    try {
      const remote =
        request.kind === 'pull-request'
          ? await provider.openPullRequest!(tracker.target, {
              title: content.title,
              body: content.body,
              labels: this.options.settings.labels,
              branch: claim.ticket.branch!,
              baseBranch: tracker.repository?.ref ?? undefined,
              commitMessage: content.title,
              files: content.fixes.map(f => ({
                path: `${tracker.repository?.pathPrefix ?? ''}${f.path}`,
                content: f.after,
                expectedContent: f.before,
              })),
            })
          : await provider.createIssue(tracker.target, {
              title: content.title,
              body: content.body,
              labels: this.options.settings.labels,
            });
      const ticket = await this.options.tickets.markFiled(id, remote);
      return { outcome: 'created', tickets: [ticket, ...holders], preview };
    } catch (error) {
      await this.options.tickets.remove(id);
      throw error;
    }
  }

  /** The combined fixes (with texts) of `paths`; pull requests need all of them. */
  private async fixesOf(
    scorecard: Scorecard,
    paths: string[],
    kind: TicketKind,
  ): Promise<Array<FileFix & { before: string; after: string }>> {
    const service = await this.options.store.getService(scorecard.entityRef);
    const texts = service?.lastGoodScanId
      ? await this.options.store.getFixTexts(service.lastGoodScanId, paths)
      : new Map();
    if (kind === 'pull-request') {
      const missing = paths.filter(p => !texts.has(p));
      if (missing.length) {
        throw new InputError(
          `The stored fix of ${missing.join(', ')} in ${
            scorecard.entityRef
          } predates fix pull requests; rescan the service, then try again`,
        );
      }
    }
    return paths.flatMap(path => {
      const fix = texts.get(path);
      return fix
        ? [{ path, diff: fix.diff, before: fix.before, after: fix.after }]
        : [];
    });
  }

  /** Open tickets of the other kind about the same files, to link to. */
  private async relatedTickets(
    entityRef: string,
    kind: TicketKind,
    paths: string[],
  ): Promise<Ticket[]> {
    const open = await this.options.tickets.list({
      entityRef,
      states: ['open'],
    });
    return open.filter(
      t => t.kind !== kind && t.findings.some(f => paths.includes(f.path)),
    );
  }

  /** The findings are already filed: refresh the open tickets' text. */
  private async updateHolders(
    holders: Ticket[],
    request: TicketRequest,
    render: (
      covered: TicketFinding[],
      fingerprint: string,
      related: Ticket[],
    ) => Promise<{ title: string; body: string; fixes: FileFix[] }>,
    provider: TicketProvider,
    tracker: ResolvedTracker,
  ): Promise<TicketResult> {
    if (holders.some(t => t.state === 'pending')) {
      return { outcome: 'pending', tickets: holders, preview: null };
    }
    if (request.dryRun) {
      return { outcome: 'would-update', tickets: holders, preview: null };
    }
    const updated: Ticket[] = [];
    for (const ticket of holders) {
      const content = await render(ticket.findings, ticket.fingerprint, []);
      const update = {
        title: content.title,
        body: content.body,
        labels: this.options.settings.labels,
      };
      if (ticket.externalId && ticket.target === tracker.label) {
        const remote =
          ticket.kind === 'pull-request'
            ? await provider.updatePullRequest!(
                tracker.target,
                ticket.externalId,
                update,
              )
            : await provider.updateIssue(
                tracker.target,
                ticket.externalId,
                update,
              );
        updated.push(
          await this.options.tickets.recordSync(ticket.id, {
            state: remote.state,
            title: content.title,
          }),
        );
      } else {
        updated.push(ticket);
      }
    }
    return { outcome: 'updated', tickets: updated, preview: null };
  }

  /**
   * Pending tickets left by a request that died between claiming and
   * saving: adopt the remote issue if it was created (found by the marker in
   * its body), else forget the claim. Pull requests need no search: their
   * branch is named by the fingerprint, so filing again finds the PR.
   */
  private async recoverAbandoned(holders: Ticket[]): Promise<Ticket[]> {
    const cutoff = this.now().getTime() - PENDING_TIMEOUT_MS;
    const kept: Ticket[] = [];
    for (const ticket of holders) {
      if (
        ticket.state !== 'pending' ||
        new Date(ticket.createdAt).getTime() > cutoff
      ) {
        kept.push(ticket);
        continue;
      }
      const found =
        ticket.kind === 'issue' ? await this.findByMarker(ticket) : null;
      if (found) {
        kept.push(await this.options.tickets.markFiled(ticket.id, found));
      } else {
        this.options.logger.warn(
          `Releasing ticket ${ticket.id} of ${ticket.entityRef}: its request did not finish`,
        );
        await this.options.tickets.remove(ticket.id);
      }
    }
    return kept;
  }

  private async findByMarker(ticket: Ticket) {
    const target = parseTargetLabel(ticket.target);
    return this.options
      .providerFor(target)
      .findIssueByMarker(
        target,
        fingerprintMarker(ticket.fingerprint),
        this.options.settings.labels,
      );
  }

  private scorecardUrl(entityRef: string): string {
    const base = this.options.settings.portalBaseUrl;
    if (!base) return `the Build cache tab of ${entityRef} in the portal`;
    const { kind, namespace, name } = parseEntityRef(entityRef);
    return `${base.replace(
      /\/$/,
      '',
    )}/catalog/${namespace}/${kind}/${name}/buildcache`;
  }
}

/** The branch of a fix pull request: stable, so a retry finds it. */
export function branchName(entityRef: string, fingerprint: string): string {
  const name = parseEntityRef(entityRef)
    .name.toLocaleLowerCase('en-US')
    .replace(/[^a-z0-9-]+/g, '-')
    .slice(0, 40);
  return `buildcache/fix-${name}-${fingerprint.slice(0, 10)}`;
}

function joinDiffs(fixes: FileFix[]): string {
  return fixes.map(f => f.diff.replace(/\n?$/, '\n')).join('');
}
