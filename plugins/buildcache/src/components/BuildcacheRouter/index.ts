export { BuildcacheRouter, BuildcacheRoutes } from './BuildcacheRouter';
