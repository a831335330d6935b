import { TextFile } from '../model/text';
import { readGithubWorkflow } from './githubActions';
import { readGitlabCi } from './gitlabCi';
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

describe('readGitlabCi', () => {
  it('reads script lines of jobs, with dind and kaniko as ephemeral', () => {
    const text = [
      'default:', //                                   1
      '  services: [docker:24-dind]', //               2
      '.template:', //                                 3
      '  script: docker build .', //                   4
      'build:', //                                     5
      '  image: docker:24', //                         6
      '  script:', //                                  7
      '    - docker build --cache-from r/x:latest -t r/x .', // 8
      'deploy:', //                                    9
      '  services: []', //                             10
      '  script: [docker build -f a/Dockerfile a]', // 11
    ].join('\n');
    const { builds } = readGitlabCi(
      yaml('.gitlab-ci.yml', text),
      '.gitlab-ci.yml',
    );
    expect(
      builds.map(b => [
        b.job,
        b.range.line,
        b.range.column,
        b.ephemeral,
        b.cacheFrom.length,
      ]),
    ).toEqual([
      ['build', 8, 7, true, 1],
      ['deploy', 11, 12, null, 0],
    ]);
  });
});
