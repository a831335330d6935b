import { stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { LEVELS } from '@buildcache/plugin-buildcache-common';
import { z } from 'zod';

/** Parses with the schema; a failure is a 400 naming each bad field. */
export function parseInput<S extends z.ZodTypeAny>(
  schema: S,
  value: unknown,
  where: 'path' | 'query' | 'body',
): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) {
    const problems = result.error.issues
      .map(issue => `${issue.path.join('.') || where}: ${issue.message}`)
      .join('; ');
    throw new InputError(`Invalid ${where} parameters: ${problems}`);
  }
  return result.data;
}

/** Built-in ids are BCnnnn; rules added by modules may use their own prefix. */
const RULE_ID = /^[A-Za-z][A-Za-z0-9_-]{1,15}$/;
const RULE_ID_MESSAGE = 'must be a rule id such as BC1005';

const refPart = z
  .string()
  .min(1)
  .max(253)
  .regex(
    /^[A-Za-z0-9._-]+$/,
    'must contain only letters, digits, ".", "_" and "-"',
  );

export const entityPathSchema = z.object({
  kind: refPart,
  namespace: refPart,
  name: refPart,
});

/** The entity ref of a `/v1/entities/:kind/:namespace/:name/...` route, lower-cased. */
export function entityRefFromPath(params: unknown): string {
  const { kind, namespace, name } = parseInput(entityPathSchema, params, 'path');
  return stringifyEntityRef({ kind, namespace, name }).toLocaleLowerCase(
    'en-US',
  );
}

export const historyQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

export const scanPathSchema = z.object({
  id: z.string().uuid(),
});

export const summaryQuerySchema = z.object({
  groupBy: z.enum(['owner', 'system', 'rule']).optional(),
});

export const servicesQuerySchema = z.object({
  owner: z.string().min(1).max(512).optional(),
  system: z.string().min(1).max(512).optional(),
  level: z.enum(LEVELS as [string, ...string[]]).optional(),
  ruleId: z.string().regex(RULE_ID, RULE_ID_MESSAGE).optional(),
  q: z.string().max(200).optional(),
  orderBy: z
    .enum(['name', 'owner', 'system', 'score', 'level', 'scannedAt'])
    .default('name'),
  order: z.enum(['asc', 'desc']).default('asc'),
  offset: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(500).default(25),
});

const ruleId = z.string().regex(RULE_ID, RULE_ID_MESSAGE);

/** `*`, or an entity ref written in full (`kind:namespace/name`). */
const waiverTarget = z
  .string()
  .max(512)
  .refine(
    value =>
      value === '*' || /^[a-z0-9_.-]+:[a-z0-9_.-]+\/[a-z0-9_.-]+$/i.test(value),
    'must be "*" or a full entity ref such as component:default/payments or group:default/team-a',
  );

export const waiverListQuerySchema = z.object({
  target: waiverTarget.optional(),
  ruleId: ruleId.optional(),
});

export const waiverPathSchema = z.object({ id: z.string().uuid() });

export const createWaiverSchema = z
  .object({
    target: waiverTarget.transform(v =>
      v === '*' ? v : v.toLocaleLowerCase('en-US'),
    ),
    ruleId,
    path: z.string().min(1).max(1024).nullable().optional(),
    reason: z
      .string()
      .trim()
      .min(3, 'must say why (at least 3 characters)')
      .max(2000),
    expiresAt: z.string().datetime({ offset: true }).nullable().optional(),
  })
  .strict();
