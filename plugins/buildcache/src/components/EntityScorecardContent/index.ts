export { EntityBuildcacheContent } from './EntityBuildcacheContent';
export type { EntityBuildcacheContentProps } from './EntityBuildcacheContent';
