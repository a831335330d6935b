/**
 * buildcache frontend: BuildKit cache scorecards on entity pages and an
 * org-wide compliance page.
 *
 * @packageDocumentation
 */
export {
  buildcachePlugin,
  EntityBuildcacheCard,
  EntityBuildcacheContent,
  BuildcacheCompliancePage,
  isBuildcacheAvailable,
} from './plugin';
export * from './api';
export type { EntityBuildcacheCardProps } from './components/EntityScorecardCard';
export type { EntityBuildcacheContentProps } from './components/EntityScorecardContent';
export type { CompliancePageProps } from './components/common/BuildcachePage';
export { rootRouteRef as buildcacheRouteRef } from './routes';
export {
  createBuildcacheColumn,
  type BuildcacheColumnOptions,
} from './components/CatalogColumn';
