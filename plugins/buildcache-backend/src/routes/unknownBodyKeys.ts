import { InputError } from '@backstage/errors';
import type { RequestHandler } from 'express';

interface SchemaLike {
  $ref?: string;
  properties?: Record<string, unknown>;
  additionalProperties?: unknown;
}

interface OperationLike {
  requestBody?: { content?: Record<string, { schema?: SchemaLike }> };
}

interface SpecLike {
  paths: Record<string, Record<string, OperationLike | unknown>>;
  components?: { schemas?: Record<string, unknown> };
}

interface ClosedBody {
  method: string;
  path: RegExp;
  keys: string[];
}

function resolve(spec: SpecLike, schema: SchemaLike): SchemaLike {
  const name = schema.$ref?.replace('#/components/schemas/', '');
  return (
    (name && (spec.components?.schemas?.[name] as SchemaLike | undefined)) ||
    schema
  );
}

/** Every operation whose JSON body is an object without additional keys. */
function closedBodies(spec: SpecLike): ClosedBody[] {
  const bodies: ClosedBody[] = [];
  for (const [path, operations] of Object.entries(spec.paths)) {
    const pattern = new RegExp(`^${path.replace(/\{[^}]+\}/g, '[^/]+')}/?$`);
    for (const [method, operation] of Object.entries(operations)) {
      const body = (operation as OperationLike | undefined)?.requestBody
        ?.content?.['application/json']?.schema;
      const schema = body && resolve(spec, body);
      if (schema?.additionalProperties === false && schema.properties) {
        bodies.push({
          method: method.toLocaleUpperCase('en-US'),
          path: pattern,
          keys: Object.keys(schema.properties),
        });
      }
    }
  }
  return bodies;
}

/**
 * Names the unknown fields of a request body. The OpenAPI validator rejects
 * them too, but only says "must NOT have additional properties"; this runs
 * before it, from the same spec, so the 400 names each field.
 */
export function rejectUnknownBodyKeys(spec: SpecLike): RequestHandler {
  const bodies = closedBodies(spec);
  return (req, _res, next) => {
    const body: unknown = req.body;
    if (!body || typeof body !== 'object' || Array.isArray(body)) {
      next();
      return;
    }
    const closed = bodies.find(
      b => b.method === req.method && b.path.test(req.path),
    );
    const unknown = closed
      ? Object.keys(body).filter(key => !closed.keys.includes(key))
      : [];
    if (closed && unknown.length > 0) {
      next(
        new InputError(
          `request/body has unknown ${
            unknown.length === 1 ? 'field' : 'fields'
          } ${unknown.join(', ')}; allowed: ${closed.keys.join(', ')}`,
        ),
      );
      return;
    }
    next();
  };
}
