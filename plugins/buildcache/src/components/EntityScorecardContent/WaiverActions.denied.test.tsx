import { screen } from '@testing-library/react';
import { renderDenied } from '../../__testUtils__/renderDenied';
import { aptFinding, exportFinding } from '../../__testUtils__/fixtures';
import { WaiverActions } from './WaiverActions';

// A file of its own: usePermission caches decisions per module instance.
describe('WaiverActions without the waiver permission', () => {
  it('offers neither waiving nor removing a waiver', async () => {
    await renderDenied(
      <>
        <WaiverActions
          finding={aptFinding}
          scope={{ entityRef: 'component:default/payments-api' }}
          onChanged={jest.fn()}
        />
        <WaiverActions
          finding={exportFinding}
          scope={{ entityRef: 'component:default/payments-api' }}
          onChanged={jest.fn()}
        />
      </>,
    );
    expect(screen.queryByRole('button')).not.toBeInTheDocument();
  });
});
