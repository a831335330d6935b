import { TextFile } from '../model/text';
import { parseHcl } from './hcl';
import { loadConfigs, summary } from './testing/loadBuilds';

describe('HCL reader', () => {
  it('reads blocks, attributes, templates, lists, objects and keeps other expressions unknown', () => {
    const body = parseHcl(
      new TextFile(
        'docker-bake.hcl',
        [
          '# comment',
          'variable "TAG" { default = "dev" }',
          'target "a" {',
          '  tags = ["r/a:${TAG}", "r/a:latest"] // trailing',
          '  args = {',
          '    A = 1',
          '    "B" = "two"',
          '  }',
          '  platforms = X != "" ? ["linux/amd64"] : []',
          '  note = <<EOT',
          'multi ${TAG}',
          'EOT',
          '  /* block */ output = [for p in ps : p]',
          '}',
        ].join('\n'),
      ),
    );
    const target = body.blocks[1];
    expect([target.type, target.labels]).toEqual(['target', ['a']]);
    expect(target.attributes.map(a => [a.name, a.value.kind])).toEqual([
      ['tags', 'list'],
      ['args', 'object'],
      ['platforms', 'unknown'],
      ['note', 'template'],
      ['output', 'unknown'],
    ]);
  });

  it('throws a located syntax error', () => {
    expect(() =>
      parseHcl(new TextFile('x.hcl', 'target "a" {\n  tags = ["x"\n')),
    ).toThrow(/unclosed|missing/);
  });
});

describe('bake files', () => {
  const hcl = [
    'variable "REGISTRY" {', //                                              1
    '  default = "ghcr.io/acme"', //                                          2
    '}', //                                                                   3
    'variable "UNSET" {', //                                                  4
    '  default = null', //                                                    5
    '}', //                                                                   6
    'group "default" {', //                                                   7
    '  targets = ["api", "worker"]', //                                       8
    '}', //                                                                   9
    'target "_common" {', //                                                  10
    '  cache-from = ["type=registry,ref=${REGISTRY}/app:cache"]', //          11
    '}', //                                                                   12
    'target "api" {', //                                                      13
    '  inherits = ["_common"]', //                                            14
    '  context = "api"', //                                                   15
    '  target = "prod"', //                                                   16
    '  cache-to = ["type=registry,ref=${REGISTRY}/app:cache,mode=max"]', //   17
    '}', //                                                                   18
    'target "worker" {', //                                                   19
    '  dockerfile = "worker.Dockerfile"', //                                  20
    '  cache-to = [{ type = "gha", scope = "${UNSET}" }]', //                 21
    '}', //                                                                   22
  ].join('\n');

  it('evaluates targets with inherits and variable defaults, and skips templates', () => {
    const { builds } = loadConfigs({
      'docker-bake.hcl': hcl,
      'api/Dockerfile': 'FROM alpine\n',
    });
    expect(builds.map(summary)).toEqual([
      expect.objectContaining({
        line: 13,
        tool: 'buildx-bake',
        dockerfile: 'api/Dockerfile',
        from: ['type=registry,ref=${REGISTRY}/app:cache'],
      }),
      expect.objectContaining({ line: 19, dockerfile: 'worker.Dockerfile' }),
    ]);
    const [api, worker] = builds;
    expect(api.cacheFrom[0].params).toEqual({ ref: 'ghcr.io/acme/app:cache' });
    expect(api.cacheTo[0].range).toEqual({
      line: 17,
      column: 16,
      endLine: 17,
      endColumn: 64,
    });
    expect(api.target).toBe('prod');
    expect(worker.cacheTo[0]).toMatchObject({
      type: 'gha',
      params: { scope: '${UNSET}' },
      unresolved: true,
    });
  });

  it('links bake-action and `docker buildx bake` invocations to targets', () => {
    const workflow = [
      'on: push',
      'jobs:',
      '  b:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      '      - uses: docker/bake-action@v6',
      '        with:',
      '          targets: api',
      '          set: |',
      '            *.cache-to=type=gha,mode=max',
      '      - run: docker buildx bake -f docker-bake.hcl missing-target',
      '      - uses: docker/bake-action@v6',
    ].join('\n');
    const { builds } = loadConfigs({
      'docker-bake.hcl': hcl,
      'api/Dockerfile': 'FROM alpine\n',
      '.github/workflows/ci.yml': workflow,
    });
    const [action, shell, all] = builds.filter(b =>
      b.path.startsWith('.github'),
    );
    expect(action.bake?.resolved?.map(t => t.bakeTarget)).toEqual(['api']);
    expect([
      action.dockerfile,
      action.target,
      action.cacheSettingsExternal,
    ]).toEqual(['api/Dockerfile', 'prod', true]);
    expect(action.cacheTo[0].range).toEqual({
      line: 10,
      column: 24,
      endLine: 10,
      endColumn: 41,
    });
    expect(shell.bake?.resolved).toBeNull();
    expect(all.bake?.resolved?.map(t => t.bakeTarget)).toEqual([
      'api',
      'worker',
    ]);
    expect(all.dockerfile).toBeNull();
  });

  it('reads JSON bake files and reports HCL syntax errors as parse problems', () => {
    const { builds, problems } = loadConfigs({
      'docker-bake.json':
        '{\n  "target": {\n    "app": {\n      "cache-to": ["type=gha,mode=max"]\n    }\n  }\n}\n',
      'docker-bake.override.hcl': 'target "x" {\n',
    });
    expect(builds.map(summary)).toEqual([
      expect.objectContaining({
        path: 'docker-bake.json',
        line: 3,
        to: ['type=gha,mode=max'],
      }),
    ]);
    expect(builds[0].cacheTo[0].range).toEqual({
      line: 4,
      column: 21,
      endLine: 4,
      endColumn: 38,
    });
    expect(problems.map(p => [p.kind, p.path])).toEqual([
      ['parse-error', 'docker-bake.override.hcl'],
    ]);
  });
});

describe('compose files', () => {
  it('reads build sections, cache_from/cache_to and x-bake', () => {
    const { builds } = loadConfigs({
      'deploy/compose.yaml': [
        'services:', //                                         1
        '  web:', //                                            2
        '    image: r/web:dev', //                              3
        '    build:', //                                        4
        '      context: ../web', //                             5
        '      dockerfile: web.Dockerfile', //                  6
        '      target: prod', //                                7
        '      args: [BUILDKIT_INLINE_CACHE=1]', //             8
        '      cache_from: [r/web:cache]', //                   9
        '      x-bake:', //                                     10
        '        cache-to: type=registry,ref=r/web:cache', //   11
        '  db:', //                                             12
        '    image: postgres', //                               13
        '  worker:', //                                         14
        '    build: ${WORKER_DIR}', //                          15
      ].join('\n'),
    });
    expect(builds.map(summary)).toEqual([
      expect.objectContaining({
        line: 4,
        column: 5,
        tool: 'compose',
        dockerfile: 'web/web.Dockerfile',
        from: ['r/web:cache'],
        to: ['type=registry,ref=r/web:cache'],
      }),
      expect.objectContaining({ line: 15, dockerfile: null }),
    ]);
    expect(builds[0].buildArgs).toEqual({ BUILDKIT_INLINE_CACHE: '1' });
    expect(builds[0].tags).toEqual(['r/web:dev']);
    expect(builds[0].cacheTo[0].range).toEqual({
      line: 11,
      column: 19,
      endLine: 11,
      endColumn: 48,
    });
  });
});
