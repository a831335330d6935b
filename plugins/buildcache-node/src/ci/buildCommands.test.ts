import { parseShellScript } from '../shell/parseShell';
import { readShellBuilds } from './buildCommands';
import { parseCacheSpec } from './cacheSpec';
import { ShellJobState } from './shellJobState';

const read = (script: string, cwd: string | null = '') =>
  readShellBuilds(parseShellScript(script), cwd);

describe('readShellBuilds', () => {
  it('reads docker build / buildx build flags across continuations and &&', () => {
    const [a, b] = read(
      [
        'docker login x && docker buildx build \\',
        '  --cache-from=type=gha,scope=api \\',
        '  --cache-to type=gha,scope=api,mode=max \\',
        '  -f docker/api.Dockerfile --target prod --build-arg V=1 --platform linux/amd64,linux/arm64 --push -t r/api:1 .',
        'cd web && docker build -t web .',
      ].join('\n'),
    );
    expect(a).toMatchObject({
      tool: 'buildx-build',
      dockerfile: 'docker/api.Dockerfile',
      context: '',
      target: 'prod',
      buildArgs: { V: '1' },
      platforms: ['linux/amd64', 'linux/arm64'],
      push: true,
      tags: ['r/api:1'],
    });
    expect(a.cacheFrom.map(s => [s.type, s.params])).toEqual([
      ['gha', { scope: 'api' }],
    ]);
    expect(a.cacheTo.map(s => [s.type, s.mode, s.params])).toEqual([
      ['gha', 'max', { scope: 'api' }],
    ]);
    expect(b).toMatchObject({
      tool: 'docker-build',
      dockerfile: 'web/Dockerfile',
      context: 'web',
      cacheFrom: [],
    });
  });

  it('leaves unresolvable paths and targets unresolved', () => {
    const [a] = read(
      'docker build -f $DOCKERFILE --target ${TARGET} ${{ matrix.dir }}',
    );
    expect([a.dockerfile, a.context, a.target]).toEqual([null, null, null]);
  });

  it('reads kaniko, buildctl and buildah lines', () => {
    const builds = read(
      [
        '/kaniko/executor --context "${CI_PROJECT_DIR}/app" --dockerfile Dockerfile --cache=true --destination r/x',
        'buildctl build --frontend dockerfile.v0 --local context=. --local dockerfile=. --export-cache type=registry,ref=r/c',
        'buildah bud -f Containerfile .',
        'docker buildx bake --set *.cache-to=type=gha',
      ].join('\n'),
    );
    expect(
      builds.map(b => [
        b.tool,
        b.dockerfile,
        b.cacheTo.length,
        b.cacheSettingsExternal,
      ]),
    ).toEqual([
      ['kaniko', 'app/Dockerfile', 1, false],
      ['buildctl', 'Dockerfile', 1, false],
      ['buildah', 'Containerfile', 0, false],
      ['buildx-bake', null, 1, true],
    ]);
    expect(builds[0].cacheTo[0].params).toEqual({ ref: 'r/x/cache' });
    expect(builds[3].bake).toEqual({ files: null, targets: [], cwd: '' });
  });

  it('reads kaniko --cache-repo, buildah cache flags and bake files/targets', () => {
    const [k, b, bake] = read(
      [
        '/kaniko/executor --cache --cache-repo r/cache --destination r/x:1',
        'buildah build --layers --cache-from r/c --cache-to r/c -t r/x .',
        'docker buildx bake -f ci/bake.hcl --set "*.cache-from=type=gha" app tests',
      ].join('\n'),
    );
    expect(k.cacheTo[0].params).toEqual({ ref: 'r/cache' });
    expect(b.cacheFrom.map(s => [s.type, s.params.ref])).toEqual([
      ['registry', 'r/c'],
    ]);
    expect(bake.bake).toEqual({
      files: ['ci/bake.hcl'],
      targets: ['app', 'tests'],
      cwd: '',
    });
    expect(bake.cacheFrom.map(s => s.type)).toEqual(['gha']);
  });

  it('tracks the builder and DOCKER_BUILDKIT across commands', () => {
    const state = new ShellJobState();
    const builds = readShellBuilds(
      parseShellScript(
        [
          'DOCKER_BUILDKIT=0 docker build .',
          'docker buildx create --name b --driver-opt image=moby/buildkit:v0.12.5 --use',
          'export DOCKER_BUILDKIT=false',
          'docker build .',
        ].join('\n'),
      ),
      '',
      state,
    );
    expect(builds[0].builder).toBeNull();
    expect(builds[0].buildkitDisabled).not.toBeNull();
    expect(builds[1].builder?.buildkitImage?.value).toBe(
      'moby/buildkit:v0.12.5',
    );
    expect(builds[1].buildkitDisabled).not.toBeNull();
  });

  it('takes the literal context when an unquoted variable expands to options', () => {
    const [a] = read(
      'docker buildx build --build-arg C=${{ github.sha }} $TAGS --push app',
    );
    expect([a.context, a.dockerfile]).toEqual(['app', 'app/Dockerfile']);
  });

  it('ignores other docker commands', () => {
    expect(
      read(
        'docker buildx create --use && docker run --rm x build && docker buildx imagetools inspect x',
      ),
    ).toEqual([]);
  });
});

describe('parseCacheSpec', () => {
  it.each([
    ['type=gha,scope=x,mode=max', 'gha', 'max', { scope: 'x' }, false],
    [
      'type=registry,ref=r/x:cache',
      'registry',
      undefined,
      { ref: 'r/x:cache' },
      false,
    ],
    ['r/x:cache', 'registry', undefined, { ref: 'r/x:cache' }, false],
    [
      '${{ env.CACHE }}',
      'unknown',
      undefined,
      { raw: '${{ env.CACHE }}' },
      true,
    ],
    [
      'type=gha,scope=${{ github.ref_name }}',
      'gha',
      undefined,
      { scope: '${{ github.ref_name }}' },
      true,
    ],
    [
      'type=gha,mode=${{ env.M }}',
      'gha',
      undefined,
      { mode: '${{ env.M }}' },
      true,
    ],
  ])('%s', (raw, type, mode, params, unresolved) => {
    const spec = parseCacheSpec(raw);
    expect([spec.type, spec.mode, spec.params, spec.unresolved]).toEqual([
      type,
      mode,
      params,
      unresolved,
    ]);
  });
});
