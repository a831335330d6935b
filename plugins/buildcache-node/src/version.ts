import packageJson from '../package.json';

/** Version of the analyzer, reported as `tool.version`. @public */
export const ANALYZER_VERSION: string = packageJson.version;
