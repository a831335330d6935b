import { TextFile } from '../model/text';
import { readGithubWorkflow } from './githubActions';
import { checkoutPathOf, workspaceToRepo } from './githubCheckout';
import { getIn, parseYaml, seqItems, type YamlSource } from './yamlDocument';

function yaml(text: string): YamlSource {
  const parsed = parseYaml(new TextFile('.github/workflows/ci.yml', text));
  if (!parsed.ok) throw new Error('bad yaml');
  return parsed.yaml;
}

function checkoutOf(steps: string[]): string | null {
  const y = yaml(['steps:', ...steps].join('\n'));
  return checkoutPathOf(y, seqItems(y, getIn(y, y.doc.contents, 'steps')));
}

describe('checkoutPathOf', () => {
  it('is the workspace without a checkout path', () => {
    expect(checkoutOf([])).toBe('');
    expect(checkoutOf(['  - uses: actions/checkout@v4'])).toBe('');
  });

  it("is this repository's checkout path; other repositories do not count", () => {
    expect(
      checkoutOf([
        '  - uses: actions/checkout@v4',
        '    with: { path: ./src/ }',
        '  - uses: actions/checkout@v4',
        '    with: { repository: acme/tools, path: tools }',
      ]),
    ).toBe('src');
  });

  it('is unknown for an expression or two different places', () => {
    expect(
      checkoutOf([
        '  - uses: actions/checkout@v4',
        '    with: { path: "${{ matrix.dir }}" }',
      ]),
    ).toBeNull();
    expect(
      checkoutOf([
        '  - uses: actions/checkout@v4',
        '  - uses: actions/checkout@v4',
        '    with: { path: b, repository: "${{ github.repository }}" }',
      ]),
    ).toBeNull();
  });
});

describe('workspaceToRepo', () => {
  it('drops the checkout path and refuses paths outside it', () => {
    expect(workspaceToRepo('src/api/Dockerfile', 'src')).toBe('api/Dockerfile');
    expect(workspaceToRepo('src', 'src')).toBe('');
    expect(workspaceToRepo('srcx/Dockerfile', 'src')).toBeNull();
    expect(workspaceToRepo('Dockerfile', '')).toBe('Dockerfile');
    expect(workspaceToRepo('Dockerfile', null)).toBeNull();
  });
});

describe('builds under a checkout path', () => {
  const workflow = (build: string[]) =>
    yaml(
      [
        'on: push',
        'jobs:',
        '  b:',
        '    runs-on: ubuntu-latest',
        '    steps:',
        '      - uses: actions/checkout@v4',
        '        with: { path: src }',
        ...build,
      ].join('\n'),
    );

  it('links shell builds run in the checkout or naming it', () => {
    const { builds } = readGithubWorkflow(
      workflow([
        '      - run: docker build -f docker/app.Dockerfile .',
        '        working-directory: src',
        '      - run: docker build -f src/Dockerfile src',
      ]),
      '.github/workflows/ci.yml',
    );
    expect(builds.map(b => [b.dockerfile, b.context])).toEqual([
      ['docker/app.Dockerfile', ''],
      ['Dockerfile', ''],
    ]);
  });

  it('keeps the Git context of build-push-action repository-relative', () => {
    const { builds } = readGithubWorkflow(
      workflow([
        '      - uses: docker/build-push-action@v6',
        '        with: { file: api/Dockerfile }',
        '      - uses: docker/build-push-action@v6',
        '        with: { context: src/api }',
      ]),
      '.github/workflows/ci.yml',
    );
    expect(builds.map(b => [b.dockerfile, b.context])).toEqual([
      ['api/Dockerfile', ''],
      ['api/Dockerfile', 'api'],
    ]);
  });

  it('reads local bake files from the checkout', () => {
    const { builds } = readGithubWorkflow(
      workflow([
        '      - uses: docker/bake-action@v6',
        '        with: { source: ., files: src/docker-bake.hcl }',
        '      - uses: docker/bake-action@v5',
        '        with: { workdir: src }',
      ]),
      '.github/workflows/ci.yml',
    );
    // the default lookup of the first runs in the workspace root, outside the repository
    expect(builds.map(b => [b.bake?.files, b.bake?.cwd])).toEqual([
      [['docker-bake.hcl'], null],
      [null, ''],
    ]);
  });
});
