import { tokenizeGroovy } from './groovyLexer';
import { loadConfigs, summary } from './testing/loadBuilds';

describe('Groovy lexer', () => {
  it('maps string characters back to file offsets across escapes', () => {
    const text = `sh 'a\\'b' + "x\\$y \${env.Z}"`;
    const strings = tokenizeGroovy(text).filter(t => t.kind === 'string');
    expect(strings.map(s => (s.kind === 'string' ? s.value : ''))).toEqual([
      "a'b",
      'x$y ${env.Z}',
    ]);
    const first = strings[0];
    if (first.kind !== 'string') throw new Error('string expected');
    expect(first.offsets.slice(0, 3)).toEqual([4, 6, 7]);
  });
});

describe('Jenkinsfile', () => {
  const text = [
    'pipeline {', //                                                       1
    '  agent any', //                                                      2
    "  environment { DOCKER_BUILDKIT = '0' }", //                         3
    '  stages {', //                                                       4
    "    stage('Build') {", //                                             5
    '      steps {', //                                                    6
    "        sh 'docker build -t x:${GIT_COMMIT} .'", //                    7
    '        sh "docker build -f api/Dockerfile -t api:${env.TAG} api"', // 8
    "        sh(script: 'docker buildx build --cache-to type=gha .', returnStatus: true)", // 9
    '      }', //                                                          10
    '    }', //                                                            11
    "    stage('Publish') {", //                                           12
    "      environment { DOCKER_BUILDKIT = '1' }", //                     13
    '      steps {', //                                                    14
    "        sh '''", //                                                   15
    '          docker buildx create --driver-opt image=moby/buildkit:v0.12.5 --use', // 16
    '          docker buildx build \\\\', //                               17
    '            --cache-to type=registry,ref=r/x:c .', //                 18
    "        '''", //                                                      19
    "        script { docker.build('app:1', '-f app/Dockerfile app') }", // 20
    '      }', //                                                          21
    '    }', //                                                            22
    '  }', //                                                              23
    '}', //                                                                24
  ].join('\n');

  it('reads sh steps in all quoting styles with original positions', () => {
    const { builds } = loadConfigs({ Jenkinsfile: text });
    expect(builds.map(summary)).toEqual([
      expect.objectContaining({
        line: 7,
        column: 13,
        tool: 'docker-build',
        job: 'Build',
        ephemeral: null,
      }),
      expect.objectContaining({
        line: 8,
        column: 13,
        dockerfile: 'api/Dockerfile',
        job: 'Build',
      }),
      expect.objectContaining({
        line: 9,
        column: 21,
        tool: 'buildx-build',
        to: ['type=gha'],
      }),
      expect.objectContaining({
        line: 17,
        column: 11,
        tool: 'buildx-build',
        job: 'Publish',
        to: ['type=registry,ref=r/x:c'],
      }),
      expect.objectContaining({
        line: 20,
        column: 18,
        dockerfile: 'app/Dockerfile',
        job: 'Publish',
      }),
    ]);
    const [a, , c, d] = builds;
    expect(a.buildkitDisabled?.range.line).toBe(3);
    expect(c.cacheTo[0].range).toEqual({
      line: 9,
      column: 52,
      endLine: 9,
      endColumn: 60,
    });
    expect(d.buildkitDisabled).toBeNull();
    expect(d.builder?.buildkitImage?.value).toBe('moby/buildkit:v0.12.5');
    expect(d.builder?.buildkitImage?.range.line).toBe(16);
    expect(d.cacheTo[0].range?.line).toBe(18);
  });

  it('never crashes on unbalanced input', () => {
    const { builds, problems } = loadConfigs({
      Jenkinsfile: "node { sh '''docker build .",
    });
    expect(problems).toEqual([]);
    expect(builds.map(b => b.tool)).toEqual(['docker-build']);
  });
});
