/**
 * The user and environment an external base image runs with, for the images
 * whose defaults the analyzer knows (rules.md, 2026-12 clarification): Red
 * Hat UBI language and s2i images run as uid 1001 with HOME
 * /opt/app-root/src; CircleCI `cimg/*` images as `circleci` (HOME
 * /home/circleci). Every other image starts as root, as official images do.
 */
export interface ImageDefaults {
  user: string;
  /** Numeric ids of that user, for cache mount ownership. */
  uid: string;
  gid: string;
  env: ReadonlyArray<readonly [string, string]>;
}

const ROOT: ImageDefaults = { user: 'root', uid: '0', gid: '0', env: [] };

const UBI_APP: ImageDefaults = {
  user: '1001',
  uid: '1001',
  gid: '0',
  env: [['HOME', '/opt/app-root/src']],
};

const CIRCLECI: ImageDefaults = {
  user: 'circleci',
  uid: '3434',
  gid: '3434',
  env: [['HOME', '/home/circleci']],
};

/** `ubi8/python-39`, `ubi9/nodejs-20`, `ubi9/s2i-base`… (not `ubi9/ubi`, `ubi9/ubi-minimal`). */
const UBI_LANGUAGE =
  /(^|\/)ubi\d+\/(python|nodejs|ruby|php|perl|go-toolset|dotnet|openjdk|s2i-base|s2i-core|nginx|httpd)[\w.-]*$/;

/** Image repository (without registry host and tag) and tag of a reference. */
export function splitImageReference(ref: string): {
  repository: string;
  tag: string;
} {
  const noDigest = ref.split('@')[0];
  const lastSlash = noDigest.lastIndexOf('/');
  const colon = noDigest.lastIndexOf(':');
  const hasTag = colon > lastSlash;
  let repository = hasTag ? noDigest.slice(0, colon) : noDigest;
  const tag = hasTag ? noDigest.slice(colon + 1) : '';
  const parts = repository.split('/');
  if (parts.length > 1 && /[.:]|^localhost$/.test(parts[0]))
    repository = parts.slice(1).join('/');
  if (repository.startsWith('library/'))
    repository = repository.slice('library/'.length);
  return { repository, tag };
}

/** The defaults of an external base image (`ref` as expanded, any case). */
export function imageDefaultsOf(ref: string): ImageDefaults {
  const { repository } = splitImageReference(ref.toLowerCase());
  if (UBI_LANGUAGE.test(repository)) return UBI_APP;
  if (repository.startsWith('cimg/')) return CIRCLECI;
  return ROOT;
}
