import { classifyFile, isAnalyzerCandidate } from './candidates';

describe('isAnalyzerCandidate', () => {
  it.each([
    'Dockerfile',
    'api/Dockerfile',
    'multistage.Dockerfile',
    'docs/microsoft_odbc.dockerfile',
    'Dockerfile.node',
    'docker/Dockerfile.agent.multiarch',
    'Containerfile',
    '.dockerignore',
    'api/Dockerfile.dockerignore',
    '.github/workflows/ci.yml',
    '.github/workflows/build.yaml',
    '.gitlab-ci.yml',
    '.gitlab/ci/build.gitlab-ci.yml',
    'ci/templates/docker.yml',
    '.circleci/config.yml',
    'Jenkinsfile',
    'docker-bake.hcl',
    'docker/docker-bake.json',
    'compose.yaml',
    'docker-compose.override.yml',
    'compose.dev.yml',
  ])('accepts %s', path => expect(isAnalyzerCandidate(path)).toBe(true));

  it.each([
    'node_modules/x/Dockerfile',
    'a/node_modules/Dockerfile',
    '.git/Dockerfile',
    'vendor/github.com/x/Dockerfile',
    'README.md',
    'Dockerfile.md',
    'src/main.go',
    'config.yml',
    '.github/dependabot.yml',
    'k8s/deployment.yaml',
    '',
  ])('rejects %s', path => expect(isAnalyzerCandidate(path)).toBe(false));
});

describe('classifyFile', () => {
  it('names the report kind', () => {
    expect(classifyFile('a/b.Dockerfile')).toBe('dockerfile');
    expect(classifyFile('.github/workflows/ci.yml')).toBe('github-actions');
    expect(classifyFile('.gitlab-ci.yml')).toBe('gitlab-ci');
    expect(classifyFile('.circleci/config.yml')).toBe('circleci');
    expect(classifyFile('Jenkinsfile')).toBe('jenkinsfile');
    expect(classifyFile('docker-bake.hcl')).toBe('bake');
    expect(classifyFile('compose.yaml')).toBe('compose');
    expect(classifyFile('.dockerignore')).toBeNull();
    expect(classifyFile('ci/docker.yml')).toBeNull();
  });
});
