import { screen } from '@testing-library/react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { rootRouteRef } from '../../routes';
import { aptFinding, rules } from '../../__testUtils__/fixtures';
import { allowAllPermissionApi } from '../../__testUtils__/permissionApis';
import { FindingsByFile } from './FindingsByFile';

const rulesById = new Map(rules.map(rule => [rule.id, rule]));
const entity = {
  kind: 'component',
  namespace: 'default',
  name: 'payments-api',
};

function renderFindings(url: string | null, mounted = true) {
  return renderInTestApp(
    <TestApiProvider apis={[[permissionApiRef, allowAllPermissionApi()]]}>
      <FindingsByFile
        findings={[{ ...aptFinding, url }]}
        files={[
          {
            path: 'Dockerfile',
            kind: 'dockerfile',
            url: url && url.replace(/#L\d+$/, ''),
            combinedFix: null,
          },
        ]}
        rules={rulesById}
        entity={entity}
      />
    </TestApiProvider>,
    mounted ? { mountedRoutes: { '/buildcache': rootRouteRef } } : {},
  );
}

describe('FindingsByFile links', () => {
  it('links the rule id to its page and the line to the SCM', async () => {
    await renderFindings(aptFinding.url);
    expect(screen.getByRole('link', { name: 'BC1001' })).toHaveAttribute(
      'href',
      '/buildcache/rules/BC1001',
    );
    expect(
      screen.getByRole('link', { name: /^line 4 of Dockerfile/ }),
    ).toHaveAttribute('href', aptFinding.url);
  });

  it('opens lines without a web view in the portal source view', async () => {
    await renderFindings(null);
    expect(
      screen.getByRole('link', { name: /^line 4 of Dockerfile/ }),
    ).toHaveAttribute(
      'href',
      '/buildcache/source/default/component/payments-api?path=Dockerfile&line=4#L4',
    );
    expect(screen.getByRole('link', { name: 'Dockerfile' })).toHaveAttribute(
      'href',
      '/buildcache/source/default/component/payments-api?path=Dockerfile',
    );
  });

  it('shows plain text when the app has not mounted the buildcache page', async () => {
    await renderFindings(null, false);
    expect(screen.queryByRole('link', { name: 'BC1001' })).toBeNull();
    expect(screen.getByText('line 4')).toBeInTheDocument();
  });
});
