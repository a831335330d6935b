import { screen } from '@testing-library/react';
import { renderDenied } from '../../__testUtils__/renderDenied';
import { buildcacheComplianceReadPermission } from '@buildcache/plugin-buildcache-common';
import { CampaignButton } from './CampaignButton';

// A file of its own: usePermission caches decisions per module instance.
describe('CampaignButton without the compliance permission', () => {
  it('is not offered', async () => {
    const authorize = await renderDenied(
      <CampaignButton
        filter={{ owner: '', system: '', ruleId: '', level: '' }}
        owners={[]}
        systems={[]}
        rules={[]}
      />,
    );
    expect(authorize.mock.calls[0][0]).toMatchObject({
      permission: buildcacheComplianceReadPermission,
    });
    expect(screen.queryByRole('button')).not.toBeInTheDocument();
  });
});
