import { splitImageReference } from '../../dockerfile/imageDefaults';
import type { DockerfileModel, DockerStage } from '../../dockerfile/model';
import type { CacheEnvironment } from '../../shell/cacheDirectories';
import { stageAncestry } from './aptHygiene';

export { splitImageReference };

/**
 * The external image a stage is ultimately built FROM (following
 * `FROM <stage>`), lower-cased; null when it cannot be resolved.
 */
export function rootBaseImage(
  model: DockerfileModel,
  stage: DockerStage,
): string | null {
  const chain = stageAncestry(model, stage);
  const root = chain[chain.length - 1];
  if (root.baseStage !== null) return null; // a cycle: unknown
  return root.baseImageExpanded?.toLowerCase() ?? null;
}

const NON_DEBIAN_REPOSITORIES =
  /(^|\/)(alpine|fedora|centos|rockylinux|almalinux|amazonlinux|oraclelinux|archlinux|busybox|photon|clearlinux|ubi\d*(-\w+)?|ubi-minimal|wolfi-base|leap|tumbleweed|opensuse|stage3|void-linux|nixos\/nix|scratch)$/;

/**
 * True when an image reference is known not to be Debian-family (Alpine,
 * Fedora/RHEL family, Amazon Linux, Arch, openSUSE, busybox, scratch…).
 * Unknown images are not "known non-Debian".
 */
export function isKnownNonDebianImage(ref: string): boolean {
  const { repository, tag } = splitImageReference(ref.toLowerCase());
  if (repository === 'scratch') return true;
  if (NON_DEBIAN_REPOSITORIES.test(repository)) return true;
  if (/(^|[-_.])alpine/.test(tag)) return true;
  if (/(^|[-_.])(ubi\d*|fedora|centos|amazonlinux|al2(023)?)(\b|$)/.test(tag))
    return true;
  return repository.startsWith('chainguard/');
}

/**
 * Variables an official image sets that the cache-directory lookup needs:
 * the `rust` image installs cargo with `CARGO_HOME=/usr/local/cargo`, so
 * `~/.cargo` is not its cache there; the `golang` image sets `GOPATH=/go`
 * (elsewhere the module cache is `$HOME/go/pkg/mod`); the `composer` image
 * sets `COMPOSER_HOME=/tmp`, so its cache is `/tmp/cache` there only.
 */
const OFFICIAL_IMAGE_ENV: Record<string, Record<string, string>> = {
  rust: { CARGO_HOME: '/usr/local/cargo' },
  golang: { GOPATH: '/go' },
  composer: { COMPOSER_HOME: '/tmp' },
  'composer/composer': { COMPOSER_HOME: '/tmp' },
};

/**
 * `env` with the variables the stage's official base image sets, for names
 * the Dockerfile itself leaves unset. Unknown images add nothing.
 */
export function withBaseImageEnvironment(
  env: CacheEnvironment,
  model: DockerfileModel,
  stageIndex: number | null,
): CacheEnvironment {
  if (stageIndex === null) return env;
  const base = rootBaseImage(model, model.stages[stageIndex]);
  const defaults = base
    ? OFFICIAL_IMAGE_ENV[splitImageReference(base).repository]
    : undefined;
  if (!defaults) return env;
  return {
    ...env,
    lookup: name => {
      const value = env.lookup(name);
      return value !== undefined ? value : defaults[name];
    },
  };
}
