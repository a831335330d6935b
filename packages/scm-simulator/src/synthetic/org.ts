import type { ScmSimulator } from '../simulator';
import type { FileInput, FileWithMode } from '../store/store';
import {
  BINARY_SIZES,
  SIZE_CLASSES,
  PACKAGE_POOL,
  CORPUS_BYTES,
  NAME_PARTS,
  NAME_SUFFIXES,
  BINARY_NAMES,
  type SyntheticHost,
  type SizeClass,
  type SyntheticRepository,
  type SyntheticOrgOptions,
  type SyntheticEntity,
  type VendoredPackage,
} from './plan';
import { Random } from './random';
import {
  DOCKERIGNORE,
  ECOSYSTEMS,
  SOURCE_EXTENSION,
  VENDOR_DIRECTORY,
  bakeFile,
  composeFile,
  dockerfile,
  githubBuildWorkflow,
  githubTestWorkflow,
  gitlabCi,
  sharedTextFile,
  textCorpus,
  textFile,
} from './templates';

/**
 * A deterministic synthetic organisation: N repositories mixing
 * Dockerfiles (with and without cache mounts), GitHub workflows, GitLab CI
 * files, bake and compose files, and large irrelevant files (vendored
 * dependency trees, binaries), some on the simulator's GitHub and some on
 * its GitLab, with a catalog entity each.
 *
 * Generating the plan is cheap; each repository's files are made when it is
 * added to a simulator (`seed`) or asked for (`files`). Vendored packages and
 * binaries come from pools shared by the org, so the simulator's
 * content-addressed store stays small while every archive keeps its size.
 */
export class SyntheticOrg {
  readonly repositories: readonly SyntheticRepository[];
  readonly seed: string;
  #corpus: Buffer | undefined;
  #packages: VendoredPackage[] | undefined;
  #binaries: Buffer[] | undefined;

  private constructor(seed: string, repositories: SyntheticRepository[]) {
    this.seed = seed;
    this.repositories = repositories;
  }

  static generate(options: SyntheticOrgOptions): SyntheticOrg {
    const seed = String(options.seed ?? 1);
    const githubOwner = options.githubOwner ?? 'acme';
    const gitlabGroup = options.gitlabGroup ?? 'platform';
    const gitlabShare = options.gitlabShare ?? 0.3;
    const root = new Random(`org:${seed}`);
    const repositories: SyntheticRepository[] = [];
    const weights = Object.fromEntries(
      Object.entries(SIZE_CLASSES).map(([k, v]) => [k, v.weight]),
    ) as Record<SizeClass, number>;
    for (let index = 0; index < options.repositories; index++) {
      const rng = root.fork(`repo:${index}`);
      const host: SyntheticHost = rng.chance(gitlabShare) ? 'gitlab' : 'github';
      const sizeClass = rng.weighted(weights);
      const spec = SIZE_CLASSES[sizeClass];
      const ecosystem = rng.pick(ECOSYSTEMS);
      const team = rng.int(1, 40);
      const slug = `${rng.pick(NAME_PARTS)}-${rng.pick(NAME_SUFFIXES)}-${String(
        index,
      ).padStart(5, '0')}`;
      const name =
        host === 'github'
          ? `${githubOwner}/${slug}`
          : `${gitlabGroup}/team-${String(team).padStart(2, '0')}/${slug}`;

      // Build files: most repositories ship an image; a few are libraries.
      const dockerfileCount = rng.chance(0.1)
        ? 0
        : rng.int(spec.dockerfiles[0], spec.dockerfiles[1]);
      const dockerfiles =
        dockerfileCount === 1
          ? ['Dockerfile']
          : Array.from(
              { length: dockerfileCount },
              (_, i) => `services/svc-${i + 1}/Dockerfile`,
            );
      const cacheMountDockerfiles = dockerfiles.filter(() => rng.chance(0.35));
      const onGithub = host === 'github';
      const buildWorkflows =
        dockerfileCount > 0 && rng.chance(onGithub ? 0.85 : 0.03)
          ? rng.int(1, 2)
          : 0;
      const otherWorkflows = rng.chance(onGithub ? 0.6 : 0.02)
        ? rng.int(1, 3)
        : 0;
      const hasGitlabCi =
        dockerfileCount > 0 && rng.chance(onGithub ? 0.04 : 0.9);
      const vendored = rng.chance(spec.vendored)
        ? {
            directory: VENDOR_DIRECTORY[ecosystem],
            packages: rng
              .sample(PACKAGE_POOL, rng.int(spec.packages[0], spec.packages[1]))
              .sort((a, b) => a - b),
          }
        : null;
      const binaries = rng.chance(spec.binaries)
        ? Array.from({ length: rng.int(...spec.binaryCount) }, () => {
            const size = rng.pick(spec.binarySizes);
            const sizeIndex = (BINARY_SIZES as readonly number[]).indexOf(size);
            return sizeIndex * 2 + rng.int(0, 1);
          })
        : [];
      repositories.push({
        index,
        name,
        entityName: slug,
        host,
        defaultBranch: rng.chance(0.1) ? 'master' : 'main',
        sizeClass,
        ecosystem,
        owner: `group:default/team-${String(team).padStart(2, '0')}`,
        system: `system:default/system-${String(team % 12).padStart(2, '0')}`,
        dockerfiles,
        cacheMountDockerfiles,
        buildWorkflows,
        otherWorkflows,
        gitlabCi: hasGitlabCi,
        bake: dockerfileCount > 0 && rng.chance(0.1),
        compose: dockerfileCount > 0 && rng.chance(0.25),
        sourceFiles: rng.int(spec.sourceFiles[0], spec.sourceFiles[1]),
        vendored,
        binaries,
      });
    }
    return new SyntheticOrg(seed, repositories);
  }

  #pools() {
    if (!this.#corpus) {
      const rng = new Random(`pools:${this.seed}`);
      const corpus = textCorpus(rng.fork('corpus'), CORPUS_BYTES);
      const packages: VendoredPackage[] = [];
      for (let p = 0; p < PACKAGE_POOL; p++) {
        const prng = rng.fork(`package:${p}`);
        const name = `${prng.pick(NAME_PARTS)}-${prng.pick([
          'utils',
          'core',
          'client',
          'parser',
          'sdk',
        ])}-${p}`;
        const files: Array<[string, Buffer]> = [
          [
            'package.json',
            Buffer.from(JSON.stringify({ name, version: `1.${p}.0` }, null, 2)),
          ],
          ['README.md', textFile(corpus, prng, `${name} readme`, 1500)],
        ];
        const count = prng.int(5, 60);
        for (let f = 0; f < count; f++) {
          files.push([
            `lib/${prng.pick(NAME_PARTS)}-${f}.js`,
            textFile(corpus, prng, `${name} ${f}`, prng.int(400, 12_000)),
          ]);
        }
        // Build files inside vendored trees must be skipped by scanners.
        if (p % 10 === 0) {
          files.push(['Dockerfile', Buffer.from('FROM scratch\nCOPY . /\n')]);
        }
        if (p % 15 === 0) {
          files.push(['docker-compose.yml', Buffer.from(composeFile('test'))]);
        }
        packages.push({ name, files });
      }
      const binaries = BINARY_SIZES.flatMap((size, i) => [
        rng.fork(`binary:${i}:0`).bytes(size),
        rng.fork(`binary:${i}:1`).bytes(size),
      ]);
      this.#corpus = corpus;
      this.#packages = packages;
      this.#binaries = binaries;
    }
    return {
      corpus: this.#corpus,
      packages: this.#packages!,
      binaries: this.#binaries!,
    };
  }

  /** Every file of a repository's initial commit (deterministic). */
  files(repo: SyntheticRepository): Record<string, FileInput | FileWithMode> {
    const { corpus, packages, binaries } = this.#pools();
    const rng = new Random(`files:${this.seed}:${repo.index}`);
    const files: Record<string, FileInput | FileWithMode> = {};
    const short = repo.entityName;
    files['README.md'] = `# ${short}\n\nOwned by ${repo.owner}.\n`;
    files['.gitignore'] = 'dist\n*.log\n';
    const ext = SOURCE_EXTENSION[repo.ecosystem];
    for (let i = 0; i < repo.sourceFiles; i++) {
      const dir =
        i % 7 === 0 ? 'test' : `src/${NAME_PARTS[i % NAME_PARTS.length]}`;
      files[`${dir}/file-${i}.${ext}`] = sharedTextFile(
        corpus,
        rng,
        rng.int(200, 4000),
      );
    }
    const cached = new Set(repo.cacheMountDockerfiles);
    for (const path of repo.dockerfiles) {
      files[path] = dockerfile(repo.ecosystem, cached.has(path), rng);
    }
    if (repo.dockerfiles.length > 0 && rng.chance(0.6)) {
      files['.dockerignore'] = DOCKERIGNORE;
    }
    const anyCached = cached.size > 0;
    for (let i = 0; i < repo.buildWorkflows; i++) {
      files[`.github/workflows/image-${i + 1}.yml`] = githubBuildWorkflow(
        `${short}-${i + 1}`,
        anyCached && rng.chance(0.6),
      );
    }
    for (let i = 0; i < repo.otherWorkflows; i++) {
      files[`.github/workflows/test-${i + 1}.yml`] = githubTestWorkflow(
        repo.ecosystem,
      );
    }
    if (repo.gitlabCi)
      files['.gitlab-ci.yml'] = gitlabCi(short, rng.chance(0.4));
    if (repo.bake) {
      files['docker-bake.hcl'] = bakeFile(repo.dockerfiles, rng.chance(0.5));
    }
    if (repo.compose) files['compose.yaml'] = composeFile(short);
    if (repo.vendored) {
      for (const p of repo.vendored.packages) {
        const pkg = packages[p];
        for (const [path, content] of pkg.files) {
          files[`${repo.vendored.directory}/${pkg.name}/${path}`] = content;
        }
      }
    }
    repo.binaries.forEach((b, i) => {
      const path = BINARY_NAMES[i % BINARY_NAMES.length];
      files[i < BINARY_NAMES.length ? path : `${path}.${i}`] =
        path === 'tools/cli'
          ? { content: binaries[b], mode: '100755' }
          : binaries[b];
    });
    return files;
  }

  /** Bytes of a repository's files (before archiving). */
  rawBytes(repo: SyntheticRepository): number {
    let total = 0;
    for (const value of Object.values(this.files(repo))) {
      const content =
        typeof value === 'string' || Buffer.isBuffer(value)
          ? value
          : value.content;
      total += Buffer.byteLength(content);
    }
    return total;
  }

  /** Creates every repository in the simulator. */
  async addTo(sim: Pick<ScmSimulator, 'addRepository'>): Promise<void> {
    for (const repo of this.repositories) {
      await sim.addRepository({
        name: repo.name,
        defaultBranch: repo.defaultBranch,
        files: this.files(repo),
      });
    }
  }

  /**
   * The catalog entities of the org: one Component per repository, its
   * source location on the simulator's GitHub (`githubUrl`) or GitLab
   * (`gitlabUrl`) web origin.
   */
  entities(urls: { githubUrl: string; gitlabUrl: string }): SyntheticEntity[] {
    return this.repositories.map(repo => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name: repo.entityName,
        namespace: 'default',
        title: repo.entityName,
        annotations: {
          'backstage.io/source-location':
            repo.host === 'github'
              ? `url:${urls.githubUrl}/${repo.name}/tree/${repo.defaultBranch}/`
              : `url:${urls.gitlabUrl}/${repo.name}/-/tree/${repo.defaultBranch}/`,
        },
      },
      spec: {
        type: 'service',
        owner: repo.owner,
        system: repo.system,
        lifecycle: 'production',
      },
    }));
  }

  /**
   * The repositories a change round touches: `fraction` of the org (at
   * least one), drawn deterministically from the seed and the round.
   */
  changedIn(round: number, fraction: number): SyntheticRepository[] {
    const count = Math.max(1, Math.round(this.repositories.length * fraction));
    const rng = new Random(`changes:${this.seed}:${round}`);
    return rng
      .sample(this.repositories.length, count)
      .sort((a, b) => a - b)
      .map(i => this.repositories[i]);
  }

  /**
   * Commits a change round to the simulator: each chosen repository gets a
   * new commit on its default branch touching a build file and a source
   * file. Returns the changed repositories.
   */
  applyChanges(
    sim: Pick<ScmSimulator, 'commit'>,
    round: number,
    fraction: number,
  ): SyntheticRepository[] {
    const changed = this.changedIn(round, fraction);
    for (const repo of changed) {
      const files: Record<string, string> = {
        [`src/changed-${round}.txt`]: `change round ${round}\n`,
      };
      if (repo.dockerfiles.length > 0) {
        const rng = new Random(`change:${this.seed}:${round}:${repo.index}`);
        files[repo.dockerfiles[0]] = `${dockerfile(
          repo.ecosystem,
          rng.chance(0.5),
          rng,
        )}# change round ${round}\n`;
      }
      sim.commit(repo.name, repo.defaultBranch, files, `Change round ${round}`);
    }
    return changed;
  }

  /** Counts of what the org holds, for reports and tests. */
  composition() {
    const count = (predicate: (r: SyntheticRepository) => boolean) =>
      this.repositories.filter(predicate).length;
    const bySize = Object.fromEntries(
      (Object.keys(SIZE_CLASSES) as SizeClass[]).map(k => [
        k,
        count(r => r.sizeClass === k),
      ]),
    ) as Record<SizeClass, number>;
    return {
      repositories: this.repositories.length,
      github: count(r => r.host === 'github'),
      gitlab: count(r => r.host === 'gitlab'),
      bySize,
      withDockerfile: count(r => r.dockerfiles.length > 0),
      dockerfiles: this.repositories.reduce(
        (n, r) => n + r.dockerfiles.length,
        0,
      ),
      cacheMountDockerfiles: this.repositories.reduce(
        (n, r) => n + r.cacheMountDockerfiles.length,
        0,
      ),
      withBuildWorkflow: count(r => r.buildWorkflows > 0),
      withGitlabCi: count(r => r.gitlabCi),
      withBake: count(r => r.bake),
      withCompose: count(r => r.compose),
      withVendoredTree: count(r => r.vendored !== null),
      withBinaries: count(r => r.binaries.length > 0),
      nonDefaultBranch: count(r => r.defaultBranch !== 'main'),
    };
  }
}
