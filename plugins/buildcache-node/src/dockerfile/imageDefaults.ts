/**
 * The user and environment an external base image runs with, for the images
 * whose defaults the analyzer knows (rules.md, 2026-12 clarification): Red
 * Hat UBI language and s2i images run as uid 1001 with HOME
 * /opt/app-root/src; CircleCI `cimg/*` images as `circleci` (HOME
 * /home/circleci). Official images and the vendor images listed here start
 * as root; for any other image the user is unknown.
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

/** `ubi8/python-39`, `ubi9/nodejs-20`, `sclorg/python-312-c9s`, `fedora/python-313`… (not `ubi9/ubi`, `ubi9/ubi-minimal`). */
const UBI_LANGUAGE =
  /(^|\/)(ubi\d+|sclorg|fedora|centos7)\/(python|nodejs|ruby|php|perl|go-toolset|dotnet|openjdk|nginx|httpd)-[\w.-]*$/;

/**
 * The s2i base images (`ubi9/s2i-base`, `sclorg/s2i-core-c9s`,
 * `fedora/s2i-base`) still run as root (the language images install
 * packages on them before switching to 1001) but set HOME to
 * /opt/app-root/src.
 */
const S2I_BASE = /(^|\/)(ubi\d+|sclorg|fedora|centos7)\/s2i-(base|core)[\w.-]*$/;

const S2I_ROOT: ImageDefaults = {
  user: 'root',
  uid: '0',
  gid: '0',
  env: [['HOME', '/opt/app-root/src']],
};

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

/** Official Docker Hub images that do not run as root. */
const NON_ROOT_OFFICIAL = new Set([
  'elasticsearch',
  'kibana',
  'logstash',
  'sonarqube',
  'solr',
  'odoo',
  'jenkins',
  'mongo-express',
]);

/**
 * Images outside Docker Hub's official library known to run as root: the
 * vendors' own base and toolchain images (Microsoft, NVIDIA/AMD, Red Hat's
 * plain UBI, SUSE BCI, Amazon, distroless…) and widely used toolchain images
 * built on official ones.
 */
const ROOT_IMAGES =
  /^(dotnet\/|azurelinux\/|cbl-mariner\/|devcontainers\/|vscode\/devcontainers\/|playwright|powershell|nvidia\/|rocm\/|distroless\/|ubi\d*\/ubi(-minimal|-micro|-init)?$|redhat\/ubi\d*(-minimal|-micro|-init)?$|ubi\d*(-minimal|-micro|-init)?$|bci\/|suse\/|opensuse\/|amazonlinux\/|lambda\/|docker\/library\/|ubuntu\/ubuntu$|debian\/|rockylinux\/|almalinux\/|centos\/|fedora\/|oraclelinux\/|astral-sh\/uv$|oven\/bun$|denoland\/deno$|tonistiigi\/|moby\/|docker\/|dockereng\/|lukemathwalker\/cargo-chef$|golangci\/golangci-lint$|continuumio\/|condaforge\/|pytorch\/pytorch$|tensorflow\/tensorflow$|hexpm\/|composer\/composer$|tiangolo\/|cypress\/|crazymax\/|goreleaser\/|discourse\/ruby$|reactnativecommunity\/react-native-android$|pypa\/manylinux|pypa\/musllinux|kaniko-project\/)/;

/** Images known to run as a fixed non-root user with a known home. */
const NON_ROOT_IMAGES: [RegExp, ImageDefaults][] = [
  [
    /^mambaorg\/micromamba$/,
    {
      user: 'mambauser',
      uid: '57439',
      gid: '57439',
      env: [['HOME', '/home/mambauser']],
    },
  ],
  [/^circleci\//, CIRCLECI],
];

/**
 * The defaults of an external base image (`ref` as expanded, any case);
 * null when the analyzer does not know which user it runs as (rules that
 * depend on the user or its home then abstain, rules.md 2026-12).
 */
export function imageDefaultsOf(ref: string): ImageDefaults | null {
  const { repository, tag } = splitImageReference(ref.toLowerCase());
  if (/[$]/.test(repository)) return null;
  if (repository === 'scratch') return ROOT;
  if (S2I_BASE.test(repository)) return S2I_ROOT;
  if (UBI_LANGUAGE.test(repository)) return UBI_APP;
  if (repository.startsWith('cimg/')) return CIRCLECI;
  for (const [pattern, defaults] of NON_ROOT_IMAGES)
    if (pattern.test(repository)) return defaults;
  if (repository.startsWith('distroless/') && /nonroot/.test(tag))
    return {
      user: 'nonroot',
      uid: '65532',
      gid: '65532',
      env: [['HOME', '/home/nonroot']],
    };
  if (!repository.includes('/'))
    return NON_ROOT_OFFICIAL.has(repository) ? null : ROOT;
  return ROOT_IMAGES.test(repository) ? ROOT : null;
}
