import type express from 'express';
import { buildcacheComplianceReadPermission } from '@buildcache/plugin-buildcache-common';
import type { FindingExportRow } from '../database/FindingQueries';
import type { BuildcacheApiRouter } from '../schema/generated/openapi';
import { csvRow } from './csv';
import type { RouteDependencies } from './types';

/** The findings CSV is bounded so one request cannot dump an unbounded table. */
export const FINDINGS_CSV_MAX_ROWS = 100_000;

const COLUMNS: Array<[string, (row: FindingExportRow) => unknown]> = [
  ['service', r => r.service],
  ['owner', r => r.owner],
  ['system', r => r.system],
  ['rule', r => r.rule],
  ['file', r => r.file],
  ['line', r => r.line],
  ['severity', r => r.severity],
  ['state', r => r.state],
];

/** Writes a chunk, waiting while the client is slower than the database. */
async function write(res: express.Response, chunk: string): Promise<void> {
  if (!res.write(chunk)) {
    await new Promise<void>(resolve => {
      const done = () => {
        res.off('drain', done);
        res.off('close', done);
        resolve();
      };
      res.on('drain', done);
      res.on('close', done);
    });
  }
}

/** Findings-level exports over the org's current results. */
export function registerFindingRoutes(
  router: BuildcacheApiRouter,
  deps: RouteDependencies,
) {
  router.get('/v1/compliance/findings', async (req, res) => {
    await deps.authorizer.authorize(req, buildcacheComplianceReadPermission);
    const rows = deps.findings.exportRows(req.query, FINDINGS_CSV_MAX_ROWS);
    // the typed response only knows the spec's bodies; this one is streamed
    const plain = res as unknown as express.Response;
    // read the first page before answering, so a database error is a 500
    const first = await rows.next();
    plain.type('text/csv').attachment('buildcache-findings.csv');
    await write(plain, csvRow(COLUMNS.map(([name]) => name)));
    try {
      if (!first.done) {
        await write(plain, csvRow(COLUMNS.map(([, get]) => get(first.value))));
        for await (const row of rows) {
          if (plain.destroyed) break;
          await write(plain, csvRow(COLUMNS.map(([, get]) => get(row))));
        }
      }
    } catch (error) {
      // the status line is sent: cut the body short so the client sees a failure
      plain.destroy(error as Error);
      return;
    } finally {
      await rows.return(undefined);
    }
    plain.end();
  });
}
