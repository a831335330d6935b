import { analyzeFiles } from '../engine/analyzeFiles';
import { loadConfigs, summary } from './testing/loadBuilds';

describe('GitLab CI', () => {
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
      'saas:', //                                      12
      '  tags: [saas-linux-small-amd64]', //           13
      '  script: buildah bud -t x .', //               14
    ].join('\n');
    const { builds } = loadConfigs({ '.gitlab-ci.yml': text });
    expect(
      builds.map(b => [b.job, b.range.line, b.range.column, b.ephemeral]),
    ).toEqual([
      ['build', 8, 7, true],
      ['deploy', 11, 12, null],
      ['saas', 14, 11, true],
    ]);
  });

  it('follows local includes, extends, anchors, merge keys and !reference', () => {
    const root = [
      'include:', //                                      1
      '  - local: /ci/templates.yml', //                  2
      "  - 'ci/missing.yml'", //                          3
      '  - project: group/other', //                      4
      '    file: /x.yml', //                              5
      '  - local: ci/jobs/*.yml', //                      6
      'variables:', //                                    7
      "  DOCKER_BUILDKIT: '0'", //                        8
      'image-a:', //                                      9
      '  extends: .docker', //                            10
      '  script:', //                                     11
      '    - !reference [.setup, script]', //             12
      '    - docker build -t a .', //                     13
    ].join('\n');
    const templates = [
      '.docker: &docker', //                              1
      '  services: [docker:dind]', //                     2
      '.setup:', //                                       3
      '  script:', //                                     4
      '    - docker buildx create --use', //              5
    ].join('\n');
    const job = [
      'image-b:', //                                      1
      '  extends: [.docker]', //                          2
      '  variables: { DOCKER_BUILDKIT: "1" }', //         3
      '  script: docker buildx build --cache-to type=registry,ref=r/b:c,mode=max b', // 4
    ].join('\n');
    const { builds, configs, analyzed } = loadConfigs({
      '.gitlab-ci.yml': root,
      'ci/templates.yml': templates,
      'ci/jobs/b.yml': job,
    });
    expect(builds.map(summary)).toEqual([
      expect.objectContaining({
        path: 'ci/jobs/b.yml',
        line: 4,
        column: 11,
        ephemeral: true,
        job: 'image-b',
      }),
      expect.objectContaining({
        path: '.gitlab-ci.yml',
        line: 13,
        column: 7,
        ephemeral: true,
        job: 'image-a',
      }),
    ]);
    const [b, a] = builds;
    expect(a.builder?.driver).toBe('docker-container');
    expect(a.buildkitDisabled?.range.line).toBe(8);
    expect(b.buildkitDisabled).toBeNull();
    expect(b.builder).toBeNull();
    const root0 = configs.find(c => c.path === '.gitlab-ci.yml');
    expect(
      root0?.unresolvedReferences?.map(r => [r.line, r.reference]),
    ).toEqual([
      [3, 'include ci/missing.yml (file not found)'],
      [4, 'include project group/other (not in this repository)'],
    ]);
    expect(analyzed.map(f => [f.path, f.kind])).toEqual(
      expect.arrayContaining([['ci/templates.yml', 'gitlab-ci']]),
    );
  });

  it('reports an included file that cannot be parsed, not a crash', () => {
    const { problems, builds } = loadConfigs({
      '.gitlab-ci.yml': 'include: ci/b.yml\n',
      'ci/b.yml': 'b:\n  script: [docker build .\nc: d\n',
    });
    expect(builds).toEqual([]);
    expect(problems.map(p => [p.kind, p.path])).toEqual([
      ['parse-error', 'ci/b.yml'],
    ]);
  });

  it('attributes builds from an included file to that file', () => {
    const { builds, configs } = loadConfigs({
      '.gitlab-ci.yml': 'include:\n  - local: build.gitlab-ci.yml\n',
      'build.gitlab-ci.yml':
        'img:\n  services: [docker:dind]\n  cache:\n    paths: [.buildx-cache/]\n  script:\n    - docker build --cache-from type=local,src=.buildx-cache .\n',
    });
    expect(builds.map(summary)).toEqual([
      expect.objectContaining({
        path: 'build.gitlab-ci.yml',
        line: 6,
        column: 7,
      }),
    ]);
    expect(builds[0].persistedPaths).toEqual(['.buildx-cache']);
    expect(configs.map(c => c.path).sort()).toEqual([
      '.gitlab-ci.yml',
      'build.gitlab-ci.yml',
    ]);
  });
});

describe('unresolved includes', () => {
  it('are passed to onNotice, not reported as findings', () => {
    const notices: string[] = [];
    const report = analyzeFiles(
      [
        {
          path: '.gitlab-ci.yml',
          content: Buffer.from(
            'include:\n  - local: ci/missing.yml\nb:\n  script: echo\n',
          ),
        },
      ],
      { onNotice: m => notices.push(m) },
    );
    expect(notices).toEqual([
      '.gitlab-ci.yml:2:5: unresolved include local ci/missing.yml (file not found)',
    ]);
    expect(report.findings).toEqual([]);
  });
});
