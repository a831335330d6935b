/**
 * The buildcache backend plugin.
 *
 * @packageDocumentation
 */
export { buildcachePlugin as default } from './plugin';
export { localDirectoryUrlReaderFactory } from './reader/LocalDirectoryUrlReader';
