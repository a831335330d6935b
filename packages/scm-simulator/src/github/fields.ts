import { fail } from './errors';

type Body = Record<string, unknown>;

function invalid(key: string, value: unknown, kind: string): never {
  return fail(
    422,
    `Invalid request.\n\nFor 'properties/${key}', ${JSON.stringify(
      value,
    )} is not ${kind}.`,
  );
}

function notSupplied(key: string): never {
  return fail(422, `Invalid request.\n\n"${key}" wasn't supplied.`);
}

export function requiredString(body: Body, key: string): string {
  const value = body[key];
  if (value === undefined) return notSupplied(key);
  if (typeof value !== 'string') return invalid(key, value, 'a string');
  return value;
}

export function optionalString(body: Body, key: string): string | undefined {
  const value = body[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') return invalid(key, value, 'a string');
  return value;
}

/** A string or null (GitHub accepts `body: null`). */
export function nullableString(
  body: Body,
  key: string,
): string | null | undefined {
  const value = body[key];
  if (value === null) return null;
  return optionalString(body, key);
}

export function optionalBoolean(body: Body, key: string): boolean | undefined {
  const value = body[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'boolean') return invalid(key, value, 'a boolean');
  return value;
}

/** Label lists: names or `{name}` objects. */
export function optionalLabels(body: Body, key: string): string[] | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) return invalid(key, value, 'an array');
  return value.map(item => {
    if (typeof item === 'string') return item;
    if (
      item &&
      typeof item === 'object' &&
      typeof (item as { name?: unknown }).name === 'string'
    ) {
      return (item as { name: string }).name;
    }
    return invalid(key, value, 'an array of label names');
  });
}

export function oneOf<T extends string>(
  value: string | undefined,
  key: string,
  allowed: readonly T[],
): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) {
    return fail(
      422,
      `Invalid request.\n\nFor 'properties/${key}', ${JSON.stringify(
        value,
      )} is not one of ${allowed.join(', ')}.`,
    );
  }
  return value as T;
}
