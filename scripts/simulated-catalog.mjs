#!/usr/bin/env node
/*
 * Writes the catalog of the simulated portal (scripts/start-simulated.sh):
 * every example service of examples/*, with its source location on the
 * loopback SCM simulator (where the same folder is served as acme/<name>),
 * so the portal reads, links and files tickets through the GitHub API.
 * Usage: node scripts/simulated-catalog.mjs <simulator url> <output file>
 */
import {
  mkdirSync,
  readdirSync,
  readFileSync,
  writeFileSync,
  existsSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments, stringify } from 'yaml';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const [simulatorUrl, output] = process.argv.slice(2);
if (!simulatorUrl || !output) {
  console.error('usage: simulated-catalog.mjs <simulator url> <output file>');
  process.exit(2);
}

const documents = [];
for (const folder of readdirSync(join(root, 'examples')).sort()) {
  const file = join(root, 'examples', folder, 'catalog-info.yaml');
  if (!existsSync(file)) continue;
  for (const doc of parseAllDocuments(readFileSync(file, 'utf8'))) {
    if (doc.errors.length) {
      console.error(`${file}: ${doc.errors[0].message}`);
      process.exit(1);
    }
    const entity = doc.toJSON();
    if (!entity) continue;
    entity.metadata.annotations = {
      ...entity.metadata.annotations,
      'backstage.io/source-location': `url:${simulatorUrl.replace(
        /\/$/,
        '',
      )}/acme/${folder}/tree/main/`,
    };
    documents.push(stringify(entity));
  }
}
mkdirSync(dirname(output), { recursive: true });
writeFileSync(output, documents.join('---\n'));
console.log(
  `[buildcache] ${documents.length} example entities on ${simulatorUrl} -> ${output}`,
);
