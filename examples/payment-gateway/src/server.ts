import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { chooseAcquirer, PaymentRequest } from './payment.js';

const app = new Hono();

app.get('/healthz', c => c.json({ status: 'ok' }));

app.post('/v1/payments', async c => {
  const parsed = PaymentRequest.safeParse(await c.req.json());
  if (!parsed.success) {
    return c.json(
      { error: 'invalid_request', issues: parsed.error.issues },
      422,
    );
  }
  const acquirer = chooseAcquirer(parsed.data);
  // Forwarding to the acquirer adapters is done by the routing sidecar.
  return c.json({ status: 'accepted', acquirer }, 202);
});

const port = Number(process.env.PORT ?? 3000);
serve({ fetch: app.fetch, port });
console.log(`payment-gateway listening on :${port}`);
