import { screen } from '@testing-library/react';
import { renderDenied } from '../../__testUtils__/renderDenied';
import { WaiversContent } from './WaiversContent';

// A file of its own: usePermission caches decisions per module instance.
describe('WaiversContent without the waiver permission', () => {
  it('lists waivers but offers no removal', async () => {
    await renderDenied(
      <WaiversContent now={new Date('2030-01-10T12:00:00.000Z')} />,
    );
    expect(await screen.findByText('2 of 3 waivers')).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: /Remove waiver/ }),
    ).not.toBeInTheDocument();
  });
});
