export { EntityBuildcacheCard } from './EntityBuildcacheCard';
export type { EntityBuildcacheCardProps } from './EntityBuildcacheCard';
