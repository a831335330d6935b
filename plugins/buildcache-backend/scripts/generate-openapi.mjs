#!/usr/bin/env node
/*
 * Generates, from src/schema/openapi.yaml (the one source of the REST
 * contract):
 * - src/schema/generated/openapi.ts: the spec as a typed constant and a
 *   router factory whose handlers are typed by the spec's parameters, bodies
 *   and responses (@backstage/backend-openapi-utils);
 * - ../buildcache-common/src/generated/openapi.ts: the request and response
 *   types (openapi-typescript), which -common re-exports by name and the
 *   frontend client uses.
 * Usage: node scripts/generate-openapi.mjs [--check]
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import { parse } from 'yaml';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const source = join(root, 'src/schema/openapi.yaml');
const target = join(root, 'src/schema/generated/openapi.ts');
const typesTarget = join(root, '../buildcache-common/src/generated/openapi.ts');

/** The spec's types, as openapi-typescript writes them. */
export async function renderTypesModule(yamlText) {
  // a default makes a request field optional, not required
  const ast = await openapiTS(parse(yamlText), {
    exportType: true,
    defaultNonNullable: false,
  });
  return `// Generated from plugins/buildcache-backend/src/schema/openapi.yaml by its
// scripts/generate-openapi.mjs (openapi-typescript). Do not edit: change the
// spec and run \`yarn workspace @buildcache/plugin-buildcache-backend openapi:generate\`.
/* eslint-disable */
${astToString(ast)}`;
}

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
  const yamlText = readFileSync(source, 'utf8');
  const outputs = [
    [target, renderOpenApiModule(yamlText)],
    [typesTarget, await renderTypesModule(yamlText)],
  ];
  let stale = false;
  for (const [file, rendered] of outputs) {
    if (process.argv.includes('--check')) {
      const current = existsSync(file) ? readFileSync(file, 'utf8') : '';
      if (current !== rendered) {
        console.error(`${file} is stale: run openapi:generate`);
        stale = true;
      }
    } else {
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, rendered);
    }
  }
  if (stale) process.exit(1);
}
