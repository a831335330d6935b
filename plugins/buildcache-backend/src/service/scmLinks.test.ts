import { mockServices } from '@backstage/backend-test-utils';
import { ScmIntegrations } from '@backstage/integration';
import { scmLineUrl } from './scmLinks';

const integrations = ScmIntegrations.fromConfig(
  mockServices.rootConfig({
    data: {
      integrations: {
        github: [
          { host: 'github.com' },
          {
            host: 'ghe.example.com',
            apiBaseUrl: 'https://ghe.example.com/api/v3',
          },
        ],
        gitlab: [
          {
            host: 'gitlab.example.com',
            apiBaseUrl: 'https://gitlab.example.com/api/v4',
          },
        ],
        bitbucketServer: [
          {
            host: 'bitbucket.example.com',
            apiBaseUrl: 'https://bitbucket.example.com/rest/api/1.0',
          },
        ],
        azure: [{ host: 'dev.azure.com' }],
      },
    },
  }),
);

describe('scmLineUrl', () => {
  it.each([
    [
      'GitHub',
      'https://github.com/acme/payments/tree/main/',
      'https://github.com/acme/payments/blob/main/docker/Dockerfile#L7',
    ],
    [
      'GitHub Enterprise',
      'https://ghe.example.com/acme/payments/tree/release/',
      'https://ghe.example.com/acme/payments/blob/release/docker/Dockerfile#L7',
    ],
    [
      'GitLab',
      'https://gitlab.example.com/group/sub/payments/-/tree/main/',
      'https://gitlab.example.com/group/sub/payments/-/blob/main/docker/Dockerfile#L7',
    ],
    [
      'Bitbucket Cloud',
      'https://bitbucket.org/acme/payments/src/main/',
      'https://bitbucket.org/acme/payments/src/main/docker/Dockerfile#lines-7',
    ],
    [
      'Bitbucket Server',
      'https://bitbucket.example.com/projects/PAY/repos/payments/browse/',
      'https://bitbucket.example.com/projects/PAY/repos/payments/browse/docker/Dockerfile#7',
    ],
    [
      'Azure DevOps',
      'https://dev.azure.com/acme/shop/_git/payments?path=/&version=GBmain',
      'https://dev.azure.com/acme/shop/_git/payments?path=%2Fdocker%2FDockerfile&version=GBmain&line=7&lineEnd=8&lineStartColumn=1&lineEndColumn=1',
    ],
  ])('links a line on %s', (_host, sourceUrl, expected) => {
    expect(scmLineUrl(integrations, sourceUrl, 'docker/Dockerfile', 7)).toBe(
      expected,
    );
  });

  it('links a whole file without a line anchor', () => {
    expect(
      scmLineUrl(
        integrations,
        'https://github.com/acme/payments/tree/main',
        '.github/workflows/ci.yml',
      ),
    ).toBe(
      'https://github.com/acme/payments/blob/main/.github/workflows/ci.yml',
    );
  });

  it('keeps a folder named tree inside the repository', () => {
    expect(
      scmLineUrl(
        integrations,
        'https://github.com/acme/payments/tree/main/tree/',
        'Dockerfile',
        1,
      ),
    ).toBe('https://github.com/acme/payments/blob/main/tree/Dockerfile#L1');
  });

  it('has no web link for local directories or a missing source', () => {
    expect(
      scmLineUrl(integrations, 'file:///srv/payments/', 'Dockerfile', 3),
    ).toBeNull();
    expect(scmLineUrl(integrations, null, 'Dockerfile', 3)).toBeNull();
  });
});
