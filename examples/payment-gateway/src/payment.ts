import { z } from 'zod';

export const PaymentRequest = z.object({
  merchantId: z.string().regex(/^m_[a-z0-9]{8,}$/),
  amountMinor: z.number().int().positive().max(10_000_000),
  currency: z.enum(['EUR', 'GBP', 'USD', 'SEK']),
  cardToken: z.string().startsWith('tok_'),
  idempotencyKey: z.string().uuid(),
});

export type PaymentRequest = z.infer<typeof PaymentRequest>;

/** Acquirer routing: SEK goes to the Nordic acquirer, everything else to the default one. */
export function chooseAcquirer(request: PaymentRequest): 'nordics' | 'default' {
  return request.currency === 'SEK' ? 'nordics' : 'default';
}
