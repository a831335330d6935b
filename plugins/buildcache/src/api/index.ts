export * from './BuildcacheApi';
export { BuildcacheClient } from './BuildcacheClient';
