/*
 * The files of ../shared/corpus the floor/peer bench runs on: every
 * Dockerfile and every YAML CI file (GitHub Actions, GitLab CI, CircleCI,
 * compose) the analyzer classifies, grouped by repository as the CLI would
 * see them. The buildkit parser test cases (positive and negative) are one
 * repository of one Dockerfile each. Jenkinsfiles and bake files are left
 * out: they have no parser in the floor.
 */
const fs = require('node:fs');
const path = require('node:path');

const YAML_KINDS = new Set([
  'github-actions',
  'gitlab-ci',
  'circleci',
  'compose',
]);

function walk(dir, prefix = '') {
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...walk(path.join(dir, entry.name), rel));
    else if (entry.isFile()) out.push(rel);
  }
  return out;
}

/**
 * Returns `[{ name, files: [{ repo, path, kind, content: Buffer, text }] }]`,
 * `kind` 'dockerfile' or 'yaml'; only repositories with at least one file.
 */
function loadCorpusFiles(corpusRoot, classifyFile) {
  const repos = [];
  const add = (name, dir) => {
    const files = [];
    for (const rel of walk(dir).sort()) {
      const kind = classifyFile(rel);
      if (kind !== 'dockerfile' && !YAML_KINDS.has(kind)) continue;
      const content = fs.readFileSync(path.join(dir, rel));
      files.push({
        repo: name,
        path: rel,
        kind: kind === 'dockerfile' ? 'dockerfile' : 'yaml',
        content,
        text: content.toString('utf8'),
      });
    }
    if (files.length > 0) repos.push({ name, files });
  };
  const reposDir = path.join(corpusRoot, 'repos');
  for (const name of fs.readdirSync(reposDir).sort())
    add(name, path.join(reposDir, name));
  for (const set of [
    'buildkit-parser-testfiles',
    'buildkit-parser-testfiles-negative',
  ]) {
    const dir = path.join(corpusRoot, set);
    if (!fs.existsSync(dir)) continue;
    for (const name of fs.readdirSync(dir).sort()) {
      if (fs.statSync(path.join(dir, name)).isDirectory())
        add(`${set}/${name}`, path.join(dir, name));
    }
  }
  return repos;
}

module.exports = { loadCorpusFiles };
