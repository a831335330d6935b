/**
 * Loopback GitHub (REST v3) and GitLab (REST v4) simulator for buildcache
 * development and tests.
 *
 * @packageDocumentation
 */

export { startScmSimulator } from './simulator';
export type {
  LoopbackHost,
  ScmSimulator,
  ScmSimulatorOptions,
  SeedRepository,
} from './simulator';
export { seedFromDirectory } from './store/seed';
export type { FileInput, FileWithMode } from './store/store';
export type { FileMode } from './store/objects';
export { FaultQueue } from './faults';
export type { FaultSpec } from './faults';
export { RateLimiter } from './rateLimit';
export type { RateLimitOptions, RateLimitSnapshot } from './rateLimit';
export { SimulatorState } from './state';
export type {
  CommentSummary,
  CommitSummary,
  IssueSummary,
  PullSummary,
  RepositorySummary,
} from './state';
export type { RequestLogEntry } from './requestLog';
export type { Platform } from './http/request';
export { runCli, parseCliArgs } from './cli';
export { NetworkShaper } from './network';
export type { NetworkProfile } from './network';
export { ArchiveCache } from './archiveCache';
export type { ArchiveCacheOptions } from './archiveCache';
export * from './synthetic';
export type { CliIo, CliOptions } from './cli';
export { createTarball } from './tarball';
export type { ArchiveEntry } from './tarball';
