import { screen } from '@testing-library/react';
import { renderDenied } from '../../__testUtils__/renderDenied';
import { buildcacheTicketCreatePermission } from '@buildcache/plugin-buildcache-common';
import { scorecard } from '../../__testUtils__/fixtures';
import { TicketActions } from './TicketActions';

// A file of its own: usePermission caches decisions per module instance.
describe('TicketActions without the ticket permission', () => {
  it('offers neither a ticket nor a fix pull request', async () => {
    const authorize = await renderDenied(
      <TicketActions
        entityRef="component:default/payments-api"
        scorecard={scorecard}
        rules={new Map()}
        onFiled={jest.fn()}
      />,
    );
    expect(authorize.mock.calls[0][0]).toMatchObject({
      permission: buildcacheTicketCreatePermission,
      resourceRef: 'component:default/payments-api',
    });
    expect(screen.queryByRole('button')).not.toBeInTheDocument();
  });
});
