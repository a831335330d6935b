import type {
  LoggerService,
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { syncTickets, type SyncOptions } from './syncTickets';

export const TICKET_SYNC_TASK_ID = 'buildcache-ticket-sync';

/** Reads ticket states back on a schedule, on one replica at a time. */
export async function scheduleTicketSync(options: {
  scheduler: SchedulerService;
  schedule: SchedulerServiceTaskScheduleDefinition;
  logger: LoggerService;
  sync: SyncOptions;
}) {
  await options.scheduler.scheduleTask({
    id: TICKET_SYNC_TASK_ID,
    ...options.schedule,
    scope: 'global',
    fn: async () => {
      const summary = await syncTickets(options.sync);
      if (summary.checked) {
        options.logger.info(
          `Ticket sync: ${summary.checked} checked, ${summary.changed} closed or merged in their tracker, ${summary.closedAsFixed} closed as fixed, ${summary.failed} failed`,
        );
      }
    },
  });
}
