export {
  createBuildcacheColumn,
  type BuildcacheColumnOptions,
} from './BuildcacheColumn';
