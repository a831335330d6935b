import type { FileKind } from '@buildcache/plugin-buildcache-common';
import { basenameOf } from '../model/text';

/** Directories never scanned: dependencies, VCS metadata and vendored trees. */
export const SKIPPED_DIRECTORIES: ReadonlySet<string> = new Set([
  'node_modules',
  '.git',
  '.hg',
  '.svn',
  'vendor',
  'third_party',
  'third-party',
  'bower_components',
  '.venv',
  'venv',
  '.tox',
  '.yarn',
  '.terraform',
]);

const NOT_DOCKERFILE_EXTENSIONS =
  /\.(dockerignore|md|txt|rst|sh|orig|bak|swp|rej|patch|diff|json|ya?ml|j2|tmpl|template)$/i;

/** True for Dockerfile names: Dockerfile, *.Dockerfile, Dockerfile.*, Containerfile (case-insensitive). */
export function isDockerfileName(name: string): boolean {
  const lower = name.toLowerCase();
  if (lower === 'dockerfile' || lower === 'containerfile') return true;
  if (lower.endsWith('.dockerfile') || lower.endsWith('.containerfile'))
    return true;
  if (lower.startsWith('dockerfile.') || lower.startsWith('containerfile.')) {
    return !NOT_DOCKERFILE_EXTENSIONS.test(lower);
  }
  return false;
}

function hasSkippedSegment(segments: string[]): boolean {
  for (let i = 0; i < segments.length - 1; i++) {
    if (SKIPPED_DIRECTORIES.has(segments[i])) return true;
  }
  return false;
}

const YAML = /\.ya?ml$/i;

/**
 * Path-only filter for the files the analyzer reads (the backend uses it as
 * the readTree filter, so it must stay cheap).
 * @public
 */
export function isAnalyzerCandidate(path: string): boolean {
  const segments = path
    .replace(/\\/g, '/')
    .replace(/^\.\//, '')
    .split('/')
    .filter(s => s !== '');
  if (segments.length === 0 || hasSkippedSegment(segments)) return false;
  const name = segments[segments.length - 1];
  const lower = name.toLowerCase();
  if (isDockerfileName(name)) return true;
  if (lower === '.dockerignore' || lower.endsWith('.dockerignore')) return true;
  if (
    lower === 'jenkinsfile' ||
    lower.startsWith('jenkinsfile.') ||
    lower.endsWith('.jenkinsfile')
  )
    return true;
  if (/^docker-bake(\.[\w-]+)*\.(hcl|json)$/.test(lower)) return true;
  if (YAML.test(lower)) {
    if (/^(docker-)?compose([.-][\w.-]*)?\.ya?ml$/.test(lower)) return true;
    if (lower.endsWith('gitlab-ci.yml') || lower.endsWith('gitlab-ci.yaml'))
      return true;
    const dir = segments.slice(0, -1).join('/');
    if (dir === '.github/workflows') return true;
    if (dir === '.circleci' && /^config\.ya?ml$/.test(lower)) return true;
    // Candidates for GitLab `include: local` files.
    if (
      segments[0] === '.gitlab' ||
      segments[0] === 'ci' ||
      segments[0] === '.ci'
    )
      return true;
    if (segments.includes('gitlab-ci') || segments.includes('.gitlab-ci'))
      return true;
  }
  return false;
}

/** The report kind of a candidate path, or null when the file only supports others (e.g. .dockerignore). */
export function classifyFile(path: string): FileKind | null {
  const name = basenameOf(path);
  const lower = name.toLowerCase();
  if (isDockerfileName(name)) return 'dockerfile';
  if (YAML.test(lower)) {
    if (/^(\.github\/workflows)\/[^/]+$/.test(path)) return 'github-actions';
    if (
      lower === '.gitlab-ci.yml' ||
      lower === '.gitlab-ci.yaml' ||
      lower.endsWith('.gitlab-ci.yml') ||
      lower.endsWith('.gitlab-ci.yaml')
    ) {
      return 'gitlab-ci';
    }
    if (/^\.circleci\/config\.ya?ml$/.test(path)) return 'circleci';
    if (/^(docker-)?compose([.-][\w.-]*)?\.ya?ml$/.test(lower))
      return 'compose';
    return null;
  }
  if (
    lower === 'jenkinsfile' ||
    lower.startsWith('jenkinsfile.') ||
    lower.endsWith('.jenkinsfile')
  ) {
    return 'jenkinsfile';
  }
  if (/^docker-bake(\.[\w-]+)*\.(hcl|json)$/.test(lower)) return 'bake';
  return null;
}
