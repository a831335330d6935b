import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { productCard } from './catalog.js';

const app = new Hono();

app.get('/healthz', c => c.json({ status: 'ok' }));

app.get('/bff/products/:sku/card', async c => {
  const card = await productCard(c.req.param('sku'));
  return card ? c.json(card) : c.json({ error: 'not_found' }, 404);
});

serve({ fetch: app.fetch, port: Number(process.env.PORT ?? 8080) });
