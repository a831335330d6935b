import { render, screen } from '@testing-library/react';
import App from './App';

describe('App (new frontend system)', () => {
  it('renders the guest sign-in page', async () => {
    process.env = {
      NODE_ENV: 'test',
      APP_CONFIG: [
        {
          data: {
            app: { title: 'Test' },
            backend: { baseUrl: 'http://localhost:7007' },
          },
          context: 'test',
        },
      ] as any,
    };
    render(App.createRoot());
    expect(await screen.findByText('Guest')).toBeInTheDocument();
  });
});
