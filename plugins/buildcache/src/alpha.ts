/**
 * buildcache for Backstage's new frontend system.
 *
 * @packageDocumentation
 */
export {
  default,
  buildcacheApi,
  buildcacheCompliancePage,
  buildcacheEntityCard,
  buildcacheEntityContent,
} from './alpha/plugin';
