import type { PackageManagerCall, PackageManagerId } from './packageManagers';
import { flagValue } from './flagValue';

/** What the cache-directory lookup knows about the environment of a RUN. @public */
export interface CacheEnvironment {
  /** Resolved variable value, undefined when not set, null when set but unknown. */
  lookup(name: string): string | null | undefined;
  /** Home directory of the user the RUN executes as, null when unknown. */
  home: string | null;
  isRoot: boolean;
}

/** Where a manager keeps its download/build cache for this RUN. @public */
export interface CacheDirectories {
  /** Absolute directories; a cache mount on any of them (or an ancestor/descendant) keeps the cache. */
  dirs: string[];
  /** True when some default depends on a home directory that could not be resolved, or an override is unknown. */
  incomplete: boolean;
}

/** The cache directories of one package-manager call (defaults, ENV overrides and flags). @public */
export function cacheDirectoriesFor(
  call: PackageManagerCall,
  env: CacheEnvironment,
): CacheDirectories {
  const dirs: string[] = [];
  let incomplete = false;
  const inline = new Map(
    call.command.assignments.map(a => [a.name, a.value] as const),
  );
  const v = (name: string): string | null | undefined =>
    inline.has(name) ? inline.get(name) : env.lookup(name);
  const add = (dir: string | null | undefined) => {
    if (dir === null) incomplete = true;
    else if (dir !== undefined && dir.startsWith('/') && !dir.includes('$'))
      dirs.push(dir.replace(/\/+$/, '') || '/');
  };
  // sudo & co. run the tool as another user with a reset environment
  const switched = call.command.switchesUser === true && !inline.has('HOME');
  const home = (sub: string) => {
    const h = v('HOME');
    let base: string | null = null;
    if (!switched) base = h !== undefined ? h : env.home;
    if (base === null) incomplete = true;
    else add(`${base}/${sub}`);
  };
  const xdg = (sub: string) => {
    const x = v('XDG_CACHE_HOME');
    if (x !== undefined) add(x === null ? null : `${x}/${sub}`);
    home(`.cache/${sub}`);
  };
  const override = (name: string, sub = '') => {
    const x = v(name);
    if (x === undefined) return false;
    add(x === null ? null : `${x}${sub}`);
    return true;
  };
  const m: PackageManagerId = call.manager;
  switch (m) {
    case 'apt':
      add('/var/cache/apt');
      add('/var/lib/apt');
      break;
    case 'pip':
      add(flagValue(call, '--cache-dir'));
      if (!override('PIP_CACHE_DIR')) xdg('pip');
      break;
    case 'uv':
      add(flagValue(call, '--cache-dir'));
      if (!override('UV_CACHE_DIR')) xdg('uv');
      break;
    case 'poetry':
      if (!override('POETRY_CACHE_DIR')) xdg('pypoetry');
      break;
    case 'pipenv':
      if (!override('PIPENV_CACHE_DIR')) xdg('pipenv');
      break;
    case 'npm':
      add(flagValue(call, '--cache'));
      if (!override('npm_config_cache') && !override('NPM_CONFIG_CACHE'))
        home('.npm');
      break;
    case 'yarn':
      add(flagValue(call, '--cache-folder'));
      if (!override('YARN_CACHE_FOLDER')) {
        if (env.isRoot) add('/usr/local/share/.cache/yarn');
        else xdg('yarn');
        home('.yarn/berry/cache');
      }
      break;
    case 'pnpm':
      add(flagValue(call, '--store-dir'));
      override('npm_config_store_dir');
      override('PNPM_HOME', '/store');
      home('.local/share/pnpm/store');
      xdg('pnpm');
      break;
    case 'go': {
      // GOPATH defaults to $HOME/go; the golang image sets GOPATH=/go
      // (see withBaseImageEnvironment). A mount on /go/pkg/mod is still
      // taken as the cache where GOPATH is not known to be elsewhere.
      if (!override('GOMODCACHE')) {
        if (!override('GOPATH', '/pkg/mod')) {
          home('go/pkg/mod');
          add('/go/pkg/mod');
        }
      }
      if (!override('GOCACHE')) xdg('go-build');
      break;
    }
    case 'cargo':
      if (!override('CARGO_HOME', '/registry')) {
        add('/usr/local/cargo/registry');
        add('/usr/local/cargo/git');
        home('.cargo/registry');
        home('.cargo/git');
      } else override('CARGO_HOME', '/git');
      break;
    case 'maven':
      add(flagValue(call, '-Dmaven.repo.local'));
      home('.m2/repository');
      break;
    case 'gradle':
      add(flagValue(call, '--gradle-user-home', '-g'));
      if (!override('GRADLE_USER_HOME')) {
        home('.gradle');
        add('/home/gradle/.gradle');
      }
      break;
    case 'bundler':
    case 'gem':
      override('BUNDLE_CACHE_PATH');
      // gems are cached under BUNDLE_PATH: a mount on it keeps them too
      override('BUNDLE_PATH', '/cache');
      override('GEM_HOME', '/cache');
      add('/usr/local/bundle/cache');
      home('.bundle/cache');
      home('.gem');
      break;
    case 'composer':
      // /tmp/cache only where COMPOSER_HOME=/tmp (the composer image, see
      // withBaseImageEnvironment); else ~/.composer/cache, or the XDG cache
      // when composer finds an XDG environment
      if (
        !override('COMPOSER_CACHE_DIR') &&
        !override('COMPOSER_HOME', '/cache')
      ) {
        home('.composer/cache');
        xdg('composer');
      }
      break;
    case 'dotnet':
      if (!override('NUGET_PACKAGES')) home('.nuget/packages');
      break;
    case 'conda':
      override('CONDA_PKGS_DIRS');
      override('MAMBA_ROOT_PREFIX', '/pkgs');
      add('/opt/conda/pkgs');
      home('.conda/pkgs');
      break;
    case 'apk':
      add(flagValue(call, '--cache-dir'));
      add('/var/cache/apk');
      add('/etc/apk/cache');
      break;
    case 'dnf':
      // tdnf (Azure Linux, Photon) is dnf-like but keeps its own cache
      if (call.command.program === 'tdnf') {
        add('/var/cache/tdnf');
        break;
      }
      add('/var/cache/dnf');
      add('/var/cache/libdnf5');
      add('/var/cache/yum');
      break;
    case 'yum':
      add('/var/cache/yum');
      add('/var/cache/dnf');
      break;
    case 'zypper':
      add(flagValue(call, '--pkg-cache-dir'));
      add(flagValue(call, '--cache-dir', '-C'));
      add('/var/cache/zypp');
      break;
    case 'ccache':
      if (!override('CCACHE_DIR')) {
        xdg('ccache');
        home('.ccache');
      }
      break;
    default:
      break;
  }
  return { dirs: [...new Set(dirs)], incomplete };
}

/** True when a mount at `target` keeps `dir` (same directory, an ancestor, or a directory inside it). @public */
export function mountCoversDirectory(target: string, dir: string): boolean {
  const t = target.replace(/\/+$/, '') || '/';
  const d = dir.replace(/\/+$/, '') || '/';
  if (t === '/') return false;
  return t === d || d.startsWith(`${t}/`) || t.startsWith(`${d}/`);
}
