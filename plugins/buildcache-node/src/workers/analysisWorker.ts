import type { MessagePort } from 'node:worker_threads';
import { analyzeRepository } from '../engine/analyzeRepository';
import { defaultRules } from '../rules';
import type {
  AnalysisRequest,
  AnalysisResponse,
  WorkerAnalysis,
} from './analysisRequest';

const BUILT_IN = new Map(defaultRules.map(rule => [rule.meta.id, rule]));

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** One request, answered as the in-process analysis would answer it. */
export function analyzeRequest({
  files,
  options,
}: AnalysisRequest): WorkerAnalysis {
  const { ruleIds, ...rest } = options;
  // a Buffer crosses the thread as a plain Uint8Array: a Buffer over the
  // same bytes again, without copying them
  const input = files.map(f => ({
    ...f,
    content: Buffer.from(
      f.content.buffer,
      f.content.byteOffset,
      f.content.byteLength,
    ),
  }));
  const rules = ruleIds.map(id => {
    const rule = BUILT_IN.get(id);
    if (!rule) throw new Error(`${id} is not a built-in rule`);
    return rule;
  });
  const analysis = analyzeRepository(input, { ...rest, rules });
  let combined: WorkerAnalysis['combined'];
  try {
    combined = { patches: analysis.combineFixes().patches };
  } catch (error) {
    combined = { error: messageOf(error) };
  }
  return { report: analysis.report, combined };
}

/**
 * Answers the analysis requests of an {@link AnalysisPool} on `port` (the
 * worker thread's parentPort): what a pool's worker runs.
 * @public
 */
export function serveAnalysisWorker(port: MessagePort): void {
  port.on('message', (request: AnalysisRequest) => {
    let response: AnalysisResponse;
    try {
      response = { id: request.id, analysis: analyzeRequest(request) };
    } catch (error) {
      response = { id: request.id, error: messageOf(error) };
    }
    port.postMessage(response);
  });
}
