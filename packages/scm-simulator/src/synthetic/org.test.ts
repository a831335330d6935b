import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { startScmSimulator } from '../simulator';
import { SyntheticOrg } from './org';
import { Random } from './random';

function digestOf(org: SyntheticOrg): string {
  const hash = createHash('sha256');
  for (const repo of org.repositories) {
    hash.update(JSON.stringify(repo));
    for (const [path, value] of Object.entries(org.files(repo)).sort()) {
      const content =
        typeof value === 'string' || Buffer.isBuffer(value)
          ? value
          : value.content;
      hash.update(path).update(content);
    }
  }
  return hash.digest('hex');
}

describe('Random', () => {
  it('is the same sequence for the same seed, and another for another', () => {
    const a = new Random('x');
    const b = new Random('x');
    const c = new Random('y');
    const seq = (r: Random) => Array.from({ length: 5 }, () => r.uint32());
    const first = seq(a);
    expect(seq(b)).toEqual(first);
    expect(seq(c)).not.toEqual(first);
    expect(new Random(1).fork('f').uint32()).toBe(
      new Random(1).fork('f').uint32(),
    );
  });
});

describe('SyntheticOrg', () => {
  it('is deterministic: same seed, same repositories, files and bytes', () => {
    const one = SyntheticOrg.generate({ repositories: 60, seed: 7 });
    const two = SyntheticOrg.generate({ repositories: 60, seed: 7 });
    expect(digestOf(one)).toBe(digestOf(two));
    const other = SyntheticOrg.generate({ repositories: 60, seed: 8 });
    expect(digestOf(other)).not.toBe(digestOf(one));
  });

  it('a larger org starts with the same repositories', () => {
    const small = SyntheticOrg.generate({ repositories: 20, seed: 3 });
    const large = SyntheticOrg.generate({ repositories: 40, seed: 3 });
    expect(large.repositories.slice(0, 20)).toEqual(small.repositories);
  });

  it('mixes hosts, build files and irrelevant bulk in the documented shares', () => {
    const org = SyntheticOrg.generate({ repositories: 2000, seed: 1 });
    const c = org.composition();
    const share = (n: number) => n / c.repositories;
    expect(share(c.gitlab)).toBeGreaterThan(0.25);
    expect(share(c.gitlab)).toBeLessThan(0.35);
    expect(share(c.withDockerfile)).toBeGreaterThan(0.85);
    // with and without cache mounts
    expect(c.cacheMountDockerfiles / c.dockerfiles).toBeGreaterThan(0.3);
    expect(c.cacheMountDockerfiles / c.dockerfiles).toBeLessThan(0.4);
    expect(share(c.withBuildWorkflow)).toBeGreaterThan(0.4);
    expect(share(c.withGitlabCi)).toBeGreaterThan(0.2);
    expect(c.withBake).toBeGreaterThan(0);
    expect(c.withCompose).toBeGreaterThan(0);
    expect(share(c.withVendoredTree)).toBeGreaterThan(0.15);
    expect(share(c.withBinaries)).toBeGreaterThan(0.2);
    expect(share(c.bySize.small)).toBeGreaterThan(0.55);
    expect(c.bySize.huge).toBeGreaterThan(0);
    // GitLab projects sit in a subgroup; names are unique
    const gitlab = org.repositories.filter(r => r.host === 'gitlab');
    expect(gitlab.every(r => r.name.split('/').length === 3)).toBe(true);
    expect(new Set(org.repositories.map(r => r.entityName)).size).toBe(2000);
  });

  it('writes the build files the plan lists, and bulk the scanner must skip', () => {
    const org = SyntheticOrg.generate({ repositories: 300, seed: 1 });
    for (const repo of org.repositories.slice(0, 100)) {
      const files = org.files(repo);
      for (const path of repo.dockerfiles) {
        const text = String(files[path]);
        expect(text).toMatch(/^(# syntax=docker\/dockerfile:1\n)?FROM /);
        expect(text.includes('--mount=type=cache')).toBe(
          repo.cacheMountDockerfiles.includes(path),
        );
      }
      const workflows = Object.keys(files).filter(p =>
        p.startsWith('.github/workflows/image-'),
      );
      expect(workflows).toHaveLength(repo.buildWorkflows);
      expect('.gitlab-ci.yml' in files).toBe(repo.gitlabCi);
      expect('docker-bake.hcl' in files).toBe(repo.bake);
      expect('compose.yaml' in files).toBe(repo.compose);
      const vendorDirectory = repo.vendored?.directory ?? 'no-vendored-tree';
      expect(
        Object.keys(files).some(p => p.startsWith(`${vendorDirectory}/`)),
      ).toBe(repo.vendored !== null);
    }
    // some vendored packages carry their own Dockerfile
    const vendoredDockerfile = org.repositories.some(r => {
      if (!r.vendored) return false;
      return Object.keys(org.files(r)).some(
        p =>
          p.startsWith(`${r.vendored!.directory}/`) &&
          p.endsWith('/Dockerfile'),
      );
    });
    expect(vendoredDockerfile).toBe(true);
  });

  it('has the documented size distribution', () => {
    const org = SyntheticOrg.generate({ repositories: 400, seed: 1 });
    const sizes = org.repositories
      .map(r => org.rawBytes(r))
      .sort((a, b) => a - b);
    const at = (p: number) => sizes[Math.floor(p * (sizes.length - 1))];
    const KIB = 1024;
    // raw bytes before archiving (the README gives the gzipped sizes)
    expect(at(0.5)).toBeGreaterThan(60 * KIB);
    expect(at(0.5)).toBeLessThan(600 * KIB);
    expect(at(0.9)).toBeGreaterThan(1024 * KIB);
    expect(at(1)).toBeGreaterThan(4 * 1024 * KIB);
  });

  it('serves the org through the simulator, with entities and change rounds', async () => {
    const org = SyntheticOrg.generate({ repositories: 12, seed: 5 });
    const sim = await startScmSimulator({ gitlabPort: 0, archiveCache: true });
    try {
      await org.addTo(sim);
      expect(sim.state.repositories()).toHaveLength(12);
      const entities = org.entities({
        githubUrl: sim.url,
        gitlabUrl: sim.gitlabUrl,
      });
      expect(entities).toHaveLength(12);
      const github = org.repositories.find(r => r.host === 'github')!;
      const gitlab = org.repositories.find(r => r.host === 'gitlab')!;
      const locationOf = (name: string) =>
        entities.find(e => e.metadata.name === name)!.metadata.annotations[
          'backstage.io/source-location'
        ];
      expect(locationOf(github.entityName)).toBe(
        `url:${sim.url}/${github.name}/tree/${github.defaultBranch}/`,
      );
      expect(locationOf(gitlab.entityName)).toBe(
        `url:${sim.gitlabUrl}/${gitlab.name}/-/tree/${gitlab.defaultBranch}/`,
      );

      // the tarball holds every file; the second request is the cached one
      const url = `${sim.githubApiUrl}/repos/${github.name}/tarball`;
      const first = Buffer.from(await (await fetch(url)).arrayBuffer());
      const second = Buffer.from(await (await fetch(url)).arrayBuffer());
      expect(second.equals(first)).toBe(true);
      expect(sim.archiveCache!.stats).toMatchObject({ builds: 1, hits: 1 });
      expect(gunzipSync(first).length).toBeGreaterThan(org.rawBytes(github));

      const before = new Map(
        org.repositories.map(r => [r.name, sim.state.headSha(r.name)]),
      );
      const changed = org.applyChanges(sim, 1, 0.25);
      expect(changed).toHaveLength(3);
      expect(org.changedIn(1, 0.25)).toEqual(changed);
      for (const repo of org.repositories) {
        expect(sim.state.headSha(repo.name) !== before.get(repo.name)).toBe(
          changed.includes(repo),
        );
      }
    } finally {
      await sim.close();
    }
  });
});
