import type { LoggerService } from '@backstage/backend-plugin-api';
import { stringifyError } from '@backstage/errors';
import {
  ticketCovers,
  type Ticket,
} from '@buildcache/plugin-buildcache-common';
import type { ScanStore } from '../database/ScanStore';
import type { TicketStore } from '../database/TicketStore';
import type { TicketProvider, TrackerTarget } from './providers/types';
import { parseTargetLabel } from './resolveTracker';

export interface SyncSummary {
  checked: number;
  /** Tickets whose state changed (closed or merged in the tracker). */
  changed: number;
  /** Tickets buildcache closed because their findings are gone. */
  closedAsFixed: number;
  failed: number;
}

export interface SyncOptions {
  tickets: TicketStore;
  store: Pick<ScanStore, 'getService' | 'getFindings'>;
  providerFor: (target: TrackerTarget) => TicketProvider;
  /** Comment on and close open tickets whose findings a later scan no longer shows. */
  closeWhenFixed: boolean;
  logger: LoggerService;
}

/**
 * Reads every open ticket's state back from its tracker; closes (with a
 * comment) those whose findings a scan after filing no longer shows. One
 * ticket's failure is recorded on it and never stops the others.
 */
export async function syncTickets(options: SyncOptions): Promise<SyncSummary> {
  const summary: SyncSummary = {
    checked: 0,
    changed: 0,
    closedAsFixed: 0,
    failed: 0,
  };
  const open = await options.tickets.list({ states: ['open'] });
  for (const ticket of open) {
    summary.checked++;
    try {
      const outcome = await syncOne(ticket, options);
      if (outcome === 'changed') summary.changed++;
      if (outcome === 'closed-as-fixed') summary.closedAsFixed++;
    } catch (error) {
      summary.failed++;
      await options.tickets.recordSync(ticket.id, {
        syncError: stringifyError(error),
      });
      options.logger.warn(
        `Syncing ticket ${ticket.url ?? ticket.id} of ${
          ticket.entityRef
        } failed: ${stringifyError(error)}`,
      );
    }
  }
  return summary;
}

async function syncOne(
  ticket: Ticket,
  options: SyncOptions,
): Promise<'unchanged' | 'changed' | 'closed-as-fixed'> {
  const target = parseTargetLabel(ticket.target);
  const provider = options.providerFor(target);
  const id = ticket.externalId!;
  const isPull = ticket.kind === 'pull-request';
  const remote = isPull
    ? await provider.getPullRequest!(target, id)
    : await provider.getIssue(target, id);
  if (remote.state !== 'open') {
    await options.tickets.recordSync(ticket.id, { state: remote.state });
    return 'changed';
  }
  const gone = options.closeWhenFixed
    ? await findingsGone(ticket, options.store)
    : null;
  if (!gone) {
    await options.tickets.recordSync(ticket.id, {});
    return 'unchanged';
  }
  const comment = `buildcache's scan of ${gone.commit ?? 'the repository'} (${
    gone.scannedAt
  }) no longer finds ${describe(ticket)}, so this ${
    isPull ? 'pull request is no longer needed' : 'issue is resolved'
  }. Closing it.`;
  const closed = isPull
    ? await provider.closePullRequest!(target, id, comment)
    : await provider.closeIssue(target, id, comment);
  await options.tickets.recordSync(ticket.id, {
    state: closed.state,
    closedReason: `findings gone in the scan of ${gone.scannedAt}`,
  });
  return 'closed-as-fixed';
}

/**
 * The scan that shows every finding of the ticket gone, if the service's
 * current result was scanned after the ticket was filed and shows none of
 * them (a pull request's findings are its files' fixable ones).
 */
async function findingsGone(
  ticket: Ticket,
  store: SyncOptions['store'],
): Promise<{ commit: string | null; scannedAt: string } | null> {
  const service = await store.getService(ticket.entityRef);
  if (!service?.lastGoodScanId || !service.scannedAt) return null;
  if (new Date(service.scannedAt) <= new Date(ticket.createdAt)) return null;
  const findings = await store.getFindings(service.lastGoodScanId);
  const remains = (covered: Ticket['findings'][number]) =>
    findings.some(f => ticketCovers(covered, f));
  if (ticket.findings.some(remains)) return null;
  return { commit: service.commitSha, scannedAt: service.scannedAt };
}

function describe(ticket: Ticket): string {
  return ticket.findings
    .map(f =>
      f.ruleId === '*'
        ? `the fixable findings in ${f.path}`
        : `${f.ruleId} in ${f.path}`,
    )
    .join(', ');
}
