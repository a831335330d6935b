#!/usr/bin/env node
/*
 * Generates src/schema/generated/openapi.ts from src/schema/openapi.yaml: the
 * spec as a typed constant, and a router factory whose handlers are typed by
 * the spec's parameters, bodies and responses.
 * Usage: node scripts/generate-openapi.mjs [--check]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const source = join(root, 'src/schema/openapi.yaml');
const target = join(root, 'src/schema/generated/openapi.ts');

export function renderOpenApiModule(yamlText) {
  const spec = parse(yamlText);
  return `// Generated from openapi.yaml by scripts/generate-openapi.mjs. Do not edit:
// change openapi.yaml and run \`yarn workspace @buildcache/plugin-buildcache-backend openapi:generate\`.
/* eslint-disable */
import { createValidatedOpenApiRouter } from '@backstage/backend-openapi-utils';

export const spec = ${JSON.stringify(spec, null, 2)} as const;

export type BuildcacheApiRouter = ReturnType<typeof createValidatedOpenApiRouter<typeof spec>>;

export const createOpenApiRouter = async (
  options?: Parameters<typeof createValidatedOpenApiRouter>['1'],
): Promise<BuildcacheApiRouter> =>
  createValidatedOpenApiRouter<typeof spec>(spec, options);
`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const rendered = renderOpenApiModule(readFileSync(source, 'utf8'));
  if (process.argv.includes('--check')) {
    if (readFileSync(target, 'utf8') !== rendered) {
      console.error(`${target} is stale: run openapi:generate`);
      process.exit(1);
    }
  } else {
    writeFileSync(target, rendered);
  }
}
