import { TextFile } from '../model/text';
import { loadConfigs } from './testing/loadBuilds';
import { readGithubWorkflow } from './githubActions';
import { parseYaml, type YamlSource } from './yamlDocument';

function yaml(path: string, text: string): YamlSource {
  const parsed = parseYaml(new TextFile(path, text));
  if (!parsed.ok) throw new Error('bad yaml');
  return parsed.yaml;
}

describe('readGithubWorkflow', () => {
  const text = [
    'on: push', //                                            1
    'jobs:', //                                               2
    '  build:', //                                            3
    '    runs-on: ubuntu-latest', //                          4
    '    defaults: { run: { working-directory: svc } }', //   5
    '    steps:', //                                          6
    '      - uses: docker/setup-buildx-action@v3', //         7
    '      - name: Build', //                                 8
    '        uses: docker/build-push-action@v6', //           9
    '        with:', //                                       10
    '          context: ./api', //                            11
    '          target: prod', //                              12
    "          push: ${{ github.event_name != 'pull_request' }}", // 13
    '          tags: r/api:latest,r/api:1', //                14
    '          cache-from: |', //                             15
    '            type=gha,scope=api', //                      16
    '            # type=registry,ref=r/api:cache', //         17
    '          cache-to: type=gha,scope=api,mode=max', //     18
    '      - run: |', //                                      19
    '          echo hi', //                                   20
    '          docker build -t x .', //                       21
    '  other:', //                                            22
    '    runs-on: [self-hosted]', //                          23
    '    steps:', //                                          24
    '      - run: docker build .', //                         25
  ].join('\n');

  it('finds build-push-action steps and shell builds with positions', () => {
    const { builds, usesSetupBuildx } = readGithubWorkflow(
      yaml('.github/workflows/ci.yml', text),
      '.github/workflows/ci.yml',
    );
    expect(usesSetupBuildx).toBe(true);
    expect(
      builds.map(b => [
        b.tool,
        b.range.line,
        b.range.column,
        b.dockerfile,
        b.context,
        b.target,
        b.ephemeral,
        b.job,
      ]),
    ).toEqual([
      [
        'build-push-action',
        8,
        9,
        'api/Dockerfile',
        'api',
        'prod',
        true,
        'build',
      ],
      [
        'docker-build',
        21,
        11,
        'svc/Dockerfile',
        'svc',
        undefined,
        true,
        'build',
      ],
      ['docker-build', 25, 14, 'Dockerfile', '', undefined, null, 'other'],
    ]);
    const [bpa] = builds;
    expect(bpa.anchorLine).toBe(8);
    expect(bpa.push).toBeNull();
    expect(bpa.tags).toEqual(['r/api:latest', 'r/api:1']);
    expect(bpa.cacheFrom.map(s => [s.raw, s.range])).toEqual([
      [
        'type=gha,scope=api',
        { line: 16, column: 13, endLine: 16, endColumn: 31 },
      ],
    ]);
    expect(bpa.cacheTo.map(s => s.range)).toEqual([
      { line: 18, column: 21, endLine: 18, endColumn: 48 },
    ]);
  });
});

describe('GitHub Actions job context', () => {
  it('records triggers, conditions, env, builder pins and cache steps per build', () => {
    const { builds } = loadConfigs({
      '.github/workflows/ci.yml': [
        'on: [push, pull_request]', //                                   1
        'env:', //                                                       2
        '  DOCKER_BUILDKIT: 0', //                                       3
        'jobs:', //                                                      4
        '  a:', //                                                       5
        '    runs-on: ubuntu-latest', //                                 6
        '    steps:', //                                                 7
        '      - run: docker build .', //                                8
        '      - uses: docker/setup-docker-action@v4', //                9
        '        with: { version: v27.5.1 }', //                         10
        '      - uses: docker/setup-buildx-action@v3', //                11
        '        with:', //                                              12
        '          version: v0.10.5', //                                 13
        '          driver-opts: |', //                                   14
        '            network=host', //                                   15
        '            image=moby/buildkit:v0.12.5', //                    16
        '      - uses: actions/cache@v4', //                             17
        '        with: { path: /tmp/.buildx-cache, key: k }', //         18
        '      - uses: reproducible-containers/buildkit-cache-dance@v3', // 19
        "      - if: github.event_name == 'push'", //                  20
        '        uses: docker/build-push-action@v6', //                  21
        '        env: { DOCKER_BUILDKIT: 1 }', //                        22
        '        with: { cache-to: type=gha }', //                       23
      ].join('\n'),
    });
    const [plain, action] = builds;
    expect(plain.buildkitDisabled?.range).toEqual({
      line: 3,
      column: 20,
      endLine: 3,
      endColumn: 21,
    });
    expect(plain.builder).toBeNull();
    expect(plain.conditional).toBe(false);
    expect(action.conditional).toBe(true);
    expect(action.triggers).toEqual(['push', 'pull_request']);
    expect(action.builder?.buildxVersion?.value).toBe('v0.10.5');
    expect(action.builder?.buildxVersion?.range.line).toBe(13);
    expect(action.builder?.buildkitImage).toMatchObject({
      value: 'moby/buildkit:v0.12.5',
      range: { line: 16, column: 19 },
    });
    expect(action.toolchainPins?.map(p => [p.tool, p.pin.value])).toEqual([
      ['engine', 'v27.5.1'],
    ]);
    expect(action.persistedPaths).toEqual(['/tmp/.buildx-cache']);
    expect(action.mountsPersisted).toBe(true);
  });
});

describe('GitHub Actions step ranges', () => {
  it('starts a step at its dash when the dash stands alone on its line', () => {
    const { builds } = loadConfigs({
      '.github/workflows/ci.yml': [
        'on: push',
        'jobs:',
        '  a:',
        '    runs-on: ubuntu-latest',
        '    steps:',
        '      -',
        '        name: Build',
        '        uses: docker/build-push-action@v6',
        '      - uses: docker/build-push-action@v6',
      ].join('\n'),
    });
    expect(
      builds.map(b => [b.range.line, b.range.column, b.anchorLine]),
    ).toEqual([
      [6, 7, 6],
      [9, 9, 9],
    ]);
  });
});

describe('GitHub Actions static matrix', () => {
  it('links a build to the Dockerfile of each matrix combination', () => {
    const { builds } = loadConfigs({
      '.github/workflows/ci.yml': [
        'on: push',
        'jobs:',
        '  a:',
        '    runs-on: ubuntu-latest',
        '    strategy:',
        '      matrix:',
        '        svc: [api, web]',
        '        include:',
        '          - { svc: api, target: prod }',
        '          - { svc: worker }',
        '        exclude:',
        '          - svc: web',
        '    steps:',
        '      - uses: docker/build-push-action@v6',
        '        with:',
        '          context: ${{ matrix.svc }}',
        '          target: ${{ matrix.target }}',
      ].join('\n'),
      'api/Dockerfile': 'FROM alpine AS prod\n',
    });
    expect(builds[0].dockerfile).toBeNull();
    expect(
      builds[0].matrixVariants?.map(v => [
        v.dockerfile,
        v.target,
        !!v.linkedDockerfile,
      ]),
    ).toEqual([['api/Dockerfile', 'prod', true]]);
  });
});
