import { loadConfigs, summary } from './testing/loadBuilds';

describe('CircleCI', () => {
  const config = [
    'version: 2.1', //                                               1
    'executors:', //                                                 2
    '  vm:', //                                                      3
    '    machine:', //                                               4
    '      image: ubuntu-2204:current', //                           5
    '      docker_layer_caching: true', //                           6
    'commands:', //                                                  7
    '  build-image:', //                                             8
    '    steps:', //                                                 9
    '      - run: docker build -t cmd .', //                         10
    'jobs:', //                                                      11
    '  remote:', //                                                  12
    '    docker: [{ image: cimg/base:2024.12 }]', //                 13
    '    steps:', //                                                 14
    '      - checkout', //                                           15
    '      - setup_remote_docker:', //                               16
    '          version: 20.10.24', //                                17
    '      - run:', //                                               18
    '          name: build', //                                      19
    '          environment:', //                                     20
    '            DOCKER_BUILDKIT: 0', //                             21
    '          command: |', //                                       22
    '            docker buildx create --use', //                     23
    '            docker buildx build \\', //                         24
    '              --cache-to type=registry,ref=r/x:c,mode=max .', // 25
    '      - build-image', //                                        26
    '      - save_cache: { key: k, paths: [/tmp/cache/] }', //       27
    '  dlc:', //                                                     28
    '    executor: vm', //                                           29
    '    steps:', //                                                 30
    '      - run: docker build .', //                                31
    '  no-engine:', //                                               32
    '    docker: [{ image: cimg/base:2024.12 }]', //                 33
    '    steps:', //                                                 34
    '      - run: docker build .', //                                35
  ].join('\n');

  it('reads run steps (multi-line commands, reusable commands) with positions', () => {
    const { builds } = loadConfigs({ '.circleci/config.yml': config });
    expect(builds.map(summary)).toEqual([
      expect.objectContaining({
        line: 24,
        column: 13,
        tool: 'buildx-build',
        ephemeral: true,
        job: 'remote',
        to: ['type=registry,ref=r/x:c,mode=max'],
      }),
      expect.objectContaining({
        line: 10,
        column: 14,
        tool: 'docker-build',
        ephemeral: true,
        job: 'remote',
      }),
      expect.objectContaining({
        line: 31,
        column: 14,
        tool: 'circleci-dlc',
        ephemeral: false,
        job: 'dlc',
      }),
      expect.objectContaining({
        line: 35,
        tool: 'docker-build',
        ephemeral: null,
        job: 'no-engine',
      }),
    ]);
    const [b, fromCommand, dlc] = builds;
    expect(b.cacheTo[0].range).toEqual({
      line: 25,
      column: 26,
      endLine: 25,
      endColumn: 58,
    });
    expect(b.buildkitDisabled?.range.line).toBe(21);
    expect(b.builder?.driver).toBe('docker-container');
    expect(b.toolchainPins?.map(p => p.pin.value)).toEqual(['20.10.24']);
    expect(b.persistedPaths).toEqual(['/tmp/cache']);
    expect(fromCommand.buildkitDisabled).toBeNull();
    expect(dlc.commandTool).toBe('docker-build');
  });

  it('reports the facts in the JSON shape', () => {
    const { configs } = loadConfigs({ '.circleci/config.yml': config });
    expect(configs[0].facts.imageBuilds[0]).toEqual({
      line: 24,
      tool: 'buildx-build',
      dockerfile: 'Dockerfile',
      cacheFrom: [],
      cacheTo: [{ type: 'registry', mode: 'max', params: { ref: 'r/x:c' } }],
    });
    expect(configs[0].facts.usesSetupBuildx).toBe(true);
  });
});
